using System.Net;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Domain.Warnings;
using SecurityPortal.Tests.Dossiers;

namespace SecurityPortal.Tests.Warnings;

public sealed class WarningTests : PortalTestBase
{
    private static readonly DateOnly Today = VietnamTime.Today(TimeProvider.System);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Publishing_a_warning_creates_one_task_per_affected_system_once_and_tracks_resolution_and_verification()
    {
        var health = await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        var school = await Factory.CreateAgencyAsync("SL-SGD", "Sở Giáo dục và Đào tạo");
        await Factory.CreateUserAsync("yte@sl.vn", PortalRoles.AgencyOfficer, health.Id);
        await Factory.CreateUserAsync("td@sl.vn", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
        var old = await Factory.CreateSystemAsync("SYT-WEB", "Cổng Sở Y tế", health.Id, s => s.AddComponent(ComponentKind.Cms, "WordPress", null, "5.8.3"));
        await Factory.CreateSystemAsync("SGD-WEB", "Cổng Sở Giáo dục", school.Id, s => s.AddComponent(ComponentKind.Cms, "wordpress", null, "6.5.2"));
        await Factory.CreateSystemAsync("SGD-BLOG", "Blog Sở Giáo dục", school.Id, s => s.AddComponent(ComponentKind.Cms, "WordPress CMS", null, null));

        var reviewer = await SignInAsync("td@sl.vn", Totp.Key);
        var bad = await reviewer.PostFormAsync("/Warnings/Create", new()
        {
            ["Input.Title"] = "Lỗ hổng WordPress", ["Input.Reference"] = "CVE-2099-1234", ["Input.AffectedProducts"] = "WordPress < sáu",
            ["Input.Severity"] = nameof(TaskSeverity.Critical), ["Input.DueDate"] = Iso(Today.AddDays(7)),
        });
        var badPage = await bad.ParseAsync();
        Assert.Contains("Không đọc được quy tắc «WordPress < sáu»", badPage.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("WordPress < sáu", badPage.QuerySelector("#Input_AffectedProducts")!.GetAttribute("value"));

        var created = await reviewer.PostFormAsync("/Warnings/Create", new()
        {
            ["Input.Title"] = "Lỗ hổng nghiêm trọng trong WordPress", ["Input.Reference"] = "CVE-2099-1234", ["Input.AffectedProducts"] = "WordPress < 6.4.3",
            ["Input.Severity"] = nameof(TaskSeverity.Critical), ["Input.DueDate"] = Iso(Today.AddDays(7)), ["Input.RecommendedAction"] = "Cập nhật lên 6.4.3 trở lên.",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var url = created.Headers.Location!.OriginalString;
        var preview = await reviewer.GetDocumentAsync(url);
        var affected = preview.QuerySelector("#affected")!.TextContent;
        Assert.Contains("Cổng Sở Y tế", affected, StringComparison.Ordinal);
        Assert.Contains("Blog Sở Giáo dục", affected, StringComparison.Ordinal);
        Assert.Contains("Chưa rõ phiên bản", affected, StringComparison.Ordinal);
        Assert.DoesNotContain("Cổng Sở Giáo dục", affected, StringComparison.Ordinal);

        (await reviewer.PostFormAsync($"{url}?handler=Publish", [], pageUrl: url)).AssertRedirectsTo(url);
        (await reviewer.PostFormAsync($"{url}?handler=Publish", [], pageUrl: url)).AssertRedirectsTo(url);
        var task = await Factory.WithDbAsync(db => db.RemediationTasks.SingleAsync(t => t.Source == TaskSource.VulnerabilityWarning));
        Assert.Equal(old.Id, task.SystemId);
        Assert.Equal(TaskSeverity.Critical, task.Severity);
        Assert.Equal(Today.AddDays(7), task.DueDate);
        Assert.Equal(WarningStatus.Published, await Factory.WithDbAsync(db => db.VulnerabilityWarnings.Select(w => w.Status).SingleAsync()));

        // The officer resolves with evidence; the reviewer verifies; the warning shows it.
        var officer = await SignInAsync("yte@sl.vn");
        var details = $"/Tasks/Details/{task.Id}";
        (await officer.PostFileAsync($"/Tasks/Attach/{task.Id}", [], "Upload", "cap-nhat.pdf", DossierTestKit.Pdf)).AssertRedirectsTo(details);
        (await officer.PostFormAsync($"{details}?handler=Resolve", new() { ["Text"] = "Đã cập nhật WordPress 6.4.3." }, pageUrl: details)).AssertRedirectsTo(details);
        (await reviewer.PostFormAsync($"{details}?handler=Verify", [], pageUrl: details)).AssertRedirectsTo(details);
        Assert.Contains("đã xác minh: 1", (await reviewer.GetDocumentAsync(url)).QuerySelector("#warning-progress")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.GetAsync("/Warnings")).StatusCode);
    }

    [Fact]
    public async Task A_kev_feed_imports_each_new_cve_once_as_a_draft_and_explains_what_it_could_not_import()
    {
        await Factory.CreateUserAsync("td@sl.vn", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
        var reviewer = await SignInAsync("td@sl.vn", Totp.Key);
        var feed = await File.ReadAllBytesAsync(Path.Combine(AppContext.BaseDirectory, "Warnings", "kev-sample.json"));
        var first = await reviewer.PostFileAsync("/Warnings/Import", [], "Upload", "kev.json", feed);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("Mục 3: thiếu cveID", (await first.ParseAsync()).QuerySelector("#import-problems")!.TextContent, StringComparison.Ordinal);
        var warnings = await Factory.WithDbAsync(db => db.VulnerabilityWarnings.OrderBy(w => w.Reference).ToListAsync());
        Assert.Equal(["CVE-2099-0001", "CVE-2099-0002"], warnings.Select(w => w.Reference));
        Assert.All(warnings, w => Assert.Equal(WarningStatus.Draft, w.Status));
        Assert.Equal(TaskSeverity.Critical, warnings[0].Severity);
        Assert.True(warnings[1].DueDate >= Today);
        Assert.Equal("HTTP Server", warnings[1].AffectedProducts);

        await reviewer.PostFileAsync("/Warnings/Import", [], "Upload", "kev.json", feed);
        Assert.Equal(2, await Factory.WithDbAsync(db => db.VulnerabilityWarnings.CountAsync()));
        var notJson = await reviewer.PostFileAsync("/Warnings/Import", [], "Upload", "kev.json", "{ \"vulnerabilities\": ["u8.ToArray());
        Assert.Contains("không đúng định dạng JSON", (await notJson.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
    }
}
