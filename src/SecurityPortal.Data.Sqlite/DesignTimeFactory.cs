using Microsoft.EntityFrameworkCore;

namespace SecurityPortal.Data.Sqlite;

public sealed class DesignTimeFactory : DesignTimeFactoryBase
{
    protected override void Configure(DbContextOptionsBuilder builder) =>
        SqliteProvider.Configure(builder, "Data Source=design-time.db");
}
