using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Domain.Auditing;
using SecurityPortal.Domain.Calendar;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Tests.Admin;

public sealed class CalendarImportTests : PortalTestBase
{
    private const string Page = "/Admin/Calendar/Import";

    // 2027 as seeded: 01/01, 05/02, 08–11/02, 16/04, 30/04, 03/05, 02/09, 03/09. The file confirms most of it, renames Tết,
    // adds a make-up Saturday and leaves out 03/09.
    private const string Year2027 = """
        Ngày;Tên;Loại;Dự kiến
        01/01/2027;Tết Dương lịch;nghỉ;
        05/02/2027;Tết Nguyên đán Đinh Mùi;nghỉ;
        08/02/2027;Tết Nguyên đán Đinh Mùi;nghỉ;
        09/02/2027;Tết Nguyên đán Đinh Mùi;nghỉ;
        10/02/2027;Tết Nguyên đán Đinh Mùi;nghỉ;
        11/02/2027;Tết Nguyên đán Đinh Mùi;Nghỉ;Không
        20/02/2027;"Làm bù; cho ngày 12/02";làm bù;Có
        16/04/2027;Giỗ Tổ Hùng Vương;nghỉ;
        30/04/2027;Ngày Giải phóng miền Nam;nghỉ;
        03/05/2027;Ngày Quốc tế Lao động, nghỉ bù;nghỉ;
        02/09/2027;Quốc khánh;nghỉ;
        """;

    private async Task<HttpClient> AdminAsync(string email = "qt@sl.vn")
    {
        await Factory.CreateUserAsync(email, PortalRoles.Administrator, authenticatorKey: Totp.Key);
        return await SignInAsync(email, Totp.Key);
    }

    private static Task<HttpResponseMessage> UploadAsync(HttpClient client, string year, string fileName, byte[] content) =>
        client.PostFileAsync(Page, new() { ["year"] = year }, "Upload", fileName, content);

    private static string PreviewUrl(HttpResponseMessage uploaded)
    {
        uploaded.AssertRedirectsTo(Page);
        return uploaded.Headers.Location!.OriginalString;
    }

