using Microsoft.EntityFrameworkCore;

namespace SecurityPortal.Data.Sqlite;

public static class SqliteProvider
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlite(connectionString, o => o.MigrationsAssembly(typeof(SqliteProvider).Assembly.GetName().Name));
}
