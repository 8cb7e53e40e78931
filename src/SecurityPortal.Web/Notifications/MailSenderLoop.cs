using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Infrastructure.Background;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Web.Notifications;

/// <summary>Sends the outbox every <see cref="MailOptions.PollSeconds"/> (<c>Mail:SenderEnabled</c>).</summary>
public sealed class MailSenderLoop(IServiceScopeFactory scopes, MailOptions mail, DatabaseStatus database, TimeProvider clock, ILogger<MailSenderLoop> logger)
    : PortalLoop(scopes, database, clock, logger)
{
    protected override string Name => "mail sender";

    public override bool Enabled => mail.SenderEnabled;

    protected override TimeSpan Every => TimeSpan.FromSeconds(mail.PollSeconds);

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (Enabled && !mail.IsConfigured)
        {
            logger.LogWarning("No mail server is configured (Mail:Host); e-mails stay queued until one is");
        }

        return base.ExecuteAsync(stoppingToken);
    }

    protected override async Task RunAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        // Keep sending while full batches come back, then pause.
        while (await services.GetRequiredService<OutboxSender>().SendDueAsync(cancellationToken) >= mail.BatchSize
               && !cancellationToken.IsCancellationRequested)
        {
        }
    }
}
