using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Infrastructure.Background;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Web.Notifications;

/// <summary>Scans for due reminders every <see cref="ReminderOptions.ScanMinutes"/> (<c>Notifications:WorkerEnabled</c>).</summary>
public sealed class ReminderLoop(IServiceScopeFactory scopes, ReminderOptions reminders, DatabaseStatus database, TimeProvider clock, ILogger<ReminderLoop> logger)
    : PortalLoop(scopes, database, clock, logger)
{
    protected override string Name => "reminder scan";

    public override bool Enabled => reminders.WorkerEnabled;

    protected override TimeSpan Every => TimeSpan.FromMinutes(reminders.ScanMinutes);

    protected override Task RunAsync(IServiceProvider services, CancellationToken cancellationToken) =>
        services.GetRequiredService<ReminderScanner>().RunAsync(cancellationToken);
}