    /// <summary>The calendar's audit entries written by a signed-in user (the start-up seed writes some without one).</summary>
    private Task<List<AuditEntry>> CalendarAuditAsync() =>
        Factory.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityType == nameof(CalendarDay) && e.UserId != null).ToListAsync());

    [Fact]
    public async Task An_administrator_previews_and_confirms_a_year_and_the_same_file_again_changes_nothing()
    {
        var admin = await AdminAsync();
        var before = await Factory.WithDbAsync(db => db.CalendarDays.CountAsync(d => d.Date.Year == 2027));
        var preview = PreviewUrl(await UploadAsync(admin, "2027", "lich-2027.csv", Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Year2027)).ToArray()));

        var page = await admin.GetDocumentAsync(preview);
        Assert.Equal("Thêm 1, sửa 7, xóa 1 ngày; 3 ngày không đổi.", page.QuerySelector("#import-counts")!.TextContent.Trim());
        var rows = page.QuerySelectorAll("#import-changes tbody tr").Select(r => (r.GetAttribute("data-change"), r.Children[1].TextContent.Trim())).ToList();
        Assert.Contains(("Added", "20/02/2027"), rows);
        Assert.Contains(("Removed", "03/09/2027"), rows);
        Assert.Contains(("Changed", "05/02/2027"), rows);
        Assert.Contains("Làm bù; cho ngày 12/02", page.QuerySelector("#import-changes")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await Factory.WithDbAsync(db => db.CalendarDays.CountAsync(d => d.Date.Year == 2027)));
        Assert.Empty(await CalendarAuditAsync());

        (await admin.PostFormAsync(preview.Replace("?", "?handler=Confirm&", StringComparison.Ordinal), new Dictionary<string, string>(), pageUrl: preview))
            .AssertRedirectsTo("/Admin/Calendar");
        var days = await Factory.WithDbAsync(db => db.CalendarDays.Where(d => d.Date.Year == 2027).ToDictionaryAsync(d => d.Date));
        Assert.Equal(before, days.Count);
        Assert.False(days.ContainsKey(new DateOnly(2027, 9, 3)));
        Assert.True(days[new DateOnly(2027, 2, 20)] is { Kind: CalendarDayKind.MakeUpWorkingDay, IsProvisional: true });
        Assert.True(days[new DateOnly(2027, 2, 5)] is { Name: "Tết Nguyên đán Đinh Mùi", IsProvisional: false });

        var adminId = await Factory.WithDbAsync(db => db.Users.Where(u => u.Email == "qt@sl.vn").Select(u => u.Id).SingleAsync());
        var audit = await CalendarAuditAsync();
        Assert.All(audit, e => Assert.Equal(adminId, e.UserId));
        Assert.Equal((1, 7, 1), (audit.Count(e => e.Action == AuditAction.Insert), audit.Count(e => e.Action == AuditAction.Update), audit.Count(e => e.Action == AuditAction.Delete)));

        // The same file again: nothing to apply, and a forced confirmation writes nothing either.
        var again = PreviewUrl(await UploadAsync(admin, "2027", "lich-2027.csv", Encoding.UTF8.GetBytes(Year2027)));
        var nothing = await admin.GetDocumentAsync(again);
        Assert.NotNull(nothing.QuerySelector("#import-nothing"));
        Assert.Null(nothing.QuerySelector("form[action*='Confirm']"));
        var forced = await admin.PostFormAsync(again.Replace("?", "?handler=Confirm&", StringComparison.Ordinal), new Dictionary<string, string>(), pageUrl: again);
        Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
        Assert.Equal(audit.Count, (await CalendarAuditAsync()).Count);
    }

    [Fact]
    public async Task An_excel_file_with_bad_lines_lists_every_problem_by_line_and_writes_nothing()
    {
        var admin = await AdminAsync();
        var workbook = Web.Infrastructure.Spreadsheet.Write("Lịch 2027", ["Ngày", "Tên", "Loại"],
        [
            ["01/01/2027", "Tết Dương lịch", "nghỉ"],
            ["31/02/2027", "Ngày không có", "nghỉ"],
            ["04/01/2028", "Năm khác", "nghỉ"],
            ["05/01/2027", "Làm bù thứ Ba", "làm bù"],
            ["06/01/2027", "Nghỉ phép", "nghỉ phép"],
            ["01/01/2027", "Trùng ngày", "nghỉ"],
            ["07/01/2027", "", "nghỉ"],
        ]);
        var preview = PreviewUrl(await UploadAsync(admin, "2027", "lich.xlsx", workbook));
        var page = await admin.GetDocumentAsync(preview);
        var issues = page.QuerySelectorAll("#import-issues tbody tr").Select(r => (Row: r.Children[0].TextContent, Text: r.Children[2].TextContent)).ToList();
        Assert.Contains(issues, i => i.Row == "3" && i.Text.Contains("'31/02/2027' không phải ngày hợp lệ", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.Row == "4" && i.Text.Contains("không thuộc năm 2027", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.Row == "5" && i.Text.Contains("Ngày làm bù phải là thứ Bảy hoặc Chủ nhật", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.Row == "6" && i.Text.Contains("ghi «nghỉ» hoặc «làm bù»", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.Row == "7" && i.Text.Contains("đã có ở dòng 2", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.Row == "8" && i.Text.Contains("không được để trống", StringComparison.Ordinal));
        Assert.Null(page.QuerySelector("form[action*='Confirm']"));
        Assert.Equal("2027", page.QuerySelector("input[name=year]")!.GetAttribute("value"));
        Assert.Empty(await CalendarAuditAsync());
    }

    [Theory]
    [InlineData("nhi-phan.csv", new byte[] { 0x00, 0x01, 0x02, 0x03 }, "không phải CSV hay bảng tính Excel")]
    [InlineData("ansi.csv", new byte[] { 0x4E, 0x67, 0xE0, 0x79, 0x3B, 0x54, 0xEA, 0x6E }, "không ở bảng mã UTF-8")]
    [InlineData("gia-zip.xlsx", new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x00, 0x00 }, "không phải bảng tính Excel (.xlsx) đọc được")]
    [InlineData("thieu-cot.csv", new byte[] { 0x4E, 0x67, 0x61, 0x79, 0x2C, 0x54, 0x65, 0x6E, 0x0A, 0x31 }, "thiếu cột này")]
    [InlineData("trong.csv", new byte[] { 0x0A, 0x0A }, "thiếu cột này")]
    public async Task A_bad_file_gets_a_clear_vietnamese_message_never_an_error_page(string fileName, byte[] content, string message)
    {
        var admin = await AdminAsync();
        var page = await admin.GetDocumentAsync(PreviewUrl(await UploadAsync(admin, "2027", fileName, content)));
        Assert.Contains(message, page.QuerySelector("#import-issues")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("input[type=file][name=Upload]"));
    }

    [Fact]
    public async Task A_missing_file_or_year_is_refused_on_the_form_with_what_was_typed()
    {
        var admin = await AdminAsync();
        var noFile = await admin.PostFormAsync(Page, new Dictionary<string, string> { ["year"] = "2031" });
        var page = await noFile.ParseAsync();
        Assert.Equal(HttpStatusCode.OK, noFile.StatusCode);
        Assert.Contains("Vui lòng chọn tệp lịch", page.QuerySelector("[data-valmsg-for='Upload']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("2031", page.QuerySelector("input[name=year]")!.GetAttribute("value"));

        var badYear = await (await UploadAsync(admin, "1999", "lich.csv", Encoding.UTF8.GetBytes(Year2027))).ParseAsync();
        Assert.Contains("Năm phải từ 2000 đến 2100", badYear.QuerySelector("[data-valmsg-for='Year']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await Factory.CountAsync<global::SecurityPortal.Data.Imports.ImportDraft>());
    }

    [Fact]
    public async Task Only_administrators_import_and_a_draft_is_its_uploaders_alone()
    {
        var admin = await AdminAsync();
        var preview = PreviewUrl(await UploadAsync(admin, "2027", "lich.csv", Encoding.UTF8.GetBytes(Year2027)));

        await Factory.CreateUserAsync("td@sl.vn", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
        var reviewer = await SignInAsync("td@sl.vn", Totp.Key);
        (await reviewer.GetAsync(Page)).AssertRedirectsTo("/Account/AccessDenied");
        (await reviewer.GetAsync(preview)).AssertRedirectsTo("/Account/AccessDenied");

        var otherAdmin = await AdminAsync("qt2@sl.vn");
        Assert.Equal(HttpStatusCode.NotFound, (await otherAdmin.GetAsync(preview)).StatusCode);
        var draftId = preview.Split("draft=")[1].Split('&')[0];
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Imports/Preview/{draftId}")).StatusCode);
        Assert.Empty(await CalendarAuditAsync());
    }
}
