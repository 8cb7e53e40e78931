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
        // Opening the page stores nothing, and opening it again shows the same key (one already scanned stays good).
        var reopened = await client.GetDocumentAsync("/Account/Manage/EnableAuthenticator");
        Assert.Equal(key, reopened.QuerySelector("#shared-key")!.TextContent.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant());
        Assert.Equal(32, key.Length);
        Assert.False(await Factory.WithDbAsync(db => db.UserTokens.AnyAsync(t => t.Name == "AuthenticatorKey" && db.Users.Any(u => u.Id == t.UserId && u.Email == "qt@tinh.vn"))));
        var wrong = await client.PostFormAsync("/Account/Manage/EnableAuthenticator", new() { ["Input.Code"] = "000000" });
        Assert.Contains("Mã xác thực không đúng", (await wrong.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);

        // The recovery codes are in the answer to the confirming form only: never in the TempData cookie (ASVS 5.0 V14.3.3), never again.
        var enabled = await client.PostFormAsync("/Account/Manage/EnableAuthenticator", new() { ["Input.Code"] = Totp.CurrentCode(key) });
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        enabled.AssertCarriesNoTempData();
        var codes = await enabled.ParseAsync();
        Assert.Equal(10, codes.QuerySelectorAll("#new-recovery-codes li").Length);
        Assert.Null(codes.QuerySelector("#shared-key"));
        Assert.Empty((await client.GetDocumentAsync("/Account/Manage/TwoFactor")).QuerySelectorAll("#new-recovery-codes li"));
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

        // A session left open is not enough to change the second factor: without the password, or with a wrong one, nothing changes (ASVS 5.0 V7.5.1).
        foreach (var wrong in new[] { string.Empty, "sai-mat-khau-roi-nhe" })
        {
            var refused = await client.PostFormAsync("/Account/Manage/TwoFactor?handler=ResetAuthenticator", new() { ["currentPassword"] = wrong }, pageUrl: "/Account/Manage/TwoFactor");
            refused.AssertRedirectsTo("/Account/Manage/TwoFactor");
            Assert.Contains("Mật khẩu không đúng", await (await client.GetAsync("/Account/Manage/TwoFactor")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.True(await Factory.WithDbAsync(db => db.Users.Where(u => u.Email == "doi@tinh.vn").Select(u => u.TwoFactorEnabled).SingleAsync()));
        }

        var reset = await client.PostFormAsync("/Account/Manage/TwoFactor?handler=ResetAuthenticator", new() { ["currentPassword"] = PortalFactory.Password }, pageUrl: "/Account/Manage/TwoFactor");
        reset.AssertRedirectsTo("/Account/Manage/EnableAuthenticator");
        var page = await client.GetDocumentAsync("/Account/Manage/EnableAuthenticator");
        var newKey = page.QuerySelector("#shared-key")!.TextContent.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        Assert.NotEqual(Totp.Key, newKey);
        Assert.False(await Factory.WithDbAsync(db => db.Users.Where(u => u.Email == "doi@tinh.vn").Select(u => u.TwoFactorEnabled).SingleAsync()));
    }

    [Fact]
    public async Task An_officer_renews_the_recovery_codes_and_turns_two_factor_off_and_the_trail_names_the_officer_without_the_codes()
    {
        var agency = await Factory.CreateAgencyAsync("SL-SNV", "Sở Nội vụ");
        var officer = await Factory.CreateUserAsync("snv@tinh.vn", PortalRoles.AgencyOfficer, agency.Id, authenticatorKey: Totp.Key);
        var client = await SignInAsync("snv@tinh.vn", Totp.Key);

        var fresh = await client.PostFormAsync("/Account/Manage/TwoFactor?handler=RecoveryCodes", new() { ["currentPassword"] = PortalFactory.Password }, pageUrl: "/Account/Manage/TwoFactor");
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
        fresh.AssertCarriesNoTempData();
        Assert.Equal(10, (await fresh.ParseAsync()).QuerySelectorAll("#new-recovery-codes li").Length);
        Assert.Empty((await client.GetDocumentAsync("/Account/Manage/TwoFactor")).QuerySelectorAll("#new-recovery-codes li"));
        var renewed = await Factory.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityType.StartsWith("IdentityUserToken") && e.EntityKey.Contains("RecoveryCodes")).ToListAsync());
        var entry = Assert.Single(renewed);
        Assert.Equal(officer.Id, entry.UserId);
        var stored = await Factory.WithDbAsync(db => db.UserTokens.Where(t => t.UserId == officer.Id && t.Name == "RecoveryCodes").Select(t => t.Value).SingleAsync());
        Assert.False(string.IsNullOrEmpty(stored));
        Assert.DoesNotContain(stored!.Split(';')[0], entry.Changes, StringComparison.Ordinal);

        (await client.PostFormAsync("/Account/Manage/TwoFactor?handler=Disable", new() { ["currentPassword"] = PortalFactory.Password }, pageUrl: "/Account/Manage/TwoFactor"))
            .AssertRedirectsTo("/Account/Manage/TwoFactor");
        Assert.False(await Factory.WithDbAsync(db => db.Users.Where(u => u.Id == officer.Id).Select(u => u.TwoFactorEnabled).SingleAsync()));
        Assert.True(await Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.EntityType == "PortalUser" && e.EntityKey == officer.Id && e.UserId == officer.Id && e.Changes.Contains("TwoFactorEnabled"))));
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
    public async Task Recovery_codes_are_stored_hashed_the_key_encrypted_and_a_code_works_once()
    {
        await Factory.CreateUserAsync("hash@tinh.vn", PortalRoles.Administrator);
        var client = await SignInAsync("hash@tinh.vn");
        var page = await client.GetDocumentAsync("/Account/Manage/EnableAuthenticator");
        var key = page.QuerySelector("#shared-key")!.TextContent.Replace(" ", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        var enabled = await client.PostFormAsync("/Account/Manage/EnableAuthenticator", new() { ["Input.Code"] = Totp.CurrentCode(key) });
        var codes = (await enabled.ParseAsync()).QuerySelectorAll("#new-recovery-codes li").Select(li => li.TextContent.Trim()).ToList();
        Assert.Equal(10, codes.Count);

        // At rest: neither the key nor any code can be read from the database.
        var tokens = await Factory.WithDbAsync(db => (from t in db.UserTokens
                                                      join u in db.Users on t.UserId equals u.Id
                                                      where u.Email == "hash@tinh.vn"
                                                      select new { t.Name, t.Value }).ToDictionaryAsync(t => t.Name, t => t.Value!));
        Assert.StartsWith(SecurityPortal.Web.Infrastructure.Identity.PortalUserStore.ProtectedKeyPrefix, tokens["AuthenticatorKey"], StringComparison.Ordinal);
        Assert.DoesNotContain(key, tokens["AuthenticatorKey"].ToUpperInvariant(), StringComparison.Ordinal);
        Assert.StartsWith(SecurityPortal.Web.Infrastructure.Identity.PortalUserStore.HashedCodesPrefix, tokens["RecoveryCodes"], StringComparison.Ordinal);
        Assert.All(codes, c => Assert.DoesNotContain(c, tokens["RecoveryCodes"], StringComparison.Ordinal));

        // A recovery code signs in once; the same code a second time is refused.
        async Task<HttpResponseMessage> RecoverAsync(string code)
        {
            var fresh = Anonymous();
            (await fresh.PostFormAsync("/Account/Login", new() { ["Input.Email"] = "hash@tinh.vn", ["Input.Password"] = PortalFactory.Password }))
                .AssertRedirectsTo("/Account/LoginWith2fa");
            return await fresh.PostFormAsync("/Account/LoginWithRecoveryCode", new() { ["Input.RecoveryCode"] = code });
        }

        (await RecoverAsync(codes[3])).AssertRedirectsTo("/");
        var again = await RecoverAsync(codes[3]);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(9, await Factory.WithDbAsync(async db =>
        {
            var value = await (from t in db.UserTokens join u in db.Users on t.UserId equals u.Id
                               where u.Email == "hash@tinh.vn" && t.Name == "RecoveryCodes" select t.Value).SingleAsync();
            return value!.Split(';').Length;
        }));
        (await RecoverAsync(codes[7])).AssertRedirectsTo("/");
    }
}
