using System.Net;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Tests.Account;

/// <summary>
/// ASVS 5.0 V6.3.3 (issue 20): with two-factor required of every role — the Production default, set here explicitly because
/// test hosts run as «Testing» — an agency officer without an authenticator reaches nothing but enrolment, and cannot turn
/// two-factor off once enrolled.
/// </summary>
public sealed class TwoFactorEveryRoleTests : PortalTestBase
{
    protected override PortalFactory Configure(PortalFactory factory) => factory.With("Security:TwoFactorForEveryRole", "true");

    [Fact]
    public async Task An_officer_without_an_authenticator_must_enrol_before_anything_else_and_cannot_turn_it_off()
    {
        var agency = await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        await Factory.CreateUserAsync("syt@tinh.vn", PortalRoles.AgencyOfficer, agency.Id);
        var client = await SignInAsync("syt@tinh.vn");
        foreach (var path in new[] { "/", "/Systems", "/Incidents/Create" })
        {
            (await client.GetAsync(path)).AssertRedirectsTo("/Account/Manage/EnableAuthenticator");
        }

        var page = await client.GetDocumentAsync("/Account/Manage/EnableAuthenticator");
        Assert.Contains("bắt buộc xác thực hai yếu tố", page.Body!.TextContent, StringComparison.Ordinal);
        var key = page.QuerySelector("#shared-key")!.TextContent.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        Assert.Equal(HttpStatusCode.OK, (await client.PostFormAsync("/Account/Manage/EnableAuthenticator", new() { ["Input.Code"] = Totp.CurrentCode(key) })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Systems")).StatusCode);

        var twoFactor = await client.GetDocumentAsync("/Account/Manage/TwoFactor");
        Assert.DoesNotContain(twoFactor.QuerySelectorAll("button"), b => b.GetAttribute("formaction")?.Contains("handler=Disable", StringComparison.Ordinal) == true);
        (await client.PostFormAsync("/Account/Manage/TwoFactor?handler=Disable", new() { ["currentPassword"] = PortalFactory.Password }, pageUrl: "/Account/Manage/TwoFactor"))
            .AssertRedirectsTo("/Account/Manage/TwoFactor");
        Assert.Contains("bắt buộc xác thực hai yếu tố", (await client.GetDocumentAsync("/Account/Manage/TwoFactor")).Body!.TextContent, StringComparison.Ordinal);
    }
}
