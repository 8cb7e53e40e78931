using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecurityPortal.Data.Identity;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Tests.Account;

public sealed class LoginTests : PortalTestBase
{
    [Fact]
    public async Task An_officer_signs_in_and_reaches_the_home_page()
    {
        var agency = await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        await Factory.CreateUserAsync("canbo@syt.vn", PortalRoles.AgencyOfficer, agency.Id);
        var client = await SignInAsync("canbo@syt.vn");
        var home = await client.GetDocumentAsync("/");
        Assert.Contains("Sở Y tế", home.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Cán bộ CNTT/ATTT của đơn vị", home.Body.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_shows_a_Vietnamese_message_and_keeps_the_email()
    {
        await Factory.CreateUserAsync("sai@syt.vn", PortalRoles.Leadership);
        var response = await Anonymous().PostFormAsync("/Account/Login", new() { ["Input.Email"] = "sai@syt.vn", ["Input.Password"] = "khong-dung-mat-khau" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains("Thư điện tử hoặc mật khẩu không đúng", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("sai@syt.vn", page.QuerySelector("#Input_Email")!.GetAttribute("value"));
    }

    [Fact]
    public async Task Empty_fields_get_Vietnamese_messages_at_the_fields()
    {
        var response = await Anonymous().PostFormAsync("/Account/Login", new() { ["Input.Email"] = "", ["Input.Password"] = "" });
        var page = await response.ParseAsync();
        Assert.Contains("Vui lòng nhập thư điện tử.", page.QuerySelector("[data-valmsg-for='Input.Email']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Vui lòng nhập mật khẩu.", page.QuerySelector("[data-valmsg-for='Input.Password']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_password()
    {
        await Factory.CreateUserAsync("khoa@syt.vn", PortalRoles.Leadership);
        var client = Anonymous();
        for (var i = 0; i < 5; i++)
        {
            await client.PostFormAsync("/Account/Login", new() { ["Input.Email"] = "khoa@syt.vn", ["Input.Password"] = "mat-khau-sai-" + i });
        }

        var response = await client.PostFormAsync("/Account/Login", new() { ["Input.Email"] = "khoa@syt.vn", ["Input.Password"] = PortalFactory.Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("tạm khóa (sau 5 lần nhập sai liên tiếp, tài khoản bị khóa 15 phút)", (await response.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(response.Headers.Location);

        var user = await Factory.WithDbAsync(db => db.Users.FirstAsync(u => u.Email == "khoa@syt.vn"));
        Assert.NotNull(user!.LockoutEnd);
    }

    /// <summary>
    /// Issue 20, account enumeration: an address with an account and one without get the same answer — status, page and
    /// message — after one wrong password and after six (when the existing account is locked, even for its right
    /// password); and each attempt verifies one password, so the time does not tell them apart either (the verifications
    /// are counted: the tests' hashing is cheap, so a stopwatch would prove nothing here).
    /// </summary>
    [Fact]
    public async Task An_unknown_address_and_an_existing_account_get_the_same_answer_and_cost()
    {
        await Factory.CreateUserAsync("thatco@syt.vn", PortalRoles.Leadership);
        var before = CountingHasher.Verifications;
        var existing = await AnswerAsync("thatco@syt.vn", "mat-khau-sai");
        var afterExisting = CountingHasher.Verifications;
        var unknown = await AnswerAsync("khongco@syt.vn", "mat-khau-sai");
        Assert.Equal(existing, unknown);
        Assert.Equal(1, afterExisting - before);
        Assert.Equal(1, CountingHasher.Verifications - afterExisting);

        for (var i = 0; i < 5; i++)
        {
            await AnswerAsync("thatco@syt.vn", "mat-khau-sai-" + i);
            await AnswerAsync("khongco@syt.vn", "mat-khau-sai-" + i);
        }

        var lockedBefore = CountingHasher.Verifications;
        var locked = await AnswerAsync("thatco@syt.vn", PortalFactory.Password);
        var lockedCost = CountingHasher.Verifications - lockedBefore;
        var stillUnknown = await AnswerAsync("khongco@syt.vn", PortalFactory.Password);
        Assert.Equal(locked, stillUnknown);
        Assert.Equal(1, lockedCost);
        Assert.Equal(existing, locked);
        Assert.NotNull(await Factory.WithDbAsync(db => db.Users.Where(u => u.Email == "thatco@syt.vn").Select(u => u.LockoutEnd).SingleAsync()));
    }

    protected override PortalFactory Configure(PortalFactory factory) =>
        factory.WithServices(s => s.AddScoped<IPasswordHasher<PortalUser>, CountingHasher>());

    /// <summary>What a visitor sees of a sign-in attempt: the status, where it leads, and the page's messages.</summary>
    private async Task<string> AnswerAsync(string email, string password)
    {
        var response = await Anonymous().PostFormAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = password });
        var page = await response.ParseAsync();
        return $"{(int)response.StatusCode} {response.Headers.Location} {page.QuerySelector(".validation-summary-errors")?.TextContent.Trim()}";
    }

    /// <summary>The portal's hasher, counting its verifications.</summary>
    private sealed class CountingHasher(Microsoft.Extensions.Options.IOptions<PasswordHasherOptions> options) : IPasswordHasher<PortalUser>
    {
        private static int verifications;
        private readonly PasswordHasher<PortalUser> inner = new(options);

        public static int Verifications => Volatile.Read(ref verifications);

        public string HashPassword(PortalUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(PortalUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref verifications);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    [Fact]
    public async Task Deactivating_an_account_ends_its_session_at_the_next_request()
    {
        var user = await Factory.CreateUserAsync("tat@syt.vn", PortalRoles.Leadership);
        var client = await SignInAsync("tat@syt.vn");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var stored = await users.FindByIdAsync(user.Id);
            stored!.IsActive = false;
            await users.UpdateAsync(stored);
        }

        var response = await client.GetAsync("/");
        response.AssertRedirectsTo("/Account/Login");
        var again = await Anonymous().PostFormAsync("/Account/Login", new() { ["Input.Email"] = "tat@syt.vn", ["Input.Password"] = PortalFactory.Password });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task Logout_ends_the_session_and_clears_site_data()
    {
        await Factory.CreateUserAsync("ra@syt.vn", PortalRoles.Auditor);
        var client = await SignInAsync("ra@syt.vn");
        var response = await client.PostFormAsync("/Account/Logout", new Dictionary<string, string>(), pageUrl: "/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("cookies", string.Join(",", response.Headers.GetValues("Clear-Site-Data")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Common_and_short_passwords_are_refused_in_Vietnamese()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var common = await users.CreateAsync(new PortalUser { UserName = "a@b.vn", Email = "a@b.vn", FullName = "A" }, "password1234");
        Assert.Contains(common.Errors, e => e.Code == "PasswordCommon" && e.Description.Contains("phổ biến", StringComparison.Ordinal));
        var shortOne = await users.CreateAsync(new PortalUser { UserName = "c@b.vn", Email = "c@b.vn", FullName = "C" }, "ngan-qua");
        Assert.Contains(shortOne.Errors, e => e.Description == "Mật khẩu phải có ít nhất 12 ký tự.");
        var fine = await users.CreateAsync(new PortalUser { UserName = "d@b.vn", Email = "d@b.vn", FullName = "D" }, "dong song mua thu vang");
        Assert.True(fine.Succeeded);
    }

    [Fact]
    public async Task A_long_password_with_spaces_is_taken_exactly_as_typed_and_password_fields_are_masked()
    {
        // ASVS V6.2.6, V6.2.8, V6.2.9: a 70-character passphrase works; the same with a trailing space or other case does not.
        const string passphrase = "Mùa thu sông Hồng, lá vàng rơi trên bến đò cũ — chín giờ sáng thứ hai nhé";
        var agency = await Factory.CreateAgencyAsync("SL-SVH", "Sở Văn hóa");
        var user = await Factory.CreateUserAsync("svh@tinh.vn", PortalRoles.AgencyOfficer, agency.Id);
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var stored = await users.FindByIdAsync(user.Id);
            Assert.True((await users.RemovePasswordAsync(stored!)).Succeeded);
            Assert.True((await users.AddPasswordAsync(stored!, passphrase)).Succeeded);
        }

        Assert.True(passphrase.Length >= 64);
        foreach (var wrong in new[] { passphrase + " ", passphrase.ToUpperInvariant(), passphrase[..^1] })
        {
            var refused = await Anonymous().PostFormAsync("/Account/Login", new() { ["Input.Email"] = "svh@tinh.vn", ["Input.Password"] = wrong });
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        }

        (await Anonymous().PostFormAsync("/Account/Login", new() { ["Input.Email"] = "svh@tinh.vn", ["Input.Password"] = passphrase })).AssertRedirectsTo("/");

        var login = await Anonymous().GetDocumentAsync("/Account/Login");
        Assert.Equal("password", login.QuerySelector("#Input_Password")!.GetAttribute("type"));
        await Factory.CreateUserAsync("svh2@tinh.vn", PortalRoles.AgencyOfficer, agency.Id);
        var manage = await (await SignInAsync("svh2@tinh.vn")).GetDocumentAsync("/Account/Manage");
        Assert.All(["#Input_CurrentPassword", "#Input_NewPassword", "#Input_ConfirmPassword"],
            id => Assert.Equal("password", manage.QuerySelector(id)!.GetAttribute("type")));
    }
}

/// <summary>The portal's own password hashing, not the test hosts' cheaper one (<see cref="PortalFactory.PasswordIterations"/>).</summary>
public sealed class PasswordHashingTests : PortalTestBase
{
    protected override PortalFactory Configure(PortalFactory factory)
    {
        factory.PasswordIterations = null;
        return factory;
    }

    [Fact]
    public async Task Passwords_are_hashed_with_at_least_210000_pbkdf2_iterations()
    {
        var user = await Factory.CreateUserAsync("bam@syt.vn", PortalRoles.Auditor);
        var hash = Convert.FromBase64String(user.PasswordHash!);
        // Identity v3 format: 0x01, PRF (4 bytes), iteration count (4 bytes, big-endian), ...
        Assert.Equal(0x01, hash[0]);
        var iterations = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(hash.AsSpan(5, 4));
        Assert.True(iterations >= 210_000, $"{iterations} iterations");
    }

    [Fact]
    public async Task The_portal_signs_in_with_its_own_hashes()
    {
        await Factory.CreateUserAsync("bam2@syt.vn", PortalRoles.Auditor);
        await SignInAsync("bam2@syt.vn");
    }
}
