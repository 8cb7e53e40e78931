using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Common;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Pages.Imports;

namespace SecurityPortal.Tests.Imports;

public sealed class ImportTests : PortalTestBase
{
    private async Task<HttpClient> ReviewerAsync(string email = "td@sl.vn")
    {
        await Factory.CreateUserAsync(email, PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
        return await SignInAsync(email, Totp.Key);
    }

    /// <summary>Uploads like the browser form does and returns the preview URL (or the page with its errors).</summary>
    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string kind, byte[] file, string name = "du-lieu.xlsx")
    {
        var page = await client.GetDocumentAsync("/Imports");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(kind), "Kind" },
        };
        var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        form.Add(content, "Upload", name);
        return await client.PostAsync("/Imports", form);
    }

    private static byte[] Systems(params (string Sheet, string[] Header, object?[][] Rows)[] sheets) =>
        Spreadsheet.Write(sheets.Select(s => (s.Sheet, (IReadOnlyList<string>)s.Header, s.Rows.Select(r => (IReadOnlyList<object?>)r))).ToList());

    [Fact]
    public async Task The_system_template_imports_once_and_a_second_import_changes_nothing()
    {
        await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        var client = await ReviewerAsync();
        var template = await client.GetAsync("/Imports?handler=Template&kind=Systems");
        var file = await template.Content.ReadAsByteArrayAsync();

        var upload = await UploadAsync(client, "Systems", file);
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var previewUrl = upload.Headers.Location!.OriginalString;
        var preview = await client.GetDocumentAsync(previewUrl);
        Assert.Contains("Bản ghi mới: 1", preview.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.InformationSystems.CountAsync()));

        var confirm = await client.PostFormAsync(previewUrl, new Dictionary<string, string>());
        confirm.AssertRedirectsTo("/Systems");
        var system = await Factory.WithDbAsync(db => db.InformationSystems.Include(s => s.Endpoints).Include(s => s.Components).SingleAsync());
        Assert.Equal("SYT-CTTDT", system.Code);
        Assert.Equal("https://syt.songlam.gov.vn", Assert.Single(system.Endpoints).Url);
        Assert.Equal(2, system.Components.Count);
        Assert.Equal(new DateOnly(2026, 10, 15), system.Components.First(c => c.Product == "WordPress").LastPatched);

        // A second confirmation of the same draft (double click, refresh) does nothing more.
        var again = await client.PostFormAsync(previewUrl, new Dictionary<string, string>(), pageUrl: "/Imports");
        again.AssertRedirectsTo("/Imports");

        var second = await UploadAsync(client, "Systems", file);
        var secondPreview = await client.GetDocumentAsync(second.Headers.Location!.OriginalString);
        Assert.Contains("không có thay đổi nào", secondPreview.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.InformationSystems.CountAsync()));
        Assert.Equal(2, await Factory.WithDbAsync(db => db.SoftwareComponents.CountAsync()));
    }

    [Fact]
    public async Task A_file_without_the_software_sheet_leaves_the_inventory_alone()
    {
        await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        var client = await ReviewerAsync();
        var full = await (await client.GetAsync("/Imports?handler=Template&kind=Systems")).Content.ReadAsByteArrayAsync();
        await client.PostFormAsync((await UploadAsync(client, "Systems", full)).Headers.Location!.OriginalString, new Dictionary<string, string>());
        Assert.Equal(2, await Factory.WithDbAsync(db => db.SoftwareComponents.CountAsync()));

        string[] header = ["Mã hệ thống", "Tên hệ thống", "Mã cơ quan chủ quản", "Mã đơn vị vận hành", "Loại hệ thống", "Thông tin được xử lý"];
        var onlySystems = Systems(("Hệ thống", header, [["SYT-CTTDT", "Tên mới của trang", "SL-SYT", "SL-SYT", "Phục vụ người dân, doanh nghiệp", "Công cộng"]]));
        var previewUrl = (await UploadAsync(client, "Systems", onlySystems)).Headers.Location!.OriginalString;
        var preview = await client.GetDocumentAsync(previewUrl);
        Assert.Contains("Bản ghi được cập nhật: 1", preview.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("sẽ xóa", preview.Body.TextContent, StringComparison.Ordinal);
        await client.PostFormAsync(previewUrl, new Dictionary<string, string>());
        Assert.Equal(2, await Factory.WithDbAsync(db => db.SoftwareComponents.CountAsync()));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.SystemEndpoints.CountAsync()));
        Assert.Equal("Tên mới của trang", await Factory.WithDbAsync(db => db.InformationSystems.Select(s => s.Name).SingleAsync()));
    }

    [Fact]
    public async Task Every_bad_cell_is_listed_by_sheet_row_and_column_and_nothing_is_written()
    {
        await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        var client = await ReviewerAsync();
        string[] header = ["Mã hệ thống", "Tên hệ thống", "Mã cơ quan chủ quản", "Mã đơn vị vận hành", "Loại hệ thống", "Thông tin được xử lý", "Số người sử dụng", "Ngày đưa vào sử dụng"];
        var file = Systems(
            ("Hệ thống", header,
            [
                ["SYT-A", "Hệ thống A", "SL-SYT", "SL-SYT", "Phục vụ người dân, doanh nghiệp", "Công cộng", "100", "01/01/2020"],
                ["SYT-B", new string('x', 301), "SL-XYZ", "SL-SYT", "Loại lạ", "Công cộng, Tuyệt mật", "nhiều", "31/02/2020"],
                ["SYT-A", "Trùng mã", "SL-SYT", "SL-SYT", "Khác", "Riêng", null, null],
            ]),
            ("Địa chỉ", ["Mã hệ thống", "Địa chỉ (URL)"], [["SYT-A", "syt.songlam.gov.vn"], ["SYT-Z", "https://z.vn"]]),
            ("Phần mềm", ["Mã hệ thống", "Loại thành phần", "Sản phẩm", "Vá gần nhất"], [["SYT-A", "Hệ điều hành", "", "2020-01-01"]]));
        var upload = await UploadAsync(client, "Systems", file);
        var preview = await client.GetDocumentAsync(upload.Headers.Location!.OriginalString);
        var issues = preview.QuerySelectorAll("tbody tr").Select(r => string.Join("|", r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()))).ToList();
        Assert.Contains(issues, i => i.StartsWith("Hệ thống|3|Tên hệ thống|dài 301 ký tự", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.StartsWith("Hệ thống|3|Mã cơ quan chủ quản|không có cơ quan mã SL-XYZ", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.StartsWith("Hệ thống|3|Loại hệ thống|'Loại lạ' không hợp lệ", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.StartsWith("Hệ thống|3|Thông tin được xử lý|'Tuyệt mật' không hợp lệ", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.StartsWith("Hệ thống|3|Số người sử dụng|'nhiều' không phải là số", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.StartsWith("Hệ thống|3|Ngày đưa vào sử dụng|'31/02/2020' không phải ngày", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.StartsWith("Hệ thống|4|Mã hệ thống|mã SYT-A đã xuất hiện ở dòng 2", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.StartsWith("Địa chỉ|2|Địa chỉ (URL)|'syt.songlam.gov.vn' không phải", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.StartsWith("Địa chỉ|3|Mã hệ thống|không có hệ thống mã SYT-Z", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.StartsWith("Phần mềm|2|Sản phẩm|không được để trống", StringComparison.Ordinal));
        Assert.Null(preview.QuerySelector("form button.js-busy"));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.InformationSystems.CountAsync()));
    }

    [Fact]
    public async Task Files_that_are_not_workbooks_and_wrong_headers_get_clear_messages()
    {
        var client = await ReviewerAsync();
        var text = await UploadAsync(client, "Systems", "Mã hệ thống,Tên\nA,B"u8.ToArray(), "gia-mao.xlsx");
        Assert.Equal(HttpStatusCode.OK, text.StatusCode);
        Assert.Contains("không phải bảng tính Excel", (await text.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);

        var broken = await UploadAsync(client, "Systems", [0x50, 0x4B, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8, 9], "hong.xlsx");
        var brokenPreview = await client.GetDocumentAsync(broken.Headers.Location!.OriginalString);
        Assert.Contains("không phải bảng tính Excel (.xlsx) đọc được", brokenPreview.Body!.TextContent, StringComparison.Ordinal);

        var wrongHeaders = await UploadAsync(client, "Agencies", Systems(("Cơ quan", ["Mã", "Tên"], [["SL-A", "A"]])));
        var wrongPreview = await client.GetDocumentAsync(wrongHeaders.Headers.Location!.OriginalString);
        Assert.Contains("thiếu cột này", wrongPreview.Body!.TextContent, StringComparison.Ordinal);

        var empty = await UploadAsync(client, "Agencies", []);
        Assert.Contains("Vui lòng chọn tệp", (await empty.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Agencies_import_with_parents_later_in_the_file_and_refuses_a_cycle()
    {
        var client = await ReviewerAsync();
        string[] header = ["Mã định danh", "Tên đầy đủ", "Loại", "Mã cơ quan cấp trên"];
        var good = Systems(("Cơ quan", header,
        [
            ["SL-TT", "Trung tâm Chuyển đổi số", "Đơn vị sự nghiệp", "SL-KHCN"],
            ["SL-KHCN", "Sở Khoa học và Công nghệ", "Sở, ban, ngành", null],
        ]));
        var upload = await UploadAsync(client, "Agencies", good);
        var previewUrl = upload.Headers.Location!.OriginalString;
        (await client.PostFormAsync(previewUrl, new Dictionary<string, string>())).AssertRedirectsTo("/Agencies");
        var child = await Factory.WithDbAsync(db => db.Agencies.SingleAsync(a => a.Code == "SL-TT"));
        var parent = await Factory.WithDbAsync(db => db.Agencies.SingleAsync(a => a.Code == "SL-KHCN"));
        Assert.Equal(parent.Id, child.ParentId);
        Assert.Equal(AgencyKind.PublicServiceUnit, child.Kind);

        var cycle = Systems(("Cơ quan", header, [["SL-KHCN", "Sở Khoa học và Công nghệ", "Sở, ban, ngành", "SL-TT"]]));
        var cyclePreview = await client.GetDocumentAsync((await UploadAsync(client, "Agencies", cycle)).Headers.Location!.OriginalString);
        Assert.Contains("cấp dưới của chính nó", cyclePreview.Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(await Factory.WithDbAsync(db => db.Agencies.Where(a => a.Code == "SL-KHCN").Select(a => a.ParentId).SingleAsync()));
    }

    [Fact]
    public async Task Agencies_import_their_contacts_and_a_security_unit_named_later_in_the_file_and_refuse_an_unknown_unit()
    {
        var client = await ReviewerAsync();
        string[] header = ["Mã định danh", "Tên đầy đủ", "Loại", "Điện thoại cơ quan", "Thư điện tử cơ quan", "Văn bản quy định chức năng, nhiệm vụ, quyền hạn", "Mã đơn vị chuyên trách về an ninh mạng"];
        var good = Systems(("Cơ quan", header,
        [
            ["SL-STC", "Sở Tài chính", "Sở, ban, ngành", "0238 3 111 111", "stc@sl.vn", "Quyết định số 05/2025/QĐ-UBND", "SL-KHCN"],
            ["SL-KHCN", "Sở Khoa học và Công nghệ", "Sở, ban, ngành", null, null, null, "SL-KHCN"],
        ]));
        var upload = await UploadAsync(client, "Agencies", good);
        (await client.PostFormAsync(upload.Headers.Location!.OriginalString, new Dictionary<string, string>())).AssertRedirectsTo("/Agencies");
        var finance = await Factory.WithDbAsync(db => db.Agencies.SingleAsync(a => a.Code == "SL-STC"));
        var science = await Factory.WithDbAsync(db => db.Agencies.SingleAsync(a => a.Code == "SL-KHCN"));
        Assert.Equal(("0238 3 111 111", "stc@sl.vn", "Quyết định số 05/2025/QĐ-UBND", science.Id), (finance.Phone, finance.Email, finance.Mandate, finance.SecurityUnitId));
        Assert.Equal(science.Id, science.SecurityUnitId);

        var unknown = Systems(("Cơ quan", header, [["SL-STC", "Sở Tài chính", "Sở, ban, ngành", "0238 3 111 111", "khong-phai-thu", null, "SL-KHONG"]]));
        var preview = await client.GetDocumentAsync((await UploadAsync(client, "Agencies", unknown)).Headers.Location!.OriginalString);
        Assert.Contains("không có cơ quan đang hoạt động mã SL-KHONG", preview.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("'khong-phai-thu' không phải thư điện tử hợp lệ", preview.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(science.Id, await Factory.WithDbAsync(db => db.Agencies.Where(a => a.Code == "SL-STC").Select(a => a.SecurityUnitId).SingleAsync()));
    }

    [Fact]
    public async Task A_draft_belongs_to_its_uploader_and_officers_cannot_import()
    {
        await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        var client = await ReviewerAsync();
        var upload = await UploadAsync(client, "Agencies", AgencyImport.Template());
        var previewUrl = upload.Headers.Location!.OriginalString;

        var other = await ReviewerAsync("td2@sl.vn");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(previewUrl)).StatusCode);

        var agency = await Factory.CreateAgencyAsync("SL-X", "Đơn vị X");
        await Factory.CreateUserAsync("x@sl.vn", PortalRoles.AgencyOfficer, agency.Id);
        var officer = await SignInAsync("x@sl.vn");
        (await officer.GetAsync("/Imports")).AssertRedirectsTo("/Account/AccessDenied");
    }
}
