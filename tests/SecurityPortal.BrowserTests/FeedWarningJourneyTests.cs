using System.IO.Compression;
using System.Text;
using Microsoft.Playwright;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Tests.Browser;

[Trait("Category", "Browser")]
public sealed class FeedWarningJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    /// <summary>
    /// An OSV archive as osv.dev publishes one per ecosystem (a .zip of OSV 1.6 JSON records, one per file), written here:
    /// a Maven record whose range reaches the registered log4j-core 2.14.1, and one no registered component reaches.
    /// </summary>
    private static byte[] OsvArchive()
    {
        (string Name, string Json)[] records =
        [
            ("GHSA-jfh8-c2jp-5v3q.json", """
                {
                  "schema_version": "1.6.0",
                  "id": "GHSA-jfh8-c2jp-5v3q",
                  "modified": "2024-05-01T00:00:00Z",
                  "published": "2021-12-10T00:40:56Z",
                  "aliases": ["CVE-2021-44228"],
                  "summary": "Remote code injection in Log4j",
                  "severity": [{ "type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H" }],
                  "affected": [{
                    "package": { "ecosystem": "Maven", "name": "org.apache.logging.log4j:log4j-core" },
                    "ranges": [{ "type": "ECOSYSTEM", "events": [{ "introduced": "2.0-beta9" }, { "fixed": "2.15.0" }] }]
                  }]
                }
                """),
            ("GHSA-7rjr-3q55-vv33.json", """
                {
                  "schema_version": "1.6.0",
                  "id": "GHSA-7rjr-3q55-vv33",
                  "modified": "2024-05-01T00:00:00Z",
                  "published": "2021-12-14T18:01:28Z",
                  "aliases": ["CVE-2021-45046"],
                  "summary": "Incomplete fix for Apache Log4j vulnerability",
                  "database_specific": { "severity": "CRITICAL" },
                  "affected": [{
                    "package": { "ecosystem": "Maven", "name": "org.apache.logging.log4j:log4j-core" },
                    "ranges": [{ "type": "ECOSYSTEM", "events": [{ "introduced": "2.16.0" }, { "fixed": "2.16.1" }] }]
                  }]
                }
                """),
        ];
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, json) in records)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(Encoding.UTF8.GetBytes(json));
            }
        }

        return buffer.ToArray();
    }

    [Fact]
    public async Task A_reviewer_imports_an_osv_archive_previews_it_and_turns_a_matching_component_into_a_published_warning_in_one_step()
    {
        var agency = await fixture.Factory.CreateAgencyAsync("SL-SKH", "Sở Kế hoạch và Đầu tư");
        await fixture.Factory.CreateUserAsync("canhbao@skh.songlam.vn", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
        var system = new InformationSystem("SKH-DKKD", "Hệ thống đăng ký kinh doanh", agency.Id, agency.Id);
        system.AddComponent(ComponentKind.Library, "log4j-core", "Apache", "2.14.1").SetIdentifiers("pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", null);
        await fixture.Factory.WithDbAsync(db =>
        {
            db.InformationSystems.Add(system);
            return db.SaveChangesAsync();
        });

        var (page, problems) = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, "canhbao@skh.songlam.vn", Totp.Key);
        await page.GetByRole(AriaRole.Link, new() { Name = "Cảnh báo" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Nguồn dữ liệu lỗ hổng (OSV, NVD)" }).ClickAsync();
        await page.GetByLabel("Tệp dữ liệu lỗ hổng (.zip, .json)").SetInputFilesAsync(new FilePayload { Name = "maven-osv.zip", MimeType = "application/zip", Buffer = OsvArchive() });
        await page.GetByRole(AriaRole.Button, new() { Name = "Tải lên và xem trước" }).ClickAsync();
        var summary = page.Locator("#feed-summary");
        await summary.WaitForAsync();
        Assert.Contains("Bản ghi mới: 2", await summary.InnerTextAsync(), StringComparison.Ordinal);
        var changes = await page.Locator("#feed-changes").InnerTextAsync();
        Assert.Contains("GHSA-jfh8-c2jp-5v3q", changes, StringComparison.Ordinal);
        Assert.Contains("GHSA-7rjr-3q55-vv33", changes, StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("72-feed-preview"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Xác nhận nhập" }).ClickAsync();

        // The matches of this import: only the record whose range reaches the registered component.
        var match = page.Locator("#feed-matches tbody tr", new() { HasText = "GHSA-jfh8-c2jp-5v3q" });
        await match.WaitForAsync();
        Assert.Equal(1, await page.Locator("#feed-matches tbody tr").CountAsync());
        var row = await match.InnerTextAsync();
        Assert.Contains("Hệ thống đăng ký kinh doanh", row, StringComparison.Ordinal);
        Assert.Contains("log4j-core 2.14.1", row, StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("73-feed-matches"), FullPage = true });
        await match.GetByRole(AriaRole.Button, new() { Name = "Tạo cảnh báo" }).ClickAsync();

        await page.Locator("#warning-status", new() { HasText = "Đã phát hành" }).WaitForAsync();
        Assert.Contains("GHSA-jfh8-c2jp-5v3q: Remote code injection in Log4j", await page.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("1 nhiệm vụ khắc phục đã được tạo", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.Locator("#affected", new() { HasText = "Hệ thống đăng ký kinh doanh" }).WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("74-feed-warning"), FullPage = true });

        // Back on the matches, the row now links to its warning instead of offering a second one.
        await page.GoBackAsync();
        await page.ReloadAsync();
        await page.Locator("#feed-matches tbody tr", new() { HasText = "GHSA-jfh8-c2jp-5v3q" }).GetByRole(AriaRole.Link, new() { Name = "Đã có cảnh báo" }).WaitForAsync();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
