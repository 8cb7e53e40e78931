using SecurityPortal.Domain.Common;

namespace SecurityPortal.Tests.Plumbing;

/// <summary>
/// Every cookie the portal sets is HttpOnly, Secure, SameSite and, for the session and antiforgery cookies, carries the
/// __Host- prefix (ASVS 5.0 V3.3.1, V3.3.2, V3.3.4). (The wapiti scan runs over plain http on loopback and cannot see
/// this; its cookie-flag reports are allow-listed with this test as the reason.)
/// </summary>
public sealed class CookieFlagsTests : PortalTestBase
{
    [Fact]
    public async Task Session_antiforgery_and_language_cookies_are_httponly_secure_and_samesite()
    {
        var agency = await Factory.CreateAgencyAsync("SL-COOKIE", "Sở Ngoại vụ");
        await Factory.CreateUserAsync("cookie@tinh.vn", PortalRoles.AgencyOfficer, agency.Id);
        var client = Anonymous();
        var login = await client.GetAsync("/Account/Login");
        var signedIn = await client.PostFormAsync("/Account/Login", new() { ["Input.Email"] = "cookie@tinh.vn", ["Input.Password"] = PortalFactory.Password });
        var culture = await client.PostFormAsync("/Culture", new() { ["culture"] = "en-US", ["returnUrl"] = "/" }, "/Notifications");
        var cookies = new[] { login, signedIn, culture }
            .SelectMany(r => r.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
            .Where(c => !c.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
            .ToList();

        Assert.Contains(cookies, c => c.StartsWith("__Host-SecurityPortal=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith("__Host-SecurityPortal.Antiforgery=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
        Assert.All(cookies, c =>
        {
            var flags = c.ToLowerInvariant();
            Assert.Contains("httponly", flags, StringComparison.Ordinal);
            Assert.Contains("secure", flags, StringComparison.Ordinal);
            Assert.Contains("samesite=", flags, StringComparison.Ordinal);
        });
    }
}
