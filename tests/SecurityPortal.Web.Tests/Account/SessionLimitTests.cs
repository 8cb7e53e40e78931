using System.Net;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Tests.Account;

/// <summary>Idle timeout 30 minutes and absolute timeout 12 hours (Security:IdleTimeoutMinutes, Security:AbsoluteTimeoutHours), on the portal's clock.</summary>
public sealed class SessionTimeoutTests : PortalTestBase
{
    private readonly TestClock _clock = new();

    protected override PortalFactory Configure(PortalFactory factory) => factory.UseClock(_clock);

    [Fact]
    public async Task A_session_ends_after_30_idle_minutes_but_not_while_the_user_works()
    {
        var agency = await Factory.CreateAgencyAsync("SL-IDLE", "Sở Nội vụ");
        await Factory.CreateUserAsync("idle@tinh.vn", PortalRoles.AgencyOfficer, agency.Id);
        var client = await SignInAsync("idle@tinh.vn");

        _clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        _clock.Advance(TimeSpan.FromMinutes(25)); // 45 minutes after sign-in, 25 after the last request: still signed in
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        _clock.Advance(TimeSpan.FromMinutes(31));
        (await client.GetAsync("/")).AssertRedirectsTo("/Account/Login");
    }

    [Fact]
    public async Task A_session_ends_12_hours_after_sign_in_however_active_the_user_is()
    {
        var agency = await Factory.CreateAgencyAsync("SL-ABS", "Sở Tư pháp");
        await Factory.CreateUserAsync("abs@tinh.vn", PortalRoles.AgencyOfficer, agency.Id);
        var client = await SignInAsync("abs@tinh.vn");

        for (var elapsed = TimeSpan.FromMinutes(20); elapsed < TimeSpan.FromHours(12); elapsed += TimeSpan.FromMinutes(20))
        {
            _clock.Advance(TimeSpan.FromMinutes(20));
            Assert.True((await client.GetAsync("/")).StatusCode == HttpStatusCode.OK, $"signed out after {elapsed}");
        }

        _clock.Advance(TimeSpan.FromMinutes(21)); // 11 h 40 → 12 h 01 after sign-in
        (await client.GetAsync("/")).AssertRedirectsTo("/Account/Login");
    }
}

/// <summary>Sign-in attempts are limited per client address and refused with 429 (not 503) and a Vietnamese page.</summary>
public sealed class LoginRateLimitTests : PortalTestBase
{
    protected override PortalFactory Configure(PortalFactory factory) => factory.With("RateLimits:LoginPerMinute", "4");

    [Fact]
    public async Task Too_many_sign_in_attempts_in_a_minute_are_answered_429_in_vietnamese()
    {
        var client = Anonymous();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = "ai@tinh.vn", ["Input.Password"] = "sai-mat-khau-dai-du",
            }));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Contains("Quá nhiều yêu cầu", (await response.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
            }
        }

        Assert.DoesNotContain(HttpStatusCode.ServiceUnavailable, statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.Equal(4, statuses.Count(s => s != HttpStatusCode.TooManyRequests));
    }
}

/// <summary>Logout everywhere (issue 8 item 3): by the user from their account page, or by an administrator for an account.</summary>
public sealed class SignOutEverywhereTests : PortalTestBase
{
    [Fact]
    public async Task Signing_out_everywhere_ends_every_session_of_the_account_at_its_next_request_and_no_one_elses()
    {
        var agency = await Factory.CreateAgencyAsync("SL-SCT", "Sở Công Thương");
        await Factory.CreateUserAsync("sct@tinh.vn", PortalRoles.AgencyOfficer, agency.Id);
        await Factory.CreateUserAsync("sct2@tinh.vn", PortalRoles.AgencyOfficer, agency.Id);
        var office = await SignInAsync("sct@tinh.vn");
        var laptop = await SignInAsync("sct@tinh.vn");
        var colleague = await SignInAsync("sct2@tinh.vn");
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/Systems")).StatusCode);

        // The password is asked again: without it, or with a wrong one, nothing ends.
        (await office.PostFormAsync("/Account/Manage?handler=SignOutEverywhere", new() { ["confirmPassword"] = "khong-dung" }, pageUrl: "/Account/Manage"))
            .AssertRedirectsTo("/Account/Manage");
        Assert.Contains("Mật khẩu không đúng", (await office.GetDocumentAsync("/Account/Manage")).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await laptop.GetAsync("/Systems")).StatusCode);

