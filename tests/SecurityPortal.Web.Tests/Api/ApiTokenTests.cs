using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecurityPortal.Data.Identity;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Tests.Api;

/// <summary>Personal access tokens: made on the account page and shown once, stored hashed, ended by expiry, revocation and account changes.</summary>
public sealed class ApiTokenTests : PortalTestBase
{
    private Agency _health = null!;
    private InformationSystem _system = null!;

    private async Task ArrangeAsync()
    {
        _health = await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        await Factory.CreateUserAsync("yte@sl.vn", PortalRoles.AgencyOfficer, _health.Id);
        _system = await Factory.CreateSystemAsync("SYT-HIS", "Hệ thống HIS", _health.Id);
    }

    [Fact]
    public async Task An_officer_creates_a_token_sees_it_once_uses_it_and_revokes_it()
    {
        await ArrangeAsync();
        var browser = await SignInAsync("yte@sl.vn");
        var account = await browser.GetDocumentAsync("/Account/Manage");
        Assert.NotNull(account.QuerySelector("a[href='/Account/Manage/Tokens']"));

        var created = await browser.PostFormAsync("/Account/Manage/Tokens?handler=Create",
            new() { ["Input.Name"] = "Máy quét SOC", ["Input.Read"] = "true", ["Input.Import"] = "false", ["Input.Days"] = "30" }, "/Account/Manage/Tokens");
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var page = await created.ParseAsync();
        var secret = page.QuerySelector("#new-token-secret")?.TextContent.Trim() ?? throw new InvalidOperationException("no secret shown");
        Assert.StartsWith("spat_", secret, StringComparison.Ordinal);
        Assert.True(secret.Length >= 45, secret);

        // Stored as its SHA-256 only; the secret is nowhere in the row nor in the audit trail.
        var token = await Factory.WithDbAsync(db => db.ApiTokens.SingleAsync());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret))), token.SecretHash);
        Assert.Equal((ApiTokenScopes.Read, "Máy quét SOC"), (token.Scopes, token.Name));
        Assert.InRange((token.ExpiresAtUtc - token.CreatedAtUtc).TotalDays, 29.99, 30.01);
        var trail = await Factory.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityType == "ApiToken").ToListAsync());
        Assert.Contains(trail, e => e.UserName == "yte@sl.vn" && e.EntityKey == token.Id.ToString());
        Assert.DoesNotContain(trail, e => e.Changes.Contains(secret[5..], StringComparison.Ordinal) || e.Changes.Contains(token.SecretHash, StringComparison.Ordinal));

        // Shown once: the list afterwards names the token but never shows the secret again.
        var list = await browser.GetDocumentAsync("/Account/Manage/Tokens");
        Assert.Null(list.QuerySelector("#new-token-secret"));
        Assert.DoesNotContain(secret, list.DocumentElement.OuterHtml, StringComparison.Ordinal);
        Assert.Contains("Máy quét SOC", list.QuerySelector("#tokens")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Chưa dùng", list.QuerySelector("#tokens")!.TextContent, StringComparison.Ordinal);

        var api = Factory.ApiClient(secret);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync($"/api/v1/systems/{_system.Id}")).StatusCode);
        // Every call is an audit row naming the user, the token and the endpoint.
        var call = await Factory.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.EntityType == "ApiCall"));
        Assert.Equal(("yte@sl.vn", token.Id.ToString(), _health.Id), (call.UserName, call.EntityKey, call.UserAgencyId));
        Assert.Contains("GET /api/v1/systems/{id:guid}", call.Changes, StringComparison.Ordinal);
        Assert.Contains("200", call.Changes, StringComparison.Ordinal);
        Assert.NotNull(await Factory.WithDbAsync(db => db.ApiTokens.Select(t => t.LastUsedAtUtc).SingleAsync()));

        var revoke = await browser.PostFormAsync($"/Account/Manage/Tokens?handler=Revoke&id={token.Id}", [], "/Account/Manage/Tokens");
        revoke.AssertRedirectsTo("/Account/Manage/Tokens");
        Assert.Contains("thu hồi", await (await api.GetAsync("/api/v1/systems")).AssertProblemAsync(HttpStatusCode.Unauthorized), StringComparison.Ordinal);
        Assert.Contains(await Factory.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityType == "ApiToken" && e.Action == Domain.Auditing.AuditAction.Update).ToListAsync()),
            e => e.Changes.Contains("RevokedAtUtc", StringComparison.Ordinal) && e.UserName == "yte@sl.vn");
    }

    [Theory]
    [InlineData("", "true", "30", "Vui lòng đặt tên cho mã truy cập.")]
    [InlineData("SOC", "true", "0", "Hiệu lực từ 1 đến 365 ngày.")]
    [InlineData("SOC", "true", "366", "Hiệu lực từ 1 đến 365 ngày.")]
    [InlineData("SOC", "true", "", "Vui lòng nhập số ngày hiệu lực.")]
    [InlineData("SOC", "false", "30", "Chọn ít nhất một phạm vi: đọc dữ liệu hoặc nhập SBOM.")]
    public async Task A_token_form_with_a_mistake_creates_nothing_and_says_why(string name, string read, string days, string message)
    {
        await ArrangeAsync();
        var browser = await SignInAsync("yte@sl.vn");
        var response = await browser.PostFormAsync("/Account/Manage/Tokens?handler=Create",
            new() { ["Input.Name"] = name, ["Input.Read"] = read, ["Input.Import"] = "false", ["Input.Days"] = days }, "/Account/Manage/Tokens");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains(message, page.QuerySelector(".validation-summary-errors")?.TextContent ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal(name, page.QuerySelector("#Input_Name")?.GetAttribute("value"));
        Assert.Null(page.QuerySelector("#new-token-secret"));
        Assert.Equal(0, await Factory.CountAsync<ApiToken>());
    }

    [Fact]
    public async Task A_token_dies_when_it_expires_when_its_user_is_disabled_or_locked_and_when_the_security_stamp_changes()
    {
        await ArrangeAsync();
        async Task<string> RefusalAsync(string secret) =>
            await (await Factory.ApiClient(secret).GetAsync("/api/v1/systems")).AssertProblemAsync(HttpStatusCode.Unauthorized);

        var expired = await Factory.CreateTokenAsync("yte@sl.vn");
        Assert.Equal(HttpStatusCode.OK, (await Factory.ApiClient(expired.Secret).GetAsync("/api/v1/systems")).StatusCode);
        await Factory.WithDbAsync(db => db.ApiTokens.Where(t => t.Id == expired.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(t => t.ExpiresAtUtc, DateTime.UtcNow.AddMinutes(-1))));
        Assert.Contains("hết hạn", await RefusalAsync(expired.Secret), StringComparison.Ordinal);

        var locked = await Factory.CreateTokenAsync("yte@sl.vn");
        await Factory.WithDbAsync(db => db.Users.ExecuteUpdateAsync(u => u.SetProperty(x => x.LockoutEnd, DateTimeOffset.UtcNow.AddHours(1))));
        Assert.Contains("khóa", await RefusalAsync(locked.Secret), StringComparison.Ordinal);
        await Factory.WithDbAsync(db => db.Users.ExecuteUpdateAsync(u => u.SetProperty(x => x.LockoutEnd, (DateTimeOffset?)null)));
        Assert.Equal(HttpStatusCode.OK, (await Factory.ApiClient(locked.Secret).GetAsync("/api/v1/systems")).StatusCode);

        await Factory.WithDbAsync(db => db.Users.ExecuteUpdateAsync(u => u.SetProperty(x => x.IsActive, false)));
        Assert.Contains("ngừng hoạt động", await RefusalAsync(locked.Secret), StringComparison.Ordinal);
        await Factory.WithDbAsync(db => db.Users.ExecuteUpdateAsync(u => u.SetProperty(x => x.IsActive, true)));

        // A password change, a role change or an administrator's «end every session» renews the stamp: the token is dead.
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            Assert.True((await users.UpdateSecurityStampAsync((await users.FindByEmailAsync("yte@sl.vn"))!)).Succeeded);
        }

        Assert.Contains("thay đổi", await RefusalAsync(locked.Secret), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_administrator_sees_and_revokes_a_users_token_and_an_officer_cannot_revoke_another_ones()
    {
        await ArrangeAsync();
        var other = await Factory.CreateAgencyAsync("SL-SGD", "Sở Giáo dục");
        await Factory.CreateUserAsync("giaoduc@sl.vn", PortalRoles.AgencyOfficer, other.Id);
        var admin = await Factory.CreateUserAsync("quantri@sl.vn", PortalRoles.Administrator, authenticatorKey: ApiTestKit.AuthenticatorKey);
        var officer = await Factory.WithDbAsync(db => db.Users.SingleAsync(u => u.Email == "yte@sl.vn"));
        var token = await Factory.CreateTokenAsync("yte@sl.vn");

        // Another officer posting the token's id to their own page revokes nothing.
        var intruder = await SignInAsync("giaoduc@sl.vn");
        (await intruder.PostFormAsync($"/Account/Manage/Tokens?handler=Revoke&id={token.Id}", [], "/Account/Manage/Tokens")).AssertRedirectsTo("/Account/Manage/Tokens");
        Assert.Equal(HttpStatusCode.OK, (await Factory.ApiClient(token.Secret).GetAsync("/api/v1/systems")).StatusCode);
        // An officer cannot open the administrators' page.
        Assert.NotEqual(HttpStatusCode.OK, (await intruder.GetAsync($"/Admin/Users/Tokens/{officer.Id}")).StatusCode);

        var browser = await SignInAsync("quantri@sl.vn", ApiTestKit.AuthenticatorKey);
        var edit = await browser.GetDocumentAsync($"/Admin/Users/Edit/{officer.Id}");
        Assert.NotNull(edit.QuerySelector($"a[href='/Admin/Users/Tokens/{officer.Id}']"));
        var list = await browser.GetDocumentAsync($"/Admin/Users/Tokens/{officer.Id}");
        Assert.Contains("kiểm thử", list.QuerySelector("#tokens")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(token.Secret, list.DocumentElement.OuterHtml, StringComparison.Ordinal);
        var revoke = await browser.PostFormAsync($"/Admin/Users/Tokens/{officer.Id}?handler=Revoke&tokenId={token.Id}", [], $"/Admin/Users/Tokens/{officer.Id}");
        revoke.AssertRedirectsTo($"/Admin/Users/Tokens/{officer.Id}");
        await (await Factory.ApiClient(token.Secret).GetAsync("/api/v1/systems")).AssertProblemAsync(HttpStatusCode.Unauthorized);
        var row = await Factory.WithDbAsync(db => db.ApiTokens.SingleAsync());
        Assert.Equal("quantri@sl.vn", row.RevokedBy);
        Assert.True(await Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.EntityType == "ApiToken" && e.UserId == admin.Id)));
    }
}
