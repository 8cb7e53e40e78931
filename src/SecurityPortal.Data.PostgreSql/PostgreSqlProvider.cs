using Microsoft.EntityFrameworkCore;

namespace SecurityPortal.Data.PostgreSql;

public static class PostgreSqlProvider
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString, DatabaseOptions? options = null)
    {
        options ??= new DatabaseOptions();
        return builder.UseNpgsql(connectionString, o => o
            .MigrationsAssembly(typeof(PostgreSqlProvider).Assembly.GetName().Name)
            .EnableRetryOnFailure(options.RetryCount, TimeSpan.FromSeconds(options.RetryMaxDelaySeconds), errorCodesToAdd: null));
    }
}
