using System.Text;
using Microsoft.Playwright;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Tests.Browser;

[Trait("Category", "Browser")]
public sealed class ScanReportJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    /// <summary>A Trivy JSON report (schema 2) of the system's image, as <c>trivy image -f json</c> writes it (the parts the portal reads).</summary>
    private static readonly byte[] Trivy = Encoding.UTF8.GetBytes("""
        {
          "SchemaVersion": 2,
          "CreatedAt": "2026-12-08T09:15:02+07:00",
          "ArtifactName": "registry.songlam.gov.vn/stc/thu-ngan-sach:4.2.0",
          "ArtifactType": "container_image",
          "Results": [
            {
              "Target": "registry.songlam.gov.vn/stc/thu-ngan-sach:4.2.0 (debian 12.4)",
              "Class": "os-pkgs",
              "Type": "debian",
              "Vulnerabilities": [
                { "VulnerabilityID": "CVE-2023-4911", "PkgName": "libc6", "InstalledVersion": "2.36-9+deb12u1", "FixedVersion": "2.36-9+deb12u3",
                  "PkgIdentifier": { "PURL": "pkg:deb/debian/libc6@2.36-9+deb12u1?arch=amd64" },
                  "Title": "glibc: buffer overflow in ld.so", "Severity": "HIGH", "CVSS": { "nvd": { "V3Score": 7.8 } } },
                { "VulnerabilityID": "CVE-2023-5678", "PkgName": "openssl", "InstalledVersion": "3.0.11-1~deb12u1", "FixedVersion": "3.0.11-1~deb12u2",
                  "Title": "openssl: excessive time spent in DH checks", "Severity": "MEDIUM", "CVSS": { "nvd": { "V3Score": 5.3 } } }
              ]
            }
          ]
        }
        """);

    [Fact]
    public async Task An_officer_imports_a_trivy_report_for_a_system_previews_it_and_sees_the_new_tasks()
    {
        var agency = await fixture.Factory.CreateAgencyAsync("SL-STC", "Sở Tài chính");
        await fixture.Factory.CreateUserAsync("canbo@stc.vn", PortalRoles.AgencyOfficer, agency.Id);
        var system = new InformationSystem("STC-TNS", "Hệ thống quản lý thu ngân sách", agency.Id, agency.Id);
        await fixture.Factory.WithDbAsync(db =>
        {
            db.InformationSystems.Add(system);
            return db.SaveChangesAsync();
        });

        var (page, problems) = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, "canbo@stc.vn");
        await page.GotoAsync($"/Systems/Details/{system.Id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Nhập báo cáo quét lỗ hổng (Greenbone, Nessus, Trivy, Grype)" }).ClickAsync();
        await page.GetByLabel("Báo cáo quét (.xml, .nessus, .json)").SetInputFilesAsync(new FilePayload { Name = "trivy.json", MimeType = "application/json", Buffer = Trivy });
        await page.GetByRole(AriaRole.Button, new() { Name = "Tải lên và xem trước" }).ClickAsync();
        var preview = page.Locator("#scan-new");
        await preview.WaitForAsync();
        Assert.Contains("CVE-2023-4911: glibc: buffer overflow in ld.so", await preview.InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("70-scan-preview"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Xác nhận nhập" }).ClickAsync();
        await page.Locator("h1", new() { HasText = "Hệ thống quản lý thu ngân sách" }).WaitForAsync();
        Assert.Contains("2 nhiệm vụ mới", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Link, new() { Name = "Khắc phục", Exact = true }).ClickAsync();
        var tasks = page.Locator("#tasks");
        await tasks.GetByRole(AriaRole.Link, new() { Name = "CVE-2023-4911: glibc: buffer overflow in ld.so" }).WaitForAsync();
        Assert.Contains("CVE-2023-5678: openssl: excessive time spent in DH checks", await tasks.InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("71-scan-tasks"), FullPage = true });
        Assert.Empty(problems);
    }
}
