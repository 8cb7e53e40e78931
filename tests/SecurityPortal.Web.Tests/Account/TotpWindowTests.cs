using System.Net;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Tests.Account;

/// <summary>
/// ASVS 5.0 V6.5.5 (ADR 0005): a code is accepted during its own 30-second step and the one after it (typing time, a phone a
/// little behind), never two steps late and never early. The portal's clock is held still, so no step turns during the test.
/// </summary>
public sealed class TotpWindowTests : PortalTestBase
{
    private readonly TestClock _clock = new();

    protected override PortalFactory Configure(PortalFactory factory) => factory.UseClock(_clock);

    [Fact]
    public async Task A_code_from_two_steps_ago_or_from_the_next_step_is_refused_and_the_last_steps_code_is_accepted()
    {
        await Factory.CreateUserAsync("cu@tinh.vn", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
        var now = _clock.GetUtcNow();
        var client = Anonymous();
        (await client.PostFormAsync("/Account/Login", new() { ["Input.Email"] = "cu@tinh.vn", ["Input.Password"] = PortalFactory.Password }))
            .AssertRedirectsTo("/Account/LoginWith2fa");

        foreach (var step in new[] { -2, 1 })
        {
            var refused = await client.PostFormAsync("/Account/LoginWith2fa", new() { ["Input.Code"] = Totp.CodeAt(Totp.Key, now, step) });
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        }

        (await client.PostFormAsync("/Account/LoginWith2fa", new() { ["Input.Code"] = Totp.CodeAt(Totp.Key, now, -1) })).AssertRedirectsTo("/");
    }
}
