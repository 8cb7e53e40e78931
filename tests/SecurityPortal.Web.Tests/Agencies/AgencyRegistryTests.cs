using System.Net;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Tests.Agencies;

public sealed class AgencyRegistryTests : PortalTestBase
{
    private async Task<HttpClient> ReviewerAsync()
    {
        await Factory.CreateUserAsync("td@sl.vn", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
        return await SignInAsync("td@sl.vn", Totp.Key);
    }

    [Fact]
    public async Task A_reviewer_creates_an_agency_under_a_parent_and_finds_it_without_diacritics()
    {
        var parent = await Factory.CreateAgencyAsync("SL-UBND", "Ủy ban nhân dân tỉnh Sông Lam", AgencyKind.ProvincialCommittee);
        var client = await ReviewerAsync();
        var response = await client.PostFormAsync("/Agencies/Create", new Dictionary<string, string>
        {
            ["Input.Code"] = "sl-snv", ["Input.Name"] = "Sở Nội vụ", ["Input.Kind"] = nameof(AgencyKind.Department),
            ["Input.ParentId"] = parent.Id.ToString(), ["Input.ItContactEmail"] = "cntt@snv.songlam.gov.vn",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var list = await client.GetDocumentAsync("/Agencies?q=so%20noi%20vu");
        Assert.Contains("Sở Nội vụ", list.Body!.TextContent, StringComparison.Ordinal);
        var tree = await client.GetDocumentAsync("/Agencies");
        Assert.NotNull(tree.QuerySelector("td.agency-depth-1 a"));
        Assert.Equal("SL-SNV", await Factory.WithDbAsync(db => db.Agencies.Where(a => a.Name == "Sở Nội vụ").Select(a => a.Code).SingleAsync()));
    }

    [Fact]
    public async Task The_agency_contacts_and_security_unit_for_Mau_08_are_saved_shown_and_bad_input_refused()
    {
        var unit = await Factory.CreateAgencyAsync("SL-SKHCN", "Sở Khoa học và Công nghệ");
        var client = await ReviewerAsync();
        Dictionary<string, string> Form(string email, string unitId) => new()
        {
            ["Input.Code"] = "SL-STC", ["Input.Name"] = "Sở Tài chính", ["Input.Kind"] = nameof(AgencyKind.Department),
            ["Input.Phone"] = "0238 3 111 111", ["Input.Email"] = email, ["Input.Mandate"] = "Quyết định số 05/2025/QĐ-UBND",
            ["Input.SecurityUnitId"] = unitId,
        };

        // A bad e-mail and an unknown unit: explained in Vietnamese, what was typed is kept, nothing is saved.
        var bad = await (await client.PostFormAsync("/Agencies/Create", Form("sai", Guid.NewGuid().ToString()))).ParseAsync();
        Assert.Contains("không đúng định dạng", bad.QuerySelector("[data-valmsg-for='Input.Email']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("không tồn tại hoặc đã ngừng hoạt động", bad.QuerySelector("[data-valmsg-for='Input.SecurityUnitId']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Quyết định số 05/2025/QĐ-UBND", bad.QuerySelector("#Input_Mandate")!.GetAttribute("value"));
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Agencies.CountAsync(a => a.Code == "SL-STC")));

        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/Agencies/Create", Form("stc@sl.vn", unit.Id.ToString()))).StatusCode);
        var saved = await Factory.WithDbAsync(db => db.Agencies.SingleAsync(a => a.Code == "SL-STC"));
        Assert.Equal(("0238 3 111 111", "stc@sl.vn", "Quyết định số 05/2025/QĐ-UBND", unit.Id), (saved.Phone, saved.Email, saved.Mandate, saved.SecurityUnitId));
        var details = await client.GetDocumentAsync($"/Agencies/Details/{saved.Id}");
        Assert.Equal("Sở Khoa học và Công nghệ", details.QuerySelector("#security-unit a")!.TextContent);

        // The edit form offers the agency itself as its own unit.
        var edit = await client.GetDocumentAsync($"/Agencies/Edit/{saved.Id}");
        Assert.NotNull(edit.QuerySelector($"#Input_SecurityUnitId option[value='{saved.Id}']"));
        Assert.Null(edit.QuerySelector($"#Input_ParentId option[value='{saved.Id}']"));
    }

    [Fact]
    public async Task A_duplicate_code_a_bad_email_and_a_cycle_are_refused_in_Vietnamese()
    {
        var top = await Factory.CreateAgencyAsync("SL-A", "Cơ quan A");
        var client = await ReviewerAsync();
        var child = await client.PostFormAsync("/Agencies/Create", new Dictionary<string, string>
        {
            ["Input.Code"] = "SL-B", ["Input.Name"] = "Đơn vị B", ["Input.Kind"] = nameof(AgencyKind.PublicServiceUnit), ["Input.ParentId"] = top.Id.ToString(),
        });
        var childId = child.Headers.Location!.OriginalString.Split('/')[^1];

        var duplicate = await client.PostFormAsync("/Agencies/Create", new Dictionary<string, string>
        {
            ["Input.Code"] = "sl-a", ["Input.Name"] = "Trùng mã", ["Input.Kind"] = nameof(AgencyKind.Other), ["Input.ItContactEmail"] = "sai",
        });
        var page = await duplicate.ParseAsync();
        Assert.Contains("đã được dùng", page.QuerySelector("[data-valmsg-for='Input.Code']")!.TextContent, StringComparison.Ordinal);

        var badEmail = await client.PostFormAsync("/Agencies/Create", new Dictionary<string, string>
        {
            ["Input.Code"] = "SL-C", ["Input.Name"] = "Đơn vị C", ["Input.Kind"] = nameof(AgencyKind.Other), ["Input.ItContactEmail"] = "sai",
        });
        Assert.Contains("không đúng định dạng", (await badEmail.ParseAsync()).QuerySelector("[data-valmsg-for='Input.ItContactEmail']")!.TextContent, StringComparison.Ordinal);

        var editUrl = $"/Agencies/Edit/{top.Id}";
        var stamp = (await client.GetDocumentAsync(editUrl)).QuerySelector("#ConcurrencyStamp")!.GetAttribute("value")!;
        var cycle = await client.PostFormAsync(editUrl, new Dictionary<string, string>
        {
            ["Input.Code"] = "SL-A", ["Input.Name"] = "Cơ quan A (tên mới)", ["Input.Kind"] = nameof(AgencyKind.Department), ["Input.ParentId"] = childId, ["ConcurrencyStamp"] = stamp,
        });
        Assert.Equal(HttpStatusCode.OK, cycle.StatusCode);
        var cyclePage = await cycle.ParseAsync();
        Assert.Contains("cấp dưới của chính nó", cyclePage.QuerySelector("[data-valmsg-for='Input.ParentId']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Cơ quan A (tên mới)", cyclePage.QuerySelector("#Input_Name")!.GetAttribute("value"));
        Assert.Equal("Cơ quan A", await Factory.WithDbAsync(db => db.Agencies.Where(a => a.Id == top.Id).Select(a => a.Name).SingleAsync()));
    }

    [Fact]
    public async Task Merging_moves_systems_users_and_children_and_keeps_the_history()
    {
        var target = await Factory.CreateAgencyAsync("SL-SKHCN", "Sở Khoa học và Công nghệ");
        var source = await Factory.CreateAgencyAsync("SL-STTTT", "Sở Thông tin và Truyền thông");
        var child = await Factory.CreateAgencyAsync("SL-TTCNTT", "Trung tâm Công nghệ thông tin", AgencyKind.PublicServiceUnit);
        await Factory.WithDbAsync(async db =>
        {
            var c = await db.Agencies.SingleAsync(a => a.Id == child.Id);
            c.MoveTo(source.Id, new Dictionary<Guid, Guid?>());
            db.InformationSystems.Add(new SecurityPortal.Domain.Systems.InformationSystem("STTTT-WEB", "Cổng thông tin Sở TT&TT", source.Id, source.Id));
            return await db.SaveChangesAsync();
        });
        var officer = await Factory.CreateUserAsync("cb@stttt.vn", PortalRoles.AgencyOfficer, source.Id);
        var client = await ReviewerAsync();

        var intoOwnChild = await client.PostFormAsync($"/Agencies/Merge/{source.Id}", new Dictionary<string, string>
        {
            ["TargetId"] = child.Id.ToString(), ["MergedOn"] = "2025-03-01",
        });
        Assert.Contains("đơn vị trực thuộc", (await intoOwnChild.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);

        var intoItself = await client.PostFormAsync($"/Agencies/Merge/{source.Id}", new Dictionary<string, string>
        {
            ["TargetId"] = source.Id.ToString(), ["MergedOn"] = "2025-03-01",
        });
        Assert.Contains("chính nó", (await intoItself.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);

        var merged = await client.PostFormAsync($"/Agencies/Merge/{source.Id}", new Dictionary<string, string>
        {
            ["TargetId"] = target.Id.ToString(), ["MergedOn"] = "2025-03-01",
        });
        merged.AssertRedirectsTo($"/Agencies/Details/{target.Id}");

        var (system, user, movedChild, old) = await Factory.WithDbAsync(async db => (
            await db.InformationSystems.SingleAsync(),
            await db.Users.SingleAsync(u => u.Id == officer.Id),
            await db.Agencies.SingleAsync(a => a.Id == child.Id),
            await db.Agencies.SingleAsync(a => a.Id == source.Id)));
        Assert.Equal(target.Id, system.OwnerAgencyId);
        Assert.Equal(target.Id, system.OperatorAgencyId);
        Assert.Equal(target.Id, user.AgencyId);
        Assert.Equal(target.Id, movedChild.ParentId);
        Assert.False(old.IsActive);
        Assert.Equal(target.Id, old.MergedIntoId);
        Assert.Equal(new DateOnly(2025, 3, 1), old.MergedOn);

        var details = await client.GetDocumentAsync($"/Agencies/Details/{source.Id}");
        Assert.Contains("Đã sáp nhập vào", details.Body!.TextContent, StringComparison.Ordinal);
        // The history names the agency it was merged into, under the form's label (issue 17: no column names, no ids).
        Assert.Contains(details.QuerySelectorAll("table.change-history table.change-fields tbody tr"),
            tr => tr.QuerySelector("th")!.TextContent.Trim() == "Sáp nhập vào" && tr.QuerySelectorAll("td")[1].TextContent.Trim() == "Sở Khoa học và Công nghệ");
    }

    [Fact]
    public async Task The_Excel_export_follows_the_filter_and_an_officer_gets_only_their_agency()
    {
        var parent = await Factory.CreateAgencyAsync("SL-UBND", "Ủy ban nhân dân tỉnh", AgencyKind.ProvincialCommittee);
        var own = await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        await Factory.CreateAgencyAsync("SL-STC", "Sở Tài chính");
        var reviewer = await ReviewerAsync();
        var all = await reviewer.GetExcelRowsAsync("/Agencies?handler=Excel");
        Assert.Equal(4, all.Count);
        Assert.Equal("Mã định danh", all[0][0]);
        var filtered = await reviewer.GetExcelRowsAsync("/Agencies?handler=Excel&q=so%20y%20te");
        Assert.Equal("SL-SYT", Assert.Single(filtered.Skip(1))[0]);

        await Factory.CreateUserAsync("yte@sl.vn", PortalRoles.AgencyOfficer, own.Id);
        var officer = await SignInAsync("yte@sl.vn");
        var mine = await officer.GetExcelRowsAsync("/Agencies?handler=Excel");
        Assert.Equal("SL-SYT", Assert.Single(mine.Skip(1))[0]);
        Assert.DoesNotContain(mine, r => r.Contains(parent.Code));
    }

    [Fact]
    public async Task A_second_edit_from_an_old_page_is_refused_and_keeps_what_was_typed()
    {
        var agency = await Factory.CreateAgencyAsync("SL-D", "Tên ban đầu");
        var first = await ReviewerAsync();
        await Factory.CreateUserAsync("td2@sl.vn", PortalRoles.ProvincialReviewer, authenticatorKey: "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U");
        var second = await SignInAsync("td2@sl.vn", "MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U");
        var url = $"/Agencies/Edit/{agency.Id}";
        var stamp = (await second.GetDocumentAsync(url)).QuerySelector("#ConcurrencyStamp")!.GetAttribute("value")!;

        Dictionary<string, string> Form(string name) => new()
        {
            ["Input.Code"] = "SL-D", ["Input.Name"] = name, ["Input.Kind"] = nameof(AgencyKind.Department), ["ConcurrencyStamp"] = stamp,
        };

        (await first.PostFormAsync(url, Form("Tên người thứ nhất"))).AssertRedirectsTo($"/Agencies/Details/{agency.Id}");
        var refused = await second.PostFormAsync(url, Form("Tên người thứ hai"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.ParseAsync();
        Assert.Contains("vừa được người khác lưu thay đổi", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Tên người thứ hai", page.QuerySelector("#Input_Name")!.GetAttribute("value"));
        Assert.Equal("Tên người thứ nhất", await Factory.WithDbAsync(db => db.Agencies.Where(a => a.Id == agency.Id).Select(a => a.Name).SingleAsync()));
    }

    [Fact]
    public async Task Officers_cannot_create_edit_or_merge_agencies()
    {
        var own = await Factory.CreateAgencyAsync("SL-X", "Đơn vị X");
        await Factory.CreateUserAsync("x@sl.vn", PortalRoles.AgencyOfficer, own.Id);
        var client = await SignInAsync("x@sl.vn");
        (await client.GetAsync("/Agencies/Create")).AssertRedirectsTo("/Account/AccessDenied");
        (await client.GetAsync($"/Agencies/Edit/{own.Id}")).AssertRedirectsTo("/Account/AccessDenied");
        (await client.GetAsync($"/Agencies/Merge/{own.Id}")).AssertRedirectsTo("/Account/AccessDenied");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/Agencies/Details/{own.Id}")).StatusCode);
    }
}
