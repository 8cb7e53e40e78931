using Microsoft.EntityFrameworkCore;

namespace SecurityPortal.Data.SqlServer;

public static class SqlServerProvider
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString, DatabaseOptions? options = null)
    {
        options ??= new DatabaseOptions();
        return builder.UseSqlServer(connectionString, o => o
            .MigrationsAssembly(typeof(SqlServerProvider).Assembly.GetName().Name)
            .EnableRetryOnFailure(options.RetryCount, TimeSpan.FromSeconds(options.RetryMaxDelaySeconds), errorNumbersToAdd: null));
    }
}
