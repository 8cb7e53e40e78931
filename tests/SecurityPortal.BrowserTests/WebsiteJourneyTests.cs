using Microsoft.Playwright;
using SecurityPortal.Domain.Common;
using SecurityPortal.Tests.Websites;

namespace SecurityPortal.Tests.Browser;

[Trait("Category", "Browser")]
public sealed class WebsiteJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_reviewer_checks_a_school_website_sees_its_findings_and_confirms_a_defacement_into_an_incident()
    {
        var school = await fixture.Factory.CreateAgencyAsync("SL-THPT9", "Trường THPT Phan Bội Châu", Domain.Agencies.AgencyKind.School);
        await fixture.Factory.CreateUserAsync("thamdinh.web@songlam.vn", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
        await using var site = await TestSite.StartAsync(TestSite.Html(
            "<html><head><title>Trường THPT Phan Bội Châu</title><meta name=\"generator\" content=\"WordPress 5.8\" /></head>"
            + "<body><h1>Trường THPT Phan Bội Châu</h1><p>Thông báo lịch thi học kỳ I năm học 2026–2027 cho học sinh khối 10, 11 và 12; "
            + "kế hoạch ngoại khóa, hoạt động đoàn thanh niên, tuyển sinh lớp 10 và tin tức hoạt động của nhà trường trong tháng.</p></body></html>",
            ("Server", "Apache/2.4.41 (Ubuntu)"), ("X-Powered-By", "PHP/7.4.3")));
        await fixture.Factory.CreateSystemAsync("PBC-WEB", "Trang thông tin trường Phan Bội Châu", school.Id, s => s.AddEndpoint(site.UrlFor(), true));

        var (page, problems) = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, "thamdinh.web@songlam.vn", Totp.Key);
        await page.GetByRole(AriaRole.Link, new() { Name = "Trang web", Exact = true }).ClickAsync();
        await page.Locator("#websites").GetByRole(AriaRole.Link, new() { Name = site.UrlFor() }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Kiểm tra ngay" }).ClickAsync();
        await page.Locator(".alert", new() { HasText = "Đã kiểm tra xong trang web." }).WaitForAsync();
        var findings = await page.Locator("#findings").InnerTextAsync();
        Assert.Contains("để lộ phiên bản", findings, StringComparison.Ordinal);
        Assert.Contains("Content-Security-Policy", findings, StringComparison.Ordinal);
        Assert.Contains("WordPress 5.8", await page.Locator("#software").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("60-website-status"), FullPage = true });

        // The site is defaced; the next check raises the alert for a person to confirm.
        site.Handler = TestSite.Html("<html><head><title>Hacked by Nhóm X</title></head><body><h1>HACKED BY NHÓM X</h1><p>greetz</p></body></html>");
        await page.GetByRole(AriaRole.Button, new() { Name = "Kiểm tra ngay" }).ClickAsync();
        await page.Locator("#defacement-alert").WaitForAsync();
        Assert.Contains("Hacked by Nhóm X", await page.Locator("#defacement-alert").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("61-defacement-alert"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "Xác nhận bị thay đổi giao diện (mở sự cố)" }).ClickAsync();
        await page.WaitForURLAsync("**/Incidents/Details/**");
        Assert.Contains("24 giờ", await page.Locator("#incident-clocks").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("62-defacement-incident"), FullPage = true });

        await page.GotoAsync("/Websites");
        Assert.Equal("1", (await page.Locator("#website-figures .text-danger").First.InnerTextAsync()).Trim());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("63-website-list"), FullPage = true });
        Assert.Empty(problems);
    }
}
