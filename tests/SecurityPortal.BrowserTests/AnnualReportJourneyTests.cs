using DocumentFormat.OpenXml.Packaging;
using Microsoft.Playwright;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Common;
using SecurityPortal.Tests.Signatures;

namespace SecurityPortal.Tests.Browser;

/// <summary>
/// Mẫu 08 in the browser: the officer attaches a signed rules decision to a dossier; the leader chooses who reports,
/// reads Part 2 (the owner paired with its own security unit), downloads the Word and Excel files and reads a value in
/// each, then opens the dossier and reads the signature's verification line.
/// </summary>
[Trait("Category", "Browser")]
public sealed class AnnualReportJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_leader_reads_part_two_downloads_Mau_08_and_sees_a_signed_decision_verified()
    {
        var trade = await fixture.Factory.CreateAgencyAsync("SL-SCT8", "Sở Công Thương");
        var centre = await fixture.Factory.CreateAgencyAsync("SL-SCT8-TT", "Trung tâm Khuyến công và Tư vấn", AgencyKind.PublicServiceUnit);
        await fixture.Factory.WithDbAsync(async db =>
        {
            var t = await db.Agencies.FindAsync(trade.Id);
            (t!.HeadName, t.HeadTitle, t.Address, t.Phone, t.Email, t.SecurityUnitId) =
                ("Phạm Thị Hòa", "Giám đốc", "Số 9 đường Trần Phú", "0238 3 555 000", "sct@songlam.gov.vn", centre.Id);
            var c = await db.Agencies.FindAsync(centre.Id);
            (c!.HeadName, c.HeadTitle, c.Mandate) = ("Đỗ Văn Khánh", "Giám đốc Trung tâm", "Quyết định số 31/QĐ-SCT ngày 02/02/2025");
            return await db.SaveChangesAsync();
        });
        var system = await fixture.Factory.CreateSystemAsync("SCT8-WEB", "Cổng thông tin công thương", trade.Id);
        await fixture.Factory.CreateUserAsync("canbo@sct8.vn", PortalRoles.AgencyOfficer, trade.Id);
        await fixture.Factory.CreateUserAsync("lanhdao.mau08@songlam.vn", PortalRoles.Leadership);
        var pki = new TestPki("Mau08");
        await fixture.Factory.TrustAsync(pki.PublicRoot);

        // The officer starts a dossier and attaches the signed decision issuing the system's rules.
        var (officer, officerProblems) = await fixture.NewPageAsync();
        await fixture.SignInAsync(officer, "canbo@sct8.vn");
        await officer.GotoAsync($"/Systems/Details/{system.Id}");
        await officer.GetByRole(AriaRole.Link, new() { Name = "Lập hồ sơ đề xuất cấp độ" }).ClickAsync();
        await officer.GetByRole(AriaRole.Button, new() { Name = "Lập hồ sơ" }).ClickAsync();
        await officer.Locator("h1", new() { HasText = "Bước 1" }).WaitForAsync();
        var dossierId = new Uri(officer.Url).AbsolutePath.Split('/')[3];
        await officer.GotoAsync($"/Dossiers/Details/{dossierId}");
        await DossierJourneyTests.AttachAsync(officer, "Quyết định ban hành quy chế bảo đảm an toàn", "quy-che.pdf", SignedPdfKit.Signed(pki));

        // The leader: the annual report page, one owner reporting for itself.
        var (page, problems) = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, "lanhdao.mau08@songlam.vn");
        await page.GotoAsync("/Reports/Annual");
        await page.Locator("#report-parties").WaitForAsync();
        await page.Locator("#by-owner").CheckAsync();
        await page.Locator("#agency").SelectOptionAsync(new SelectOptionValue { Label = "Sở Công Thương" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Xem", Exact = true }).ClickAsync();
        await page.Locator("#report-issuer", new() { HasText = "Sở Công Thương" }).WaitForAsync();
        Assert.Equal(1, await page.Locator("#report-parties .report-pair").CountAsync());
        Assert.Equal(trade.Id.ToString(), await page.Locator("#agency").InputValueAsync());
        var unit = await page.Locator("#report-parties .report-unit").InnerTextAsync();
        Assert.Contains("Trung tâm Khuyến công và Tư vấn", unit, StringComparison.Ordinal);
        Assert.Contains("Quyết định số 31/QĐ-SCT ngày 02/02/2025", unit, StringComparison.Ordinal);
        Assert.Contains("Đỗ Văn Khánh, Giám đốc Trung tâm", unit, StringComparison.Ordinal);
        Assert.Contains("Kính gửi: Bộ Công an", await page.Locator("#report-addressee").InnerTextAsync(), StringComparison.Ordinal);
        await page.Locator("#report-parties").ScrollIntoViewIfNeededAsync();
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("54-annual-report-part2"), FullPage = true });

        // Word: the owner's contact line as the form writes it.
        var word = await page.RunAndWaitForDownloadAsync(() => page.Locator("#download-word").ClickAsync());
        Assert.Matches(@"^mau-08-bao-cao-nam-\d{4}\.docx$", word.SuggestedFilename);
        using (var document = WordprocessingDocument.Open((await word.PathAsync())!, false))
        {
            var paragraphs = document.MainDocumentPart!.Document!.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Paragraph>().Select(p => p.InnerText).ToList();
            Assert.Contains("(5) Thông tin liên hệ (số điện thoại, thư điện tử): Điện thoại: 0238 3 555 000; thư điện tử: sct@songlam.gov.vn;", paragraphs);
            Assert.Contains("(1) Tên đơn vị chuyên trách về an ninh mạng: Trung tâm Khuyến công và Tư vấn;", paragraphs);
        }

        // Excel: the unit's head on the Part 2 sheet, the system's rules decision (attached, not yet typed) in column 8.
        var excel = await page.RunAndWaitForDownloadAsync(() => page.Locator("#download-excel").ClickAsync());
        Assert.Matches(@"^mau-08-bao-cao-nam-\d{4}\.xlsx$", excel.SuggestedFilename);
        await using (var stream = File.OpenRead((await excel.PathAsync())!))
        {
            var sheets = SecurityPortal.Web.Infrastructure.Spreadsheet.Read(stream);
            Assert.Contains(sheets[1].Rows, r => r.Cells[0] == "(3) Người đại diện, chức vụ" && r.Cells[1] == "Đỗ Văn Khánh, Giám đốc Trung tâm");
            var row = Assert.Single(sheets[2].Rows, r => r.Cells.ElementAtOrDefault(1) == "Cổng thông tin công thương");
            Assert.Equal("Số ……, ngày ……, ……", row.Cells[7]);
        }

        // The dossier: the signed decision's verification line.
        await page.GotoAsync($"/Dossiers/Details/{dossierId}");
        var verdict = await page.Locator(".signature-verdict", new() { HasText = "Nguyễn Văn An" }).InnerTextAsync();
        Assert.Contains("Đã ký số bởi Nguyễn Văn An, lúc 15/01/2026 09:30, hợp lệ", verdict, StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("55-annual-report-signed-decision"), FullPage = true });
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(officerProblems.Count == 0, string.Join("\n", officerProblems));
    }
}
