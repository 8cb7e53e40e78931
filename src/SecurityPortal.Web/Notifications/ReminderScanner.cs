using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Directives;
using SecurityPortal.Domain.Incidents;
using SecurityPortal.Domain.Notifications;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Web.Calendar;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Web.Notifications;

/// <summary>
/// Produces the notifications nobody clicks for: tasks (and directive reports) due in 7/3/1 days, the overdue digest (one per person per
/// working day, not one per task), incident clocks about to run out or late, and the daily digest mail of those who
/// chose it. Each reminder is logged under a key in the same transaction, so scans may repeat (or run on two
/// instances at once) without anyone hearing twice.
/// </summary>
public sealed class ReminderScanner(
    PortalDbContext db, Notifier notifier, PortalCalendar calendar, MailComposer composer, ReminderOptions options, TimeProvider clock,
    ILogger<ReminderScanner> logger)
{
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);

    /// <summary>Runs one scan; returns how many reminders and digests it produced.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var nowUtc = clock.GetUtcNow().UtcDateTime;
        var nowLocal = VietnamTime.FromUtc(nowUtc);
        var today = DateOnly.FromDateTime(nowLocal);
        var workingDays = await calendar.LoadAsync(cancellationToken);

        var soon = today.AddDays(Reminders.DueSoonDays.Max() + 1);
        var tasks = await TasksToWorkOn(db.RemediationTasks.Where(t => t.DueDate > today && t.DueDate <= soon)).ToListAsync(cancellationToken);
        var officers = await notifier.OfficersByAgencyAsync(tasks.SelectMany(t => new[] { t.OwnerAgencyId, t.OperatorAgencyId }), cancellationToken);
        List<string> People(TaskRow t, ILookup<Guid, string> byAgency) =>
            t.AssigneeId is { } id ? [id] : [.. byAgency[t.OwnerAgencyId].Concat(byAgency[t.OperatorAgencyId]).Distinct()];

        var wanted = new List<(string Key, Action Produce)>();
        foreach (var task in tasks)
        {
            if (Reminders.DueSoon(task.DueDate, today, workingDays) is { } days)
            {
                var left = task.DueDate.DayNumber - today.DayNumber;
                var people = People(task, officers);
                wanted.Add(($"task:{task.Id:N}:due:{task.DueDate:yyyyMMdd}:{days}", () => notifier.Add(people, NotificationKind.TaskDueSoon,
                    $"Nhiệm vụ «{task.Title}» của «{task.SystemName}» đến hạn ngày {Display.Date(task.DueDate)} (còn {left} ngày).", $"/Tasks/Details/{task.Id}")));
            }
        }

        if (Reminders.OverdueDigestDue(nowLocal, workingDays, options.DigestHour))
        {
            var overdue = (await TasksToWorkOn(db.RemediationTasks.Where(t => t.DueDate < today)).ToListAsync(cancellationToken)).OrderBy(t => t.DueDate).ToList();
            var overdueOfficers = await notifier.OfficersByAgencyAsync(overdue.SelectMany(t => new[] { t.OwnerAgencyId, t.OperatorAgencyId }), cancellationToken);
            foreach (var person in overdue.SelectMany(t => People(t, overdueOfficers).Select(user => (User: user, Task: t))).GroupBy(x => x.User))
            {
                var list = person.Select(x => x.Task).ToList();
                var names = string.Join("; ", list.Take(5).Select(t => $"«{t.Title}» (hạn {Display.Date(t.DueDate)})"));
                var more = list.Count > 5 ? $" và {list.Count - 5} nhiệm vụ khác" : string.Empty;
                wanted.Add(($"overdue:{person.Key}:{today:yyyyMMdd}", () => notifier.Add([person.Key], NotificationKind.TaskOverdue,
                    $"Có {list.Count} nhiệm vụ quá hạn cần xử lý: {names}{more}.", "/Tasks?overdue=true")));
            }
        }

        await IncidentClocksAsync(wanted, nowUtc, cancellationToken);
        await DirectiveReportsAsync(wanted, today, workingDays, Reminders.OverdueDigestDue(nowLocal, workingDays, options.DigestHour), cancellationToken);

        var produced = await ProduceAsync(wanted, nowUtc, cancellationToken);
        if (nowLocal.Hour >= options.DigestHour)
        {
            produced += await DigestsAsync(today, nowUtc, cancellationToken);
        }

        return produced;
    }

    private async Task IncidentClocksAsync(List<(string Key, Action Produce)> wanted, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var incidents = await db.Incidents.AsNoTracking()
            .Where(i => i.Status != IncidentStatus.Closed && (i.FullReportAtUtc == null || (i.Serious && i.InitialNoticeAtUtc == null)))
            .ToListAsync(cancellationToken);
        if (incidents.Count == 0)
        {
            return;
        }

        var officers = await notifier.OfficersByAgencyAsync(incidents.Select(i => i.AgencyId), cancellationToken);
        var reviewers = await notifier.ReviewerIdsAsync(cancellationToken);
        var warnBefore = TimeSpan.FromHours(options.IncidentWarningHours);
        foreach (var incident in incidents)
        {
            foreach (var (clock, index) in incident.Clocks().Select((c, i) => (c, i)))
            {
                if (Reminders.ForClock(clock, nowUtc, warnBefore) is not { } alert)
                {
                    continue;
                }

                var text = alert == ClockAlert.Late
                    ? $"Sự cố «{incident.Title}»: đã quá hạn {clock.Name}, hạn lúc {Display.DateTime(clock.DueUtc)}."
                    : $"Sự cố «{incident.Title}»: {clock.Name} đến hạn lúc {Display.DateTime(clock.DueUtc)}.";
                wanted.Add(($"incident:{incident.Id:N}:{index}:{alert}", () => notifier.Add(officers[incident.AgencyId].Concat(reviewers), NotificationKind.Incident,
                    text, $"/Incidents/Details/{incident.Id}")));
            }
        }
    }

    /// <summary>
    /// Reports on a directive still with the agency (not sent, or returned): reminded 7, 3 and 1 days before their deadline
    /// like tasks, and after it on the first working morning, then every week until the agency reports.
    /// </summary>
    private async Task DirectiveReportsAsync(
        List<(string Key, Action Produce)> wanted, DateOnly today, Domain.Calendar.WorkingDays workingDays, bool lateDue, CancellationToken cancellationToken)
    {
        var soon = today.AddDays(Reminders.DueSoonDays.Max() + 1);
        var reports = await (from r in db.DirectiveReports.AsNoTracking()
                             join d in db.Directives on r.DirectiveId equals d.Id
                             where d.State == DirectiveState.Sent && r.Deadline <= soon
                                 && (r.State == ReportState.NotStarted || r.State == ReportState.InProgress || r.State == ReportState.Returned)
                             select new { r.Id, r.AgencyId, r.Deadline, d.Number, d.Subject }).ToListAsync(cancellationToken);
        if (reports.Count == 0)
        {
            return;
        }

        var officers = await notifier.OfficersByAgencyAsync(reports.Select(r => r.AgencyId), cancellationToken);
        foreach (var report in reports)
        {
            var link = $"/Directives/Report/{report.Id}";
            var people = officers[report.AgencyId].ToList();
            if (Reminders.DueSoon(report.Deadline, today, workingDays) is { } days)
            {
                var left = report.Deadline.DayNumber - today.DayNumber;
                wanted.Add(($"directive:{report.Id:N}:due:{report.Deadline:yyyyMMdd}:{days}", () => notifier.Add(people, NotificationKind.Directive,
                    $"Văn bản số {report.Number} «{report.Subject}»: hạn báo cáo thực hiện ngày {Display.Date(report.Deadline)} (còn {left} ngày).", link)));
            }
            else if (lateDue && DirectiveReminders.LateRound(report.Deadline, today) is { } round)
            {
                wanted.Add(($"directive:{report.Id:N}:late:{report.Deadline:yyyyMMdd}:{round}", () => notifier.Add(people, NotificationKind.Directive,
                    $"Văn bản số {report.Number} «{report.Subject}»: đã quá hạn báo cáo thực hiện (hạn {Display.Date(report.Deadline)}).", link)));
            }
        }
    }

    /// <summary>Once a day, one mail per person who chose the daily digest, with everything since the last one.</summary>
    private async Task<int> DigestsAsync(DateOnly today, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var waiting = await db.Notifications.Where(n => n.Mail == MailState.AwaitingDigest).ToListAsync(cancellationToken);
        if (waiting.Count == 0)
        {
            return 0;
        }

        var ids = waiting.Select(n => n.UserId).Distinct().ToList();
        var addresses = await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && u.IsActive && u.Email != null)
            .ToDictionaryAsync(u => u.Id, u => u.Email!, cancellationToken);
        var wanted = new List<(string Key, Action Produce)>();
        foreach (var person in waiting.GroupBy(n => n.UserId))
        {
            var list = person.ToList();
            wanted.Add(($"digest:{person.Key}:{today:yyyyMMdd}", () =>
            {
                if (addresses.TryGetValue(person.Key, out var address))
                {
                    db.OutboxMails.Add(composer.Digest(address, list));
                }

                list.ForEach(n => n.MarkDigested());
            }));
        }

        return await ProduceAsync(wanted, nowUtc, cancellationToken);
    }

    /// <summary>Produces the reminders whose key is not logged yet, with their keys, in one transaction.</summary>
    private async Task<int> ProduceAsync(List<(string Key, Action Produce)> wanted, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var keys = wanted.Select(w => w.Key).Distinct().ToList();
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var chunk in keys.Chunk(500))
        {
            done.UnionWith(await db.ReminderLogs.AsNoTracking().Where(r => chunk.Contains(r.Key)).Select(r => r.Key).ToListAsync(cancellationToken));
        }

        var fresh = wanted.Where(w => !done.Contains(w.Key) && _keys.Add(w.Key)).ToList();
        if (fresh.Count == 0)
        {
            return 0;
        }

        foreach (var (key, produce) in fresh)
        {
            produce();
            db.ReminderLogs.Add(new ReminderLog(key, nowUtc));
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            // Another instance logged the same keys first: it has produced these reminders.
            logger.LogInformation(ex, "Reminders already produced elsewhere; this scan leaves them");
            db.ChangeTracker.Clear();
            return 0;
        }

        logger.LogInformation("Produced {Count} reminders and digests", fresh.Count);
        return fresh.Count;
    }

    /// <summary>The tasks the agency still has to work on, with what a reminder needs to know of their system.</summary>
    private IQueryable<TaskRow> TasksToWorkOn(IQueryable<RemediationTask> tasks) =>
        from t in tasks.AsNoTracking()
        join s in db.InformationSystems on t.SystemId equals s.Id
        where RemediationTask.ToWorkOn.Contains(t.Status)
        select new TaskRow(t.Id, t.Title, s.Name, t.DueDate, t.AssigneeId, s.OwnerAgencyId, s.OperatorAgencyId);

    private sealed record TaskRow(Guid Id, string Title, string SystemName, DateOnly DueDate, string? AssigneeId, Guid OwnerAgencyId, Guid OperatorAgencyId);
}
