using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Tests.Browser;

[Trait("Category", "Browser")]
public sealed class SupportJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task An_officer_asks_for_help_and_a_reviewer_accepts_the_request_and_turns_it_into_an_incident()
    {
        var agency = await fixture.Factory.CreateAgencyAsync("SL-SNV", "Sở Nội vụ");
        await fixture.Factory.CreateUserAsync("canbo@snv.vn", PortalRoles.AgencyOfficer, agency.Id);
        await fixture.Factory.CreateUserAsync("hotro@songlam.vn", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
        var system = await fixture.Factory.CreateSystemAsync("SNV-QLCB", "Hệ thống quản lý cán bộ", agency.Id);

        var (page, problems) = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, "canbo@snv.vn");
        await page.GetByRole(AriaRole.Link, new() { Name = "Yêu cầu hỗ trợ", Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Gửi yêu cầu hỗ trợ" }).ClickAsync();
        await page.GetByLabel("Hệ thống cần hỗ trợ").SelectOptionAsync(system.Id.ToString());
        await page.GetByLabel("Loại hỗ trợ").SelectOptionAsync("MalwareRemoval");
        await page.GetByLabel("Mức độ khẩn cấp").SelectOptionAsync("Critical");
        await page.GetByLabel("Tiêu đề").FillAsync("Máy chủ quản lý cán bộ nghi nhiễm mã độc tống tiền");
        await page.GetByLabel("Mô tả điều cần hỗ trợ").FillAsync("Nhiều tệp trên máy chủ bị đổi phần mở rộng; đề nghị hỗ trợ phân tích và gỡ bỏ.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi yêu cầu" }).ClickAsync();
        await page.Locator("#support-state", new() { HasText = "Mới" }).WaitForAsync();
        Assert.Contains("mục tiêu 4 giờ", await page.Locator("#support-due").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("70-support-request"), FullPage = true });

        var (review, reviewProblems) = await fixture.NewPageAsync();
        await fixture.SignInAsync(review, "hotro@songlam.vn", Totp.Key);
        await review.GetByRole(AriaRole.Link, new() { Name = "Yêu cầu hỗ trợ", Exact = true }).ClickAsync();
        await review.Locator("#support-requests").GetByRole(AriaRole.Link, new() { Name = "Máy chủ quản lý cán bộ nghi nhiễm mã độc tống tiền" }).ClickAsync();
        await review.GetByLabel("Ghi chú (nếu có)").FillAsync("Cán bộ sẽ đến hiện trường trong ngày.");
        await review.GetByRole(AriaRole.Button, new() { Name = "Tiếp nhận", Exact = true }).ClickAsync();
        await review.Locator("#support-state", new() { HasText = "Đã tiếp nhận" }).WaitForAsync();
        await review.GetByLabel("Loại sự cố").SelectOptionAsync("Malware");
        await review.Locator("#incident-systems").SelectOptionAsync(system.Id.ToString());
        await review.GetByLabel("Sự cố nghiêm trọng (phải thông báo ban đầu trong 24 giờ)").CheckAsync();
        await review.GetByRole(AriaRole.Button, new() { Name = "Chuyển thành sự cố" }).ClickAsync();
        await review.Locator("#support-incident").ClickAsync();
        await review.Locator("#incident-from-request", new() { HasText = "Máy chủ quản lý cán bộ nghi nhiễm mã độc tống tiền" }).WaitForAsync();
        await review.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("71-support-incident"), FullPage = true });

        var incident = await fixture.Factory.WithDbAsync(db => db.Incidents.SingleAsync(i => i.AgencyId == agency.Id));
        Assert.True(incident.Serious);
        await page.ReloadAsync();
        await page.Locator("#support-thread", new() { HasText = "Cán bộ sẽ đến hiện trường trong ngày." }).WaitForAsync();
        Assert.Equal($"/Incidents/Details/{incident.Id}", await page.Locator("#support-incident").GetAttributeAsync("href"));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(reviewProblems.Count == 0, string.Join("\n", reviewProblems));
    }
}
