using System.Net;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Tests.Account;

public sealed class TwoFactorTests : PortalTestBase
{
    [Fact]
    public async Task An_administrator_without_an_authenticator_must_enrol_before_anything_else()
    {
        await Factory.CreateUserAsync("qt@tinh.vn", PortalRoles.Administrator);
        var client = await SignInAsync("qt@tinh.vn");

        var response = await client.GetAsync("/Admin/Users");
        response.AssertRedirectsTo("/Account/Manage/EnableAuthenticator");

        var page = await client.GetDocumentAsync("/Account/Manage/EnableAuthenticator");
        var key = page.QuerySelector("#shared-key")!.TextContent.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        var wrong = await client.PostFormAsync("/Account/Manage/EnableAuthenticator", new() { ["Input.Code"] = "000000" });
        Assert.Contains("Mã xác thực không đúng", (await wrong.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);

        var enabled = await client.PostFormAsync("/Account/Manage/EnableAuthenticator", new() { ["Input.Code"] = Totp.CurrentCode(key) });
        Assert.Equal(HttpStatusCode.Redirect, enabled.StatusCode);
        var codes = await client.GetDocumentAsync("/Account/Manage/TwoFactor");
        Assert.Equal(10, codes.QuerySelectorAll(".totp-key li").Length);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Admin/Users")).StatusCode);
    }

    [Fact]
    public async Task An_enrolled_key_is_never_shown_again_and_changing_phones_issues_a_new_key()
    {
        await Factory.CreateUserAsync("doi@tinh.vn", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
        var client = await SignInAsync("doi@tinh.vn", Totp.Key);

        var reopen = await client.GetAsync("/Account/Manage/EnableAuthenticator");
        reopen.AssertRedirectsTo("/Account/Manage/TwoFactor");
        Assert.DoesNotContain(Totp.Key.ToLowerInvariant()[..4], await reopen.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var reset = await client.PostFormAsync("/Account/Manage/TwoFactor?handler=ResetAuthenticator", new Dictionary<string, string>(), pageUrl: "/Account/Manage/TwoFactor");
        reset.AssertRedirectsTo("/Account/Manage/EnableAuthenticator");
        var page = await client.GetDocumentAsync("/Account/Manage/EnableAuthenticator");
        var newKey = page.QuerySelector("#shared-key")!.TextContent.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        Assert.NotEqual(Totp.Key, newKey);
        Assert.False(await Factory.WithDbAsync(db => db.Users.Where(u => u.Email == "doi@tinh.vn").Select(u => u.TwoFactorEnabled).SingleAsync()));
    }

    [Fact]
    public async Task An_authenticator_code_is_accepted_once_and_never_replayed()
    {
        await Factory.CreateUserAsync("td@tinh.vn", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
        var code = Totp.CurrentCode(Totp.Key);

        var first = Anonymous();
        await first.PostFormAsync("/Account/Login", new() { ["Input.Email"] = "td@tinh.vn", ["Input.Password"] = PortalFactory.Password });
        var ok = await first.PostFormAsync("/Account/LoginWith2fa", new() { ["Input.Code"] = code });
        ok.AssertRedirectsTo("/");

        var second = Anonymous();
        await second.PostFormAsync("/Account/Login", new() { ["Input.Email"] = "td@tinh.vn", ["Input.Password"] = PortalFactory.Password });
        var replay = await second.PostFormAsync("/Account/LoginWith2fa", new() { ["Input.Code"] = code });
        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Contains("đã được dùng", (await replay.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_code_from_two_steps_ago_is_refused()
    {
        await Factory.CreateUserAsync("cu@tinh.vn", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
        var client = Anonymous();
        await client.PostFormAsync("/Account/Login", new() { ["Input.Email"] = "cu@tinh.vn", ["Input.Password"] = PortalFactory.Password });
        var old = await client.PostFormAsync("/Account/LoginWith2fa", new() { ["Input.Code"] = Totp.CurrentCode(Totp.Key, stepOffset: -3) });
        Assert.Equal(HttpStatusCode.OK, old.StatusCode);
        var fresh = await client.PostFormAsync("/Account/LoginWith2fa", new() { ["Input.Code"] = Totp.CurrentCode(Totp.Key) });
        fresh.AssertRedirectsTo("/");
    }
}
