using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Tests.Systems;

/// <summary>With more agencies than a drop-down can sensibly hold, the lists filter by typed agency name or code instead.</summary>
public sealed class AgencyFilterTests : PortalTestBase
{
    [Fact]
    public async Task A_province_of_many_agencies_filters_lists_by_typed_name_without_diacritics()
    {
        var health = await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        await Factory.WithDbAsync(db =>
        {
            db.Agencies.AddRange(Enumerable.Range(1, 120).Select(i => new Agency($"SL-X{i:D3}", $"Ủy ban nhân dân xã số {i}", AgencyKind.CommuneCommittee)));
            return db.SaveChangesAsync();
        });
        var ward = await Factory.WithDbAsync(db => Task.FromResult(db.Agencies.Single(a => a.Code == "SL-X007")));
        await Factory.CreateSystemAsync("YT-WEB", "Cổng thông tin y tế", health.Id);
        await Factory.CreateSystemAsync("X7-WEB", "Trang tin xã", ward.Id);
        await Factory.CreateUserAsync("td@sl.vn", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
        var reviewer = await SignInAsync("td@sl.vn", Totp.Key);

        var all = await reviewer.GetDocumentAsync("/Systems");
        Assert.Null(all.QuerySelector("select#agency"));
        Assert.NotNull(all.QuerySelector("input#agencyq"));

        var typed = await reviewer.GetDocumentAsync("/Systems?agencyq=so%20y%20te");
        Assert.Equal(["Cổng thông tin y tế"], typed.QuerySelectorAll("table tbody tr td:nth-child(2)").Select(c => c.TextContent.Trim()));
        Assert.Equal("so y te", typed.QuerySelector("input#agencyq")!.GetAttribute("value"));

        var byCode = await reviewer.GetDocumentAsync("/Dossiers?scope=all&agencyq=SL-X007");
        Assert.NotNull(byCode.QuerySelector("input#agencyq"));
    }
}
