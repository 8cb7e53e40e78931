using System.Net;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Incidents;
using SecurityPortal.Domain.Remediation;

namespace SecurityPortal.Tests.Incidents;

public sealed class IncidentTests : PortalTestBase
{
    [Fact]
    public async Task An_officer_reports_a_serious_incident_the_clocks_run_tasks_are_created_once_and_other_agencies_see_nothing()
    {
        var health = await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        var ward = await Factory.CreateAgencyAsync("SL-PBT", "Ủy ban nhân dân phường Bến Thủy", AgencyKind.CommuneCommittee);
        await Factory.CreateUserAsync("yte@sl.vn", PortalRoles.AgencyOfficer, health.Id);
        await Factory.CreateUserAsync("phuong@sl.vn", PortalRoles.AgencyOfficer, ward.Id);
        await Factory.CreateUserAsync("td@sl.vn", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
        var system = await Factory.CreateSystemAsync("SYT-WEB", "Cổng Sở Y tế", health.Id);
        var foreign = await Factory.CreateSystemAsync("PBT-WEB", "Cổng phường", ward.Id);
        var detected = VietnamTime.FromUtc(DateTime.UtcNow.AddHours(-30)).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);

        var officer = await SignInAsync("yte@sl.vn");
        var stolen = await officer.PostFormAsync("/Incidents/Create", new()
        {
            ["Input.Kind"] = nameof(IncidentKind.Defacement), ["Input.Title"] = "Trang chủ bị thay giao diện", ["Input.DetectedAt"] = detected,
            ["Input.Serious"] = "true", ["Input.SystemIds"] = foreign.Id.ToString(),
        });
        Assert.Contains("Chỉ chọn hệ thống mà bạn được quản lý", (await stolen.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);

        var created = await officer.PostFormAsync("/Incidents/Create", new()
        {
            ["Input.Kind"] = nameof(IncidentKind.Defacement), ["Input.Title"] = "Trang chủ bị thay giao diện", ["Input.DetectedAt"] = detected,
            ["Input.Serious"] = "true", ["Input.SystemIds"] = system.Id.ToString(), ["Input.Description"] = "Dòng chữ «hacked by» trên trang chủ.",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var url = created.Headers.Location!.OriginalString;
        var page = await officer.GetDocumentAsync(url);
        var clocks = page.QuerySelector("#incident-clocks")!.TextContent;
        Assert.Contains("Quá hạn", clocks, StringComparison.Ordinal);
        Assert.Contains("Còn", clocks, StringComparison.Ordinal);
        var reviewerId = await Factory.WithDbAsync(db => db.Users.Where(u => u.Email == "td@sl.vn").Select(u => u.Id).SingleAsync());
        Assert.True(await Factory.WithDbAsync(db => db.Notifications.AnyAsync(n => n.UserId == reviewerId && n.Link == url)));

        (await officer.PostFormAsync($"{url}?handler=Notice", [], pageUrl: url)).AssertRedirectsTo(url);
        (await officer.PostFormAsync($"{url}?handler=Tasks", [], pageUrl: url)).AssertRedirectsTo(url);
        (await officer.PostFormAsync($"{url}?handler=Move", new() { ["Next"] = nameof(IncidentStatus.Closed) }, pageUrl: url)).AssertRedirectsTo(url);
        Assert.Contains("Không thể chuyển sự cố", (await officer.GetDocumentAsync(url)).Body!.TextContent, StringComparison.Ordinal);
        var task = await Factory.WithDbAsync(db => db.RemediationTasks.SingleAsync(t => t.Source == TaskSource.Incident));
        Assert.Equal(system.Id, task.SystemId);
        Assert.Equal(TaskSeverity.Critical, task.Severity);
        Assert.Contains("Đã ghi nhận, trễ hạn", (await officer.GetDocumentAsync(url)).QuerySelector("#incident-clocks")!.TextContent, StringComparison.Ordinal);

        // Through the steps to closing, which needs the full report.
        (await officer.PostFormAsync($"{url}?handler=Move", new() { ["Next"] = nameof(IncidentStatus.InProgress) }, pageUrl: url)).AssertRedirectsTo(url);
        (await officer.PostFormAsync($"{url}?handler=Move", new() { ["Next"] = nameof(IncidentStatus.Remediated) }, pageUrl: url)).AssertRedirectsTo(url);
        (await officer.PostFormAsync($"{url}?handler=Report", new() { ["Text"] = "Nguyên nhân: mật khẩu quản trị yếu; đã đổi mật khẩu và khôi phục trang." }, pageUrl: url)).AssertRedirectsTo(url);
        (await officer.PostFormAsync($"{url}?handler=Move", new() { ["Next"] = nameof(IncidentStatus.Closed) }, pageUrl: url)).AssertRedirectsTo(url);
        var closed = await Factory.WithDbAsync(db => db.Incidents.SingleAsync());
        Assert.Equal(IncidentStatus.Closed, closed.Status);
        Assert.NotNull(closed.FullReportAtUtc);

        var ward2 = await SignInAsync("phuong@sl.vn");
        Assert.Equal(HttpStatusCode.NotFound, (await ward2.GetAsync(url)).StatusCode);
        Assert.DoesNotContain("Trang chủ bị thay giao diện", (await ward2.GetDocumentAsync("/Incidents")).Body!.TextContent, StringComparison.Ordinal);
        var reviewer = await SignInAsync("td@sl.vn", Totp.Key);
        Assert.Contains("Trang chủ bị thay giao diện", (await reviewer.GetDocumentAsync("/Incidents")).QuerySelector("#incidents")!.TextContent, StringComparison.Ordinal);
    }
}
