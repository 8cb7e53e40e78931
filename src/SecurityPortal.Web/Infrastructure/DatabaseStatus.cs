using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;

namespace SecurityPortal.Web.Infrastructure;

/// <summary>
/// Brings the database to the current schema on start (when configured) and reports readiness:
/// ready only when the database answers and no migration is pending.
/// </summary>
public sealed class DatabaseStatus(IServiceScopeFactory scopes, DatabaseOptions options, ILogger<DatabaseStatus> logger) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private static readonly TimeSpan RetryPause = TimeSpan.FromSeconds(5);
    private volatile bool _schemaCurrent;
    private volatile bool _startupFinished;
    private long _lastFailureTicks;

    public bool SchemaCurrent => _schemaCurrent;

    /// <summary>
    /// The start-up work (migration, reference data, the demo province, the first administrator) has finished. The
    /// background loops wait for it, so the first daily figures count the seeded province, not a half-seeded one.
    /// </summary>
    public bool StartupFinished => _startupFinished;

    public void MarkStartupFinished() => _startupFinished = true;

    public void Dispose() => _gate.Dispose();

    /// <summary>Called when a request finds the database gone; the next requests re-check it.</summary>
    public void MarkUnavailable()
    {
        _schemaCurrent = false;
        Interlocked.Exchange(ref _lastFailureTicks, Environment.TickCount64);
    }

    /// <summary>Migrates (if allowed) and checks for pending migrations. Never throws: failures are logged and retried later.</summary>
    public async Task<bool> EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (_schemaCurrent)
        {
            return true;
        }

        var lastFailure = Interlocked.Read(ref _lastFailureTicks);
        if (lastFailure != 0 && Environment.TickCount64 - lastFailure < RetryPause.TotalMilliseconds)
        {
            return false;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_schemaCurrent)
            {
                return true;
            }

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
            if (options.ShouldMigrateOnStartup)
            {
                await db.Database.MigrateAsync(cancellationToken);
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            if (pending.Count > 0)
            {
                logger.LogError(
                    "Database has {Count} pending migrations and Database:MigrateOnStartup is off; the portal is not ready. Apply the idempotent script (docs/database.md).",
                    pending.Count);
                MarkUnavailable();
                return false;
            }

            Interlocked.Exchange(ref _lastFailureTicks, 0);
            _schemaCurrent = true;
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Database is not reachable or could not be migrated; the portal will retry");
            MarkUnavailable();
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }
}
