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

    /// <summary>
    /// A CycloneDX 1.5 JSON BOM of the same image, as a vendor delivers it: glibc and OpenSSL with their purls (the ones
    /// the Trivy report names) and nginx; the inventory holds OpenSSL at an older version and a library the image dropped.
    /// </summary>
    private static readonly byte[] CycloneDx = Encoding.UTF8.GetBytes("""
        {
          "$schema": "http://cyclonedx.org/schema/bom-1.5.schema.json",
          "bomFormat": "CycloneDX",
          "specVersion": "1.5",
          "serialNumber": "urn:uuid:6f1c2a7e-0d3b-4c55-9a21-7b3e5d8c4f10",
          "version": 1,
          "metadata": { "timestamp": "2026-12-08T08:30:00+07:00", "component": { "type": "container", "name": "registry.songlam.gov.vn/stc/thu-ngan-sach", "version": "4.2.0" } },
          "components": [
            { "type": "library", "name": "libc6", "version": "2.36-9+deb12u1", "purl": "pkg:deb/debian/libc6@2.36-9+deb12u1?arch=amd64" },
            { "type": "library", "name": "openssl", "version": "3.0.11-1~deb12u1", "purl": "pkg:deb/debian/openssl@3.0.11-1~deb12u1?arch=amd64" },
            { "type": "application", "name": "nginx", "version": "1.22.1-9", "purl": "pkg:deb/debian/nginx@1.22.1-9?arch=amd64" }
          ]
        }
        """);

    [Fact]
    public async Task An_officer_imports_a_cyclonedx_sbom_sees_the_diff_then_imports_a_trivy_report_for_the_same_system_and_sees_the_new_tasks()
    {
        var agency = await fixture.Factory.CreateAgencyAsync("SL-STC", "Sở Tài chính");
        await fixture.Factory.CreateUserAsync("canbo@stc.vn", PortalRoles.AgencyOfficer, agency.Id);
        var system = new InformationSystem("STC-TNS", "Hệ thống quản lý thu ngân sách", agency.Id, agency.Id);
        system.AddComponent(ComponentKind.Library, "openssl", null, "3.0.9-1");
        system.AddComponent(ComponentKind.Library, "libxml2", null, "2.9.14");
        await fixture.Factory.WithDbAsync(db =>
        {
            db.InformationSystems.Add(system);
            return db.SaveChangesAsync();
        });

        var (page, problems) = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, "canbo@stc.vn");
        await page.GotoAsync($"/Systems/Details/{system.Id}");

        // First the SBOM: the preview lists what it adds, drops and changes against the inventory; nothing is written before «Xác nhận nhập».
        await page.GetByRole(AriaRole.Link, new() { Name = "Nhập SBOM (CycloneDX, SPDX)" }).ClickAsync();
        await page.GetByLabel("Tệp SBOM (.json, .xml)").SetInputFilesAsync(new FilePayload { Name = "thu-ngan-sach.cdx.json", MimeType = "application/json", Buffer = CycloneDx });
        await page.GetByRole(AriaRole.Button, new() { Name = "Tải lên và xem trước" }).ClickAsync();
        var changes = page.Locator("#sbom-changes");
        await changes.WaitForAsync();
        var summary = await page.Locator("main ul").First.InnerTextAsync();
        Assert.Contains("Thêm mới: 2", summary, StringComparison.Ordinal);
        Assert.Contains("Bỏ khỏi danh mục: 1", summary, StringComparison.Ordinal);
        Assert.Contains("Đổi phiên bản: 1", summary, StringComparison.Ordinal);
        await changes.Locator("tbody tr", new() { HasText = "libc6" }).GetByRole(AriaRole.Cell, new() { Name = "Thêm", Exact = true }).WaitForAsync();
        await changes.Locator("tbody tr", new() { HasText = "nginx" }).GetByRole(AriaRole.Cell, new() { Name = "Thêm", Exact = true }).WaitForAsync();
        await changes.Locator("tbody tr", new() { HasText = "libxml2" }).GetByRole(AriaRole.Cell, new() { Name = "Bỏ", Exact = true }).WaitForAsync();
        var openssl = await changes.Locator("tbody tr", new() { HasText = "openssl" }).InnerTextAsync();
        Assert.Contains("3.0.9-1", openssl, StringComparison.Ordinal);
        Assert.Contains("3.0.11-1~deb12u1", openssl, StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("69-sbom-preview"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Xác nhận nhập" }).ClickAsync();
        await page.Locator("h1", new() { HasText = "Hệ thống quản lý thu ngân sách" }).WaitForAsync();
        Assert.Contains("Đã nhập SBOM: 2 thành phần thêm, 1 bỏ, 1 đổi phiên bản", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        var inventory = page.Locator("table", new() { Has = page.Locator("caption", new() { HasText = "Phần mềm, thành phần và phiên bản" }) });
        var rows = await inventory.InnerTextAsync();
        Assert.Contains("pkg:deb/debian/libc6@2.36-9", rows, StringComparison.Ordinal);
        Assert.Contains("pkg:deb/debian/nginx@1.22.1-9", rows, StringComparison.Ordinal);
        Assert.DoesNotContain("libxml2", rows, StringComparison.Ordinal);

        // Then the scanner report of the same image.
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
