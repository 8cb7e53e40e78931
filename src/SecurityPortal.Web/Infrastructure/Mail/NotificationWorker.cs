namespace SecurityPortal.Web.Infrastructure.Mail;

/// <summary>
/// Loops in the background: the outbox sender (every <see cref="MailOptions.PollSeconds"/>), the reminder scan
/// (every <see cref="ReminderOptions.ScanMinutes"/>), the daily figures (checked hourly, written once a day) and the website watch
/// (every <see cref="Websites.WebsiteWatchOptions.PollSeconds"/>). A failure — a database that is down, an SMTP server that refuses —
/// is logged and the loop goes on; the work waits in the database, not in memory.
/// </summary>
public sealed class NotificationWorker(
    IServiceScopeFactory scopes, MailOptions mail, ReminderOptions reminders, Reporting.DashboardOptions dashboard, Websites.WebsiteWatchOptions websites,
    DatabaseStatus database, ILogger<NotificationWorker> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loops = new List<Task>();
        if (mail.SenderEnabled)
        {
            if (!mail.IsConfigured)
            {
                logger.LogWarning("No mail server is configured (Mail:Host); e-mails stay queued until one is");
            }

            loops.Add(LoopAsync(TimeSpan.FromSeconds(Math.Max(1, mail.PollSeconds)), async (services, ct) =>
            {
                // Keep sending while full batches come back, then pause.
                while (await services.GetRequiredService<OutboxSender>().SendDueAsync(ct) >= Math.Max(1, mail.BatchSize) && !ct.IsCancellationRequested)
                {
                }
            }, "mail sender", stoppingToken));
        }

        if (reminders.WorkerEnabled)
        {
            loops.Add(LoopAsync(TimeSpan.FromMinutes(Math.Max(1, reminders.ScanMinutes)),
                (services, ct) => services.GetRequiredService<ReminderScanner>().RunAsync(ct), "reminder scan", stoppingToken));
        }

        if (dashboard.SnapshotEnabled)
        {
            loops.Add(LoopAsync(TimeSpan.FromHours(1),
                (services, ct) => services.GetRequiredService<Reporting.FigureSnapshotWriter>().WriteTodayAsync(ct), "daily figures", stoppingToken));
        }

        if (websites.WorkerEnabled)
        {
            loops.Add(LoopAsync(TimeSpan.FromSeconds(Math.Max(5, websites.PollSeconds)), async (services, ct) =>
            {
                // Keep going while full batches come back (a province's first round), then pause.
                while (await services.GetRequiredService<Websites.WebsiteWatchService>().RunDueAsync(ct) >= Math.Max(1, websites.BatchSize) && !ct.IsCancellationRequested)
                {
                }
            }, "website watch", stoppingToken));
        }

        return Task.WhenAll(loops);
    }

    private async Task LoopAsync(TimeSpan every, Func<IServiceProvider, CancellationToken, Task> work, string name, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(every);
        // Nothing runs before the start-up migration has brought the schema up to date (a fresh database at first start).
        while (!database.SchemaCurrent)
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
                await work(scope.ServiceProvider, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "The {Loop} failed; it tries again in {Seconds} s", name, every.TotalSeconds);
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

public static class MailSetup
{
    public static void AddPortalMail(this WebApplicationBuilder builder)
    {
        var mail = builder.Configuration.GetSection(MailOptions.SectionName).Get<MailOptions>() ?? new MailOptions();
        if (mail.Mode is not ("Smtp" or "Folder" or "Off"))
        {
            throw new PortalConfigurationException($"Mail:Mode phải là Smtp, Folder hoặc Off (đang là «{mail.Mode}»).");
        }

        builder.Services.AddSingleton(mail);
        builder.Services.AddSingleton(builder.Configuration.GetSection(ReminderOptions.SectionName).Get<ReminderOptions>() ?? new ReminderOptions());
        builder.Services.AddSingleton<MailComposer>();
        builder.Services.AddScoped<MailQueueInterceptor>();
        if (mail.Mode.Equals("Folder", StringComparison.OrdinalIgnoreCase))
        {
            builder.Services.AddSingleton<IMailTransport, FolderMailTransport>();
        }
        else
        {
            builder.Services.AddSingleton<IMailTransport, SmtpMailTransport>();
        }

        builder.Services.AddScoped<OutboxSender>();
        builder.Services.AddScoped<ReminderScanner>();
        builder.Services.AddHostedService<NotificationWorker>();
    }
}
