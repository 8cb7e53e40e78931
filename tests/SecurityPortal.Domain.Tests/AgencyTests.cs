using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Domain.Tests;

public sealed class AgencyTests
{
    [Fact]
    public void A_new_agency_normalises_its_code_and_is_searchable_without_diacritics()
    {
        var agency = new Agency(" sl-syt ", "Sở Y tế", AgencyKind.Department) { ShortName = "SYT" };
        agency.Rename("Sở Y tế tỉnh Sông Lam");
        Assert.Equal("SL-SYT", agency.Code);
        Assert.Contains("so y te tinh song lam", agency.SearchName, StringComparison.Ordinal);
        Assert.True(agency.IsActive);
    }

    [Theory]
    [InlineData("", "Sở Y tế", "Mã định danh của cơ quan không được để trống.")]
    [InlineData("SL-SYT", "  ", "Tên cơ quan không được để trống.")]
    public void Required_fields_are_enforced_with_Vietnamese_messages(string code, string name, string message)
    {
        var error = Assert.Throws<DomainException>(() => new Agency(code, name, AgencyKind.Department));
        Assert.Equal(message, error.Message);
    }

    [Fact]
    public void Every_kind_and_role_has_a_Vietnamese_name()
    {
        Assert.All(Enum.GetValues<AgencyKind>(), k => Assert.False(string.IsNullOrWhiteSpace(k.Vietnamese())));
        Assert.Equal(Enum.GetValues<AgencyKind>().Length, Enum.GetValues<AgencyKind>().Select(k => k.Vietnamese()).Distinct().Count());
        Assert.All(PortalRoles.All, r => Assert.NotEqual(r, PortalRoles.DisplayName(r)));
    }
}
