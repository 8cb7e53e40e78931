using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Tests.Systems;

namespace SecurityPortal.Tests.Audit;

/// <summary>
/// Issue 17: every history view (the audit log, a system's, an agency's) reads as people read the forms: Vietnamese
/// labels and enum names, names instead of ids, dd/MM/yyyy HH:mm Vietnam time, a before → after table per change, no
/// bookkeeping columns, secrets as «đã thay đổi»; and the history stays inside the agency scope.
/// </summary>
public sealed class ReadableHistoryTests : PortalTestBase
{
    private static readonly string[] InternalWords =
    [
        "SearchText", "SearchName", "ConcurrencyStamp", "SecurityStamp", "Sha256", "PasswordHash", "Normalized", "{\"",
    ];

    private static readonly string[] ClassNames =
    [
        "InformationSystem", "SoftwareComponent", "SystemEndpoint", "PortalUser", "IdentityUserRole", "Agency", "OwnerAgencyId",
        "Lifecycle", "Hosting", "FunctionKind", "Insert", "Update",
    ];

    [Fact]
    public async Task A_systems_history_shows_labels_names_and_enum_names_and_stays_in_its_agency()
    {
        var health = await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        var ward = await Factory.CreateAgencyAsync("SL-PBT", "Ủy ban nhân dân phường Bến Thủy", AgencyKind.CommuneCommittee);
        await Factory.CreateUserAsync("yte@sl.vn", PortalRoles.AgencyOfficer, health.Id);
        await Factory.CreateUserAsync("phuong@sl.vn", PortalRoles.AgencyOfficer, ward.Id);
        var officer = await SignInAsync("yte@sl.vn");
        var created = await officer.PostFormAsync("/Systems/Create", SystemRegistryTests.NewSystem("SYT-HIS", "Hệ thống quản lý bệnh viện", health.Id));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var url = created.Headers.Location!.OriginalString;
        var id = url.Split('/')[^1];

        var editUrl = $"/Systems/Edit/{id}";
        var edit = SystemRegistryTests.NewSystem("SYT-HIS", "Hệ thống thông tin bệnh viện", health.Id);
        edit.Remove("Input.Endpoints[0].Url");
        edit["ConcurrencyStamp"] = (await officer.GetDocumentAsync(editUrl)).QuerySelector("#ConcurrencyStamp")!.GetAttribute("value")!;
        edit["Input.Lifecycle"] = nameof(LifecycleStatus.Suspended);
        edit["Input.Hosting"] = nameof(HostingModel.Cloud);
        edit["Input.HostingProvider"] = "Viettel IDC";
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostFormAsync(editUrl, edit)).StatusCode);

        var history = HistoryTable(await officer.GetDocumentAsync(url));
        var text = history.TextContent;
        Assert.Contains(Change(history, "Tên hệ thống"), c => c is ("Hệ thống quản lý bệnh viện", "Hệ thống thông tin bệnh viện"));
        Assert.Contains(Change(history, "Trạng thái"), c => c is ("Đang vận hành", "Tạm dừng"));
        Assert.Contains(Change(history, "Hình thức lưu trữ"), c => c is ("Trung tâm dữ liệu của tỉnh", "Điện toán đám mây"));
        Assert.Contains(Change(history, "Nhà cung cấp hạ tầng"), c => c is ("—", "Viettel IDC"));
        Assert.Contains(Change(history, "Cơ quan chủ quản"), c => c.After == "Sở Y tế");
        Assert.Contains(Change(history, "Thông tin được xử lý"), c => c.After == "Công cộng");
        Assert.Contains("Thành phần phần mềm", text, StringComparison.Ordinal);
        AssertReadable(history);

        // An officer of another agency gets 404, and the history of that system is nowhere in theirs.
        var other = await SignInAsync("phuong@sl.vn");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Agencies/Details/{health.Id}")).StatusCode);
        Assert.DoesNotContain("bệnh viện", (await other.GetDocumentAsync($"/Agencies/Details/{ward.Id}")).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_agencys_history_shows_its_form_labels_and_kind_names()
    {
        var parent = await Factory.CreateAgencyAsync("SL-UBND", "Ủy ban nhân dân tỉnh Sông Lam", AgencyKind.ProvincialCommittee);
        var agency = await Factory.CreateAgencyAsync("SL-STTTT", "Sở Thông tin và Truyền thông");
        await Factory.CreateUserAsync("td@sl.vn", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
        var reviewer = await SignInAsync("td@sl.vn", Totp.Key);
        var editUrl = $"/Agencies/Edit/{agency.Id}";
        var stamp = (await reviewer.GetDocumentAsync(editUrl)).QuerySelector("#ConcurrencyStamp")!.GetAttribute("value")!;
        (await reviewer.PostFormAsync(editUrl, new Dictionary<string, string>
        {
            ["Input.Code"] = "SL-STTTT", ["Input.Name"] = "Sở Khoa học và Công nghệ", ["Input.Kind"] = nameof(AgencyKind.PublicServiceUnit),
            ["Input.ParentId"] = parent.Id.ToString(), ["ConcurrencyStamp"] = stamp,
        })).AssertRedirectsTo($"/Agencies/Details/{agency.Id}");

        var history = HistoryTable(await reviewer.GetDocumentAsync($"/Agencies/Details/{agency.Id}"));
        Assert.Contains(Change(history, "Tên đầy đủ"), c => c is ("Sở Thông tin và Truyền thông", "Sở Khoa học và Công nghệ"));
        Assert.Contains(Change(history, "Loại"), c => c is ("Sở, ban, ngành", "Đơn vị sự nghiệp"));
        Assert.Contains(Change(history, "Trực thuộc"), c => c.After == "Ủy ban nhân dân tỉnh Sông Lam");
        AssertReadable(history);
    }

    [Fact]
    public async Task The_audit_log_names_users_roles_and_entities_in_Vietnamese_and_a_new_password_reads_changed()
    {
        var agency = await Factory.CreateAgencyAsync("SL-STP", "Sở Tư pháp");
        var target = await Factory.CreateUserAsync("stp@sl.vn", PortalRoles.AgencyOfficer, agency.Id);
        await Factory.CreateUserAsync("quantri@sl.vn", PortalRoles.Administrator, authenticatorKey: Totp.Key);
        var admin = await SignInAsync("quantri@sl.vn", Totp.Key);
        var url = $"/Admin/Users/Edit/{target.Id}";
        var stamp = (await admin.GetDocumentAsync(url)).QuerySelector("#ConcurrencyStamp")!.GetAttribute("value")!;
        (await admin.PostFormAsync(url, new Dictionary<string, string>
        {
            ["Input.FullName"] = "Lê Văn Tư", ["Input.Email"] = "stp@sl.vn", ["Input.AgencyId"] = agency.Id.ToString(),
            ["Input.Roles"] = PortalRoles.Leadership, ["IsActive"] = "true", ["ConcurrencyStamp"] = stamp,
        })).AssertRedirectsTo(url);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await admin.PostFormAsync($"{url}?handler=ResetPassword", new Dictionary<string, string>(), pageUrl: url)).StatusCode);

        var page = await admin.GetDocumentAsync("/Audit");
        var log = HistoryTable(page);
        Assert.Contains(Change(log, "Vai trò"), c => c.After == PortalRoles.DisplayName(PortalRoles.Leadership));
        Assert.Contains(Change(log, "Vai trò"), c => c.Before == PortalRoles.DisplayName(PortalRoles.AgencyOfficer));
        Assert.Contains(Change(log, "Họ và tên"), c => c.After == "Lê Văn Tư");
        Assert.Contains(Change(log, "Mật khẩu"), c => c.After == "đã thay đổi");
        Assert.Contains("Vai trò của tài khoản", log.TextContent, StringComparison.Ordinal);
        Assert.Contains(log.QuerySelectorAll("tbody > tr > td:nth-child(2)"), td => td.TextContent.Trim() == "Người dùng quantri");
        Assert.Contains(log.QuerySelectorAll("tbody > tr > td:nth-child(4)"), td => td.TextContent.Trim() == "Lê Văn Tư");
        AssertReadable(log);

        // The filter lists the business entities by their Vietnamese names, never a class name.
        var options = page.QuerySelectorAll("#entity option").Select(o => o.TextContent.Trim()).ToList();
        Assert.Contains("Hệ thống thông tin", options);
        Assert.Contains("Tài khoản người dùng", options);
        Assert.DoesNotContain(options, o => Regex.IsMatch(o, "^[A-Z][a-z]+[A-Z]|`", RegexOptions.None, TimeSpan.FromSeconds(1)));
        var filtered = HistoryTable(await admin.GetDocumentAsync("/Audit?entity=PortalUser"));
        Assert.Contains(Change(filtered, "Mật khẩu"), c => c.After == "đã thay đổi");
        AssertReadable(filtered);
    }

    private static IElement HistoryTable(IDocument page) => page.QuerySelector("table.change-history")
        ?? throw new Xunit.Sdk.XunitException("no change history table on the page");

    /// <summary>The (before, after) pairs of a field across the rows of the history.</summary>
    private static List<(string Before, string After)> Change(IElement history, string label) =>
        [.. history.QuerySelectorAll("table.change-fields tbody tr")
            .Where(tr => tr.QuerySelector("th")?.TextContent.Trim() == label)
            .Select(tr => tr.QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToArray())
            .Select(cells => (cells[0], cells[1]))];

    private static void AssertReadable(IElement history)
    {
        var text = history.TextContent;
        Assert.False(Readable.Guid().IsMatch(text), $"an id in the history: {Readable.Guid().Match(text).Value}");
        foreach (var word in InternalWords.Concat(ClassNames))
        {
            Assert.DoesNotContain(word, text, StringComparison.Ordinal);
        }

        var times = history.QuerySelectorAll("tbody > tr > td:first-child").Select(td => td.TextContent.Trim()).ToList();
        Assert.NotEmpty(times);
        Assert.All(times, t => Assert.Matches(Readable.VietnamDateTime(), t));
    }
}
