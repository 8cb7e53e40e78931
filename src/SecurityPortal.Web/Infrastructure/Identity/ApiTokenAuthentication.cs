using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SecurityPortal.Data;
using SecurityPortal.Data.Identity;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Web.Infrastructure.Identity;

/// <summary>Claims of a principal authenticated by a personal access token.</summary>
public static class ApiTokenClaims
{
    public const string Scheme = "ApiToken";
    public const string TokenId = "portal:token_id";
    public const string Scopes = "portal:token_scopes";

    public static Guid? TokenIdOf(this ClaimsPrincipal user) => Guid.TryParse(user.FindFirstValue(TokenId), out var id) ? id : null;

    public static bool HasScope(this ClaimsPrincipal user, ApiTokenScopes scope) =>
        Enum.TryParse<ApiTokenScopes>(user.FindFirstValue(Scopes), out var scopes) && scopes.HasFlag(scope);
}

/// <summary>
/// The API's only authentication: <c>Authorization: Bearer spat_…</c>. The token's user is loaded and turned into the
/// same principal a cookie sign-in gives (roles, agency), so the pages' scope helpers apply unchanged. A token is refused
/// when unknown, revoked or expired, when its user is deactivated or locked out, when the user's security stamp changed
/// since it was created, or when the user still has to change the password or enrol the required second factor.
/// </summary>
public sealed class ApiTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    PortalDbContext db, IUserClaimsPrincipalFactory<PortalUser> principals, SecurityOptions security, TimeProvider clock)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private const string FailureItem = "portal.api.failure";
    private const int MaxSecretLength = 200;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Refuse("Chỉ chấp nhận xác thực bằng mã truy cập: Authorization: Bearer <mã>.");
        }

        var secret = header["Bearer ".Length..].Trim();
        if (secret.Length > MaxSecretLength || !secret.StartsWith(ApiTokens.Prefix, StringComparison.Ordinal))
        {
            return Refuse("Mã truy cập không hợp lệ.");
        }

        var hash = ApiTokens.Hash(secret);
        var token = await db.ApiTokens.AsNoTracking().FirstOrDefaultAsync(t => t.SecretHash == hash, Context.RequestAborted);
        var now = clock.GetUtcNow().UtcDateTime;
        if (token is null)
        {
            return Refuse("Mã truy cập không hợp lệ.");
        }

        if (token.RevokedAtUtc is not null)
        {
            return Refuse("Mã truy cập đã bị thu hồi.");
        }

        if (token.ExpiresAtUtc <= now)
        {
            return Refuse("Mã truy cập đã hết hạn.");
        }

        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == token.UserId, Context.RequestAborted);
        if (user is null || !user.IsActive || user.LockoutEnd > clock.GetUtcNow())
        {
            return Refuse("Tài khoản của mã truy cập đã bị khóa hoặc ngừng hoạt động.");
        }

        if (ApiTokens.StampHash(user.SecurityStamp) != token.SecurityStamp)
        {
            return Refuse("Mã truy cập không còn hiệu lực vì thông tin đăng nhập của tài khoản đã thay đổi; hãy tạo mã mới.");
        }

        var principal = await principals.CreateAsync(user);
        if (user.MustChangePassword || ((user.RequireTwoFactor || security.RoleRequiresTwoFactor(principal)) && !user.TwoFactorEnabled))
        {
            return Refuse("Tài khoản phải đổi mật khẩu hoặc bật xác thực hai lớp trên cổng trước khi dùng mã truy cập.");
        }

        var source = principal.Identities.First();
        var identity = new ClaimsIdentity(source.Claims, Scheme.Name, source.NameClaimType, source.RoleClaimType);
        identity.AddClaim(new Claim(ApiTokenClaims.TokenId, token.Id.ToString()));
        identity.AddClaim(new Claim(ApiTokenClaims.Scopes, token.Scopes.ToString()));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var reason = Context.Items[FailureItem] as string;
        Response.Headers.WWWAuthenticate = reason is null ? "Bearer" : "Bearer error=\"invalid_token\"";
        await ApiProblem.WriteAsync(Context, StatusCodes.Status401Unauthorized,
            reason ?? "Thiếu mã truy cập: gửi tiêu đề Authorization: Bearer <mã> (tạo mã ở trang tài khoản).");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ApiProblem.WriteAsync(Context, StatusCodes.Status403Forbidden, "Mã truy cập không có phạm vi cần cho thao tác này, hoặc vai trò của tài khoản không được phép.");

    private AuthenticateResult Refuse(string reason)
    {
        Context.Items[FailureItem] = reason;
        return AuthenticateResult.Fail(reason);
    }
}
