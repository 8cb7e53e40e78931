using System.Net;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Tests.Plumbing;

/// <summary>
/// The web tests' pooled portals (<see cref="PortalTestBase"/>): a portal that served an earlier test works on the current
/// test's database alone — its pages read and write that database, and nothing an earlier test stored is seen. Each test
/// below stores the same agency and the same account through the real pages; run in either order on one pooled portal, the
/// second would find the first's rows (a duplicate code, an account that exists) if the switch missed any context. The
/// third switches its portal to a second database and back within one test, so it does not depend on which portal it borrowed.
/// </summary>
public sealed class HostPoolTests : PortalTestBase
{
    [Fact]
    public Task First_test_on_a_pooled_portal_sees_only_its_own_database() => StoreTheSameAgencyAsync();

    [Fact]
    public Task Second_test_on_a_pooled_portal_sees_only_its_own_database() => StoreTheSameAgencyAsync();

    [Fact]
    public async Task A_portal_switched_to_another_database_no_longer_sees_the_first()
    {
        await StoreTheSameAgencyAsync();
        var first = Factory.Database;
        await using var other = await PortalTemplate.CreateDatabaseAsync();
        Factory.UseDatabase(other);
        try
        {
            // The account of the first database does not exist here: the sign-in page refuses it, and nothing is listed.
            var refused = await Anonymous().PostFormAsync("/Account/Login", new() { ["Input.Email"] = "pool@sl.vn", ["Input.Password"] = PortalFactory.Password });
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Equal(0, await Factory.WithDbAsync(db => db.Agencies.CountAsync(a => a.Code == "SL-POOL")));
        }
        finally
        {
            Factory.UseDatabase(first);
        }

        Assert.Equal(1, await Factory.WithDbAsync(db => db.Agencies.CountAsync(a => a.Code == "SL-POOL")));
    }

    private async Task StoreTheSameAgencyAsync()
    {
        Assert.True(Factory.Switchable, "a class that configures nothing of its own runs on a pooled portal");
        Assert.Equal(0, await Factory.WithDbAsync(db => db.Users.CountAsync()));
        await Factory.CreateUserAsync("pool@sl.vn", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
        var reviewer = await SignInAsync("pool@sl.vn", Totp.Key);
        var response = await reviewer.PostFormAsync("/Agencies/Create", new Dictionary<string, string>
        {
            ["Input.Code"] = "SL-POOL", ["Input.Name"] = "Sở Bể Chung", ["Input.Kind"] = nameof(AgencyKind.Department),
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        // Read back without the portal: the row is in this test's own database, written by the page.
        await using var db = Factory.Database.CreateContext();
        Assert.Equal("Sở Bể Chung", await db.Agencies.Where(a => a.Code == "SL-POOL").Select(a => a.Name).SingleAsync());
        Assert.Equal(1, await db.Users.CountAsync());
    }
}
