using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Domain.Tests;

public sealed class AgencyTreeTests
{
    private const string CycleMessage = "Không thể đặt cơ quan làm cấp dưới của chính nó hoặc của một đơn vị trực thuộc nó.";

    private readonly Agency _province = new("SL-UBND", "Ủy ban nhân dân tỉnh Sông Lam", AgencyKind.ProvincialCommittee);
    private readonly Agency _department;
    private readonly Agency _unit;
    private readonly Agency _school;
    private readonly Agency _otherDepartment;

    public AgencyTreeTests()
    {
        _department = new Agency("SL-SGD", "Sở Giáo dục và Đào tạo", AgencyKind.Department, _province.Id);
        _unit = new Agency("SL-TTGD", "Trung tâm Giáo dục thường xuyên", AgencyKind.PublicServiceUnit, _department.Id);
        _school = new Agency("SL-THPT1", "Trường THPT số 1", AgencyKind.School, _unit.Id);
        _otherDepartment = new Agency("SL-SYT", "Sở Y tế", AgencyKind.Department, _province.Id);
    }

    private Dictionary<Guid, Guid?> Tree() => new[] { _province, _department, _unit, _school, _otherDepartment }
        .ToDictionary(a => a.Id, a => a.ParentId);

    [Fact]
    public void An_agency_cannot_move_under_its_own_child()
    {
        var error = Assert.Throws<DomainException>(() => _department.MoveTo(_unit.Id, Tree()));
        Assert.Equal(CycleMessage, error.Message);
        Assert.Equal(_province.Id, _department.ParentId);
    }

    [Fact]
    public void An_agency_cannot_move_under_its_grandchild()
    {
        var error = Assert.Throws<DomainException>(() => _department.MoveTo(_school.Id, Tree()));
        Assert.Equal(CycleMessage, error.Message);
        Assert.Equal(_province.Id, _department.ParentId);
    }

    [Fact]
    public void An_agency_cannot_move_under_itself()
    {
        var error = Assert.Throws<DomainException>(() => _department.MoveTo(_department.Id, Tree()));
        Assert.Equal(CycleMessage, error.Message);
        Assert.Equal(_province.Id, _department.ParentId);
    }

    [Fact]
    public void The_root_cannot_move_under_any_agency_below_it()
    {
        var error = Assert.Throws<DomainException>(() => _province.MoveTo(_school.Id, Tree()));
        Assert.Equal(CycleMessage, error.Message);
        Assert.Null(_province.ParentId);
    }

    [Fact]
    public void An_agency_can_move_under_an_unrelated_agency()
    {
        _unit.MoveTo(_otherDepartment.Id, Tree());
        Assert.Equal(_otherDepartment.Id, _unit.ParentId);
    }

    [Fact]
    public void A_child_can_move_up_under_its_grandparent()
    {
        _school.MoveTo(_department.Id, Tree());
        Assert.Equal(_department.Id, _school.ParentId);
    }

    [Fact]
    public void An_agency_can_move_to_the_root()
    {
        _unit.MoveTo(null, Tree());
        Assert.Null(_unit.ParentId);
    }

    [Fact]
    public void A_parent_missing_from_the_tree_is_treated_as_a_root()
    {
        var newParent = Guid.NewGuid();
        _unit.MoveTo(newParent, Tree());
        Assert.Equal(newParent, _unit.ParentId);
    }

    [Fact]
    public async Task A_cycle_already_in_another_part_of_the_tree_does_not_loop_forever()
    {
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        var third = Guid.NewGuid();
        var tree = Tree();
        tree[first] = second;
        tree[second] = third;
        tree[third] = second;

        var move = Task.Run(() => _unit.MoveTo(first, tree));
        var finished = await Task.WhenAny(move, Task.Delay(TimeSpan.FromSeconds(10)));

        Assert.Same(move, finished);
        await move;
        Assert.Equal(first, _unit.ParentId);
    }

    [Fact]
    public void EnsureNoCycle_accepts_an_empty_tree()
    {
        var agencyId = Guid.NewGuid();
        var parentId = Guid.NewGuid();
        var empty = new Dictionary<Guid, Guid?>();

        AgencyTree.EnsureNoCycle(agencyId, parentId, empty);
        AgencyTree.EnsureNoCycle(agencyId, null, empty);
        Assert.Throws<DomainException>(() => AgencyTree.EnsureNoCycle(agencyId, agencyId, empty));
    }
}

public sealed class SystemEndpointTests
{
    private const string Prefix = "https://songlam.gov.vn/";

