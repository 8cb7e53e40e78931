using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Tests.Browser;

[Trait("Category", "Browser")]
public sealed class WarningJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"u8.ToArray();

    [Fact]
    public async Task A_reviewer_publishes_a_warning_an_officer_resolves_the_task_with_evidence_and_the_new_version_and_the_reviewer_verifies()
    {
        var agency = await fixture.Factory.CreateAgencyAsync("SL-SVH", "Sở Văn hóa, Thể thao và Du lịch");
        await fixture.Factory.CreateUserAsync("canbo@svh.vn", PortalRoles.AgencyOfficer, agency.Id);
        await fixture.Factory.CreateUserAsync("canhbao@songlam.vn", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
        var system = new InformationSystem("SVH-WEB", "Cổng thông tin du lịch", agency.Id, agency.Id);
        system.AddComponent(ComponentKind.Cms, "WordPress", null, "5.8.3");
        await fixture.Factory.WithDbAsync(db =>
        {
            db.InformationSystems.Add(system);
            return db.SaveChangesAsync();
        });

        var (review, reviewProblems) = await fixture.NewPageAsync();
        await fixture.SignInAsync(review, "canhbao@songlam.vn", Totp.Key);
        await review.GetByRole(AriaRole.Link, new() { Name = "Cảnh báo" }).First.ClickAsync();
        await review.GetByRole(AriaRole.Link, new() { Name = "Ghi nhận cảnh báo" }).ClickAsync();
        await review.GetByLabel("Tên cảnh báo").FillAsync("Lỗ hổng thực thi mã từ xa trong WordPress");
        await review.GetByLabel("Số hiệu (mã CVE hoặc số cảnh báo)").FillAsync("CVE-2099-4242");
        await review.GetByLabel("Sản phẩm và phiên bản bị ảnh hưởng").FillAsync("WordPress < 6.4.3");
        await review.GetByLabel("Khuyến nghị xử lý").FillAsync("Cập nhật WordPress lên 6.4.3 hoặc mới hơn.");
        await review.GetByRole(AriaRole.Button, new() { Name = "Ghi nhận" }).ClickAsync();
        await review.Locator("#affected", new() { HasText = "Cổng thông tin du lịch" }).WaitForAsync();
        await review.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("40-warning-preview"), FullPage = true });
        await review.GetByRole(AriaRole.Button, new() { Name = "Phát hành: tạo nhiệm vụ cho 1 hệ thống và thông báo các đơn vị" }).ClickAsync();
        await review.Locator("#warning-status", new() { HasText = "Đã phát hành" }).WaitForAsync();

        var (page, problems) = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, "canbo@svh.vn");
        await page.GetByRole(AriaRole.Link, new() { Name = "Khắc phục", Exact = true }).ClickAsync();
        await page.Locator("#tasks").GetByRole(AriaRole.Link, new() { Name = "CVE-2099-4242: Lỗ hổng thực thi mã từ xa trong WordPress" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu xử lý" }).ClickAsync();
        await page.Locator("#task-status", new() { HasText = "Đang xử lý" }).WaitForAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Thêm minh chứng" }).ClickAsync();
        await page.GetByLabel("Tệp minh chứng").SetInputFilesAsync(new FilePayload { Name = "nhat-ky-cap-nhat.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await page.GetByRole(AriaRole.Button, new() { Name = "Tải lên" }).ClickAsync();
        await page.Locator("#task-files", new() { HasText = "nhat-ky-cap-nhat.pdf" }).WaitForAsync();
        // The form asks for the version WordPress runs now: one still in the warning's rule is refused and kept.
        var version = page.GetByLabel("Phiên bản mới của WordPress (đang ghi: 5.8.3)");
        Assert.Equal("5.8.3", await version.InputValueAsync());
        await version.FillAsync("6.4.2");
        await page.GetByLabel("Kết quả xử lý (đã làm gì, khi nào)").FillAsync("Đã cập nhật WordPress lên 6.4.3.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Báo đã xử lý" }).ClickAsync();
        await page.Locator(".alert-danger", new() { HasText = "«WordPress 6.4.2» vẫn thuộc phạm vi cảnh báo «WordPress < 6.4.3»" }).WaitForAsync();
        Assert.Equal("6.4.2", await page.GetByLabel("Phiên bản mới của WordPress (đang ghi: 5.8.3)").InputValueAsync());
        Assert.Equal("Đã cập nhật WordPress lên 6.4.3.", await page.GetByLabel("Kết quả xử lý (đã làm gì, khi nào)").InputValueAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("42-task-version-refused"), FullPage = true });
        await page.GetByLabel("Phiên bản mới của WordPress (đang ghi: 5.8.3)").FillAsync("6.4.3");
        await page.GetByRole(AriaRole.Button, new() { Name = "Báo đã xử lý" }).ClickAsync();
        await page.Locator("#task-status", new() { HasText = "Đã xử lý" }).WaitForAsync();
        await page.Locator("#task-thread", new() { HasText = "Sổ đăng ký: WordPress 5.8.3 → 6.4.3." }).WaitForAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("41-task-resolved"), FullPage = true });

        var taskId = await fixture.Factory.WithDbAsync(db => db.RemediationTasks.Where(t => t.SystemId == system.Id).Select(t => t.Id).SingleAsync());
        await review.GotoAsync($"/Tasks/Details/{taskId}");
        await review.Locator("#verify-check", new() { HasText = "không còn thuộc phạm vi cảnh báo «WordPress < 6.4.3»" }).WaitForAsync();
        await review.GetByRole(AriaRole.Button, new() { Name = "Xác minh đã khắc phục" }).ClickAsync();
        await review.Locator("#task-status", new() { HasText = "Đã xác minh" }).WaitForAsync();
        await review.GoBackAsync();
        await review.GotoAsync("/Warnings");
        await review.Locator("#warnings").GetByRole(AriaRole.Link, new() { Name = "Lỗ hổng thực thi mã từ xa trong WordPress" }).ClickAsync();
        Assert.Contains("đã xác minh: 1 · đã khắc phục: 1", await review.Locator("#warning-progress").InnerTextAsync(), StringComparison.Ordinal);
        var row = review.Locator("#affected tbody tr", new() { HasText = "Cổng thông tin du lịch" });
        Assert.Contains("WordPress 6.4.3", await row.InnerTextAsync(), StringComparison.Ordinal);
        await row.GetByRole(AriaRole.Cell, new() { Name = "Đã khắc phục", Exact = true }).WaitForAsync();
        await review.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("43-warning-fixed"), FullPage = true });
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(reviewProblems.Count == 0, string.Join("\n", reviewProblems));
    }
}
