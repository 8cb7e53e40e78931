using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SecurityPortal.Domain.Assessments;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Dossiers;
using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Tests.Browser;

[Trait("Category", "Browser")]
public sealed class AssessmentJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"u8.ToArray();

    [Fact]
    public async Task An_officer_answers_with_evidence_and_submits_and_a_reviewer_returns_one_item_then_accepts()
    {
        var agency = await fixture.Factory.CreateAgencyAsync("SL-SXD", "Sở Xây dựng");
        await fixture.Factory.CreateUserAsync("canbo@sxd.vn", PortalRoles.AgencyOfficer, agency.Id);
        await fixture.Factory.CreateUserAsync("xemxet@songlam.vn", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
        var system = new InformationSystem("SXD-QLCP", "Hệ thống quản lý cấp phép xây dựng", agency.Id, agency.Id)
        {
            FunctionKind = SystemFunctionKind.Internal,
            InformationTypes = InformationTypes.Public,
        };
        var today = VietnamTime.Today(TimeProvider.System);
        await fixture.Factory.WithDbAsync(db =>
        {
            db.InformationSystems.Add(system);
            var dossier = LevelDossier.Start(system, new DossierActor("seed", "Seed", false, true), today, DateTime.UtcNow, null);
            dossier.SetFacts(dossier.Facts with { FunctionKind = SystemFunctionKind.Internal, InformationTypes = InformationTypes.Public });
            dossier.Propose(1, null);
            db.LevelDossiers.Add(dossier);
            return db.SaveChangesAsync();
        });

        var (page, problems) = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, "canbo@sxd.vn");
        await page.GetByRole(AriaRole.Link, new() { Name = "Tự đánh giá" }).First.ClickAsync();
        await page.Locator("#not-started").GetByRole(AriaRole.Link, new() { Name = "Bắt đầu tự đánh giá" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Tạo bản tự đánh giá" }).ClickAsync();
        await page.Locator("#assessment-state").WaitForAsync();

        // The first requirement: answered and given an evidence file through the pages.
        var first = page.Locator("section[id^='item-']").First;
        var code = (await first.Locator("h3").InnerTextAsync()).Split(' ')[0];
        await first.GetByLabel("Đáp ứng", new() { Exact = true }).CheckAsync();
        await first.Locator("textarea[name$='.EvidenceNote']").FillAsync("Quyết định ban hành chính sách số 15/QĐ-SXD.");
        await first.Locator("textarea[name$='.EvidenceNote']").BlurAsync();
        await first.Locator(".save-state", new() { HasText = "Đã lưu" }).WaitForAsync();
        await page.Locator("section[id^='item-']").First.GetByRole(AriaRole.Link, new() { Name = "Thêm minh chứng" }).ClickAsync();
        await page.GetByLabel("Tệp minh chứng").SetInputFilesAsync(new FilePayload { Name = "chinh-sach.pdf", MimeType = "application/pdf", Buffer = Pdf });
        await page.GetByRole(AriaRole.Button, new() { Name = "Tải lên" }).ClickAsync();
        await page.Locator(".alert", new() { HasText = "Đã thêm minh chứng" }).WaitForAsync();
        Assert.Contains("chinh-sach.pdf", await page.Locator("section[id^='item-']").First.InnerTextAsync(), StringComparison.Ordinal);

        // The rest are answered as many single saves would; then the page submits.
        var assessmentId = await fixture.Factory.WithDbAsync(db => db.Assessments.Where(a => a.SystemId == system.Id).Select(a => a.Id).SingleAsync());
        await fixture.Factory.WithDbAsync(async db =>
        {
            var assessment = await db.Assessments.Include(a => a.Items).SingleAsync(a => a.Id == assessmentId);
            foreach (var item in assessment.Items.Where(i => i.Answer == Answer.Unanswered))
            {
                assessment.AnswerItem(item.Id, Answer.Met, null, "Đã triển khai.", null, null, today, "seed", DateTime.UtcNow);
            }

            return await db.SaveChangesAsync();
        });
        await page.ReloadAsync();
        await page.GetByLabel("Thủ trưởng đơn vị đã xác nhận (họ tên, chức vụ)").FillAsync("Phạm Văn D, Giám đốc Sở Xây dựng");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("30-assessment-answered"), FullPage = false });
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi đơn vị chuyên trách" }).ClickAsync();
        await page.Locator("#assessment-state", new() { HasText = "Đã gửi" }).WaitForAsync();

        // The reviewer returns the first item with a comment.
        var (review, reviewProblems) = await fixture.NewPageAsync();
        await fixture.SignInAsync(review, "xemxet@songlam.vn", Totp.Key);
        await review.GotoAsync($"/Assessments/Details/{assessmentId}");
        await review.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu xem xét" }).ClickAsync();
        var firstForReview = review.Locator("section[id^='item-']").First;
        await firstForReview.GetByLabel("Cần bổ sung").CheckAsync();
        await firstForReview.GetByLabel("Nhận xét").FillAsync("Bổ sung văn bản phổ biến chính sách.");
        await firstForReview.GetByRole(AriaRole.Button, new() { Name = $"Ghi nhận {code}" }).ClickAsync();
        await review.Locator(".alert", new() { HasText = "Đã ghi nhận nhận xét" }).WaitForAsync();
        await review.GetByRole(AriaRole.Button, new() { Name = "Trả lại để bổ sung" }).ClickAsync();
        await review.Locator("#assessment-state", new() { HasText = "Trả lại" }).WaitForAsync();

        // The officer sees exactly that item, fixes it and resubmits.
        await page.ReloadAsync();
        var flagged = page.Locator("section.border-warning");
        Assert.Equal(1, await flagged.CountAsync());
        Assert.Contains("Bổ sung văn bản phổ biến chính sách.", await flagged.InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("31-assessment-returned"), FullPage = false });
        await flagged.Locator("textarea[name$='.EvidenceNote']").FillAsync("Quyết định 15/QĐ-SXD và công văn phổ biến 40/SXD.");
        await flagged.Locator("textarea[name$='.EvidenceNote']").BlurAsync();
        await flagged.Locator(".save-state", new() { HasText = "Đã lưu" }).WaitForAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi đơn vị chuyên trách" }).ClickAsync();
        await page.Locator("#assessment-state", new() { HasText = "Đã gửi" }).WaitForAsync();

        await review.ReloadAsync();
        await review.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu xem xét" }).ClickAsync();
        await review.GetByRole(AriaRole.Button, new() { Name = "Chấp nhận" }).ClickAsync();
        await review.Locator("#assessment-state", new() { HasText = "Đã chấp nhận" }).WaitForAsync();
        Assert.Contains("100", await review.Locator("#score-overall").InnerTextAsync(), StringComparison.Ordinal);
        await review.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("32-assessment-accepted"), FullPage = false });
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(reviewProblems.Count == 0, string.Join("\n", reviewProblems));
    }
}
