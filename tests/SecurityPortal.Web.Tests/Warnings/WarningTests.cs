using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Domain.Auditing;
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
        (await officer.PostFormAsync($"{details}?handler=Resolve", new() { ["Text"] = "Đã cập nhật WordPress 6.4.3.", ["Fixes[0].Version"] = "6.4.3" }, pageUrl: details))
            .AssertRedirectsTo(details);
        (await reviewer.PostFormAsync($"{details}?handler=Verify", [], pageUrl: details)).AssertRedirectsTo(details);
        Assert.Contains("đã xác minh: 1", (await reviewer.GetDocumentAsync(url)).QuerySelector("#warning-progress")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.GetAsync("/Warnings")).StatusCode);
    }

    [Fact]
    public async Task Resolving_a_warnings_task_records_the_new_version_refuses_one_still_affected_and_verification_checks_the_registry_again()
    {
        var health = await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        var school = await Factory.CreateAgencyAsync("SL-SGD", "Sở Giáo dục và Đào tạo");
        var officerId = (await Factory.CreateUserAsync("yte@sl.vn", PortalRoles.AgencyOfficer, health.Id)).Id;
        await Factory.CreateUserAsync("gd@sl.vn", PortalRoles.AgencyOfficer, school.Id);
        await Factory.CreateUserAsync("td@sl.vn", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
        var portal = await Factory.CreateSystemAsync("SYT-WEB", "Cổng Sở Y tế", health.Id, s => s.AddComponent(ComponentKind.Cms, "WordPress", null, "5.8.3"));
        var componentId = portal.Components[0].Id;
        var reviewer = await SignInAsync("td@sl.vn", Totp.Key);
        var warning = await PublishAsync(reviewer, "WordPress < 6.4.3");
        var details = $"/Tasks/Details/{await TaskOfAsync(portal.Id)}";

        // The resolve form asks for the version the component runs now, prefilled with what the registry records.
        var officer = await SignInAsync("yte@sl.vn");
        var form = await officer.GetDocumentAsync(details);
        Assert.Equal("Phiên bản mới của WordPress (đang ghi: 5.8.3)", form.QuerySelector("label[for=fix-version-0]")!.TextContent);
        Assert.Equal("5.8.3", form.QuerySelector("#fix-version-0")!.GetAttribute("value"));

        // Another agency's officer neither sees the task nor resolves it.
        var outsider = await SignInAsync("gd@sl.vn");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync(details)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostFormAsync($"{details}?handler=Resolve",
            new() { ["Text"] = "Đã cập nhật.", ["Fixes[0].Id"] = componentId.ToString(), ["Fixes[0].Version"] = "6.4.3" }, pageUrl: "/Tasks")).StatusCode);

        // A version still in the rule is refused; the form keeps what was typed; nothing changes.
        (await officer.PostFileAsync(details.Replace("Details", "Attach", StringComparison.Ordinal), [], "Upload", "cap-nhat.pdf", DossierTestKit.Pdf))
            .AssertRedirectsTo(details);
        var refused = await officer.PostFormAsync($"{details}?handler=Resolve", new() { ["Text"] = "Đã nâng cấp WordPress.", ["Fixes[0].Version"] = "6.4.2" }, pageUrl: details);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.ParseAsync();
        Assert.Contains("«WordPress 6.4.2» vẫn thuộc phạm vi cảnh báo «WordPress < 6.4.3»", page.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("6.4.2", page.QuerySelector("#fix-version-0")!.GetAttribute("value"));
        Assert.Equal("Đã nâng cấp WordPress.", page.QuerySelector("#resolve-note")!.TextContent);
        Assert.Equal(("5.8.3", RemediationStatus.New), await Factory.WithDbAsync(async db =>
            ((await db.SoftwareComponents.SingleAsync(c => c.Id == componentId)).Version, (await db.RemediationTasks.SingleAsync()).Status)));

        // A fixed version is recorded in the registry (audited under the officer), with today as the patch date.
        (await officer.PostFormAsync($"{details}?handler=Resolve", new() { ["Text"] = "Đã nâng cấp WordPress.", ["Fixes[0].Version"] = "6.4.3" }, pageUrl: details))
            .AssertRedirectsTo(details);
        var component = await Factory.WithDbAsync(db => db.SoftwareComponents.SingleAsync(c => c.Id == componentId));
        Assert.Equal(("6.4.3", Today), (component.Version, component.LastPatched));
        Assert.True(await Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.EntityType == nameof(SoftwareComponent) && e.EntityKey == componentId.ToString()
            && e.AggregateKey == portal.Id.ToString() && e.Action == AuditAction.Update && e.UserId == officerId && e.Changes.Contains("6.4.3"))));
        Assert.Contains("Sổ đăng ký: WordPress 5.8.3 → 6.4.3.", (await officer.GetDocumentAsync(details)).QuerySelector("#task-thread")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Đã xử lý, chờ xác minh", StateOf(await reviewer.GetDocumentAsync(warning), "Cổng Sở Y tế"));

        // Verification checks the registry again: someone put an affected version back in the meantime.
        await SetVersionAsync(componentId, "6.0");
        Assert.Contains("Sổ đăng ký vẫn ghi WordPress 6.0", (await reviewer.GetDocumentAsync(details)).QuerySelector("#verify-check")!.TextContent, StringComparison.Ordinal);
        var notVerified = await reviewer.PostFormAsync($"{details}?handler=Verify", [], pageUrl: details);
        Assert.Equal(HttpStatusCode.OK, notVerified.StatusCode);
        Assert.Contains("Chưa xác minh được: sổ đăng ký vẫn ghi «WordPress 6.0»", (await notVerified.ParseAsync()).QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(RemediationStatus.Resolved, await Factory.WithDbAsync(db => db.RemediationTasks.Select(t => t.Status).SingleAsync()));

        await SetVersionAsync(componentId, "6.4.3");
        (await reviewer.PostFormAsync($"{details}?handler=Verify", [], pageUrl: details)).AssertRedirectsTo(details);
        var warningPage = await reviewer.GetDocumentAsync(warning);
        Assert.Equal("Đã khắc phục", StateOf(warningPage, "Cổng Sở Y tế"));
        Assert.Contains("WordPress 6.4.3", warningPage.QuerySelector("#affected")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Bị ảnh hưởng: 0 hệ thống", warningPage.QuerySelector("#warning-progress")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("đã khắc phục: 1", warningPage.QuerySelector("#warning-progress")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_removed_component_fixes_the_system_and_a_mitigation_is_verified_only_when_the_reviewer_accepts_it_with_a_reason()
    {
        var health = await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        await Factory.CreateUserAsync("yte@sl.vn", PortalRoles.AgencyOfficer, health.Id);
        await Factory.CreateUserAsync("td@sl.vn", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
        var portal = await Factory.CreateSystemAsync("SYT-WEB", "Cổng Sở Y tế", health.Id, s => s.AddComponent(ComponentKind.Cms, "WordPress", null, "5.8.3"));
        var news = await Factory.CreateSystemAsync("SYT-TIN", "Trang tin Sở Y tế", health.Id, s =>
        {
            s.AddComponent(ComponentKind.Cms, "WordPress", null, "6.0");
            s.AddComponent(ComponentKind.Framework, "PHP", null, "7.4.33");
        });
        var reviewer = await SignInAsync("td@sl.vn", Totp.Key);
        var warning = await PublishAsync(reviewer, "WordPress < 6.4.3");
        var (mitigated, removed) = (await TaskOfAsync(portal.Id), await TaskOfAsync(news.Id));
        var officer = await SignInAsync("yte@sl.vn");
        foreach (var id in new[] { mitigated, removed })
        {
            (await officer.PostFileAsync($"/Tasks/Attach/{id}", [], "Upload", "bien-ban.pdf", DossierTestKit.Pdf)).AssertRedirectsTo($"/Tasks/Details/{id}");
        }

        // The agency could not upgrade yet: it says so and what it did instead; the registry keeps the version.
        var portalTask = $"/Tasks/Details/{mitigated}";
        (await officer.PostFormAsync($"{portalTask}?handler=Resolve",
            new() { ["Text"] = "Chưa nâng cấp được (giao diện cũ); đã tắt XML-RPC và chặn qua tường lửa ứng dụng web.", ["Fixes[0].Version"] = "5.8.3", ["Mitigated"] = "true" },
            pageUrl: portalTask)).AssertRedirectsTo(portalTask);
        Assert.Equal("5.8.3", await Factory.WithDbAsync(db => db.SoftwareComponents.Where(c => c.SystemId == portal.Id).Select(c => c.Version).SingleAsync()));

        // The other system removed WordPress: it leaves the registry (audited), PHP stays.
        var newsTask = $"/Tasks/Details/{removed}";
        (await officer.PostFormAsync($"{newsTask}?handler=Resolve",
            new() { ["Text"] = "Đã gỡ WordPress, trang tin chuyển sang cổng chung.", ["Fixes[0].Removed"] = "true" }, pageUrl: newsTask)).AssertRedirectsTo(newsTask);
        Assert.Equal(["PHP"], await Factory.WithDbAsync(db => db.SoftwareComponents.Where(c => c.SystemId == news.Id).Select(c => c.Product).ToListAsync()));
        Assert.True(await Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e =>
            e.EntityType == nameof(SoftwareComponent) && e.AggregateKey == news.Id.ToString() && e.Action == AuditAction.Delete)));

        // Verifying both at once is refused for the mitigated one: nothing is verified.
        var bulk = await reviewer.PostFormAsync("/Tasks?handler=Verify", [new("Selected", mitigated.ToString()), new("Selected", removed.ToString())], pageUrl: "/Tasks");
        Assert.Equal(HttpStatusCode.OK, bulk.StatusCode);
        Assert.Contains("sổ đăng ký vẫn ghi «WordPress 5.8.3»", (await bulk.ParseAsync()).QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.RemediationTasks.CountAsync(t => t.Status == RemediationStatus.Verified)));
        (await reviewer.PostFormAsync("/Tasks?handler=Verify", [new("Selected", removed.ToString())], pageUrl: "/Tasks")).AssertRedirectsTo("/Tasks");

        // The reviewer accepts the mitigation only explicitly, with a reason.
        var withoutAccepting = await (await reviewer.PostFormAsync($"{portalTask}?handler=Verify", new() { ["Text"] = "Đồng ý." }, pageUrl: portalTask)).ParseAsync();
        Assert.Contains("Chấp nhận biện pháp giảm thiểu", withoutAccepting.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        var withoutReason = await (await reviewer.PostFormAsync($"{portalTask}?handler=Verify", new() { ["AcceptMitigation"] = "true" }, pageUrl: portalTask)).ParseAsync();
        Assert.Contains("Cần ghi lý do chấp nhận biện pháp giảm thiểu.", withoutReason.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        Assert.True(withoutReason.QuerySelector("#verify-accept")!.HasAttribute("checked"));
        (await reviewer.PostFormAsync($"{portalTask}?handler=Verify", new() { ["AcceptMitigation"] = "true", ["Text"] = "Tường lửa đã chặn; nâng cấp trong quý tới." },
            pageUrl: portalTask)).AssertRedirectsTo(portalTask);

        var warningPage = await reviewer.GetDocumentAsync(warning);
        Assert.Equal("Đã giảm thiểu, vẫn còn phiên bản bị ảnh hưởng", StateOf(warningPage, "Cổng Sở Y tế"));
        Assert.Equal("Đã khắc phục", StateOf(warningPage, "Trang tin Sở Y tế"));
        Assert.Contains("đã xác minh: 2 · đã khắc phục: 1", warningPage.QuerySelector("#warning-progress")!.TextContent, StringComparison.Ordinal);
    }

    private static async Task<string> PublishAsync(HttpClient reviewer, string rule)
    {
        var created = await reviewer.PostFormAsync("/Warnings/Create", new()
        {
            ["Input.Title"] = "Lỗ hổng nghiêm trọng trong WordPress", ["Input.Reference"] = "CVE-2099-1234", ["Input.AffectedProducts"] = rule,
            ["Input.Severity"] = nameof(TaskSeverity.Critical), ["Input.DueDate"] = Iso(Today.AddDays(7)),
        });
        var url = created.Headers.Location!.OriginalString;
        (await reviewer.PostFormAsync($"{url}?handler=Publish", [], pageUrl: url)).AssertRedirectsTo(url);
        return url;
    }

    private Task<Guid> TaskOfAsync(Guid systemId) =>
        Factory.WithDbAsync(db => db.RemediationTasks.Where(t => t.SystemId == systemId).Select(t => t.Id).SingleAsync());

    /// <summary>Someone changes the registry outside the task (as the system's edit page would).</summary>
    private Task<int> SetVersionAsync(Guid componentId, string version) => Factory.WithDbAsync(async db =>
    {
        var component = await db.SoftwareComponents.SingleAsync(c => c.Id == componentId);
        component.Update(component.Kind, component.Product, component.Vendor, version);
        return await db.SaveChangesAsync();
    });

    /// <summary>The «Tình trạng» cell of a system's row on the warning's page.</summary>
    private static string StateOf(IHtmlDocument page, string systemName) =>
        page.QuerySelectorAll("#affected tbody tr").Single(r => r.QuerySelector("td")!.TextContent == systemName).QuerySelectorAll("td")[3].TextContent;

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
