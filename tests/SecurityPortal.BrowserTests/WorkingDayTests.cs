using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Remediation;

namespace SecurityPortal.Tests.Browser;

/// <summary>
/// The working day of issue 17 as its people meet it in Chromium: the officer's and the reviewer's «Việc của tôi» on the
/// home page (with the count in the menu), and a system's history read in words — form labels, names, dd/MM/yyyy HH:mm,
/// never an id.
/// </summary>
[Trait("Category", "Browser")]
public sealed class WorkingDayTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Each_role_finds_its_work_on_the_home_page_and_reads_a_history_in_words()
    {
        var agency = await fixture.Factory.CreateAgencyAsync("SL-SCT", "Sở Công Thương");
        var officer = await fixture.Factory.CreateUserAsync("canbo@sct.vn", PortalRoles.AgencyOfficer, agency.Id);
        await fixture.Factory.CreateUserAsync("thamdinh@sct.vn", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
        var system = await fixture.Factory.CreateSystemAsync("SCT-WEB", "Cổng thông tin Sở Công Thương", agency.Id);
        var today = VietnamTime.Today(TimeProvider.System);
        await fixture.Factory.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var open = new RemediationTask(system.Id, "Cập nhật WordPress lên bản 6.7", null, TaskSource.Other, null, null, null,
                TaskSeverity.High, today.AddDays(3), "seed", now);
            var resolved = new RemediationTask(system.Id, "Tắt giao thức TLS 1.0", null, TaskSource.Other, null, null, null,
                TaskSeverity.Medium, today.AddDays(10), "seed", now);
            var actor = new TaskActor(officer.Id, "Cán bộ Sở Công Thương", false, true);
            resolved.Start(actor, now);
            resolved.AddAttachment(actor, "bien-ban.pdf", "application/pdf", 1024, new string('a', 64), now);
            resolved.Resolve(actor, "Đã tắt TLS 1.0 trên máy chủ web.", now);
            db.RemediationTasks.AddRange(open, resolved);
            return await db.SaveChangesAsync();
        });

        // The officer: the open task, not yet given to anyone, waits on the home page; the menu counts it.
        var (page, problems) = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, "canbo@sct.vn");
        var inbox = page.Locator("#inbox-items");
        Assert.Contains("Cập nhật WordPress lên bản 6.7", await inbox.InnerTextAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("Tắt giao thức TLS 1.0", await inbox.InnerTextAsync(), StringComparison.Ordinal); // it waits for the reviewer
        Assert.Equal(1, await inbox.Locator(".inbox-unassigned").CountAsync());
        Assert.StartsWith("1", await page.Locator("#inbox-count").InnerTextAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("35-officer-inbox"), FullPage = true });
        await inbox.GetByRole(AriaRole.Link, new() { Name = "Cập nhật WordPress lên bản 6.7" }).ClickAsync();
        await page.WaitForURLAsync("**/Tasks/Details/**");

        // The officer renames the system: its history names the field by its label and shows before → after.
        await page.GotoAsync($"/Systems/Edit/{system.Id}");
        await page.GetByLabel("Tên hệ thống", new() { Exact = true }).FillAsync("Cổng thông tin điện tử Sở Công Thương");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        await page.WaitForURLAsync($"**/Systems/Details/{system.Id}");
        var history = page.Locator("table.change-history");
        var renamed = history.Locator("table.change-fields tr", new() { HasText = "Tên hệ thống" });
        Assert.Equal(
            ["Tên hệ thống", "Cổng thông tin Sở Công Thương", "Cổng thông tin điện tử Sở Công Thương"],
            (await renamed.First.Locator("th, td").AllInnerTextsAsync()).Select(t => t.Trim()));
        var historyText = await history.InnerTextAsync();
        Assert.DoesNotMatch(Readable.Guid(), historyText);
        Assert.DoesNotContain("ConcurrencyStamp", historyText, StringComparison.Ordinal);
        Assert.DoesNotContain("SearchText", historyText, StringComparison.Ordinal);
        Assert.All(await history.Locator("tbody > tr > td:first-child").AllInnerTextsAsync(), when => Assert.Matches(Readable.VietnamDateTime(), when.Trim()));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("36-system-history"), FullPage = true });

        // On a phone the same history scrolls inside its table, not the page (every page is checked in PoisonedPagesBrowserTests).
        await page.SetViewportSizeAsync(375, 800);
        await history.ScrollIntoViewIfNeededAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("38-system-history-phone") });
        await page.GotoAsync("/Systems");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("39-system-list-phone") });
        await page.SetViewportSizeAsync(1280, 720);

        // The reviewer: the resolved task waits for their verification, with its due date.
        var (review, reviewProblems) = await fixture.NewPageAsync();
        await fixture.SignInAsync(review, "thamdinh@sct.vn", Totp.Key);
        var waiting = review.Locator("#inbox-items tr.inbox-item", new() { HasText = "Tắt giao thức TLS 1.0" });
        Assert.Contains("Nhiệm vụ chờ xác minh", await waiting.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains(Display(today.AddDays(10)), await waiting.Locator(".inbox-due").InnerTextAsync(), StringComparison.Ordinal);
        await review.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("37-reviewer-inbox"), FullPage = true });
        await waiting.GetByRole(AriaRole.Link).ClickAsync();
        await review.GetByRole(AriaRole.Button, new() { Name = "Xác minh đã khắc phục" }).WaitForAsync();

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(reviewProblems.Count == 0, string.Join("\n", reviewProblems));
    }

    [Fact]
    public async Task Dates_are_typed_and_shown_as_day_month_year_in_a_browser_set_to_English()
    {
        var agency = await fixture.Factory.CreateAgencyAsync("SL-SNV", "Sở Nội vụ");
        await fixture.Factory.CreateUserAsync("canbo@snv.vn", PortalRoles.AgencyOfficer, agency.Id);
        var system = await fixture.Factory.CreateSystemAsync("SNV-QLVB", "Hệ thống quản lý văn bản", agency.Id);
        var (page, problems) = await fixture.NewPageAsync(locale: "en-US");
        await fixture.SignInAsync(page, "canbo@snv.vn");
        await page.GotoAsync($"/Systems/Edit/{system.Id}");
        var goLive = page.GetByLabel("Ngày đưa vào sử dụng");
        Assert.Equal("dd/mm/yyyy", await goLive.GetAttributeAsync("placeholder"));

        // An impossible day: a Vietnamese message beside the field, and what was typed is still there.
        await goLive.FillAsync("31/02/2024");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        Assert.Contains("«31/02/2024» không phải là ngày hợp lệ", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("31/02/2024", await goLive.InputValueAsync());

        // 03/04/2024 is the 3rd of April, whatever the browser's language, and comes back as it was typed.
        await goLive.FillAsync("03/04/2024");
        await page.GetByRole(AriaRole.Button, new() { Name = "Lưu", Exact = true }).ClickAsync();
        await page.WaitForURLAsync($"**/Systems/Details/{system.Id}");
        Assert.Equal(new DateOnly(2024, 4, 3), await fixture.Factory.WithDbAsync(db => db.InformationSystems.Where(s => s.Id == system.Id).Select(s => s.GoLiveDate).SingleAsync()));
        Assert.Contains("03/04/2024", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.GotoAsync($"/Systems/Edit/{system.Id}");
        Assert.Equal("03/04/2024", await page.GetByLabel("Ngày đưa vào sử dụng").InputValueAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("45-date-field-english-browser") });
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>
    /// Issue 20: a file over the page's limit is refused in the browser as soon as it is chosen — its name, its size and the
    /// limit beside the field — and the form is not sent; a file within the limit is sent and previewed. (The server's own
    /// refusal, for a browser without the script, is UploadLimitTests.)
    /// </summary>
    [Fact]
    public async Task A_file_over_the_pages_limit_is_refused_when_chosen_and_never_sent()
    {
        await fixture.Factory.CreateUserAsync("quantri-tep@sl.vn", PortalRoles.Administrator, authenticatorKey: Totp.Key);
        var (page, problems) = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, "quantri-tep@sl.vn", Totp.Key);
        await page.GotoAsync("/Admin/Calendar/Import");
        var posts = 0;
        page.Request += (_, request) => posts += request.Method == "POST" ? 1 : 0;

        var tooLarge = new byte[300 * 1024];
        Array.Fill(tooLarge, (byte)'a');
        await page.SetInputFilesAsync("#Upload", new FilePayload { Name = "lich-2027.csv", MimeType = "text/csv", Buffer = tooLarge });
        var message = page.Locator("[data-file-limit-for=Upload]");
        Assert.Equal("Tệp «lich-2027.csv» nặng 300 KB, vượt giới hạn 256 KB của trang này. Hãy chọn tệp nhỏ hơn.", await message.TextContentAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("46-upload-too-large"), FullPage = true });
        await page.GetByRole(AriaRole.Button, new() { Name = "Tải lên và xem trước" }).ClickAsync();
        Assert.Equal(0, posts);
        Assert.EndsWith("/Admin/Calendar/Import", page.Url, StringComparison.Ordinal);

        var csv = System.Text.Encoding.UTF8.GetBytes("Ngày;Tên;Loại;Dự kiến\n01/01/2027;Tết Dương lịch;nghỉ;Không\n");
        await page.SetInputFilesAsync("#Upload", new FilePayload { Name = "lich-2027.csv", MimeType = "text/csv", Buffer = csv });
        Assert.Equal(string.Empty, await message.TextContentAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Tải lên và xem trước" }).ClickAsync();
        await page.Locator("#import-preview").WaitForAsync();
        Assert.Equal(1, posts);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static string Display(DateOnly date) => date.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);
}