    [Theory]
    [InlineData("https://songlam.gov.vn", "https://songlam.gov.vn")]
    [InlineData("http://songlam.gov.vn/", "http://songlam.gov.vn/")]
    [InlineData("  https://dichvucong.songlam.gov.vn/portal?lang=vi#top  ", "https://dichvucong.songlam.gov.vn/portal?lang=vi#top")]
    [InlineData("http://10.0.0.5:8080/app", "http://10.0.0.5:8080/app")]
    [InlineData("http://localhost", "http://localhost")]
    [InlineData("HTTPS://SongLam.gov.vn/Portal", "HTTPS://SongLam.gov.vn/Portal")]
    public void Absolute_http_and_https_urls_are_accepted_as_written_but_trimmed(string url, string expected)
    {
        Assert.True(SystemEndpoint.IsValidUrl(url));
        Assert.Equal(expected, SystemEndpoint.NormalizeUrl(url));
    }

    [Theory]
    [InlineData("ftp://x", "http")]
    [InlineData("songlam.gov.vn", "http")]
    [InlineData("javascript:alert(1)", "http")]
    [InlineData("https://user:pass@host/", "http")]
    [InlineData("file:///etc/passwd", "http")]
    [InlineData("/portal", "http")]
    [InlineData("", "URL")]
    [InlineData("   ", "URL")]
    [InlineData(null, "URL")]
    public void Other_addresses_are_rejected_with_a_Vietnamese_message(string? url, string hint)
    {
        Assert.False(SystemEndpoint.IsValidUrl(url));
        var error = Assert.Throws<DomainException>(() => SystemEndpoint.NormalizeUrl(url));
        Assert.Contains(hint, error.Message, StringComparison.Ordinal);
        Assert.Contains("không", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_url_longer_than_500_characters_is_rejected()
    {
        var url = Prefix + new string('a', SystemEndpoint.UrlMaxLength + 1 - Prefix.Length);
        Assert.Equal(501, url.Length);

        var error = Assert.Throws<DomainException>(() => SystemEndpoint.NormalizeUrl(url));
        Assert.Contains("URL", error.Message, StringComparison.Ordinal);
        Assert.Contains("500", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_url_of_exactly_500_characters_is_accepted()
    {
        var url = Prefix + new string('a', SystemEndpoint.UrlMaxLength - Prefix.Length);
        Assert.Equal(url, SystemEndpoint.NormalizeUrl(url));
    }
}

public sealed class InformationSystemTests
{
    private static readonly Guid Owner = Guid.NewGuid();
    private static readonly Guid Operator = Guid.NewGuid();

    private static InformationSystem NewSystem() => new("SL-CTTDT", "Cổng thông tin điện tử", Owner, Operator);

    [Fact]
    public void The_constructor_trims_the_name_and_trims_and_upper_cases_the_code()
    {
        var system = new InformationSystem("  sl-cttdt ", "  Cổng thông tin điện tử tỉnh Sông Lam ", Owner, Operator);

        Assert.Equal("SL-CTTDT", system.Code);
        Assert.Equal("Cổng thông tin điện tử tỉnh Sông Lam", system.Name);
        Assert.Null(system.Description);
        Assert.Equal(Owner, system.OwnerAgencyId);
        Assert.Equal(Operator, system.OperatorAgencyId);
        Assert.Equal(LifecycleStatus.Operating, system.Lifecycle);
        Assert.Empty(system.Endpoints);
        Assert.Empty(system.Components);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_name_is_rejected(string name)
    {
        var error = Assert.Throws<DomainException>(() => new InformationSystem("SL-CTTDT", name, Owner, Operator));
        Assert.Equal("Tên hệ thống không được để trống.", error.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_code_is_rejected(string code)
    {
        var error = Assert.Throws<DomainException>(() => new InformationSystem(code, "Cổng thông tin điện tử", Owner, Operator));
        Assert.Equal("Mã hệ thống không được để trống.", error.Message);
    }

    [Fact]
    public void Search_text_folds_diacritics_of_the_name_and_code()
    {
        var system = NewSystem();

        Assert.Contains("cong thong tin dien tu", system.SearchText, StringComparison.Ordinal);
        Assert.Contains("sl-cttdt", system.SearchText, StringComparison.Ordinal);
    }

    [Fact]
    public void SetIdentity_replaces_the_identity_and_adds_the_description_to_the_search_text()
    {
        var system = NewSystem();

        system.SetIdentity(" sl-dvc ", " Cổng Dịch vụ công ", "  Đăng ký thủ tục hành chính trực tuyến ");

        Assert.Equal("SL-DVC", system.Code);
        Assert.Equal("Cổng Dịch vụ công", system.Name);
        Assert.Equal("Đăng ký thủ tục hành chính trực tuyến", system.Description);
        Assert.Contains("cong dich vu cong", system.SearchText, StringComparison.Ordinal);
        Assert.Contains("dang ky thu tuc hanh chinh truc tuyen", system.SearchText, StringComparison.Ordinal);
        Assert.DoesNotContain("thong tin dien tu", system.SearchText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_whitespace_description_is_stored_as_null()
    {
        var system = NewSystem();
        system.SetIdentity("SL-CTTDT", "Cổng thông tin điện tử", "   ");
        Assert.Null(system.Description);
    }

    [Fact]
    public void An_endpoint_belongs_to_the_system_and_keeps_the_trimmed_url()
    {
        var system = NewSystem();

        var endpoint = system.AddEndpoint("  https://songlam.gov.vn/portal ", isPublic: true);

        Assert.Equal("https://songlam.gov.vn/portal", endpoint.Url);
        Assert.True(endpoint.IsPublic);
        Assert.Equal(system.Id, endpoint.SystemId);
        Assert.Same(endpoint, Assert.Single(system.Endpoints));
    }

    [Theory]
    [InlineData("https://songlam.gov.vn/portal")]
    [InlineData("HTTPS://SONGLAM.GOV.VN/PORTAL")]
    [InlineData("  https://SongLam.gov.vn/Portal  ")]
    public void The_same_url_cannot_be_added_twice_even_in_a_different_case(string duplicate)
    {
        var system = NewSystem();
        system.AddEndpoint("https://songlam.gov.vn/portal", isPublic: true);

        var error = Assert.Throws<DomainException>(() => system.AddEndpoint(duplicate, isPublic: false));

        Assert.Contains("đã có trong hệ thống này", error.Message, StringComparison.Ordinal);
        Assert.Single(system.Endpoints);
    }

    [Fact]
    public void Different_urls_can_be_added_and_removed()
    {
        var system = NewSystem();
        var portal = system.AddEndpoint("https://songlam.gov.vn/portal", isPublic: true);
        var admin = system.AddEndpoint("http://10.0.0.5/admin", isPublic: false);

        Assert.Equal(2, system.Endpoints.Count);

        system.RemoveEndpoint(portal.Id);

        Assert.Same(admin, Assert.Single(system.Endpoints));
    }

    [Fact]
    public void An_invalid_endpoint_is_not_added()
    {
        var system = NewSystem();
        Assert.Throws<DomainException>(() => system.AddEndpoint("songlam.gov.vn", isPublic: true));
        Assert.Empty(system.Endpoints);
    }

    [Fact]
    public void Decommission_sets_the_lifecycle_and_cannot_be_repeated()
    {
        var system = NewSystem();

        system.Decommission();
        Assert.Equal(LifecycleStatus.Decommissioned, system.Lifecycle);

        var error = Assert.Throws<DomainException>(system.Decommission);
        Assert.Equal("Hệ thống này đã ngừng sử dụng.", error.Message);
        Assert.Equal(LifecycleStatus.Decommissioned, system.Lifecycle);
    }
}

public sealed class SoftwareComponentTests
{
    private const int MaxDaysSincePatch = 180;
    private static readonly DateOnly Today = new(2026, 11, 24);

    private static InformationSystem NewSystem() => new("SL-CTTDT", "Cổng thông tin điện tử", Guid.NewGuid(), Guid.NewGuid());

    [Theory]
    [InlineData(-1, 0, ComponentAlert.EndOfLife)]
    [InlineData(-1, null, ComponentAlert.EndOfLife)]
    [InlineData(-365, 200, ComponentAlert.EndOfLife)]
    [InlineData(null, null, ComponentAlert.PatchDateUnknown)]
    [InlineData(30, null, ComponentAlert.PatchDateUnknown)]
    [InlineData(null, 200, ComponentAlert.NotPatchedRecently)]
    [InlineData(null, 181, ComponentAlert.NotPatchedRecently)]
    [InlineData(30, 200, ComponentAlert.NotPatchedRecently)]
    [InlineData(null, 10, ComponentAlert.None)]
    [InlineData(null, 180, ComponentAlert.None)]
    [InlineData(null, 0, ComponentAlert.None)]
    [InlineData(0, 10, ComponentAlert.None)]
    public void The_alert_puts_end_of_life_before_patch_age(int? endOfLifeInDays, int? patchedDaysAgo, ComponentAlert expected)
    {
        var component = NewSystem().AddComponent(ComponentKind.Cms, "WordPress", "Automattic", "6.4.3");
        component.EndOfLife = endOfLifeInDays is { } eol ? Today.AddDays(eol) : null;
        component.LastPatched = patchedDaysAgo is { } ago ? Today.AddDays(-ago) : null;

        Assert.Equal(expected, component.Alert(Today, MaxDaysSincePatch));
    }

    [Fact]
    public void Only_flagged_components_are_listed_in_order()
    {
        var system = NewSystem();
        var pastEndOfLife = system.AddComponent(ComponentKind.OperatingSystem, "CentOS", "Red Hat", "7.9");
        pastEndOfLife.EndOfLife = new DateOnly(2024, 6, 30);
        pastEndOfLife.LastPatched = Today;
        var fresh = system.AddComponent(ComponentKind.WebServer, "nginx", null, "1.26.2");
        fresh.LastPatched = Today.AddDays(-10);
        var unknown = system.AddComponent(ComponentKind.Database, "PostgreSQL", null, "16.4");
        var onTheLimit = system.AddComponent(ComponentKind.Framework, "ASP.NET Core", "Microsoft", "10.0");
        onTheLimit.LastPatched = Today.AddDays(-MaxDaysSincePatch);
        var stale = system.AddComponent(ComponentKind.Cms, "WordPress", "Automattic", "5.8.3");
        stale.LastPatched = Today.AddDays(-200);

        var flagged = system.FlaggedComponents(Today, MaxDaysSincePatch).Select(c => c.Id);

        Assert.Equal(new[] { pastEndOfLife.Id, unknown.Id, stale.Id }, flagged);
        Assert.Equal(5, system.Components.Count);
    }

    [Fact]
    public void A_system_without_components_has_nothing_flagged() =>
        Assert.Empty(NewSystem().FlaggedComponents(Today, MaxDaysSincePatch));

    [Fact]
    public void A_component_trims_its_fields_and_normalises_the_product_name()
    {
        var system = NewSystem();

        var component = system.AddComponent(ComponentKind.Cms, "  WordPress ", " Automattic ", " 6.4.3 ");

        Assert.Equal(system.Id, component.SystemId);
        Assert.Equal(ComponentKind.Cms, component.Kind);
        Assert.Equal("WordPress", component.Product);
        Assert.Equal("wordpress", component.NormalizedProduct);
        Assert.Equal("Automattic", component.Vendor);
        Assert.Equal("6.4.3", component.Version);
        Assert.Equal(SoftwareVersion.Parse("6.4.3"), component.ParsedVersion);
        Assert.Same(component, Assert.Single(system.Components));
    }

    [Fact]
    public void A_Vietnamese_product_name_is_folded_for_matching()
    {
        var component = NewSystem().AddComponent(ComponentKind.Other, " Phần mềm Quản lý văn bản ", null, null);
        Assert.Equal("phan mem quan ly van ban", component.NormalizedProduct);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", "")]
    [InlineData("   ", "   ")]
    public void Blank_vendor_and_version_are_stored_as_null(string? vendor, string? version)
    {
        var component = NewSystem().AddComponent(ComponentKind.Library, "jQuery", vendor, version);

        Assert.Null(component.Vendor);
        Assert.Null(component.Version);
        Assert.Null(component.ParsedVersion);
    }

    [Fact]
    public void A_version_that_is_not_a_version_has_no_parsed_version()
    {
        var component = NewSystem().AddComponent(ComponentKind.ApplianceFirmware, "FortiGate", "Fortinet", "bản mới nhất");
        Assert.Equal("bản mới nhất", component.Version);
        Assert.Null(component.ParsedVersion);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void An_empty_product_is_rejected(string product)
    {
        var system = NewSystem();

        var error = Assert.Throws<DomainException>(() => system.AddComponent(ComponentKind.Cms, product, null, "6.4.3"));

        Assert.Equal("Tên sản phẩm phần mềm không được để trống.", error.Message);
        Assert.Empty(system.Components);
    }

    [Fact]
    public void Update_revalidates_and_renormalises_the_product()
    {
        var component = NewSystem().AddComponent(ComponentKind.Cms, "WordPress", null, "6.4.3");

        component.Update(ComponentKind.Framework, " Laravel ", null, "11.0");
        Assert.Equal("laravel", component.NormalizedProduct);
        Assert.Equal(ComponentKind.Framework, component.Kind);

        Assert.Throws<DomainException>(() => component.Update(ComponentKind.Cms, " ", null, null));
        Assert.Equal("Laravel", component.Product);
    }
}
