using SecurityPortal.Domain.Common;

namespace SecurityPortal.Tests.Account;

/// <summary>
/// ASVS 5.0 V6.2.7: password managers and pasting work on every password field — each says what it holds
/// (<c>autocomplete</c> current-password or new-password, never off), none carries a handler, and no script of the portal
/// listens for paste, copy or drop (the strict CSP forbids inline handlers; this checks the portal's own scripts).
/// </summary>
public sealed class PasswordFieldTests : PortalTestBase
{
    [Fact]
    public async Task Every_password_field_names_its_autocomplete_purpose_and_nothing_blocks_pasting()
    {
        var agency = await Factory.CreateAgencyAsync("SL-SXD", "Sở Xây dựng");
        await Factory.CreateUserAsync("sxd@tinh.vn", PortalRoles.AgencyOfficer, agency.Id, authenticatorKey: Totp.Key);
        var pages = new List<(string Url, AngleSharp.Html.Dom.IHtmlDocument Page)> { ("/Account/Login", await Anonymous().GetDocumentAsync("/Account/Login")) };
        var client = await SignInAsync("sxd@tinh.vn", Totp.Key);
        foreach (var url in new[] { "/Account/Manage", "/Account/Manage/TwoFactor" })
        {
            pages.Add((url, await client.GetDocumentAsync(url)));
        }

        var fields = pages.SelectMany(p => p.Page.QuerySelectorAll("input[type=password]").Select(i => (p.Url, Input: i))).ToList();
        Assert.Equal(6, fields.Count);
        Assert.All(fields, f =>
        {
            Assert.True(f.Input.GetAttribute("autocomplete") is "current-password" or "new-password", $"{f.Url}: {f.Input.OuterHtml}");
            Assert.DoesNotContain(f.Input.Attributes, a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase));
            Assert.Null(f.Input.GetAttribute("readonly"));
        });
        Assert.Contains(fields, f => f.Url == "/Account/Manage" && f.Input.GetAttribute("autocomplete") == "new-password");
        Assert.Equal("username", pages[0].Page.QuerySelector("input[name='Input.Email']")!.GetAttribute("autocomplete"));

        var scripts = Directory.GetFiles(Path.Combine(Plumbing.AsvsMatrixTests.RepositoryRoot(), "src", "SecurityPortal.Web", "wwwroot", "js"), "*.js");
        Assert.NotEmpty(scripts);
        Assert.All(scripts, path => Assert.DoesNotMatch(@"['""](paste|copy|cut|drop)['""]|on(paste|copy|cut|drop)\b", File.ReadAllText(path)));
    }
}
