namespace SecurityPortal.Data.Identity;

/// <summary>What a personal access token may do on the API (/api/v1).</summary>
[Flags]
public enum ApiTokenScopes
{
    None = 0,

    /// <summary>Read systems, components, tasks and warnings.</summary>
    Read = 1,

    /// <summary>Import an SBOM into a system.</summary>
    Import = 2,
}

/// <summary>
/// A personal access token for the API: created by its user, shown once, stored only as the SHA-256 of the secret. It
/// acts with its user's role and agency scope, and dies when it expires, is revoked, or its user's security stamp changes
/// (password, roles, deactivation), or the user is disabled or locked out.
/// Its insert and its revocation are audit rows; the last-use time is bookkeeping.
/// </summary>
public sealed class ApiToken
{
    public const int NameMaxLength = 100;

    /// <summary>SHA-256, lowercase hexadecimal.</summary>
    public const int HashLength = 64;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string UserId { get; init; } = string.Empty;
    public string Name { get; init; } = string.Empty;
    public ApiTokenScopes Scopes { get; init; }

    /// <summary>The SHA-256 of the whole secret (prefix included); the secret itself is never stored.</summary>
    public string SecretHash { get; init; } = string.Empty;

    /// <summary>The first characters of the secret, to recognise a token in the list without revealing it.</summary>
    public string Hint { get; init; } = string.Empty;

    /// <summary>The SHA-256 of the user's security stamp at creation: a later stamp (password, roles, deactivation) ends the token.</summary>
    public string SecurityStamp { get; init; } = string.Empty;

    public DateTime CreatedAtUtc { get; init; }
    public DateTime ExpiresAtUtc { get; init; }
    public DateTime? LastUsedAtUtc { get; set; }
    public DateTime? RevokedAtUtc { get; private set; }
    public string? RevokedBy { get; private set; }

    public void Revoke(DateTime nowUtc, string? by)
    {
        if (RevokedAtUtc is null)
        {
            RevokedAtUtc = nowUtc;
            RevokedBy = by;
        }
    }
}
