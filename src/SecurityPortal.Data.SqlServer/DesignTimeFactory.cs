using Microsoft.EntityFrameworkCore;

namespace SecurityPortal.Data.SqlServer;

public sealed class DesignTimeFactory : DesignTimeFactoryBase
{
    protected override void Configure(DbContextOptionsBuilder builder) =>
        SqlServerProvider.Configure(builder, "Server=(design-time);Database=SecurityPortal;Integrated Security=true;TrustServerCertificate=true");
}
