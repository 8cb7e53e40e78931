using System.Net;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Incidents;
using SecurityPortal.Domain.Notifications;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Domain.Support;

namespace SecurityPortal.Tests.Support;

/// <summary>
/// A support request from the officer's form to its closing: bad input kept with a Vietnamese message, another agency's system
/// refused, the file stored like every upload; another agency's request is "not found" for every handler; the officer may not
/// take the province's steps nor the reviewer the requester's; a stale step is refused; reopen, close; the conversion to an
/// incident and to remediation tasks keeps the link both ways; the audit trail names who did what.
/// </summary>
public sealed class SupportRequestTests : PortalTestBase
{
    private static readonly byte[] Pdf = Dossiers.DossierTestKit.Pdf;

    [Fact]
    public async Task An_officer_asks_for_help_the_province_accepts_resolves_the_officer_reopens_then_closes()
    {
        var health = await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        var ward = await Factory.CreateAgencyAsync("SL-PBT", "Ủy ban nhân dân phường Bến Thủy", AgencyKind.CommuneCommittee);
        await Factory.CreateUserAsync("yte@sl.vn", PortalRoles.AgencyOfficer, health.Id);
        await Factory.CreateUserAsync("phuong@sl.vn", PortalRoles.AgencyOfficer, ward.Id);
        await Factory.CreateUserAsync("td@sl.vn", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
        var colleague = await Factory.CreateUserAsync("td2@sl.vn", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
        var website = await Factory.CreateSystemAsync("SYT-WEB", "Cổng Sở Y tế", health.Id);
        var foreign = await Factory.CreateSystemAsync("PBT-WEB", "Cổng phường", ward.Id);
        var officer = await SignInAsync("yte@sl.vn");
        var reviewer = await SignInAsync("td@sl.vn", Totp.Key);

        // Wrong role: the province does not open requests for itself.
        (await reviewer.GetAsync("/Support/Create")).AssertRedirectsTo("/Account/AccessDenied");

        // Bad input: no title; then another agency's system. The typed text stays, nothing is stored.
        var noTitle = await officer.PostFormAsync("/Support/Create", new()
        {
            ["Input.SystemId"] = website.Id.ToString(), ["Input.Category"] = nameof(SupportCategory.MalwareRemoval), ["Input.Urgency"] = nameof(SupportUrgency.High),
            ["Input.Title"] = "", ["Input.Description"] = "Trang tin hiện liên kết quảng cáo lạ",
        });
        Assert.Equal(HttpStatusCode.OK, noTitle.StatusCode);
        var noTitlePage = await noTitle.ParseAsync();
        Assert.Contains("Hãy nhập tiêu đề của yêu cầu.", noTitlePage.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Trang tin hiện liên kết quảng cáo lạ", noTitlePage.QuerySelector("#Input_Description")!.TextContent.Trim());
        var stolen = await officer.PostFormAsync("/Support/Create", new()
        {
            ["Input.SystemId"] = foreign.Id.ToString(), ["Input.Category"] = nameof(SupportCategory.MalwareRemoval), ["Input.Urgency"] = nameof(SupportUrgency.High),
            ["Input.Title"] = "Gỡ mã độc", ["Input.Description"] = "Trang tin hiện liên kết quảng cáo lạ",
        });
        Assert.Contains("Chỉ chọn hệ thống của đơn vị mình.", (await stolen.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await Factory.CountAsync<SupportRequest>());

        // The request, with a file.
        var created = await officer.PostFileAsync("/Support/Create", new()
        {
            ["Input.SystemId"] = website.Id.ToString(), ["Input.Category"] = nameof(SupportCategory.MalwareRemoval), ["Input.Urgency"] = nameof(SupportUrgency.High),
            ["Input.Title"] = "Cổng thông tin nghi nhiễm mã độc", ["Input.Description"] = "Trang tin hiện liên kết quảng cáo lạ",
        }, "Upload", "canh-bao.pdf", Pdf);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var request = await Factory.WithDbAsync(db => db.SupportRequests.AsNoTracking().SingleAsync());
        var url = $"/Support/Details/{request.Id}";
        Assert.Equal(url, created.Headers.Location!.OriginalString);
        Assert.Equal(request.RequestedAtUtc.AddHours(24), request.DueAtUtc);
        Assert.True(await Factory.WithDbAsync(db => db.Notifications.AnyAsync(n => n.Link == url && n.Kind == NotificationKind.Support)));
        var attachment = await Factory.WithDbAsync(db => db.SupportAttachments.AsNoTracking().SingleAsync());
        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync($"{url}?handler=File&attachmentId={attachment.Id}")).StatusCode);
        var shown = await officer.GetDocumentAsync(url);
        Assert.Contains(Display(request.DueAtUtc), shown.QuerySelector("#support-due")!.TextContent, StringComparison.Ordinal);

        // Another agency: every handler answers "not found", and the list does not show the request.
        var wardOfficer = await SignInAsync("phuong@sl.vn");
        Assert.Equal(HttpStatusCode.NotFound, (await wardOfficer.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await wardOfficer.GetAsync($"{url}?handler=File&attachmentId={attachment.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await wardOfficer.PostFormAsync($"{url}?handler=Message", new() { ["Text"] = "Xen vào" }, pageUrl: "/Support")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await wardOfficer.PostFormAsync($"{url}?handler=Close", new() { ["ConcurrencyStamp"] = request.ConcurrencyStamp.ToString() }, pageUrl: "/Support")).StatusCode);
        Assert.DoesNotContain("Cổng thông tin nghi nhiễm mã độc", (await wardOfficer.GetDocumentAsync("/Support")).Body!.TextContent, StringComparison.Ordinal);

        // The reviewer's list, with its filters.
        Assert.Single((await reviewer.GetDocumentAsync("/Support?assignee=none")).QuerySelectorAll("#support-requests tr.support-row"));
        Assert.Empty((await reviewer.GetDocumentAsync("/Support?urgency=Critical")).QuerySelectorAll("#support-requests tr.support-row"));
        Assert.Empty((await reviewer.GetDocumentAsync("/Support?overdue=true")).QuerySelectorAll("#support-requests tr.support-row"));

        // Wrong role: the officer may not accept their own request.
        (await officer.PostFormAsync($"{url}?handler=Accept", [], pageUrl: url)).AssertRedirectsTo("/Account/AccessDenied");

        // The reviewer accepts it for a colleague; a step on the page as it was before is refused as stale.
        var before = await reviewer.GetDocumentAsync(url);
        var oldStamp = before.QuerySelector("#accept-form input[name=ConcurrencyStamp]")!.GetAttribute("value")!;
        (await reviewer.PostFormAsync($"{url}?handler=Accept", new() { ["AssigneeId"] = colleague.Id, ["Text"] = "Sẽ liên hệ trong ngày" }, pageUrl: url)).AssertRedirectsTo(url);
        var stale = await reviewer.PostFormAsync($"{url}?handler=Resolve", new() { ["ConcurrencyStamp"] = oldStamp, ["Text"] = "Đã gỡ web shell" }, pageUrl: url);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var stalePage = await stale.ParseAsync();
        Assert.Contains("vừa được người khác cập nhật", stalePage.QuerySelector("#support-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Đã gỡ web shell", stalePage.QuerySelector("#resolve-text")!.TextContent.Trim());
        var accepted = await Factory.WithDbAsync(db => db.SupportRequests.AsNoTracking().SingleAsync());
        Assert.Equal(SupportState.Accepted, accepted.State);
        Assert.Equal(colleague.Id, accepted.AssigneeId);
        var officerId = await Factory.WithDbAsync(db => db.Users.Where(u => u.Email == "yte@sl.vn").Select(u => u.Id).SingleAsync());
        Assert.True(await Factory.WithDbAsync(db => db.Notifications.AnyAsync(n => n.UserId == officerId && n.Text.Contains("đã được tiếp nhận"))));
        Assert.True(await Factory.WithDbAsync(db => db.Notifications.AnyAsync(n => n.UserId == colleague.Id && n.Text.Contains("Bạn được giao xử lý"))));

        // Messages: an empty one is refused; a crafted file is refused with the text kept; a message with a file goes through.
        var empty = await officer.PostFormAsync($"{url}?handler=Message", new() { ["Text"] = " " }, pageUrl: url);
        Assert.Contains("Hãy nhập nội dung trao đổi hoặc chọn tệp đính kèm.", (await empty.ParseAsync()).QuerySelector("#support-errors")!.TextContent, StringComparison.Ordinal);
        var crafted = await officer.PostFileAsync($"{url}?handler=Message", new() { ["Text"] = "Gửi kèm nhật ký máy chủ" }, "Upload", "nhat-ky.pdf", "MZ\0\0not a document"u8.ToArray());
        Assert.Equal(HttpStatusCode.OK, crafted.StatusCode);
        var craftedPage = await crafted.ParseAsync();
        Assert.Contains("Vui lòng chọn lại tệp.", craftedPage.QuerySelector("#support-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Gửi kèm nhật ký máy chủ", craftedPage.QuerySelector("#message-text")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostFileAsync($"{url}?handler=Message", new() { ["Text"] = "Gửi kèm nhật ký máy chủ" }, "Upload", "nhat-ky.pdf", Pdf)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.PostFormAsync($"{url}?handler=Message", new() { ["Text"] = "Đã nhận nhật ký" }, pageUrl: url)).StatusCode);
        Assert.Equal(2, await Factory.CountAsync<SupportAttachment>());
        Assert.True(await Factory.WithDbAsync(db => db.Notifications.AnyAsync(n => n.UserId == colleague.Id && n.Text.Contains("Trao đổi mới"))));

        // Start, resolve (a note is needed; the typed text is kept), reassign, reopen, resolve again, close.
        (await reviewer.PostFormAsync($"{url}?handler=Start", [], pageUrl: url)).AssertRedirectsTo(url);
        var noNote = await reviewer.PostFormAsync($"{url}?handler=Resolve", new() { ["Text"] = "" }, pageUrl: url);
        Assert.Contains("Hãy ghi kết quả hỗ trợ", (await noNote.ParseAsync()).QuerySelector("#support-errors")!.TextContent, StringComparison.Ordinal);
        var me = await Factory.WithDbAsync(db => db.Users.Where(u => u.Email == "td@sl.vn").Select(u => u.Id).SingleAsync());
        (await reviewer.PostFormAsync($"{url}?handler=Assign", new() { ["AssigneeId"] = me }, pageUrl: url)).AssertRedirectsTo(url);
        (await reviewer.PostFormAsync($"{url}?handler=Resolve", new() { ["Text"] = "Đã gỡ web shell, đổi mật khẩu quản trị" }, pageUrl: url)).AssertRedirectsTo(url);
        (await reviewer.PostFormAsync($"{url}?handler=Close", [], pageUrl: url)).AssertRedirectsTo("/Account/AccessDenied");
        var noReason = await officer.PostFormAsync($"{url}?handler=Reopen", new() { ["Text"] = "" }, pageUrl: url);
        Assert.Contains("Hãy nêu lý do mở lại", (await noReason.ParseAsync()).QuerySelector("#support-errors")!.TextContent, StringComparison.Ordinal);
        (await officer.PostFormAsync($"{url}?handler=Reopen", new() { ["Text"] = "Liên kết lạ vẫn xuất hiện" }, pageUrl: url)).AssertRedirectsTo(url);
        var reopened = await Factory.WithDbAsync(db => db.SupportRequests.AsNoTracking().SingleAsync());
        Assert.Equal(SupportState.InProgress, reopened.State);
        Assert.True(reopened.DueAtUtc > request.DueAtUtc);
        Assert.True(await Factory.WithDbAsync(db => db.Notifications.AnyAsync(n => n.UserId == me && n.Text.Contains("mở lại"))));
        (await reviewer.PostFormAsync($"{url}?handler=Resolve", new() { ["Text"] = "Đã vá plugin bị khai thác" }, pageUrl: url)).AssertRedirectsTo(url);
        (await officer.PostFormAsync($"{url}?handler=Close", new() { ["Text"] = "Cảm ơn" }, pageUrl: url)).AssertRedirectsTo(url);
        var closed = await officer.GetDocumentAsync(url);
        Assert.Equal("Đã đóng", closed.QuerySelector("#support-state")!.TextContent.Trim());
        Assert.Null(closed.QuerySelector("#message-form"));
        Assert.Equal(
            ["Opened", "Accepted", "Message", "Message", "Started", "Assigned", "Resolved", "Reopened", "Resolved", "Closed"],
            closed.QuerySelectorAll("#support-thread li.support-message").Select(m => m.GetAttribute("data-action")!));

        // The audit trail names who did what.
        var audit = await Factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.AggregateKey == request.Id.ToString()).ToListAsync());
        Assert.Contains(audit, e => e.EntityType == "SupportRequest" && e.UserId == officerId && e.Changes.Contains("Cổng thông tin nghi nhiễm mã độc", StringComparison.Ordinal));
        Assert.Contains(audit, e => e.EntityType == "SupportRequest" && e.UserId == me && e.Changes.Contains("Resolved", StringComparison.Ordinal));
        Assert.Contains(audit, e => e.EntityType == "SupportAttachment" && e.UserId == officerId);
        Assert.Contains(audit, e => e.EntityType == "SupportMessage" && e.UserId == officerId && e.Changes.Contains("Liên kết lạ vẫn xuất hiện", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_reviewer_turns_a_request_into_an_incident_and_tasks_linked_both_ways()
    {
        var health = await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        var ward = await Factory.CreateAgencyAsync("SL-PBT", "Ủy ban nhân dân phường Bến Thủy", AgencyKind.CommuneCommittee);
        await Factory.CreateUserAsync("yte@sl.vn", PortalRoles.AgencyOfficer, health.Id);
        await Factory.CreateUserAsync("td@sl.vn", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
        var website = await Factory.CreateSystemAsync("SYT-WEB", "Cổng Sở Y tế", health.Id);
        var records = await Factory.CreateSystemAsync("SYT-HSCV", "Hồ sơ công việc Sở Y tế", health.Id);
        var foreign = await Factory.CreateSystemAsync("PBT-WEB", "Cổng phường", ward.Id);
        var officer = await SignInAsync("yte@sl.vn");
        var reviewer = await SignInAsync("td@sl.vn", Totp.Key);
        var created = await officer.PostFormAsync("/Support/Create", new()
        {
            ["Input.Category"] = nameof(SupportCategory.IncidentAnalysis), ["Input.Urgency"] = nameof(SupportUrgency.Critical),
            ["Input.Title"] = "Máy trạm kết nối tới máy chủ điều khiển mã độc", ["Input.Description"] = "Trung tâm giám sát báo địa chỉ của Sở liên lạc với máy chủ C2.",
        });
        var url = created.Headers.Location!.OriginalString;

        // Wrong role and another agency's system are refused; nothing is created.
        (await officer.PostFormAsync($"{url}?handler=Incident", new() { ["Kind"] = nameof(IncidentKind.Malware), ["SystemIds"] = website.Id.ToString() }, pageUrl: url))
            .AssertRedirectsTo("/Account/AccessDenied");
        var wrongSystem = await reviewer.PostFormAsync($"{url}?handler=Incident", new() { ["Kind"] = nameof(IncidentKind.Malware), ["SystemIds"] = foreign.Id.ToString() }, pageUrl: url);
        Assert.Contains("Chỉ chọn hệ thống của đơn vị gửi yêu cầu.", (await wrongSystem.ParseAsync()).QuerySelector("#support-errors")!.TextContent, StringComparison.Ordinal);
        var noSystem = await reviewer.PostFormAsync($"{url}?handler=Tasks", new() { ["Severity"] = nameof(TaskSeverity.High) }, pageUrl: url);
        Assert.Contains("Hãy chọn ít nhất một hệ thống của đơn vị.", (await noSystem.ParseAsync()).QuerySelector("#support-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await Factory.CountAsync<Incident>());

        // The incident, in one step.
        (await reviewer.PostFormAsync($"{url}?handler=Incident", new()
        {
            ["Kind"] = nameof(IncidentKind.Malware), ["SystemIds"] = website.Id.ToString(), ["Serious"] = "true",
        }, pageUrl: url)).AssertRedirectsTo(url);
        var incident = await Factory.WithDbAsync(db => db.Incidents.Include(i => i.Systems).AsNoTracking().SingleAsync());
        Assert.Equal(health.Id, incident.AgencyId);
        Assert.True(incident.Serious);
        Assert.Equal([website.Id], incident.Systems.Select(s => s.SystemId));
        var request = await Factory.WithDbAsync(db => db.SupportRequests.AsNoTracking().SingleAsync());
        Assert.Equal(incident.Id, request.IncidentId);
        Assert.Equal($"/Incidents/Details/{incident.Id}", (await officer.GetDocumentAsync(url)).QuerySelector("#support-incident")!.GetAttribute("href"));
        Assert.Equal(url, (await officer.GetDocumentAsync($"/Incidents/Details/{incident.Id}")).QuerySelector("#incident-from-request a")!.GetAttribute("href"));
        Assert.Null((await reviewer.GetDocumentAsync(url)).QuerySelector("#incident-form"));

        // Remediation tasks for two systems, once per system.
        (await reviewer.PostFormAsync($"{url}?handler=Tasks", new List<KeyValuePair<string, string>>
        {
            new("SystemIds", website.Id.ToString()), new("SystemIds", records.Id.ToString()), new("Severity", nameof(TaskSeverity.Critical)),
        }, pageUrl: url)).AssertRedirectsTo(url);
        var tasks = await Factory.WithDbAsync(db => db.RemediationTasks.AsNoTracking().ToListAsync());
        Assert.Equal(2, tasks.Count);
        Assert.All(tasks, t => Assert.Equal((TaskSource.SupportRequest, (Guid?)request.Id, TaskSeverity.Critical), (t.Source, t.SourceId, t.Severity)));
        var again = await reviewer.PostFormAsync($"{url}?handler=Tasks", new() { ["SystemIds"] = website.Id.ToString() }, pageUrl: url);
        Assert.Contains("Đã có nhiệm vụ khắc phục từ yêu cầu này", (await again.ParseAsync()).QuerySelector("#support-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, (await officer.GetDocumentAsync(url)).QuerySelectorAll("#support-tasks li").Length);
        Assert.Equal(url, (await officer.GetDocumentAsync($"/Tasks/Details/{tasks[0].Id}")).QuerySelector("#task-from-request a")!.GetAttribute("href"));
        var thread = (await officer.GetDocumentAsync(url)).QuerySelectorAll("#support-thread li.support-message").Select(m => m.GetAttribute("data-action")).ToList();
        Assert.Equal(["Opened", "ConvertedToIncident", "ConvertedToTasks"], thread);
    }

    private static string Display(DateTime utc) => VietnamTime.Format(utc);
}

/// <summary>The response-time target and the overdue marking, with the portal's clock moved by hand.</summary>
public sealed class SupportOverdueTests : PortalTestBase
{
    private readonly TestClock _clock = new();

    protected override PortalFactory Configure(PortalFactory factory) => factory.UseClock(_clock).With("Support:ResponseHours:Critical", "2");

    [Fact]
    public async Task A_request_past_its_urgencys_target_is_overdue_on_both_sides_until_it_is_resolved()
    {
        var health = await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        await Factory.CreateUserAsync("yte@sl.vn", PortalRoles.AgencyOfficer, health.Id);
        await Factory.CreateUserAsync("ld@sl.vn", PortalRoles.Leadership, authenticatorKey: Totp.Key);
        _clock.SetVietnam(2026, 12, 8, 9, 30);
        var officer = await SignInAsync("yte@sl.vn");
        foreach (var (urgency, title) in new[] { (SupportUrgency.Critical, "Máy chủ bị mã hóa dữ liệu"), (SupportUrgency.Low, "Hỏi cách nâng cấp phần mềm diệt virus") })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await officer.PostFormAsync("/Support/Create", new()
            {
                ["Input.Category"] = nameof(SupportCategory.Other), ["Input.Urgency"] = urgency.ToString(), ["Input.Title"] = title, ["Input.Description"] = title,
            })).StatusCode);
        }

        var critical = await Factory.WithDbAsync(db => db.SupportRequests.AsNoTracking().SingleAsync(r => r.Urgency == SupportUrgency.Critical));
        Assert.Equal("08/12/2026 11:30", VietnamTime.Format(critical.DueAtUtc)); // the setting: 2 hours for «Khẩn cấp»
        Assert.False(critical.IsOverdue(_clock.GetUtcNow().UtcDateTime.AddHours(2)));
        Assert.True(critical.IsOverdue(_clock.GetUtcNow().UtcDateTime.AddHours(2).AddMinutes(1)));

        _clock.Advance(TimeSpan.FromHours(3));
        var leader = await SignInAsync("ld@sl.vn", Totp.Key);
        foreach (var client in new[] { await SignInAsync("yte@sl.vn"), leader })
        {
            var rows = (await client.GetDocumentAsync("/Support")).QuerySelectorAll("#support-requests tr.support-row");
            Assert.Equal(["true", "false"], rows.Select(r => r.GetAttribute("data-overdue")!));
            var overdue = (await client.GetDocumentAsync("/Support?overdue=true")).QuerySelectorAll("#support-requests tr.support-row");
            Assert.Contains("Máy chủ bị mã hóa dữ liệu", Assert.Single(overdue).TextContent, StringComparison.Ordinal);
            var page = await client.GetDocumentAsync($"/Support/Details/{critical.Id}");
            Assert.NotNull(page.QuerySelector("#support-overdue"));
            Assert.Contains("08/12/2026 11:30", page.QuerySelector("#support-due")!.TextContent, StringComparison.Ordinal);
        }

        // Leadership reads, and takes no step.
        Assert.Null((await leader.GetDocumentAsync($"/Support/Details/{critical.Id}")).QuerySelector("#support-steps"));
        (await leader.PostFormAsync($"/Support/Details/{critical.Id}?handler=Start", [], pageUrl: $"/Support/Details/{critical.Id}")).AssertRedirectsTo("/Account/AccessDenied");
    }
}
