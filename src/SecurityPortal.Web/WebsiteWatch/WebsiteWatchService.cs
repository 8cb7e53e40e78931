using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Incidents;
using SecurityPortal.Domain.Notifications;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Domain.Websites;
using SecurityPortal.Web.Notifications;
using SecurityPortal.Web.Observability;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Web.WebsiteWatch;

/// <summary>
/// Runs the website watch: keeps one watch per public website of every system in operation, claims due checks with
/// a lease (a conditional UPDATE, so with several instances each check runs once), probes with bounded concurrency,
/// records each result, opens tasks for critical findings and notifies the agency.
/// </summary>
public sealed class WebsiteWatchService(
    IServiceScopeFactory scopes, PortalDbContext db, WebsiteProber prober, WebsiteTasks tasks, Notifier notifier, WebsiteWatchOptions options,
    TimeProvider clock, ILogger<WebsiteWatchService> logger)
{
    public const string SystemActorId = "system";
    public const string SystemActorName = "Giám sát trang web";

    /// <summary>Adds a watch for every public website of a system not decommissioned; retires the ones no longer registered.</summary>
    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var endpoints = await (from e in db.SystemEndpoints.AsNoTracking()
                               join s in db.InformationSystems on e.SystemId equals s.Id
                               where e.IsPublic && s.Lifecycle != LifecycleStatus.Decommissioned
                               select new { e.SystemId, e.Url }).ToListAsync(cancellationToken);
        var wanted = endpoints.Select(e => (e.SystemId, Url: e.Url.Trim())).Where(e => SystemEndpoint.IsValidUrl(e.Url)).ToHashSet();
        var watches = await db.WatchedWebsites.ToListAsync(cancellationToken);
        var known = watches.ToDictionary(w => (w.SystemId, w.Url));
        foreach (var watch in watches)
        {
            var registered = wanted.Contains((watch.SystemId, watch.Url));
            if (!registered && watch.Active)
            {
                watch.Retire();
            }
            else if (registered && !watch.Active)
            {
                watch.Reactivate(now);
            }
        }

        foreach (var (systemId, url) in wanted.Where(w => !known.ContainsKey(w)))
        {
            db.WatchedWebsites.Add(new WatchedWebsite(systemId, url, now));
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex) || ex is DbUpdateConcurrencyException)
        {
            // Another instance synchronised at the same moment; its result stands and the next round starts afresh.
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Synchronises only when a public website has no watch yet (one indexed query otherwise), so lists show new sites at once.</summary>
    public async Task SyncIfNeededAsync(CancellationToken cancellationToken)
    {
        var missing = await (from e in db.SystemEndpoints
                             join s in db.InformationSystems on e.SystemId equals s.Id
                             where e.IsPublic && s.Lifecycle != LifecycleStatus.Decommissioned
                                   && !db.WatchedWebsites.Any(w => w.SystemId == e.SystemId && w.Url == e.Url)
                             select e.Id).AnyAsync(cancellationToken);
        if (missing)
        {
            await SyncAsync(cancellationToken);
        }
    }

    /// <summary>Checks every due website (one batch), <see cref="WebsiteWatchOptions.Concurrency"/> at a time. Returns how many ran.</summary>
    public async Task<int> RunDueAsync(CancellationToken cancellationToken)
    {
        await SyncAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.WatchedWebsites.AsNoTracking()
            .Where(w => w.Active && w.NextCheckUtc <= now && (w.LeaseUntilUtc == null || w.LeaseUntilUtc < now))
            .OrderBy(w => w.NextCheckUtc).Select(w => w.Id).Take(options.BatchSize).ToListAsync(cancellationToken);
        var claimed = new List<(Guid Id, Guid Token)>();
        foreach (var id in due)
        {
            if (await ClaimAsync(id, requireDue: true, cancellationToken) is { } token)
            {
                claimed.Add((id, token));
            }
        }

        await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken },
            async (item, ct) =>
            {
                await using var scope = scopes.CreateAsyncScope();
                try
                {
                    await scope.ServiceProvider.GetRequiredService<WebsiteWatchService>().CheckClaimedAsync(item.Id, item.Token, ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    // One site's failure never stops the others; the lease runs out and the site is tried again.
                    logger.LogWarning(ex, "The check of website {WatchId} failed", item.Id);
                }
            });
        return claimed.Count;
    }

    /// <summary>A reviewer's «Kiểm tra ngay»: runs at once unless another check of the site is running.</summary>
    public async Task<bool> CheckNowAsync(Guid watchId, CancellationToken cancellationToken)
    {
        if (await ClaimAsync(watchId, requireDue: false, cancellationToken) is not { } token)
        {
            return false;
        }

        await CheckClaimedAsync(watchId, token, cancellationToken);
        return true;
    }

    private async Task<Guid?> ClaimAsync(Guid id, bool requireDue, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var token = Guid.NewGuid();
        var leaseUntil = now.AddSeconds(Math.Max(30, options.CheckTimeoutSeconds * 2));
        var won = await db.WatchedWebsites
            .Where(w => w.Id == id && w.Active && (!requireDue || w.NextCheckUtc <= now) && (w.LeaseUntilUtc == null || w.LeaseUntilUtc < now))
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.LeaseToken, token).SetProperty(w => w.LeaseUntilUtc, leaseUntil), cancellationToken);
        return won == 1 ? token : null;
    }

    private async Task CheckClaimedAsync(Guid watchId, Guid token, CancellationToken cancellationToken)
    {
        var url = await db.WatchedWebsites.AsNoTracking().Where(w => w.Id == watchId).Select(w => w.Url).SingleAsync(cancellationToken);
        var probe = await prober.ProbeAsync(url, cancellationToken);

        for (var attempt = 0; ; attempt++)
        {
            db.ChangeTracker.Clear();
            var watch = await db.WatchedWebsites.SingleAsync(w => w.Id == watchId, cancellationToken);
            if (watch.LeaseToken != token)
            {
                logger.LogWarning("The lease on website {WatchId} was lost; its result is dropped", watchId);
                return;
            }

            var inventory = await db.SoftwareComponents.AsNoTracking().Where(c => c.SystemId == watch.SystemId)
                .Select(c => new RegisteredSoftware(c.Product, c.Version)).ToListAsync(cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var outcome = WebsiteAnalysis.Analyze(probe, watch.Baseline, inventory, options.ToRules(), watch.DownSinceUtc, now);
            var check = new WebsiteCheck(watch.Id, watch.SystemId, probe, outcome);
            db.WebsiteChecks.Add(check);
            var wasAlert = watch.AlertCheckId is not null;
            var wasHealth = watch.Health;
            watch.Record(check, outcome, now, options.NextAfter(outcome));
            await FollowUpAsync(watch, outcome, wasHealth, wasAlert, cancellationToken);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                PortalTelemetry.WebsiteCheck(outcome.Health.ToString());
                return;
            }
            catch (DbUpdateConcurrencyException) when (attempt == 0)
            {
                // A person accepted a baseline meanwhile: judge the same facts again against it.
            }
        }
    }

    /// <summary>Critical findings open their task; the agency (and reviewers for a defacement) hear of what got worse.</summary>
    private async Task FollowUpAsync(WatchedWebsite watch, CheckOutcome outcome, SiteHealth wasHealth, bool wasAlert, CancellationToken cancellationToken)
    {
        var system = await db.InformationSystems.AsNoTracking().SingleAsync(s => s.Id == watch.SystemId, cancellationToken);
        var opened = new List<string>();
        if (options.AutomaticTasks)
        {
            foreach (var finding in outcome.Findings.Where(f => f.OpensTaskByItself))
            {
                if (await tasks.OpenAsync(watch, finding, SystemActorId, SystemActorName, cancellationToken) is { IsNew: true })
                {
                    opened.Add(finding.Message);
                }
            }
        }

        var link = $"/Websites/Details/{watch.Id}";
        if (!wasAlert && watch.AlertCheckId is not null)
        {
            var text = $"Trang web {watch.Url} của «{system.Name}» có dấu hiệu bị thay đổi giao diện trái phép; cần xác nhận.";
            await notifier.AgencyOfficersAsync(system, NotificationKind.WebsiteAlert, text, link, null, cancellationToken);
            await notifier.ReviewersAsync(NotificationKind.WebsiteAlert, text, link, null, cancellationToken);
        }
        else if (outcome.Health == SiteHealth.Critical && (wasHealth != SiteHealth.Critical || opened.Count > 0))
        {
            var text = $"Trang web {watch.Url} của «{system.Name}» có vấn đề nghiêm trọng: {string.Join(" ", outcome.Findings.Where(f => f.Severity == FindingSeverity.Critical).Select(f => f.Message))}";
            await notifier.AgencyOfficersAsync(system, NotificationKind.WebsiteAlert, BoundedText.Clip(text, 480), link, null, cancellationToken);
        }
    }
}

