using Microsoft.Playwright;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Tests.Browser;

[Trait("Category", "Browser")]
public sealed class DashboardJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_leader_opens_the_dashboard_sees_the_charts_drills_into_an_agency_and_downloads_the_annual_report()
    {
        var health = await fixture.Factory.CreateAgencyAsync("SL-SYT2", "Sở Y tế tỉnh");
        var school = await fixture.Factory.CreateAgencyAsync("SL-THPT2", "Trường THPT Huỳnh Thúc Kháng", AgencyKind.School);
        await fixture.Factory.CreateUserAsync("lanhdao.bandieuhanh@songlam.vn", PortalRoles.Leadership);
        var portal = await fixture.Factory.CreateSystemAsync("YT-WEB2", "Cổng thông tin y tế", health.Id);
        await fixture.Factory.CreateSystemAsync("YT-HIS2", "Hệ thống bệnh án điện tử", health.Id);
        var site = await fixture.Factory.CreateSystemAsync("TH-WEB2", "Trang tin nhà trường", school.Id);
        await fixture.Factory.ApproveLevelAsync(portal.Id, 2);
        await fixture.Factory.ApproveLevelAsync(site.Id, 1);

        var (page, problems) = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, "lanhdao.bandieuhanh@songlam.vn");
        await page.GetByRole(AriaRole.Link, new() { Name = "Bảng điều hành" }).First.ClickAsync();
        await page.Locator("h1", new() { HasText = "Bảng điều hành an toàn thông tin" }).WaitForAsync();

        // Every chart is drawn by Chart.js (under the strict CSP) and has its table.
        foreach (var chart in new[] { "#chart-levels", "#chart-approval" })
        {
            await page.Locator($"{chart}[data-rendered=true]").WaitForAsync();
        }

        Assert.True(await page.Locator("#chart-levels").EvaluateAsync<bool>("c => c.width > 0 && !!Chart.getChart(c)"));
        await page.GetByText("Xem dạng bảng").First.ClickAsync();
        Assert.Equal("1", (await page.Locator("#table-levels tbody tr").Nth(0).Locator("td").Nth(1).InnerTextAsync()).Trim());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("50-dashboard"), FullPage = true });

        // No campaign yet: the card says so instead of «0/0» beside an average score.
        var campaign = await page.Locator("#fig-campaign").InnerTextAsync();
        Assert.Contains("Chưa phát động đợt đánh giá", campaign, StringComparison.Ordinal);
        Assert.DoesNotContain("0/0", campaign, StringComparison.Ordinal);

        // Printing gives a clean page: no menu, no filter form, but a line naming the filters applied; on A4, no blank page.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.False(await page.Locator("nav.navbar").IsVisibleAsync());
        var filters = await page.Locator("#print-filters").InnerTextAsync();
        Assert.Contains("Loại cơ quan: Tất cả", filters, StringComparison.Ordinal);
        Assert.Contains("Khoảng thời gian: 90 ngày", filters, StringComparison.Ordinal);
        var pdf = System.Text.Encoding.Latin1.GetString(await page.PdfAsync(new() { Format = "A4" }));
        var pages = System.Text.RegularExpressions.Regex.Count(pdf, @"/Type\s*/Page\b");
        Assert.True(pages is >= 1 and <= 3, $"the printed dashboard takes {pages} A4 pages");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("51-dashboard-print"), FullPage = true });
        await page.EmulateMediaAsync(new() { Media = Media.Screen });

        await page.GetByRole(AriaRole.Link, new() { Name = "Xếp hạng" }).ClickAsync();
        await page.Locator("#ranking").GetByRole(AriaRole.Link, new() { Name = "Sở Y tế tỉnh" }).ClickAsync();
        await page.Locator("h1", new() { HasText = "Sở Y tế tỉnh" }).WaitForAsync();
        Assert.Equal("2", (await page.Locator("[data-figure=systems]").InnerTextAsync()).Trim());
        Assert.Equal(2, await page.Locator("#agency-systems tbody tr").CountAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("52-agency-page"), FullPage = true });

        await page.GetByRole(AriaRole.Link, new() { Name = "Báo cáo" }).First.ClickAsync();
        await page.Locator("#report-rows").WaitForAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#download-excel").ClickAsync());
        Assert.Matches(@"^mau-08-bao-cao-nam-\d{4}\.xlsx$", download.SuggestedFilename);
        var path = await download.PathAsync();
        await using (var stream = File.OpenRead(path!))
        {
            var sheets = SecurityPortal.Web.Infrastructure.Spreadsheet.Read(stream);
            Assert.Contains(sheets[2].Rows, r => r.Cells[1] == "Cổng thông tin y tế" && r.Cells[5] == "Đã được phê duyệt");
        }

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("53-annual-report"), FullPage = true });

        // A list's export is streamed and its progress shown until the file is complete.
        await page.GotoAsync("/Systems");
        var systems = await page.RunAndWaitForDownloadAsync(() => page.Locator("a.js-export").ClickAsync());
        Assert.Matches(@"^he-thong-thong-tin-\d{8}\.xlsx$", systems.SuggestedFilename);
        int exported;
        await using (var stream = File.OpenRead((await systems.PathAsync())!))
        {
            exported = SecurityPortal.Web.Infrastructure.Spreadsheet.Read(stream)[0].Rows.Count;
        }

        Assert.True(exported >= 3, $"{exported} rows exported");
        await page.Locator("#export-status", new() { HasText = $"Đã xuất {exported} dòng" }).WaitForAsync();
        Assert.Equal(exported, await page.Locator("#export-status progress").EvaluateAsync<int>("p => p.value"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("54-export-progress"), FullPage = false });
        Assert.Empty(problems);
    }
}
