using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Infrastructure.Background;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Web.WebsiteWatch;

/// <summary>Probes the due websites every <see cref="WebsiteWatchOptions.PollSeconds"/> (<c>WebsiteWatch:WorkerEnabled</c>).</summary>
public sealed class WebsiteWatchLoop(
    IServiceScopeFactory scopes, WebsiteWatchOptions websites, DatabaseStatus database, TimeProvider clock, ILogger<WebsiteWatchLoop> logger)
    : PortalLoop(scopes, database, clock, logger)
{
    protected override string Name => "website watch";

    public override bool Enabled => websites.WorkerEnabled;

    protected override TimeSpan Every => TimeSpan.FromSeconds(websites.PollSeconds);

    protected override async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        // Keep going while full batches come back (a province's first round), then pause.
        while (await services.GetRequiredService<WebsiteWatchService>().RunDueAsync(cancellationToken) >= Math.Max(1, websites.BatchSize)
               && !cancellationToken.IsCancellationRequested)
        {
        }
    }
}
