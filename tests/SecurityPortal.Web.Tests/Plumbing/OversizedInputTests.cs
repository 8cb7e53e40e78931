using System.Net;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Tests.Plumbing;

public sealed class OversizedInputTests : PortalTestBase
{
    [Fact]
    public async Task A_10_MB_field_gets_a_clear_Vietnamese_answer_not_a_500()
    {
        var agency = await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        await Factory.CreateUserAsync("yte@sl.vn", PortalRoles.AgencyOfficer, agency.Id);
        var client = await SignInAsync("yte@sl.vn");
        var response = await client.PostFormAsync("/Systems/Create", new Dictionary<string, string>
        {
            ["Input.Code"] = "SYT-X", ["Input.Name"] = new string('x', 10 * 1024 * 1024),
        });
        Assert.NotEqual(HttpStatusCode.InternalServerError, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(body.Contains("quá lớn", StringComparison.Ordinal), $"{(int)response.StatusCode}: {body[..Math.Min(3000, body.Length)]}");
    }
}
