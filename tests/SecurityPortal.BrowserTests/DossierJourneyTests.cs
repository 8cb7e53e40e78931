using Microsoft.Playwright;
using SecurityPortal.Tests.Signatures;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Tests.Browser;

[Trait("Category", "Browser")]
public sealed class DossierJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"u8.ToArray();

    /// <summary>Attaches a file on the dossier page open in <paramref name="page"/> (also used by the annual report journey).</summary>
    internal static async Task AttachAsync(IPage page, string kind, string fileName, byte[]? content = null)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "Thêm tài liệu" }).ClickAsync();
        await page.GetByLabel("Loại tài liệu").SelectOptionAsync(new SelectOptionValue { Label = kind });
        await page.GetByLabel("Tệp", new() { Exact = true }).SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "application/pdf", Buffer = content ?? Pdf });
        await page.GetByRole(AriaRole.Button, new() { Name = "Tải lên" }).ClickAsync();
        await page.Locator("#files-h").WaitForAsync();
        Assert.Contains(fileName, await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_officer_walks_the_wizard_to_submission_a_reviewer_returns_one_section_the_officer_fixes_it_and_the_reviewer_appraises_and_approves()
    {
        var agency = await fixture.Factory.CreateAgencyAsync("SL-STP", "Sở Tư pháp");
        await fixture.Factory.CreateUserAsync("canbo@stp.vn", PortalRoles.AgencyOfficer, agency.Id);
        await fixture.Factory.CreateUserAsync("thamdinh@songlam.vn", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
        var system = new InformationSystem("STP-HTTP", "Hệ thống quản lý hộ tịch", agency.Id, agency.Id)
        {
            FunctionKind = SystemFunctionKind.Internal,
            InformationTypes = InformationTypes.Public,
        };
        await fixture.Factory.WithDbAsync(db =>
        {
            db.InformationSystems.Add(system);
            return db.SaveChangesAsync();
        });

        var (page, problems) = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, "canbo@stp.vn");
        await page.GotoAsync($"/Systems/Details/{system.Id}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Lập hồ sơ đề xuất cấp độ" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Lập hồ sơ" }).ClickAsync();
        await page.Locator("h1", new() { HasText = "Bước 1" }).WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu và tiếp tục" }).ClickAsync();

        // Step 2: the engine's answer beside the form follows the boxes as they are ticked, before anything is saved.
        await page.Locator("h1", new() { HasText = "Bước 2" }).WaitForAsync();
        Assert.Contains("Cấp độ 1", await page.Locator("#engine-result").InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByLabel("Riêng", new() { Exact = true }).CheckAsync();
        await page.Locator("#engine-result", new() { HasText = "Cấp độ 2" }).WaitForAsync();
        Assert.Contains("Điều 12 khoản 1 Nghị định 331/2026/NĐ-CP", await page.Locator("#engine-result").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("20-dossier-wizard-live"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu và tiếp tục" }).ClickAsync();

        // Step 3: every question answered; an internal system is not asked about users, services or infrastructure (issue 18).
        await page.Locator("h1", new() { HasText = "Bước 3" }).WaitForAsync();
        Assert.Equal(0, await page.Locator("[name='Input.UserCount'], [name='Input.OnlineServiceLevel'], [name='Input.InfrastructureScope']").CountAsync());
        await page.GetByLabel("Cấp độ theo quyết định của Thủ tướng Chính phủ (0 nếu không có)").FillAsync("0");
        await page.GetByLabel("Cấp độ theo Khung quản lý rủi ro an ninh mạng (0 nếu không được đánh giá theo Khung)").FillAsync("0");
        foreach (var select in await page.Locator("select[name^='Input.']").AllAsync())
        {
            if (await select.InputValueAsync() == string.Empty)
            {
                await select.SelectOptionAsync("false");
            }
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu và tiếp tục" }).ClickAsync();
        await page.Locator("h1", new() { HasText = "Bước 4" }).WaitForAsync();
        await page.GetByLabel("Cấp độ đề xuất").SelectOptionAsync("2");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu và tiếp tục" }).ClickAsync();
        await page.Locator("h1", new() { HasText = "Bước 5" }).WaitForAsync();
        foreach (var area in await page.Locator("main textarea").AllAsync())
        {
            await area.FillAsync("Nội dung thuyết minh của Sở Tư pháp.");
        }

        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu và xem hồ sơ" }).ClickAsync();
        await page.Locator("#checklist").WaitForAsync();
        Assert.Contains("Chưa đính kèm: Tài liệu thiết kế", await page.Locator("#checklist").InnerTextAsync(), StringComparison.Ordinal);
        await AttachAsync(page, "Tài liệu mô tả, thuyết minh tổng quan", "thuyet-minh.pdf");
        await AttachAsync(page, "Tài liệu thiết kế", "thiet-ke.pdf");
        await AttachAsync(page, "Phương án bảo đảm an toàn hệ thống thông tin", "phuong-an.pdf");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("21-dossier-ready"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi thẩm định" }).ClickAsync();
        await page.Locator("#dossier-state", new() { HasText = "Đã gửi" }).WaitForAsync();

        var dossierUrl = page.Url;

        // The reviewer is notified, finds it in the queue, and returns one section with a comment: nothing is pre-selected.
        var (review, reviewProblems) = await fixture.NewPageAsync();
        await fixture.SignInAsync(review, "thamdinh@songlam.vn", Totp.Key);
        Assert.Contains("1", await review.Locator("#notification-bell").InnerTextAsync(), StringComparison.Ordinal);
        await review.GetByRole(AriaRole.Link, new() { Name = "Hồ sơ cấp độ" }).ClickAsync();
        await review.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("22-dossier-queue"), FullPage = true });
        await review.Locator("#dossier-queue").GetByRole(AriaRole.Link, new() { Name = "Hệ thống quản lý hộ tịch" }).ClickAsync();
        Assert.Equal(0, await review.Locator("input[type=radio][name^='Sections[']:checked").CountAsync());
        await review.Locator("#verdict-Accepted-Content-Parties").CheckAsync();
        await review.Locator("#verdict-NeedsChange-Content-NetworkZones").CheckAsync();
        await review.Locator("#comment-Content-NetworkZones").FillAsync("Bổ sung dải địa chỉ IP công cộng của cổng dịch vụ.");
        await review.Locator("#review-Content-NetworkZones").ScrollIntoViewIfNeededAsync();
        await review.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("22a-dossier-section-review") });
        await review.GetByRole(AriaRole.Button, new() { Name = "Trả lại hồ sơ" }).ClickAsync();
        await review.Locator("#dossier-state", new() { HasText = "Bị trả lại" }).WaitForAsync();

        // The officer sees the returned section first, highlighted with the comment, follows it to the field, fixes it and resubmits.
        await page.GotoAsync(dossierUrl);
        var returned = page.Locator("#returned-sections");
        Assert.Contains("Đơn vị chuyên trách đề nghị bổ sung 1 mục", await returned.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Bổ sung dải địa chỉ IP công cộng của cổng dịch vụ.", await returned.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("border-warning", await returned.GetAttributeAsync("class") ?? string.Empty, StringComparison.Ordinal);
        Assert.True(await returned.EvaluateAsync<bool>("e => e.getBoundingClientRect().top < document.getElementById('facts-h').getBoundingClientRect().top"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("22b-dossier-returned-section"), FullPage = true });
        await returned.GetByRole(AriaRole.Link, new() { Name = "Sửa mục này" }).ClickAsync();
        await page.Locator("h1", new() { HasText = "Bước 5" }).WaitForAsync();
        Assert.Contains("Bổ sung dải địa chỉ IP công cộng", await page.Locator("#returned-NetworkZones").InnerTextAsync(), StringComparison.Ordinal);
        await page.Locator("#content-NetworkZones").FillAsync("Vùng DMZ 203.0.113.0/28; vùng máy chủ nội bộ 10.20.1.0/24.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu và xem hồ sơ" }).ClickAsync();
        await page.Locator("#returned-sections", new() { HasText = "Đã sửa" }).WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi thẩm định" }).ClickAsync();
        await page.Locator("#dossier-state", new() { HasText = "Đã gửi" }).WaitForAsync();
        Assert.Contains("1 mục có thay đổi", await page.Locator("#changes-since-return").InnerTextAsync(), StringComparison.Ordinal);

        // The reviewer sees what changed since the return, accepts, appraises and approves.
        await review.GotoAsync(dossierUrl);
        var changed = review.Locator("#changes-since-return tr[data-section='Content:NetworkZones']");
        Assert.Contains("Đã sửa", await changed.InnerTextAsync(), StringComparison.Ordinal);
        await review.Locator("#changes-since-return").ScreenshotAsync(new LocatorScreenshotOptions { Path = BrowserFixture.ScreenshotPath("22c-dossier-changes-since-return") });
        await review.GetByRole(AriaRole.Button, new() { Name = "Hồ sơ đầy đủ: tiếp nhận, bắt đầu thẩm định" }).ClickAsync();
        await review.Locator("#dossier-state", new() { HasText = "Đang thẩm định" }).WaitForAsync();
        await review.GetByLabel("Phù hợp", new() { Exact = true }).CheckAsync();
        await review.GetByLabel("Ý kiến thẩm định", new() { Exact = true }).FillAsync("Cấp độ đề xuất và phương án phù hợp.");
        await review.GetByRole(AriaRole.Button, new() { Name = "Ghi nhận kết quả thẩm định" }).ClickAsync();
        await review.Locator("#dossier-state", new() { HasText = "chờ phê duyệt" }).WaitForAsync();
        // The decision is a signed PDF; its signer's root is a configured trust anchor, so the page says it is valid.
        var pki = new TestPki("Journey");
        await fixture.Factory.TrustAsync(pki.PublicRoot);
        await AttachAsync(review, "Bản quét quyết định phê duyệt", "quyet-dinh.pdf", SignedPdfKit.Signed(pki));
        Assert.Contains(
            "Đã ký số bởi Nguyễn Văn An, lúc 15/01/2026 09:30, hợp lệ",
            await review.Locator(".signature-verdict", new() { HasText = "Nguyễn Văn An" }).InnerTextAsync(), StringComparison.Ordinal);
        await review.GetByLabel("Số quyết định").FillAsync("12/QĐ-SKHCN");
        await review.GetByLabel("Ngày quyết định").FillAsync(VietnamTime.Today(TimeProvider.System).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture));
        await review.GetByLabel("Người ký").FillAsync("Lê Văn Cường");
        await review.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("23-dossier-approval"), FullPage = true });
        await review.GetByRole(AriaRole.Button, new() { Name = "Phê duyệt cấp độ 2" }).ClickAsync();
        await review.Locator("#dossier-state", new() { HasText = "Đã được phê duyệt" }).WaitForAsync();
        Assert.Contains("12/QĐ-SKHCN", await review.Locator("#decision").InnerTextAsync(), StringComparison.Ordinal);

        // The officer sees the approved level on the system.
        await page.GotoAsync($"/Systems/Details/{system.Id}");
        Assert.Contains("Cấp độ 2", await page.Locator("#system-level").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("24-system-level"), FullPage = true });
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(reviewProblems.Count == 0, string.Join("\n", reviewProblems));
    }
}
