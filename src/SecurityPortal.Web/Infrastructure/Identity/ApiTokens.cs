using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Data.Identity;

namespace SecurityPortal.Web.Infrastructure.Identity;

/// <summary>A new token and its secret, which is shown once and never stored.</summary>
public sealed record CreatedApiToken(ApiToken Token, string Secret);

/// <summary>
/// Personal access tokens for the API: 256 random bits behind a recognisable prefix (so a leaked one is found by secret
/// scanners), stored only as their SHA-256. Creation and revocation are tracked changes, so the audit trail records them.
/// </summary>
public sealed class ApiTokens(PortalDbContext db, TimeProvider clock)
{
    /// <summary>Every secret starts with this, so it can be recognised in a log or a repository.</summary>
    public const string Prefix = "spat_";

    /// <summary>The longest life a token may be given.</summary>
    public const int MaxDays = 365;

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static string StampHash(string? stamp) => Hash(stamp ?? string.Empty);

    public async Task<CreatedApiToken> CreateAsync(PortalUser user, string name, ApiTokenScopes scopes, int days)
    {
        var secret = Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow().UtcDateTime;
        var token = new ApiToken
        {
            UserId = user.Id,
            Name = name.Trim(),
            Scopes = scopes,
            SecretHash = Hash(secret),
            Hint = secret[..(Prefix.Length + 4)],
            SecurityStamp = StampHash(user.SecurityStamp),
            CreatedAtUtc = now,
            ExpiresAtUtc = now.AddDays(days),
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync();
        return new CreatedApiToken(token, secret);
    }

    /// <summary>The account's tokens, the newest first (revoked and expired ones included, marked as such).</summary>
    public Task<List<ApiToken>> OfAsync(string userId) =>
        db.ApiTokens.Where(t => t.UserId == userId).OrderByDescending(t => t.CreatedAtUtc).AsNoTracking().ToListAsync();

    /// <summary>Revokes one token of the account; false when the account has no such token or it was already revoked.</summary>
    public async Task<bool> RevokeAsync(string userId, Guid id, string? by)
    {
        var token = await db.ApiTokens.FirstOrDefaultAsync(t => t.Id == id && t.UserId == userId);
        if (token is null || token.RevokedAtUtc is not null)
        {
            return false;
        }

        token.Revoke(clock.GetUtcNow().UtcDateTime, by);
        await db.SaveChangesAsync();
        return true;
    }

    /// <summary>The token's state in Vietnamese, as the lists show it (a localizer key).</summary>
    public static string StatusOf(ApiToken token, TimeProvider clock) =>
        token.RevokedAtUtc is not null ? "Đã thu hồi" : token.ExpiresAtUtc <= clock.GetUtcNow().UtcDateTime ? "Đã hết hạn" : "Đang hiệu lực";

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
