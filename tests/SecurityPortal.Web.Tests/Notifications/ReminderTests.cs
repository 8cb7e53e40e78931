using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Incidents;
using SecurityPortal.Domain.Notifications;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Web.Notifications;

namespace SecurityPortal.Tests.Notifications;

/// <summary>
/// The reminder scan day by day through March 2027 (no holidays): 7/3/1-day reminders moved off the weekend, one
/// overdue digest per person per working day, incident clocks, e-mail choices per kind, and scans that repeat safely.
/// </summary>
public sealed class ReminderTests : PortalTestBase
{
    private static readonly DateOnly Monday = new(2027, 3, 15);
    private readonly TestClock _clock = new();
    private InformationSystem _system = null!;
    private string _assignee = null!;
    private string _colleague = null!;

    protected override PortalFactory Configure(PortalFactory factory) => factory.UseClock(_clock);

    private async Task ArrangeAsync()
    {
        var health = await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        _assignee = (await Factory.CreateUserAsync("yte@sl.vn", PortalRoles.AgencyOfficer, health.Id)).Id;
        _colleague = (await Factory.CreateUserAsync("yte2@sl.vn", PortalRoles.AgencyOfficer, health.Id)).Id;
        await Factory.CreateUserAsync("td@sl.vn", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
        _system = await Factory.CreateSystemAsync("SYT-WEB", "Cổng thông tin Sở Y tế", health.Id);
    }

    private Task<Guid> TaskAsync(string title, DateOnly due, string? assigneeId) => Factory.WithDbAsync(async db =>
    {
        var task = new RemediationTask(_system.Id, title, null, TaskSource.Other, null, null, null, TaskSeverity.Medium, due, "seed", new DateTime(2027, 3, 1, 0, 0, 0, DateTimeKind.Utc));
        if (assigneeId is not null)
        {
            task.Assign(new TaskActor("seed", "Hệ thống", IsReviewer: true, IsAgencyOfficer: false), assigneeId, "Cán bộ", DateTime.UtcNow);
        }

        db.RemediationTasks.Add(task);
        await db.SaveChangesAsync();
        return task.Id;
    });

    private async Task<int> ScanAtAsync(DateOnly day, int hour)
    {
        _clock.SetVietnam(day.Year, day.Month, day.Day, hour);
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReminderScanner>().RunAsync(CancellationToken.None);
    }

    private Task<List<Notification>> OfKindAsync(string userId, NotificationKind kind) =>
        Factory.WithDbAsync(db => db.Notifications.AsNoTracking().Where(n => n.UserId == userId && n.Kind == kind).OrderBy(n => n.CreatedAtUtc).ToListAsync());

    [Fact]
    public async Task Due_soon_reminders_move_off_the_weekend_and_overdue_tasks_come_as_one_digest_per_person_per_working_day()
    {
        await ArrangeAsync();
        await TaskAsync("Cập nhật WordPress", Monday, _assignee);
        await TaskAsync("Gia hạn chứng thư số", Monday, assigneeId: null);

        // Monday 8/3, seven days before: the assignee hears of their task; the unassigned one goes to both officers.
        Assert.Equal(2, await ScanAtAsync(Monday.AddDays(-7), 8));
        var assigneeDue = await OfKindAsync(_assignee, NotificationKind.TaskDueSoon);
        Assert.Equal(2, assigneeDue.Count);
        Assert.Contains(assigneeDue, n => n.Text.Contains("«Cập nhật WordPress»", StringComparison.Ordinal) && n.Text.Contains("15/03/2027 (còn 7 ngày)", StringComparison.Ordinal));
        Assert.Single(await OfKindAsync(_colleague, NotificationKind.TaskDueSoon));

        // The same scan again, later the same day or the next: nothing new.
        Assert.Equal(0, await ScanAtAsync(Monday.AddDays(-7), 15));
        Assert.Equal(0, await ScanAtAsync(Monday.AddDays(-6), 8));

        // Friday 12/3: the 3-day reminder and the 1-day one (due on Sunday, moved to Friday) — sent once, as the most urgent.
        Assert.Equal(2, await ScanAtAsync(Monday.AddDays(-3), 8));
        assigneeDue = await OfKindAsync(_assignee, NotificationKind.TaskDueSoon);
        Assert.Equal(4, assigneeDue.Count);
        Assert.Contains("còn 3 ngày", assigneeDue[^1].Text, StringComparison.Ordinal);

        // The weekend and the due day itself bring nothing more.
        Assert.Equal(0, await ScanAtAsync(Monday.AddDays(-2), 8));
        Assert.Equal(0, await ScanAtAsync(Monday.AddDays(-1), 8));
        Assert.Equal(0, await ScanAtAsync(Monday, 8));

        // Tuesday 16/3 before 7 am: not yet; at 8 am: one digest each, listing all of that person's overdue tasks.
        Assert.Equal(0, await ScanAtAsync(Monday.AddDays(1), 6));
        Assert.Equal(2, await ScanAtAsync(Monday.AddDays(1), 8));
        var digest = Assert.Single(await OfKindAsync(_assignee, NotificationKind.TaskOverdue));
        Assert.Contains("Có 2 nhiệm vụ quá hạn", digest.Text, StringComparison.Ordinal);
        Assert.Contains("«Cập nhật WordPress» (hạn 15/03/2027)", digest.Text, StringComparison.Ordinal);
        Assert.Contains("Có 1 nhiệm vụ quá hạn", Assert.Single(await OfKindAsync(_colleague, NotificationKind.TaskOverdue)).Text, StringComparison.Ordinal);
        Assert.Equal(0, await ScanAtAsync(Monday.AddDays(1), 17));

        // No digest on Saturday or Sunday; the next one on Monday.
        Assert.Equal(0, await ScanAtAsync(Monday.AddDays(5), 9));
        Assert.Equal(0, await ScanAtAsync(Monday.AddDays(6), 9));
        Assert.Equal(2, await ScanAtAsync(Monday.AddDays(7), 9));
        Assert.Equal(2, (await OfKindAsync(_assignee, NotificationKind.TaskOverdue)).Count);
    }

    [Fact]
    public async Task A_directive_report_still_with_the_agency_is_reminded_before_its_deadline_then_weekly_once_late_and_not_after_it_is_sent()
    {
        await ArrangeAsync();
        var agencyId = _system.OwnerAgencyId;
        var reportId = await Factory.WithDbAsync(async db =>
        {
            var sentAt = new DateTime(2027, 3, 1, 2, 0, 0, DateTimeKind.Utc);
            var directive = new Domain.Directives.Directive("1250/UBND-KGVX", new DateOnly(2027, 3, 1), "UBND tỉnh", "Tăng cường bảo đảm an toàn thông tin", "seed", sentAt);
            directive.AddAction("Rà soát các quy định", Monday, null, null, null, new DateOnly(2027, 3, 1));
            directive.SetRecipients([agencyId]);
            directive.AttachSignedFile("cong-van.pdf", "application/pdf", 1, new string('0', 64), "seed", sentAt);
            var (reports, _) = directive.Send(
                new Dictionary<Guid, Domain.Directives.RecipientFacts> { [agencyId] = new(Domain.Agencies.AgencyKind.Department, new HashSet<int>()) }, "seed", sentAt);
            db.Add(directive);
            db.AddRange(reports);
            await db.SaveChangesAsync();
            return reports[0].Id;
        });

        // Seven days before, to both officers of the agency, once.
        Assert.Equal(1, await ScanAtAsync(Monday.AddDays(-7), 8));
        Assert.Equal(0, await ScanAtAsync(Monday.AddDays(-7), 15));
        var heard = await OfKindAsync(_colleague, NotificationKind.Directive);
        Assert.Contains("Văn bản số 1250/UBND-KGVX", Assert.Single(heard).Text, StringComparison.Ordinal);
        Assert.Contains("15/03/2027 (còn 7 ngày)", heard[0].Text, StringComparison.Ordinal);
        Assert.Equal($"/Directives/Report/{reportId}", heard[0].Link);
        Assert.Single(await OfKindAsync(_assignee, NotificationKind.Directive));

        // Friday 12/3 the 3-day reminder; the weekend and the due day nothing.
        Assert.Equal(1, await ScanAtAsync(Monday.AddDays(-3), 8));
        Assert.Equal(0, await ScanAtAsync(Monday.AddDays(-1), 8));
        Assert.Equal(0, await ScanAtAsync(Monday, 8));

        // Late: the first working morning after, then a week later, each once.
        Assert.Equal(0, await ScanAtAsync(Monday.AddDays(1), 6));
        Assert.Equal(1, await ScanAtAsync(Monday.AddDays(1), 8));
        Assert.Contains("đã quá hạn báo cáo thực hiện (hạn 15/03/2027)", (await OfKindAsync(_colleague, NotificationKind.Directive))[^1].Text, StringComparison.Ordinal);
        Assert.Equal(0, await ScanAtAsync(Monday.AddDays(2), 8));
        Assert.Equal(1, await ScanAtAsync(Monday.AddDays(8), 8));

        // Once the report is sent, nothing more.
        await Factory.WithDbAsync(async db =>
        {
            var report = await db.DirectiveReports.Include(r => r.Answers).Include(r => r.Evidence).SingleAsync(r => r.Id == reportId);
            report.Answer(report.Answers[0].Id, Domain.Directives.ActionAnswer.Done, null, null, _colleague, DateTime.UtcNow);
            report.Submit(_colleague, "Nguyễn Văn A, Giám đốc", DateTime.UtcNow);
            return await db.SaveChangesAsync();
        });
        Assert.Equal(0, await ScanAtAsync(Monday.AddDays(15), 8));
        Assert.Equal(4, (await OfKindAsync(_colleague, NotificationKind.Directive)).Count);
    }

    [Fact]
    public async Task Two_instances_scanning_at_once_on_one_database_produce_each_reminder_once()
    {
        await ArrangeAsync();
        await TaskAsync("Cập nhật WordPress", Monday, _assignee);
        await TaskAsync("Gia hạn chứng thư số", Monday, assigneeId: null);
        await using var second = new PortalFactory(Factory.Database).UseClock(_clock);
        _ = second.Services;
        _clock.SetVietnam(2027, 3, 8, 8);

        static async Task<int> ScanOnAsync(PortalFactory instance)
        {
            await using var scope = instance.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ReminderScanner>().RunAsync(CancellationToken.None);
        }

        // Both instances scan the same morning at the same moment: the reminder keys are claimed in the database, so
        // one of them produces the reminders and the other nothing.
        var produced = await Task.WhenAll(Task.Run(() => ScanOnAsync(Factory)), Task.Run(() => ScanOnAsync(second)));
        Assert.Equal(2, produced.Sum());
        Assert.Equal(2, (await OfKindAsync(_assignee, NotificationKind.TaskDueSoon)).Count);
        Assert.Single(await OfKindAsync(_colleague, NotificationKind.TaskDueSoon));
        var again = await Task.WhenAll(ScanOnAsync(Factory), ScanOnAsync(second));
        Assert.Equal([0, 0], again);
    }

    [Fact]
    public async Task Each_person_chooses_per_kind_immediate_mail_a_daily_digest_or_none()
    {
        await ArrangeAsync();
        var colleague = await SignInAsync("yte2@sl.vn");
        var form = await colleague.GetDocumentAsync("/Notifications/Preferences");
        Assert.Contains("Nhắc hạn nhiệm vụ (còn 7, 3, 1 ngày)", form.Body!.TextContent, StringComparison.Ordinal);
        (await colleague.PostFormAsync("/Notifications/Preferences", new()
        {
            [$"Choices[{NotificationKind.TaskDueSoon}]"] = nameof(MailFrequency.Daily),
            [$"Choices[{NotificationKind.TaskOverdue}]"] = nameof(MailFrequency.Off),
        })).AssertRedirectsTo("/Notifications/Preferences");
        var saved = await colleague.GetDocumentAsync("/Notifications/Preferences");
        Assert.Equal(nameof(MailFrequency.Daily), saved.QuerySelector($"#choice-{NotificationKind.TaskDueSoon} option[selected]")!.GetAttribute("value"));

        // A forged choice is refused and nothing changes.
        var forged = await colleague.PostFormAsync("/Notifications/Preferences", new() { [$"Choices[{NotificationKind.TaskDueSoon}]"] = "99" });
        Assert.Contains("Lựa chọn không hợp lệ", (await forged.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(MailFrequency.Daily, await Factory.WithDbAsync(db => db.NotificationPreferences.Where(p => p.UserId == _colleague && p.Kind == NotificationKind.TaskDueSoon).Select(p => p.Frequency).SingleAsync()));

        await TaskAsync("Gia hạn chứng thư số", Monday, assigneeId: null);
        await ScanAtAsync(Monday.AddDays(-7), 6);
        var mails = await Factory.WithDbAsync(db => db.OutboxMails.AsNoTracking().ToListAsync());
        Assert.Equal("yte@sl.vn", Assert.Single(mails).ToAddress);
        Assert.Equal(MailState.AwaitingDigest, Assert.Single(await OfKindAsync(_colleague, NotificationKind.TaskDueSoon)).Mail);

        // From 7 am the daily digest goes out once, with what waited; the overdue digest is not mailed to who turned it off.
        await ScanAtAsync(Monday.AddDays(-7), 8);
        var digest = Assert.Single(await Factory.WithDbAsync(db => db.OutboxMails.AsNoTracking().Where(m => m.ToAddress == "yte2@sl.vn").ToListAsync()));
        Assert.Equal("[SecurityPortal] Tổng hợp 1 thông báo", digest.Subject);
        Assert.Contains("Gia hạn chứng thư số", digest.Body, StringComparison.Ordinal);
        Assert.Contains("--- English ---\nYour notifications since the previous digest:", digest.Body, StringComparison.Ordinal);
        Assert.Equal(MailState.Digested, Assert.Single(await OfKindAsync(_colleague, NotificationKind.TaskDueSoon)).Mail);
        await ScanAtAsync(Monday.AddDays(-7), 20);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.OutboxMails.CountAsync(m => m.ToAddress == "yte2@sl.vn")));

        await ScanAtAsync(Monday.AddDays(1), 8);
        Assert.Equal(MailState.None, Assert.Single(await OfKindAsync(_colleague, NotificationKind.TaskOverdue)).Mail);
        Assert.Equal(MailState.Queued, Assert.Single(await OfKindAsync(_assignee, NotificationKind.TaskOverdue)).Mail);
    }

    [Fact]
    public async Task Incident_clocks_warn_six_hours_before_and_again_when_late_once_each()
    {
        await ArrangeAsync();
        var reviewer = await Factory.WithDbAsync(db => db.Users.Where(u => u.Email == "td@sl.vn").Select(u => u.Id).SingleAsync());
        var detected = new DateTime(2027, 3, 10, 1, 0, 0, DateTimeKind.Utc);
        await Factory.WithDbAsync(async db =>
        {
            db.Incidents.Add(new Incident(_system.OwnerAgencyId, IncidentKind.Defacement, "Trang chủ bị thay đổi giao diện", null, detected, serious: true, null,
                [_system.Id], _assignee, detected));
            return await db.SaveChangesAsync();
        });

        async Task<int> ScanAtUtcAsync(DateTime utc)
        {
            _clock.AdjustTime(utc);
            await using var scope = Factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ReminderScanner>().RunAsync(CancellationToken.None);
        }

        Assert.Equal(0, await ScanAtUtcAsync(detected.AddHours(17)));
        Assert.Equal(1, await ScanAtUtcAsync(detected.AddHours(19)));
        Assert.Equal(0, await ScanAtUtcAsync(detected.AddHours(20)));
        var soon = Assert.Single(await OfKindAsync(reviewer, NotificationKind.Incident));
        Assert.Contains("Thông báo ban đầu (24 giờ) đến hạn lúc", soon.Text, StringComparison.Ordinal);
        Assert.Single(await OfKindAsync(_colleague, NotificationKind.Incident));

        Assert.Equal(1, await ScanAtUtcAsync(detected.AddHours(25)));
        Assert.Contains("đã quá hạn Thông báo ban đầu (24 giờ)", (await OfKindAsync(reviewer, NotificationKind.Incident))[^1].Text, StringComparison.Ordinal);

        // Both reports made: the clocks are done and say nothing more.
        await Factory.WithDbAsync(async db =>
        {
            var incident = await db.Incidents.SingleAsync();
            incident.RecordInitialNotice(detected.AddHours(26));
            incident.RecordFullReport(detected.AddHours(26), "Đã khôi phục từ bản sao lưu.");
            return await db.SaveChangesAsync();
        });
        Assert.Equal(0, await ScanAtUtcAsync(detected.AddHours(80)));
    }
}