/// <summary>Turns a website finding into a remediation task — at most one open task per site and kind of finding.</summary>
public sealed class WebsiteTasks(PortalDbContext db, RemediationOptions remediation, TimeProvider clock)
{
    public sealed record Opened(RemediationTask Task, bool IsNew);

    /// <summary>The stable key of a kind of finding on a site, stored as the task's source item.</summary>
    public static Guid FindingKey(Guid watchId, FindingCode code)
    {
        var bytes = watchId.ToByteArray();
        var codeBytes = BitConverter.GetBytes((int)code + 1);
        for (var i = 0; i < codeBytes.Length; i++)
        {
            bytes[12 + i] ^= codeBytes[i];
        }

        return new Guid(bytes);
    }

    public async Task<Opened> OpenAsync(WatchedWebsite watch, WebsiteFinding finding, string userId, string userName, CancellationToken cancellationToken)
    {
        var key = FindingKey(watch.Id, finding.Code);
        var existing = db.RemediationTasks.Local.FirstOrDefault(t => t.SourceItemId == key && t.IsOpen)
            ?? await db.RemediationTasks.FirstOrDefaultAsync(
                t => t.Source == TaskSource.WebsiteCheck && t.SourceItemId == key && t.Status != RemediationStatus.Verified && t.Status != RemediationStatus.Cancelled,
                cancellationToken);
        if (existing is not null)
        {
            return new Opened(existing, false);
        }

        var severity = finding.Severity == FindingSeverity.Critical ? TaskSeverity.Critical : TaskSeverity.Medium;
        var task = new RemediationTask(
            watch.SystemId, WebsiteText.TaskTitle(finding.Code, watch.Url),
            BoundedText.Clip($"{finding.Message}{(finding.Detail is null ? "" : $" ({finding.Detail})")} Phát hiện khi giám sát {watch.Url}.", RemediationTask.TextMaxLength),
            TaskSource.WebsiteCheck, watch.Id, key, finding.RequirementCode, severity,
            RemediationTask.DefaultDueDate(severity, VietnamTime.Today(clock), remediation.DueDays), userId, clock.GetUtcNow().UtcDateTime, userName);
        db.RemediationTasks.Add(task);
        return new Opened(task, true);
    }

