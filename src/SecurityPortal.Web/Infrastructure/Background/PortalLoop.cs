using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SecurityPortal.Web.Infrastructure.Background;

/// <summary>
/// One background loop: it waits for the start-up migration, then runs its work every <see cref="Every"/>. A failure — a
/// database that is down, an SMTP server that refuses — is logged and the loop goes on; the work waits in the database, not
/// in memory. What it last did is kept for its health check (<see cref="LoopHealthCheck{TLoop}"/>).
/// </summary>
public abstract class PortalLoop(IServiceScopeFactory scopes, DatabaseStatus database, TimeProvider clock, ILogger logger) : BackgroundService
{
    /// <summary>The tag of the loops' health checks: not "ready", so a loop never decides whether the portal takes requests.</summary>
    public const string HealthTag = "loop";

    private readonly Lock gate = new();
    private DateTimeOffset? lastSuccess;
    private DateTimeOffset? lastFailure;
    private string? lastError;

    /// <summary>As the logs name it ("mail sender").</summary>
    protected abstract string Name { get; }

    /// <summary>Its setting: tests and single-purpose hosts switch a loop off.</summary>
    public abstract bool Enabled { get; }

    protected abstract TimeSpan Every { get; }

    /// <summary>One round of the work, in a scope of its own.</summary>
    protected abstract Task RunAsync(IServiceProvider services, CancellationToken cancellationToken);

    /// <summary>The last successful round, the last failed one and its error.</summary>
    public (DateTimeOffset? LastSuccess, DateTimeOffset? LastFailure, string? LastError) LastRuns()
    {
        lock (gate)
        {
            return (lastSuccess, lastFailure, lastError);
        }
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Enabled ? LoopAsync(stoppingToken) : Task.CompletedTask;

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every);
        // Nothing runs before the start-up work has finished: the schema is up to date (a fresh database at first start)
        // and the seed is in (the first daily figures count the demo province).
        while (!database.StartupFinished)
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await RunAsync(scope.ServiceProvider, stoppingToken);
                lock (gate)
                {
                    lastSuccess = clock.GetUtcNow();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                lock (gate)
                {
                    (lastFailure, lastError) = (clock.GetUtcNow(), ex.Message);
                }

                logger.LogWarning(ex, "The {Loop} failed; it tries again in {Seconds} s", Name, Every.TotalSeconds);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

/// <summary>
/// A loop's health: healthy while switched off, before its first round and after a successful one; degraded while its last
/// round failed, with when and why. Tagged <see cref="PortalLoop.HealthTag"/>, so /health/live and /health/ready do not include it.
/// </summary>
public sealed class LoopHealthCheck<TLoop>(TLoop loop) : IHealthCheck
    where TLoop : PortalLoop
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!loop.Enabled)
        {
            return Task.FromResult(HealthCheckResult.Healthy("switched off"));
        }

        var (success, failure, error) = loop.LastRuns();
        return Task.FromResult(failure is { } failed && (success is null || failed > success)
            ? HealthCheckResult.Degraded($"last round failed at {failed:O}: {error}")
            : HealthCheckResult.Healthy(success is { } done ? $"last round succeeded at {done:O}" : "no round yet"));
    }
}

public static class PortalLoops
{
    /// <summary>Runs the loop as a hosted service and adds its health check, named after it.</summary>
    public static IServiceCollection AddPortalLoop<TLoop>(this IServiceCollection services, string healthCheckName)
        where TLoop : PortalLoop
    {
        services.AddSingleton<TLoop>();
        services.AddHostedService(provider => provider.GetRequiredService<TLoop>());
        services.AddHealthChecks().AddCheck<LoopHealthCheck<TLoop>>(healthCheckName, tags: [PortalLoop.HealthTag]);
        return services;
    }
}
