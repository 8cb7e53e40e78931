using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecurityPortal.Domain.Auditing;
using SecurityPortal.Domain.Common;
using SecurityPortal.Tests.Plumbing;

namespace SecurityPortal.Tests.Account;

/// <summary>
/// Sessions kept on the server (ASVS 5.0 V7.4.1, V7.5.2, V7.1.2, V7.4.5): a signed-out cookie is dead even if it was copied,
/// a user sees and ends their own sessions and no one else's, an account holds at most Security:MaxSessionsPerUser (3 here),
/// and an administrator can end everyone's. Each client owns its cookie jar, so a test can copy a cookie as a thief would.
/// </summary>
public sealed class ServerSessionTests : PortalTestBase
{
    protected override PortalFactory Configure(PortalFactory factory) => factory
        .With("Security:MaxSessionsPerUser", "3")
        .WithServices(s => s.AddTransient<IStartupFilter, TestPeerAddress>());

    /// <summary>A browser at <paramref name="address"/> with its own cookie jar.</summary>
    private HttpClient Browser(CookieContainer jar, string address = "203.0.113.7") =>
        Factory.CreateDefaultClient(new Uri("https://localhost"), new PeerHeader(address), new CookieContainerHandler(jar));

    private async Task<(HttpClient Client, CookieContainer Jar)> SignedInAsync(string email, string address = "203.0.113.7", string? key = null)
    {
        var jar = new CookieContainer();
        var client = Browser(jar, address);
        var response = await client.PostFormAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = PortalFactory.Password });
        if (key is not null)
        {
            response.AssertRedirectsTo("/Account/LoginWith2fa");
            response = await client.PostFormAsync("/Account/LoginWith2fa", new() { ["Input.Code"] = Totp.CurrentCode(key) });
        }

        response.AssertRedirectsTo("/");
        return (client, jar);
    }

    private HttpClient CopyOf(CookieContainer jar)
    {
        var copy = new CookieContainer();
        copy.Add(jar.GetAllCookies());
        return Browser(copy, "198.51.100.9");
    }

    [Fact]
    public async Task A_cookie_copied_before_sign_out_is_refused_after_it_and_the_trail_records_both_with_the_address()
    {
        var agency = await Factory.CreateAgencyAsync("SL-SS1", "Sở Tài chính");
        var officer = await Factory.CreateUserAsync("phien@tinh.vn", PortalRoles.AgencyOfficer, agency.Id);
        var (client, jar) = await SignedInAsync("phien@tinh.vn");
        var thief = CopyOf(jar);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/Systems")).StatusCode); // the copy works while the session is open

        (await client.PostFormAsync("/Account/Logout", new(), pageUrl: "/")).AssertRedirectsTo("/Account/Login");

        (await thief.GetAsync("/Systems")).AssertRedirectsTo("/Account/Login");
        Assert.Equal(0, await Factory.WithDbAsync(db => db.UserSessions.CountAsync(s => s.UserId == officer.Id)));
        var trail = await Factory.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityType == "UserSession").OrderBy(e => e.OccurredAtUtc).ToListAsync());
        Assert.Collection(
            trail,
            signIn =>
            {
                Assert.Equal(AuditAction.Insert, signIn.Action);
                Assert.Equal(officer.Id, signIn.UserId);
                Assert.Equal("203.0.113.7", signIn.ClientAddress);
            },
            signOut =>
            {
                Assert.Equal(AuditAction.Delete, signOut.Action);
                Assert.Equal(officer.Id, signOut.UserId);
                Assert.Equal("203.0.113.7", signOut.ClientAddress);
            });
        // The audit log shows where a change came from.
        var admin = await Factory.CreateUserAsync("qt-phien@tinh.vn", PortalRoles.Administrator, authenticatorKey: Totp.Key);
        var (adminClient, _) = await SignedInAsync(admin.Email!, "192.0.2.44", Totp.Key);
        Assert.Contains("203.0.113.7", (await adminClient.GetDocumentAsync("/Audit")).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_user_lists_and_ends_their_own_sessions_only_and_a_fourth_sign_in_ends_the_idlest()
    {
        var agency = await Factory.CreateAgencyAsync("SL-SS2", "Sở Công Thương");
        var officer = await Factory.CreateUserAsync("nhieu@tinh.vn", PortalRoles.AgencyOfficer, agency.Id);
        var other = await Factory.CreateUserAsync("khac@tinh.vn", PortalRoles.AgencyOfficer, agency.Id);
        var (laptop, _) = await SignedInAsync("nhieu@tinh.vn", "203.0.113.10");
        var (phone, _) = await SignedInAsync("nhieu@tinh.vn", "203.0.113.11");
        var (otherClient, _) = await SignedInAsync("khac@tinh.vn", "203.0.113.12");

        var page = await laptop.GetDocumentAsync("/Account/Manage/Sessions");
        var rows = page.QuerySelectorAll("#sessions tbody tr");
        Assert.Equal(2, rows.Length);
        Assert.Contains(rows, r => r.TextContent.Contains("203.0.113.10", StringComparison.Ordinal) && r.TextContent.Contains("Phiên này", StringComparison.Ordinal));
        Assert.DoesNotContain("203.0.113.12", page.Body!.TextContent, StringComparison.Ordinal);

        // Another account's session id is not this account's to end: nothing happens to it.
        var othersSession = await Factory.WithDbAsync(db => db.UserSessions.Where(s => s.UserId == other.Id).Select(s => s.Id).SingleAsync());
        (await laptop.PostFormAsync($"/Account/Manage/Sessions?handler=End&id={othersSession}", new(), pageUrl: "/Account/Manage/Sessions"))
            .AssertRedirectsTo("/Account/Manage/Sessions");
        Assert.Equal(HttpStatusCode.OK, (await otherClient.GetAsync("/Systems")).StatusCode);

        // The phone is lost: the laptop ends its session.
        var phoneSession = await Factory.WithDbAsync(db => db.UserSessions.Where(s => s.UserId == officer.Id && s.ClientAddress == "203.0.113.11").Select(s => s.Id).SingleAsync());
        (await laptop.PostFormAsync($"/Account/Manage/Sessions?handler=End&id={phoneSession}", new(), pageUrl: "/Account/Manage/Sessions"))
            .AssertRedirectsTo("/Account/Manage/Sessions");
        (await phone.GetAsync("/Systems")).AssertRedirectsTo("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/Systems")).StatusCode);

        // At most three at once: the fourth sign-in ends the session idle the longest (the laptop's, set ten minutes back).
        var (second, _) = await SignedInAsync("nhieu@tinh.vn", "203.0.113.20");
        var (third, _) = await SignedInAsync("nhieu@tinh.vn", "203.0.113.21");
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/Systems")).StatusCode);
        await Factory.WithDbAsync(db => db.UserSessions.Where(s => s.UserId == officer.Id && s.ClientAddress == "203.0.113.10")
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAtUtc, s => s.LastSeenAtUtc.AddMinutes(-10))));
        var (fourth, _) = await SignedInAsync("nhieu@tinh.vn", "203.0.113.22");
        (await laptop.GetAsync("/Systems")).AssertRedirectsTo("/Account/Login");
        foreach (var client in new[] { second, third, fourth })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Systems")).StatusCode);
        }

        // «End every other session» keeps only the one that asked.
        (await fourth.PostFormAsync("/Account/Manage/Sessions?handler=EndOthers", new(), pageUrl: "/Account/Manage/Sessions")).AssertRedirectsTo("/Account/Manage/Sessions");
        (await second.GetAsync("/Systems")).AssertRedirectsTo("/Account/Login");
        (await third.GetAsync("/Systems")).AssertRedirectsTo("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, (await fourth.GetAsync("/Systems")).StatusCode);
    }

    [Fact]
    public async Task An_administrator_ends_every_session_of_every_account_but_their_own()
    {
        var agency = await Factory.CreateAgencyAsync("SL-SS3", "Sở Y tế");
        await Factory.CreateUserAsync("moinguoi@tinh.vn", PortalRoles.AgencyOfficer, agency.Id);
        await Factory.CreateUserAsync("qt-all@tinh.vn", PortalRoles.Administrator, authenticatorKey: Totp.Key);
        var (officer, _) = await SignedInAsync("moinguoi@tinh.vn");
        var (admin, _) = await SignedInAsync("qt-all@tinh.vn", "192.0.2.1", Totp.Key);

        // Not an administrator's button: an officer's post is refused and ends nothing.
        var refused = await officer.PostFormAsync("/Admin/Users?handler=EndEveryone", new(), pageUrl: "/");
        Assert.NotEqual("/Admin/Users", refused.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Admin/Users")).StatusCode);

        (await admin.PostFormAsync("/Admin/Users?handler=EndEveryone", new(), pageUrl: "/Admin/Users")).AssertRedirectsTo("/Admin/Users");
        (await officer.GetAsync("/Systems")).AssertRedirectsTo("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Admin/Users")).StatusCode);
    }

    /// <summary>Sets the test server's peer address on every request (see <see cref="TestPeerAddress"/>).</summary>
    private sealed class PeerHeader(string address) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.Remove(TestPeerAddress.Header);
            request.Headers.Add(TestPeerAddress.Header, address);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
