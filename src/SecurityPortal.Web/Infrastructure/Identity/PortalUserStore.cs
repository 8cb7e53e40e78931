using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.AspNetCore.WebUtilities;
using SecurityPortal.Data;
using SecurityPortal.Data.Identity;

namespace SecurityPortal.Web.Infrastructure.Identity;

/// <summary>
/// The Identity user store with the two secrets of two-factor authentication kept safe at rest (ASVS 5.0 V6.5.2, V13.3.1):
/// <list type="bullet">
/// <item>recovery codes are stored as salted PBKDF2 hashes (one salt per code), never as the codes; a code is found by
/// hashing what the user typed with each salt and comparing in constant time;</item>
/// <item>the authenticator key is encrypted with Data Protection (purpose <see cref="KeyPurpose"/>), so a copy of the
/// database alone does not give the TOTP seeds.</item>
/// </list>
/// Values written before this store existed (plain codes, plain key) are still read, and replaced by the protected
/// form at the next change.
/// </summary>
public sealed class PortalUserStore(PortalDbContext context, IDataProtectionProvider protection, IdentityErrorDescriber? describer = null)
    : UserStore<PortalUser, IdentityRole, PortalDbContext>(context, describer)
{
    public const string KeyPurpose = "SecurityPortal.AuthenticatorKey.v1";
    public const string ProtectedKeyPrefix = "dp1:";
    public const string HashedCodesPrefix = "h1:";
    private const string Provider = "[AspNetUserStore]";
    private const string RecoveryCodesName = "RecoveryCodes";
    private const int Iterations = 10_000;

    private readonly IDataProtector _protector = protection.CreateProtector(KeyPurpose);

    public override Task SetAuthenticatorKeyAsync(PortalUser user, string key, CancellationToken cancellationToken) =>
        SetTokenAsync(user, Provider, "AuthenticatorKey", ProtectedKeyPrefix + _protector.Protect(key), cancellationToken);

    public override async Task<string?> GetAuthenticatorKeyAsync(PortalUser user, CancellationToken cancellationToken)
    {
        var stored = await base.GetAuthenticatorKeyAsync(user, cancellationToken);
        return stored is not null && stored.StartsWith(ProtectedKeyPrefix, StringComparison.Ordinal)
            ? _protector.Unprotect(stored[ProtectedKeyPrefix.Length..])
            : stored;
    }

    public override Task ReplaceCodesAsync(PortalUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken) =>
        SetTokenAsync(user, Provider, RecoveryCodesName, HashedCodesPrefix + string.Join(';', recoveryCodes.Select(Hash)), cancellationToken);

    public override async Task<bool> RedeemCodeAsync(PortalUser user, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(code);
        var stored = await GetTokenAsync(user, Provider, RecoveryCodesName, cancellationToken) ?? string.Empty;
        if (!stored.StartsWith(HashedCodesPrefix, StringComparison.Ordinal))
        {
            // Plain codes from before: redeem as the stock store did, and keep the rest hashed from now on.
            var plain = stored.Split(';', StringSplitOptions.RemoveEmptyEntries).ToList();
            if (!plain.Remove(code))
            {
                return false;
            }

            await ReplaceCodesAsync(user, plain, cancellationToken);
            return true;
        }

        var hashes = stored[HashedCodesPrefix.Length..].Split(';', StringSplitOptions.RemoveEmptyEntries).ToList();
        var match = hashes.FindIndex(h => Matches(h, code));
        if (match < 0)
        {
            return false;
        }

        hashes.RemoveAt(match);
        await SetTokenAsync(user, Provider, RecoveryCodesName, HashedCodesPrefix + string.Join(';', hashes), cancellationToken);
        return true;
    }

    public override async Task<int> CountCodesAsync(PortalUser user, CancellationToken cancellationToken)
    {
        var stored = await GetTokenAsync(user, Provider, RecoveryCodesName, cancellationToken) ?? string.Empty;
        var list = stored.StartsWith(HashedCodesPrefix, StringComparison.Ordinal) ? stored[HashedCodesPrefix.Length..] : stored;
        return list.Split(';', StringSplitOptions.RemoveEmptyEntries).Length;
    }

    private static string Hash(string code)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        return WebEncoders.Base64UrlEncode(salt) + "." + WebEncoders.Base64UrlEncode(Derive(code, salt));
    }

    private static bool Matches(string stored, string code)
    {
        var dot = stored.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0)
        {
            return false;
        }

        var salt = WebEncoders.Base64UrlDecode(stored[..dot]);
        var expected = WebEncoders.Base64UrlDecode(stored[(dot + 1)..]);
        return CryptographicOperations.FixedTimeEquals(Derive(code, salt), expected);
    }

    private static byte[] Derive(string code, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(code), salt, Iterations, HashAlgorithmName.SHA256, 32);
}
