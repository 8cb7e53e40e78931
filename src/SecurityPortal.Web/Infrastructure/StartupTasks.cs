using Microsoft.AspNetCore.Identity;
using SecurityPortal.Data;
using SecurityPortal.Data.Identity;
using SecurityPortal.Data.Seeding;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Web.Infrastructure;

/// <summary>
/// On start: bring the schema up to date (when allowed), seed the roles, the demo province when asked,
/// and the first administrator when the Bootstrap__Admin* variables are set. A database that is down
/// does not stop the portal: it keeps answering 503 and finishes this work once the database returns.
/// Uploads a crash interrupted are swept away first; stored files no record names (a crash between a file and its
/// row) are swept last, only once the database has answered, so they are never judged against a database that is down.
/// </summary>
public sealed class StartupTasks(
    DatabaseStatus status, IServiceScopeFactory scopes, SeedOptions seed, IConfiguration configuration,
    Files.FileStore files, TimeProvider clock, ILogger<StartupTasks> logger)
    : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task? _retry;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        files.SweepTemporaryFiles(clock.GetUtcNow().UtcDateTime);
        if (await TryRunAsync(cancellationToken))
        {
            return;
        }

        _retry = Task.Run(() => RetryAsync(_stopping.Token), CancellationToken.None);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_retry is null)
        {
            return;
        }

        try
        {
            await _stopping.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            // Disposed before it was stopped (a host torn down at once): the retry loop ends with its token.
            return;
        }

        await Task.WhenAny(_retry, Task.Delay(Timeout.Infinite, cancellationToken));
    }

    public void Dispose()
    {
        // The retry loop may still be waiting on the token: cancel it before the source goes.
        if (!_stopping.IsCancellationRequested)
        {
            _stopping.Cancel();
        }

        _stopping.Dispose();
    }

    private async Task RetryAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (await TryRunAsync(cancellationToken))
            {
                return;
            }
        }
    }

    private async Task<bool> TryRunAsync(CancellationToken cancellationToken)
    {
        if (!await status.EnsureSchemaAsync(cancellationToken))
        {
            return false;
        }

        await using var scope = scopes.CreateAsyncScope();
        var seeder = scope.ServiceProvider.GetRequiredService<PortalSeeder>();
        await seeder.SeedReferenceDataAsync(cancellationToken);
        if (seed.Demo)
        {
            var created = await seeder.SeedDemoAsync(seed.DemoPassword, cancellationToken);
            logger.LogInformation("Demo province seeded ({Created} new records)", created);
        }

        var adminEmail = configuration["Bootstrap:AdminEmail"];
        var adminPassword = configuration["Bootstrap:AdminPassword"];
        if (!string.IsNullOrWhiteSpace(adminEmail) && !string.IsNullOrWhiteSpace(adminPassword))
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var result = await AdminCommand.CreateAdministratorAsync(users, adminEmail, configuration["Bootstrap:AdminName"] ?? adminEmail, adminPassword);
            logger.LogInformation("Bootstrap administrator: {Result}", result);
        }

        await SweepOrphanFilesAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), cancellationToken);
        await QueryStatistics.RefreshAsync(scope.ServiceProvider.GetRequiredService<PortalDbContext>(), cancellationToken);
        status.MarkStartupFinished();
        return true;
    }

    /// <summary>A failed sweep is logged and never stops the portal: the files stay until the next start.</summary>
    private async Task SweepOrphanFilesAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await files.SweepOrphansAsync(db, clock.GetUtcNow().UtcDateTime, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning(ex, "The sweep of stored files no record names failed; it is tried again at the next start");
        }
    }
}