        var answer = await office.PostFormAsync("/Account/Manage?handler=SignOutEverywhere", new() { ["confirmPassword"] = PortalFactory.Password }, pageUrl: "/Account/Manage");
        answer.AssertRedirectsTo("/Account/Login");
        (await laptop.GetAsync("/Systems")).AssertRedirectsTo("/Account/Login");
        (await office.GetAsync("/Systems")).AssertRedirectsTo("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, (await colleague.GetAsync("/Systems")).StatusCode);

        // Signing in again works at once.
        Assert.Equal(HttpStatusCode.OK, (await (await SignInAsync("sct@tinh.vn")).GetAsync("/Systems")).StatusCode);
    }

    [Fact]
    public async Task Changing_the_password_ends_the_other_sessions_and_keeps_this_one()
    {
        var agency = await Factory.CreateAgencyAsync("SL-SGD", "Sở Giáo dục và Đào tạo");
        await Factory.CreateUserAsync("sgd@tinh.vn", PortalRoles.AgencyOfficer, agency.Id);
        var here = await SignInAsync("sgd@tinh.vn");
        var elsewhere = await SignInAsync("sgd@tinh.vn");
        (await here.PostFormAsync("/Account/Manage", new()
        {
            ["Input.CurrentPassword"] = PortalFactory.Password, ["Input.NewPassword"] = "mot-cum-tu-moi-cua-so-giao-duc", ["Input.ConfirmPassword"] = "mot-cum-tu-moi-cua-so-giao-duc",
        })).AssertRedirectsTo("/Account/Manage");
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/Systems")).StatusCode);
        (await elsewhere.GetAsync("/Systems")).AssertRedirectsTo("/Account/Login");
    }

    [Fact]
    public async Task An_administrator_ends_every_session_of_an_account_without_deactivating_it()
    {
        var agency = await Factory.CreateAgencyAsync("SL-SXD", "Sở Xây dựng");
        var officer = await Factory.CreateUserAsync("sxd@tinh.vn", PortalRoles.AgencyOfficer, agency.Id);
        await Factory.CreateUserAsync("qt@tinh.vn", PortalRoles.Administrator, authenticatorKey: Totp.Key);
        var session = await SignInAsync("sxd@tinh.vn");
        var admin = await SignInAsync("qt@tinh.vn", Totp.Key);

        var url = $"/Admin/Users/Edit/{officer.Id}";
        (await admin.PostFormAsync($"{url}?handler=EndSessions", new Dictionary<string, string>(), pageUrl: url)).AssertRedirectsTo(url);
        Assert.Contains("Đã kết thúc mọi phiên đăng nhập", (await admin.GetDocumentAsync(url)).Body!.TextContent, StringComparison.Ordinal);
        (await session.GetAsync("/Systems")).AssertRedirectsTo("/Account/Login");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/Admin/Users")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await (await SignInAsync("sxd@tinh.vn")).GetAsync("/Systems")).StatusCode);
    }
}

/// <summary>
/// Anti-automation for what costs most (ASVS 5.0 V2.4.1): exports and uploads are limited per account
/// (RateLimits:ExportsPerMinute, RateLimits:UploadsPerMinute; 2 here), answered 429 in Vietnamese with Retry-After;
/// another account keeps its own allowance.
/// </summary>
public sealed class HeavyRequestLimitTests : PortalTestBase
{
    protected override PortalFactory Configure(PortalFactory factory) =>
        factory.With("RateLimits:ExportsPerMinute", "2").With("RateLimits:UploadsPerMinute", "2");

    [Fact]
    public async Task A_third_export_or_upload_in_a_minute_is_refused_429_for_that_account_only()
    {
        var agency = await Factory.CreateAgencyAsync("SL-RL", "Sở Xây dựng");
        await Factory.CreateUserAsync("xuat1@tinh.vn", PortalRoles.AgencyOfficer, agency.Id);
        await Factory.CreateUserAsync("xuat2@tinh.vn", PortalRoles.AgencyOfficer, agency.Id);
        var first = await SignInAsync("xuat1@tinh.vn");
        var second = await SignInAsync("xuat2@tinh.vn");

        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/Systems?handler=Excel")).StatusCode);
        }

        var refused = await first.GetAsync("/Systems?handler=Excel");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Contains("Quá nhiều yêu cầu", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/Systems?handler=Excel")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/Systems")).StatusCode); // reading pages is not limited

        // Uploads: any multipart post counts, before the page reads it.
        HttpResponseMessage? last = null;
        for (var i = 0; i < 3; i++)
        {
            using var form = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "a.pdf" } };
            last = await first.PostAsync("/Systems", form);
            Assert.NotEqual(HttpStatusCode.InternalServerError, last.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, last!.StatusCode);
    }
}
