using Microsoft.EntityFrameworkCore;

namespace SecurityPortal.Data.PostgreSql;

public static class PostgreSqlProvider
{
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(connectionString, o => o
            .MigrationsAssembly(typeof(PostgreSqlProvider).Assembly.GetName().Name)
            .EnableRetryOnFailure(maxRetryCount: 6, maxRetryDelay: TimeSpan.FromSeconds(30), errorCodesToAdd: null));
}
