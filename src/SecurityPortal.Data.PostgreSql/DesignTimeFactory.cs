using Microsoft.EntityFrameworkCore;

namespace SecurityPortal.Data.PostgreSql;

public sealed class DesignTimeFactory : DesignTimeFactoryBase
{
    protected override void Configure(DbContextOptionsBuilder builder) =>
        PostgreSqlProvider.Configure(builder, "Host=localhost;Database=securityportal_design");
}
