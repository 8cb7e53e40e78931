using Microsoft.Playwright;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Tests.Browser;

[Trait("Category", "Browser")]
public sealed class RegistryJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_officer_registers_a_system_with_a_url_and_two_components_and_sees_it_in_the_list()
    {
        var agency = await fixture.Factory.CreateAgencyAsync("SL-SGDDT", "Sở Giáo dục và Đào tạo");
        await fixture.Factory.CreateUserAsync("canbo@sgddt.vn", PortalRoles.AgencyOfficer, agency.Id);
        var (page, problems) = await fixture.NewPageAsync();

        await fixture.SignInAsync(page, "canbo@sgddt.vn");

        await page.GetByRole(AriaRole.Link, new() { Name = "Hệ thống thông tin" }).First.ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Đăng ký hệ thống" }).ClickAsync();
        await page.GetByLabel("Mã hệ thống").FillAsync("SGDDT-WEB");
        await page.GetByLabel("Tên hệ thống").FillAsync("Trang thông tin điện tử Sở Giáo dục và Đào tạo");
        await page.GetByLabel("Loại hệ thống").SelectOptionAsync(new SelectOptionValue { Label = "Phục vụ người dân, doanh nghiệp" });
        await page.GetByLabel("Công cộng").CheckAsync();
        await page.GetByLabel("Số người sử dụng").FillAsync("350");
        await page.GetByLabel("Địa chỉ (URL) 1", new() { Exact = true }).FillAsync("https://sgddt.songlam.gov.vn");
        await page.GetByLabel("Loại 1", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Hệ quản trị nội dung (CMS)" });
        await page.GetByLabel("Sản phẩm 1", new() { Exact = true }).FillAsync("WordPress");
        await page.GetByLabel("Phiên bản 1", new() { Exact = true }).FillAsync("6.4.3");
        await page.GetByLabel("Vá gần nhất 1", new() { Exact = true }).FillAsync(DateTime.UtcNow.AddDays(-10).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByLabel("Loại 2", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Máy chủ web" });
        await page.GetByLabel("Sản phẩm 2", new() { Exact = true }).FillAsync("nginx");
        await page.GetByLabel("Phiên bản 2", new() { Exact = true }).FillAsync("1.18.0");
        await page.GetByLabel("Hết hỗ trợ (EOL) 2", new() { Exact = true }).FillAsync("2021-04-20");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("10-system-create"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu hệ thống" }).ClickAsync();

        await page.Locator("h1", new() { HasText = "Trang thông tin điện tử Sở Giáo dục và Đào tạo" }).WaitForAsync();
        Assert.Contains("https://sgddt.songlam.gov.vn", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Đã hết hỗ trợ", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("11-system-details"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "Hệ thống thông tin" }).First.ClickAsync();
        await page.GetByLabel("Tìm theo tên, mã, mô tả").FillAsync("giao duc");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lọc" }).ClickAsync();
        var row = page.Locator("tbody tr", new() { HasText = "SGDDT-WEB" });
        await row.WaitForAsync();
        Assert.Contains("1 cần xử lý", await row.InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("12-system-list"), FullPage = true });
        Assert.Empty(problems);
    }
}
