using Microsoft.EntityFrameworkCore;

namespace SecurityPortal.Data.SqlServer;

public static class SqlServerProvider
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlServer(connectionString, o => o
            .MigrationsAssembly(typeof(SqlServerProvider).Assembly.GetName().Name)
            .EnableRetryOnFailure(maxRetryCount: 6, maxRetryDelay: TimeSpan.FromSeconds(30), errorNumbersToAdd: null));
}
