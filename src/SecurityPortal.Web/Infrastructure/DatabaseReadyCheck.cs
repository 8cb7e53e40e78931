using Microsoft.Extensions.Diagnostics.HealthChecks;
using SecurityPortal.Data;

namespace SecurityPortal.Web.Infrastructure;

/// <summary>Ready = the database answers and its schema is current.</summary>
public sealed class DatabaseReadyCheck(DatabaseStatus status, PortalDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!await status.EnsureSchemaAsync(cancellationToken))
        {
            return HealthCheckResult.Unhealthy("database unavailable or migrations pending");
        }

        try
        {
            return await db.Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : Unavailable();
        }
        catch (Exception ex) when (DatabaseUnavailableMiddleware.IsDatabaseUnavailable(ex))
        {
            return Unavailable();
        }

        HealthCheckResult Unavailable()
        {
            status.MarkUnavailable();
            return HealthCheckResult.Unhealthy("database unavailable");
        }
    }
}
