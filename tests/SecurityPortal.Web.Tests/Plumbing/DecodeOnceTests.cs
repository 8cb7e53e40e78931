using SecurityPortal.Domain.Common;

namespace SecurityPortal.Tests.Plumbing;

/// <summary>
/// ASVS 5.0 V1.1.1: request data is decoded once, by the framework. A search for «%2541» looks for the text «%41» (one
/// decoding), never for «A» (two); an HTML entity typed into a search is searched as typed.
/// </summary>
public sealed class DecodeOnceTests : PortalTestBase
{
    [Fact]
    public async Task A_double_encoded_search_is_decoded_once()
    {
        var agency = await Factory.CreateAgencyAsync("SL-DEC", "Sở Ngoại vụ");
        await Factory.CreateUserAsync("dec@tinh.vn", PortalRoles.AgencyOfficer, agency.Id);
        await Factory.CreateSystemAsync("NGV-41", "Kho mẫu %41 thử", agency.Id);
        await Factory.CreateSystemAsync("NGV-A", "Kho mẫu A thử", agency.Id);
        await Factory.CreateSystemAsync("NGV-LT", "Kho mẫu &lt;b&gt; thử", agency.Id);
        var client = await SignInAsync("dec@tinh.vn");

        var once = (await client.GetDocumentAsync("/Systems?q=%2541")).Body!.TextContent;
        Assert.Contains("Kho mẫu %41 thử", once, StringComparison.Ordinal);
        Assert.DoesNotContain("Kho mẫu A thử", once, StringComparison.Ordinal);

        var entity = (await client.GetDocumentAsync("/Systems?q=%26lt%3Bb%26gt%3B")).Body!.TextContent;
        Assert.Contains("Kho mẫu &lt;b&gt; thử", entity, StringComparison.Ordinal);
        Assert.DoesNotContain("Kho mẫu A thử", entity, StringComparison.Ordinal);
    }
}
