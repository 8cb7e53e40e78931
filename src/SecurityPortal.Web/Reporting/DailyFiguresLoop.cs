using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Infrastructure.Background;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Web.Reporting;

/// <summary>Writes the day's figures: checked hourly, written once a day (<c>Dashboard:SnapshotEnabled</c>).</summary>
public sealed class DailyFiguresLoop(IServiceScopeFactory scopes, DashboardOptions dashboard, DatabaseStatus database, TimeProvider clock, ILogger<DailyFiguresLoop> logger)
    : PortalLoop(scopes, database, clock, logger)
{
    protected override string Name => "daily figures";

    public override bool Enabled => dashboard.SnapshotEnabled;

    protected override TimeSpan Every => TimeSpan.FromHours(1);

    protected override Task RunAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<FigureSnapshotWriter>().WriteTodayAsync(cancellationToken);
}
