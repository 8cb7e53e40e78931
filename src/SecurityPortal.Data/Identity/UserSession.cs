namespace SecurityPortal.Data.Identity;

/// <summary>
/// One signed-in session, kept on the server (ASVS 5.0 V7.4.1, V7.5.2). The session cookie carries its id; a cookie
/// whose session row is gone — signed out, ended from another device or by an administrator, pushed out by the
/// per-account limit — is refused at its next request, even if someone copied it.
/// Its insert and delete are the audit trail's sign-in and sign-out rows; the last-seen time is bookkeeping.
/// </summary>
public sealed class UserSession
{
    public const int UserAgentMaxLength = 200;
    public const int ClientAddressMaxLength = 64;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public string UserId { get; init; } = string.Empty;
    public DateTime CreatedAtUtc { get; init; }
    public DateTime LastSeenAtUtc { get; set; }
    public string? ClientAddress { get; init; }
    public string? UserAgent { get; init; }
}