    /// <summary>A confirmed defacement: a serious incident of kind «Thay đổi giao diện» with its 24 h / 72 h clocks, and its task.</summary>
    public async Task<Incident> ConfirmDefacementAsync(
        WatchedWebsite watch, WebsiteCheck alertCheck, InformationSystem system, string userId, string userName, CancellationToken cancellationToken)
    {
        watch.ConfirmDefacement();
        var now = clock.GetUtcNow().UtcDateTime;
        var findings = alertCheck.Findings().Where(f => f.Code is FindingCode.ContentChanged or FindingCode.DefacementPhrase).ToList();
        var incident = new Incident(
            system.OwnerAgencyId, IncidentKind.Defacement, BoundedText.Clip($"Thay đổi giao diện trái phép trang {watch.Url}", Incident.TitleMaxLength),
            BoundedText.Clip(string.Join(" ", findings.Select(f => f.Message + (f.Detail is null ? "" : $" {f.Detail}"))) + $" Phát hiện lúc {VietnamTime.Format(alertCheck.StartedUtc)} bởi giám sát trang web.", Incident.TextMaxLength),
            alertCheck.StartedUtc, serious: true, null, [system.Id], userId, now);
        db.Incidents.Add(incident);
        var finding = findings.FirstOrDefault() ?? new WebsiteFinding(FindingCode.ContentChanged, FindingSeverity.Critical, "Thay đổi giao diện trái phép đã được xác nhận.");
        await OpenAsync(watch, finding with { Severity = FindingSeverity.Critical }, userId, userName, cancellationToken);
        return incident;
    }
}
