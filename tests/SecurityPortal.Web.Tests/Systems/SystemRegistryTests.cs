using System.Net;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Tests.Systems;

public sealed class SystemRegistryTests : PortalTestBase
{
    private Agency _health = null!;
    private Agency _ward = null!;

    private async Task ArrangeAsync()
    {
        _health = await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        _ward = await Factory.CreateAgencyAsync("SL-PBT", "Ủy ban nhân dân phường Bến Thủy", AgencyKind.CommuneCommittee);
        await Factory.CreateUserAsync("yte@sl.vn", PortalRoles.AgencyOfficer, _health.Id);
        await Factory.CreateUserAsync("phuong@sl.vn", PortalRoles.AgencyOfficer, _ward.Id);
        await Factory.CreateUserAsync("lanhdao@sl.vn", PortalRoles.Leadership);
    }

    internal static Dictionary<string, string> NewSystem(string code, string name, Guid agency) => new()
    {
        ["Input.Code"] = code, ["Input.Name"] = name, ["Input.OwnerAgencyId"] = agency.ToString(), ["Input.OperatorAgencyId"] = agency.ToString(),
        ["Input.FunctionKind"] = nameof(SystemFunctionKind.CitizenBusinessService), ["Input.InformationTypes"] = nameof(InformationTypes.Public),
        ["Input.InfrastructureScope"] = nameof(InfrastructureScope.SingleOrganisation), ["Input.Hosting"] = nameof(HostingModel.ProvincialDataCentre),
        ["Input.Lifecycle"] = nameof(LifecycleStatus.Operating), ["Input.UserCount"] = "120",
        ["Input.Endpoints[0].Url"] = "https://syt.songlam.gov.vn", ["Input.Endpoints[0].IsPublic"] = "true",
        ["Input.Components[0].Kind"] = nameof(ComponentKind.Cms), ["Input.Components[0].Product"] = "WordPress", ["Input.Components[0].Version"] = "5.8.3",
        ["Input.Components[0].LastPatched"] = "2023-02-10",
        ["Input.Components[1].Kind"] = nameof(ComponentKind.WebServer), ["Input.Components[1].Product"] = "Apache HTTP Server", ["Input.Components[1].Version"] = "2.4.62",
        ["Input.Components[1].LastPatched"] = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-3)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
    };

    [Fact]
    public async Task An_officer_registers_a_system_with_a_url_and_two_components_and_finds_it_without_diacritics()
    {
        await ArrangeAsync();
        var client = await SignInAsync("yte@sl.vn");
        var response = await client.PostFormAsync("/Systems/Create", NewSystem("syt-cttdt", "Cổng thông tin điện tử Sở Y tế", _health.Id));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var details = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("SYT-CTTDT", details.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("https://syt.songlam.gov.vn", details.Body.TextContent, StringComparison.Ordinal);
        Assert.Contains("Quá 180 ngày chưa vá", details.Body.TextContent, StringComparison.Ordinal);

        var list = await client.GetDocumentAsync("/Systems?q=cong%20thong%20tin%20dien%20tu");
        Assert.Contains("Cổng thông tin điện tử Sở Y tế", list.Body!.TextContent, StringComparison.Ordinal);
        var flagged = await client.GetDocumentAsync("/Systems?flagged=true");
        Assert.Contains("1 cần xử lý", flagged.Body!.TextContent, StringComparison.Ordinal);

        var audit = await Factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.UserName == "yte@sl.vn" && (e.EntityType == "SoftwareComponent" || e.EntityType == "InformationSystem")));
        Assert.Equal(3, audit);
    }

    [Fact]
    public async Task Another_agencys_system_answers_404_and_is_absent_from_every_list()
    {
        await ArrangeAsync();
        var health = await SignInAsync("yte@sl.vn");
        var created = await health.PostFormAsync("/Systems/Create", NewSystem("SYT-HIS", "Hệ thống quản lý bệnh viện", _health.Id));
        var url = created.Headers.Location!.OriginalString;
        var id = url.Split('/')[^1];

        var ward = await SignInAsync("phuong@sl.vn");
        Assert.Equal(HttpStatusCode.NotFound, (await ward.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ward.GetAsync($"/Systems/Edit/{id}")).StatusCode);
        Assert.DoesNotContain("SYT-HIS", (await ward.GetDocumentAsync("/Systems")).Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("SYT-HIS", (await ward.GetDocumentAsync($"/Systems?agency={_health.Id}&q=benh")).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await ward.GetAsync($"/Agencies/Details/{_health.Id}")).StatusCode);
        Assert.DoesNotContain("Sở Y tế", (await ward.GetDocumentAsync("/Agencies")).Body!.TextContent, StringComparison.Ordinal);

        // Posting to the other agency's system is refused the same way, and nothing changes.
        var decommission = await ward.PostFormAsync($"/Systems/Details/{id}?handler=Decommission", new Dictionary<string, string>(), pageUrl: "/Systems");
        Assert.Equal(HttpStatusCode.NotFound, decommission.StatusCode);
        Assert.Equal(LifecycleStatus.Operating, await Factory.WithDbAsync(db => db.InformationSystems.Where(s => s.Code == "SYT-HIS").Select(s => s.Lifecycle).SingleAsync()));

        // An officer cannot register a system for an agency that is not theirs.
        var foreign = await ward.PostFormAsync("/Systems/Create", NewSystem("SYT-KHAC", "Hệ thống của đơn vị khác", _health.Id));
        Assert.Equal(HttpStatusCode.OK, foreign.StatusCode);
        Assert.Contains("chỉ đăng ký, sửa hệ thống mà đơn vị mình", (await foreign.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);

        // Leadership reads everything and edits nothing.
        var leader = await SignInAsync("lanhdao@sl.vn");
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await leader.GetAsync($"/Systems/Edit/{id}")).StatusCode);
    }

    [Fact]
    public async Task Bad_input_is_explained_at_each_field_and_what_was_typed_is_kept()
    {
        await ArrangeAsync();
        var client = await SignInAsync("yte@sl.vn");
        await client.PostFormAsync("/Systems/Create", NewSystem("SYT-A", "Hệ thống A", _health.Id));
        var form = NewSystem("SYT-A", new string('x', 400), _health.Id);
        form["Input.Endpoints[0].Url"] = "syt.songlam.gov.vn";
        form["Input.Endpoints[1].Url"] = "javascript:alert(1)";
        form["Input.Components[0].Product"] = "";
        form["Input.Components[0].Version"] = "5.8.3";
        form["Input.UserCount"] = "nhiều";
        form["Input.TechnicalContactEmail"] = "khong-phai-email";
        var response = await client.PostFormAsync("/Systems/Create", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        string Message(string field) => page.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent ?? string.Empty;
        Assert.Contains("đã được sử dụng", Message("Input.Code"), StringComparison.Ordinal);
        Assert.Contains("không được dài quá 300", Message("Input.Name"), StringComparison.Ordinal);
        Assert.Contains("http://", Message("Input.Endpoints[0].Url"), StringComparison.Ordinal);
        Assert.Contains("http://", Message("Input.Endpoints[1].Url"), StringComparison.Ordinal);
        Assert.Contains("Vui lòng nhập tên sản phẩm", Message("Input.Components[0].Product"), StringComparison.Ordinal);
        Assert.Contains("không hợp lệ", Message("Input.UserCount"), StringComparison.Ordinal);
        Assert.Contains("không đúng định dạng", Message("Input.TechnicalContactEmail"), StringComparison.Ordinal);
        // All of them at once, also in one summary at the top of the form.
        var summary = page.QuerySelectorAll(".validation-summary-errors li").Select(li => li.TextContent).ToList();
        Assert.True(summary.Count >= 7, string.Join(" | ", summary));
        Assert.Contains(summary, m => m.Contains("không được dài quá 300", StringComparison.Ordinal));
        Assert.Contains(summary, m => m.Contains("không đúng định dạng", StringComparison.Ordinal));
        Assert.Equal("syt.songlam.gov.vn", page.QuerySelector("#Input_Endpoints_0__Url")!.GetAttribute("value"));
        Assert.Equal("5.8.3", page.QuerySelector("#Input_Components_0__Version")!.GetAttribute("value"));
        Assert.Equal(1, await Factory.WithDbAsync(db => db.InformationSystems.CountAsync()));
    }

    [Fact]
    public async Task A_second_save_from_an_old_page_is_refused_and_shows_what_changed()
    {
        await ArrangeAsync();
        var first = await SignInAsync("yte@sl.vn");
        var created = await first.PostFormAsync("/Systems/Create", NewSystem("SYT-B", "Tên ban đầu", _health.Id));
        var id = created.Headers.Location!.OriginalString.Split('/')[^1];
        await Factory.CreateUserAsync("yte2@sl.vn", PortalRoles.AgencyOfficer, _health.Id);
        var second = await SignInAsync("yte2@sl.vn");

        var editUrl = $"/Systems/Edit/{id}";
        var stamp = (await first.GetDocumentAsync(editUrl)).QuerySelector("#ConcurrencyStamp")!.GetAttribute("value")!;
        var edit = NewSystem("SYT-B", "Tên do người thứ nhất sửa", _health.Id);
        edit.Remove("Input.Endpoints[0].Url");
        edit["ConcurrencyStamp"] = stamp;
        Assert.Equal(HttpStatusCode.Redirect, (await first.PostFormAsync(editUrl, edit)).StatusCode);

        var late = NewSystem("SYT-B", "Tên do người thứ hai sửa", _health.Id);
        late["ConcurrencyStamp"] = stamp;
        var refused = await second.PostFormAsync(editUrl, late);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await refused.ParseAsync();
        Assert.Contains("vừa được người khác lưu thay đổi", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Tên hệ thống: Tên do người thứ nhất sửa", page.Body.TextContent, StringComparison.Ordinal);
        Assert.Equal("Tên do người thứ hai sửa", page.QuerySelector("#Input_Name")!.GetAttribute("value"));
        Assert.Equal("Tên do người thứ nhất sửa", await Factory.WithDbAsync(db => db.InformationSystems.Select(s => s.Name).SingleAsync()));
    }

    [Fact]
    public async Task The_Excel_export_holds_the_filtered_rows_of_the_users_own_agency_only()
    {
        await ArrangeAsync();
        var health = await SignInAsync("yte@sl.vn");
        await health.PostFormAsync("/Systems/Create", NewSystem("SYT-1", "Cổng thông tin Sở Y tế", _health.Id));
        await health.PostFormAsync("/Systems/Create", NewSystem("SYT-2", "Phần mềm kế toán", _health.Id));
        var ward = await SignInAsync("phuong@sl.vn");
        await ward.PostFormAsync("/Systems/Create", NewSystem("PBT-1", "Cổng thông tin phường", _ward.Id));

        var rows = await health.GetExcelRowsAsync("/Systems?handler=Excel&q=cong%20thong%20tin");
        Assert.Equal("Mã hệ thống", rows[0][0]);
        var data = rows.Skip(1).ToList();
        var only = Assert.Single(data);
        Assert.Equal("SYT-1", only[0]);
        Assert.Equal("Cổng thông tin Sở Y tế", only[1]);
    }

    [Fact]
    public async Task A_save_from_an_old_page_cannot_undo_a_component_added_meanwhile()
    {
        await ArrangeAsync();
        var first = await SignInAsync("yte@sl.vn");
        var created = await first.PostFormAsync("/Systems/Create", NewSystem("SYT-P", "Hệ thống P", _health.Id));
        var editUrl = $"/Systems/Edit/{created.Headers.Location!.OriginalString.Split('/')[^1]}";
        await Factory.CreateUserAsync("yte2@sl.vn", PortalRoles.AgencyOfficer, _health.Id);
        var second = await SignInAsync("yte2@sl.vn");
        var oldPage = NewSystem("SYT-P", "Hệ thống P", _health.Id);
        oldPage["ConcurrencyStamp"] = (await second.GetDocumentAsync(editUrl)).QuerySelector("#ConcurrencyStamp")!.GetAttribute("value")!;

        // Only a component is added: the system row itself does not change.
        var withThird = NewSystem("SYT-P", "Hệ thống P", _health.Id);
        withThird["Input.Components[2].Kind"] = nameof(ComponentKind.Database);
        withThird["Input.Components[2].Product"] = "MySQL";
        withThird["Input.Components[2].Version"] = "8.0.39";
        var page = await first.GetDocumentAsync(editUrl);
        foreach (var i in new[] { 0, 1 })
        {
            withThird[$"Input.Components[{i}].Id"] = page.QuerySelector($"#Input_Components_{i}__Id")!.GetAttribute("value")!;
        }

        withThird["Input.Endpoints[0].Id"] = page.QuerySelector("#Input_Endpoints_0__Id")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.Redirect, (await first.PostFormAsync(editUrl, withThird)).StatusCode);
        Assert.Equal(3, await Factory.WithDbAsync(db => db.SoftwareComponents.CountAsync()));

        var refused = await second.PostFormAsync(editUrl, oldPage);
        Assert.Contains("vừa được người khác lưu thay đổi", (await refused.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(3, await Factory.WithDbAsync(db => db.SoftwareComponents.CountAsync()));
    }

    [Fact]
    public async Task An_officer_cannot_take_a_system_away_from_the_agency_that_owns_it()
    {
        await ArrangeAsync();
        var reviewerKey = Totp.Key;
        await Factory.CreateUserAsync("td@sl.vn", PortalRoles.ProvincialReviewer, authenticatorKey: reviewerKey);
        var reviewer = await SignInAsync("td@sl.vn", reviewerKey);
        var form = NewSystem("SYT-Q", "Hệ thống do phường vận hành", _health.Id);
        form["Input.OperatorAgencyId"] = _ward.Id.ToString();
        var created = await reviewer.PostFormAsync("/Systems/Create", form);
        var editUrl = $"/Systems/Edit/{created.Headers.Location!.OriginalString.Split('/')[^1]}";

        var ward = await SignInAsync("phuong@sl.vn");
        var grab = NewSystem("SYT-Q", "Hệ thống do phường vận hành", _ward.Id);
        var response = await ward.PostFormAsync(editUrl, grab);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Chỉ cán bộ thẩm định mới chuyển được", (await response.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(_health.Id, await Factory.WithDbAsync(db => db.InformationSystems.Select(s => s.OwnerAgencyId).SingleAsync()));
    }

    [Fact]
    public async Task An_officer_sees_and_names_only_their_agency_and_those_above_it()
    {
        var province = await Factory.CreateAgencyAsync("SL-UBND", "Ủy ban nhân dân tỉnh", AgencyKind.ProvincialCommittee);
        await ArrangeAsync();
        var hospital = await Factory.CreateAgencyAsync("SL-BV", "Bệnh viện tỉnh", AgencyKind.HealthFacility);
        await Factory.WithDbAsync(async db =>
        {
            var map = await db.Agencies.ToDictionaryAsync(a => a.Id, a => a.ParentId);
            (await db.Agencies.SingleAsync(a => a.Id == hospital.Id)).MoveTo(_health.Id, map);
            (await db.Agencies.SingleAsync(a => a.Id == _health.Id)).MoveTo(province.Id, map);
            return await db.SaveChangesAsync();
        });
        await Factory.CreateUserAsync("bv@sl.vn", PortalRoles.AgencyOfficer, hospital.Id);
        var client = await SignInAsync("bv@sl.vn");

        var options = (await client.GetDocumentAsync("/Systems/Create")).QuerySelectorAll("#Input_OwnerAgencyId option")
            .Select(o => o.TextContent.Trim()).Where(t => !t.StartsWith('(')).ToList();
        Assert.Equal(["Bệnh viện tỉnh", "Sở Y tế", "Ủy ban nhân dân tỉnh"], options.Order(StringComparer.Ordinal).ToList());

        var ownedByParent = NewSystem("BV-HIS", "Phần mềm bệnh viện", _health.Id);
        ownedByParent["Input.OperatorAgencyId"] = hospital.Id.ToString();
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync("/Systems/Create", ownedByParent)).StatusCode);

        var ownedByStranger = NewSystem("BV-X", "Hệ thống gán cho phường", _ward.Id);
        ownedByStranger["Input.OperatorAgencyId"] = hospital.Id.ToString();
        var refused = await client.PostFormAsync("/Systems/Create", ownedByStranger);
        Assert.Contains("Chỉ cán bộ thẩm định mới chuyển được", (await refused.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.InformationSystems.CountAsync(s => s.OwnerAgencyId == _ward.Id)));
    }

    [Fact]
    public async Task Decommissioning_keeps_the_system_and_its_inventory()
    {
        await ArrangeAsync();
        var client = await SignInAsync("yte@sl.vn");
        var created = await client.PostFormAsync("/Systems/Create", NewSystem("SYT-C", "Hệ thống cũ", _health.Id));
        var url = created.Headers.Location!.OriginalString;
        var response = await client.PostFormAsync(url + "?handler=Decommission", new Dictionary<string, string>(), pageUrl: url);
        response.AssertRedirectsTo(url);
        var stored = await Factory.WithDbAsync(db => db.InformationSystems.Include(s => s.Components).SingleAsync());
        Assert.Equal(LifecycleStatus.Decommissioned, stored.Lifecycle);
        Assert.Equal(2, stored.Components.Count);
        Assert.Contains("Đã ngừng sử dụng", (await client.GetDocumentAsync(url)).Body!.TextContent, StringComparison.Ordinal);
    }
}
