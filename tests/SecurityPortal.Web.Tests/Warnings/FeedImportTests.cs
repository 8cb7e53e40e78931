using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Domain.Warnings;
using static SecurityPortal.Tests.Imports.FeedFixtures;

namespace SecurityPortal.Tests.Warnings;

public sealed class FeedImportTests : PortalTestBase
{
    private InformationSystem _health = null!;
    private InformationSystem _school = null!;

    private async Task ArrangeAsync()
    {
        var health = await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        var school = await Factory.CreateAgencyAsync("SL-SGD", "Sở Giáo dục");
        await Factory.CreateUserAsync("yte@sl.vn", PortalRoles.AgencyOfficer, health.Id);
        await Factory.CreateUserAsync("td@sl.vn", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
        await Factory.CreateUserAsync("ld@sl.vn", PortalRoles.Leadership, authenticatorKey: Totp.Key);
        _health = await Factory.CreateSystemAsync("SYT-WEB", "Cổng Sở Y tế", health.Id, s =>
        {
            s.AddComponent(ComponentKind.Library, "log4j-core", "Apache", "2.14.1").SetIdentifiers("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", null);
            s.AddComponent(ComponentKind.Library, "openssl", null, "3.0.11-1~deb12u1").SetIdentifiers("pkg:deb/debian/openssl@3.0.11-1~deb12u1", null);
            s.AddComponent(ComponentKind.Library, "OpenSSL", "OpenSSL", "1.1.1k").SetIdentifiers(null, "cpe:2.3:a:openssl:openssl:1.1.1k:*:*:*:*:*:*:*");
        });
        _school = await Factory.CreateSystemAsync("SGD-WEB", "Cổng Sở Giáo dục", school.Id, s =>
        {
            s.AddComponent(ComponentKind.Library, "log4j-core", "Apache", "2.17.1").SetIdentifiers("pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1", null);
            s.AddComponent(ComponentKind.Library, "openssl", null, "3.0.11-1~deb12u2").SetIdentifiers("pkg:deb/debian/openssl@3.0.11-1~deb12u2", null);
            s.AddComponent(ComponentKind.Library, "OpenSSL", "OpenSSL", "1.1.1w").SetIdentifiers(null, "cpe:2.3:a:openssl:openssl:1.1.1w:*:*:*:*:*:*:*");
        });
    }

    private static byte[] Archive(string modified = "2024-05-01T00:00:00Z") => OsvArchive(
        Osv("GHSA-jfh8-c2jp-5v3q", modified, "Maven", "org.apache.logging.log4j:log4j-core", "Log4Shell", ["CVE-2021-44228"],
            cvss: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", events: [("introduced", "2.0-beta9"), ("fixed", "2.15.0")]),
        Osv("DSA-5000-1", "2024-05-01T00:00:00Z", "Debian:12", "openssl", "OpenSSL trong Debian", severity: "MODERATE",
            events: [("introduced", "0"), ("fixed", "3.0.11-1~deb12u2")]));

    private async Task<(HttpClient Client, string MatchesUrl)> ImportAsync(string fileName, byte[] content)
    {
        var reviewer = await SignInAsync("td@sl.vn", Totp.Key);
        var upload = await reviewer.PostFileAsync("/Warnings/Feeds", [], "Upload", fileName, content);
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var previewUrl = upload.Headers.Location!.OriginalString;
        var confirm = await reviewer.PostFormAsync(previewUrl, []);
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        return (reviewer, confirm.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_reviewer_previews_an_osv_archive_confirms_it_and_sees_the_matching_components_of_every_agency_kev_first()
    {
        await ArrangeAsync();
        await Factory.WithDbAsync(db =>
        {
            db.KnownExploitedCves.Add(new KnownExploitedCve("CVE-2021-44228", DateTime.UtcNow));
            return db.SaveChangesAsync();
        });
        var reviewer = await SignInAsync("td@sl.vn", Totp.Key);
        var upload = await reviewer.PostFileAsync("/Warnings/Feeds", [], "Upload", "maven.zip", Archive());
        var previewUrl = upload.Headers.Location!.OriginalString;
        var preview = await reviewer.GetDocumentAsync(previewUrl);
        var summary = preview.QuerySelector("#feed-summary")!.TextContent;
        Assert.Contains("Bản ghi mới: 2", summary, StringComparison.Ordinal);
        Assert.Equal(0, await Factory.CountAsync<VulnerabilityRecord>());

        var confirm = await reviewer.PostFormAsync(previewUrl, []);
        Assert.StartsWith("/Warnings/Feeds/Matches", confirm.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var records = await Factory.WithDbAsync(db => db.VulnerabilityRecords.Include(r => r.Affected).OrderBy(r => r.VulnerabilityId).ToListAsync());
        Assert.Equal(["DSA-5000-1", "GHSA-jfh8-c2jp-5v3q"], records.Select(r => r.VulnerabilityId));
        Assert.Equal(("CVE-2021-44228", 10.0, TaskSeverity.Critical), (records[1].Aliases, records[1].CvssScore, records[1].Severity));
        Assert.True(await Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.UserName == "td@sl.vn" && e.EntityType == "VulnerabilityRecord")));

        var matches = await reviewer.GetDocumentAsync(confirm.Headers.Location!.OriginalString);
        var rows = matches.QuerySelectorAll("#feed-matches tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Contains("GHSA-jfh8-c2jp-5v3q", rows[0], StringComparison.Ordinal);
        Assert.Contains("KEV", rows[0], StringComparison.Ordinal);
        Assert.Contains("log4j-core 2.14.1", rows[0], StringComparison.Ordinal);
        Assert.Contains("DSA-5000-1", rows[1], StringComparison.Ordinal);
        Assert.Contains("3.0.11-1~deb12u1", rows[1], StringComparison.Ordinal);
        Assert.All(rows, r => Assert.Contains("Cổng Sở Y tế", r, StringComparison.Ordinal));

        // The same file again changes nothing; a newer «modified» replaces the record.
        var again = await reviewer.PostFileAsync("/Warnings/Feeds", [], "Upload", "maven.zip", Archive());
        var secondPreview = await reviewer.GetDocumentAsync(again.Headers.Location!.OriginalString);
        Assert.NotNull(secondPreview.QuerySelector("#feed-nothing"));
        Assert.Null(secondPreview.QuerySelector("main form[method=post]"));
        Assert.Equal(HttpStatusCode.OK, (await reviewer.PostFormAsync(again.Headers.Location!.OriginalString, [], pageUrl: "/Warnings/Feeds")).StatusCode);
        var stamps = await Factory.WithDbAsync(db => db.VulnerabilityRecords.OrderBy(r => r.VulnerabilityId).Select(r => r.ConcurrencyStamp).ToListAsync());
        Assert.Equal(records.Select(r => r.ConcurrencyStamp), stamps);

        var newer = await reviewer.PostFileAsync("/Warnings/Feeds", [], "Upload", "maven.zip", Archive("2024-06-01T00:00:00Z"));
        var newerPreview = await reviewer.GetDocumentAsync(newer.Headers.Location!.OriginalString);
        Assert.Contains("Bản ghi cập nhật (ngày sửa đổi mới hơn): 1", newerPreview.QuerySelector("#feed-summary")!.TextContent, StringComparison.Ordinal);
        var newerConfirm = await reviewer.PostFormAsync(newer.Headers.Location!.OriginalString, []);
        Assert.True(newerConfirm.StatusCode == HttpStatusCode.Redirect, (await newerConfirm.ParseAsync()).QuerySelector("main")?.TextContent);
        Assert.StartsWith("/Warnings/Feeds/Matches", newerConfirm.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(2, await Factory.CountAsync<VulnerabilityRecord>());
        Assert.Equal(new DateTime(2024, 6, 1, 0, 0, 0, DateTimeKind.Utc), await Factory.WithDbAsync(db => db.VulnerabilityRecords.Where(r => r.VulnerabilityId == "GHSA-jfh8-c2jp-5v3q").Select(r => r.ModifiedUtc).SingleAsync()));
        Assert.Equal(2, await Factory.CountAsync<VulnerabilityAffected>());
    }

    [Fact]
    public async Task An_nvd_file_matches_cpe_components_by_vendor_product_and_range_with_letter_suffixes()
    {
        await ArrangeAsync();
        var (reviewer, matchesUrl) = await ImportAsync("nvd.json", Nvd(
            Cve("CVE-2023-0001", "2024-04-01T08:00:00.000", 7.5, null, CpeMatch("cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*", startIncluding: "1.1.1", endExcluding: "1.1.1w")),
            Cve("CVE-2023-0002", "2024-04-01T08:00:00.000", 9.8, null, CpeMatch("cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*", endIncluding: "1.0.2zh"))));
        var rows = (await reviewer.GetDocumentAsync(matchesUrl)).QuerySelectorAll("#feed-matches tbody tr").Select(r => r.TextContent).ToList();
        var row = Assert.Single(rows);
        Assert.Contains("CVE-2023-0001", row, StringComparison.Ordinal);
        Assert.Contains("OpenSSL 1.1.1k", row, StringComparison.Ordinal);
        Assert.Contains("Cổng Sở Y tế", row, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_match_becomes_a_published_warning_in_one_step_linked_to_its_record_and_is_then_marked()
    {
        await ArrangeAsync();
        var (reviewer, matchesUrl) = await ImportAsync("maven.zip", Archive());
        var page = await reviewer.GetDocumentAsync(matchesUrl);
        var form = page.QuerySelectorAll("#feed-matches tbody tr").Single(r => r.TextContent.Contains("GHSA-jfh8", StringComparison.Ordinal)).QuerySelector("form")!;
        var fields = form.QuerySelectorAll("input[type=hidden][name]").Where(i => i.GetAttribute("name") is "recordId" or "affectedId")
            .ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value")!);
        var warn = await reviewer.PostFormAsync(form.GetAttribute("action")!, fields, pageUrl: matchesUrl);
        Assert.Equal(HttpStatusCode.Redirect, warn.StatusCode);
        Assert.StartsWith("/Warnings/Details/", warn.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var warning = await Factory.WithDbAsync(db => db.VulnerabilityWarnings.SingleAsync());
        var record = await Factory.WithDbAsync(db => db.VulnerabilityRecords.SingleAsync(r => r.VulnerabilityId == "GHSA-jfh8-c2jp-5v3q"));
        Assert.Equal(record.Id, warning.FeedRecordId);
        Assert.Equal(WarningStatus.Published, warning.Status);
        Assert.Equal(TaskSeverity.Critical, warning.Severity);
        Assert.StartsWith("CVE-2021-44228", warning.Reference, StringComparison.Ordinal);
        Assert.Equal("pkg:maven/org.apache.logging.log4j/log4j-core introduced 2.0-beta9 fixed 2.15.0", warning.AffectedProducts);
        var task = await Factory.WithDbAsync(db => db.RemediationTasks.SingleAsync(t => t.Source == TaskSource.VulnerabilityWarning));
        Assert.Equal((_health.Id, warning.Id), (task.SystemId, task.SourceId));
        Assert.Equal(VietnamTime.Today(TimeProvider.System).AddDays(7), task.DueDate);
        Assert.True(await Factory.WithDbAsync(db => db.Notifications.AnyAsync()));

        // The match is marked; a second post (another tab) makes no second warning.
        var marked = await reviewer.GetDocumentAsync(matchesUrl);
        var row = marked.QuerySelectorAll("#feed-matches tbody tr").Single(r => r.TextContent.Contains("GHSA-jfh8", StringComparison.Ordinal));
        Assert.Equal($"/Warnings/Details/{warning.Id}", row.QuerySelector("a.feed-warned")!.GetAttribute("href"));
        var twice = await reviewer.PostFormAsync(form.GetAttribute("action")!, fields, pageUrl: matchesUrl);
        twice.AssertRedirectsTo($"/Warnings/Details/{warning.Id}");
        Assert.Equal(1, await Factory.CountAsync<VulnerabilityWarning>());

        var unknown = await reviewer.PostFormAsync(form.GetAttribute("action")!, new() { ["recordId"] = record.Id.ToString(), ["affectedId"] = Guid.NewGuid().ToString() }, pageUrl: matchesUrl);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Officers_and_leadership_cannot_reach_the_feed_pages_and_another_reviewers_draft_is_404()
    {
        await ArrangeAsync();
        await Factory.CreateUserAsync("td2@sl.vn", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
        var reviewer = await SignInAsync("td@sl.vn", Totp.Key);
        var upload = await reviewer.PostFileAsync("/Warnings/Feeds", [], "Upload", "maven.zip", Archive());
        var previewUrl = upload.Headers.Location!.OriginalString;

        var officer = await SignInAsync("yte@sl.vn");
        var leader = await SignInAsync("ld@sl.vn", Totp.Key);
        foreach (var client in new[] { officer, leader })
        {
            foreach (var url in new[] { "/Warnings/Feeds", previewUrl, "/Warnings/Feeds/Matches" })
            {
                var response = await client.GetAsync(url);
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.Contains("/Account/AccessDenied", response.Headers.Location!.OriginalString, StringComparison.Ordinal);
            }
        }

        var other = await SignInAsync("td2@sl.vn", Totp.Key);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(previewUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostFormAsync(previewUrl, [], pageUrl: "/Warnings/Feeds")).StatusCode);
        Assert.Equal(0, await Factory.CountAsync<VulnerabilityRecord>());
    }

    [Fact]
    public async Task A_crafted_archive_is_refused_with_a_clear_message_and_writes_nothing()
    {
        await ArrangeAsync();
        var reviewer = await SignInAsync("td@sl.vn", Totp.Key);
        var traversal = Zip(("../../evil.json", Encoding.UTF8.GetBytes(Osv("GHSA-1", "2024-01-01T00:00:00Z", "npm", "lodash", events: [("introduced", "0")]).ToJsonString())));
        var upload = await reviewer.PostFileAsync("/Warnings/Feeds", [], "Upload", "evil.zip", traversal);
        var previewUrl = upload.Headers.Location!.OriginalString;
        var preview = await reviewer.GetDocumentAsync(previewUrl);
        Assert.NotNull(preview.QuerySelector("#feed-refused"));
        Assert.Contains("đường dẫn không an toàn", preview.QuerySelector("#feed-issues")!.TextContent, StringComparison.Ordinal);
        Assert.Null(preview.QuerySelector("main form[method=post]"));
        Assert.Equal(HttpStatusCode.OK, (await reviewer.PostFormAsync(previewUrl, [], pageUrl: "/Warnings/Feeds")).StatusCode);
        Assert.Equal(0, await Factory.CountAsync<VulnerabilityRecord>());

        var empty = await reviewer.PostFileAsync("/Warnings/Feeds", [], "Upload", "none.json", []);
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Contains("Vui lòng chọn tệp dữ liệu lỗ hổng", (await empty.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_kev_import_records_its_cves_for_the_feeds_flag()
    {
        await ArrangeAsync();
        var reviewer = await SignInAsync("td@sl.vn", Totp.Key);
        var kev = """{"vulnerabilities":[{"cveID":"CVE-2021-44228","vendorProject":"Apache","product":"Log4j2","vulnerabilityName":"Log4Shell","dueDate":"2099-01-01"}]}"""u8.ToArray();
        await reviewer.PostFileAsync("/Warnings/Import", [], "Upload", "kev.json", kev);
        await reviewer.PostFileAsync("/Warnings/Import", [], "Upload", "kev.json", kev);
        Assert.Equal(["CVE-2021-44228"], await Factory.WithDbAsync(db => db.KnownExploitedCves.Select(k => k.CveId).ToListAsync()));
    }
}
