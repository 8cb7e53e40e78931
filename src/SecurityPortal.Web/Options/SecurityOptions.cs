using System.ComponentModel.DataAnnotations;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Web.Options;

/// <summary>The <c>Security</c> configuration section; defaults follow ASVS 5.0 Level 2.</summary>
public sealed class SecurityOptions
{
    public const string SectionName = "Security";

    [Range(8, 128, ErrorMessage = "Security:PasswordMinLength phải từ 8 đến 128 ký tự.")]
    public int PasswordMinLength { get; set; } = 12;

    [Range(1, 100, ErrorMessage = "Security:LockoutMaxFailedAttempts phải từ 1 đến 100 lần.")]
    public int LockoutMaxFailedAttempts { get; set; } = 5;
    [Range(1, 1_440, ErrorMessage = "Security:LockoutMinutes phải từ 1 đến 1.440 phút.")]
    public int LockoutMinutes { get; set; } = 15;
    [Range(1, 1_440, ErrorMessage = "Security:IdleTimeoutMinutes phải từ 1 đến 1.440 phút.")]
    public int IdleTimeoutMinutes { get; set; } = 30;
    [Range(1, 168, ErrorMessage = "Security:AbsoluteTimeoutHours phải từ 1 đến 168 giờ.")]
    public int AbsoluteTimeoutHours { get; set; } = 12;

    /// <summary>
    /// Open sessions one account may hold at once (browsers, devices). A sign-in beyond it ends the session idle the
    /// longest, so the newest sign-in always works and a forgotten device does not lock its owner out (ASVS 5.0 V7.1.2).
    /// </summary>
    [Range(1, 100, ErrorMessage = "Security:MaxSessionsPerUser phải từ 1 đến 100 phiên.")]
    public int MaxSessionsPerUser { get; set; } = 5;

    /// <summary>
    /// Cookies are Secure and __Host- prefixed. Only a plain-HTTP development or browser-test run on
    /// loopback turns this off; ASP.NET's antiforgery refuses to issue Secure-only tokens over HTTP.
    /// </summary>
    public bool SecureCookiesOnly { get; set; } = true;

    /// <summary>«__Host-» on every cookie name when cookies are Secure: no subdomain can set or shadow them.</summary>
    public string CookiePrefix => SecureCookiesOnly ? "__Host-" : string.Empty;

    /// <summary>The interface language chosen by the user.</summary>
    public string CultureCookieName => CookiePrefix + "SecurityPortal.Culture";

    /// <summary>
    /// Every account must use an authenticator app, whatever its roles (ASVS 5.0 V6.3.3): agency officers hold their agencies'
    /// weaknesses too. Unset, it is on in Production and off elsewhere (<see cref="ResolveDefaults"/>); a deployment that must
    /// phase two-factor in sets it to false, and then only <see cref="TwoFactorRequiredRoles"/> (and flagged accounts) must.
    /// </summary>
    public bool? TwoFactorForEveryRole { get; set; }

    /// <summary>Roles whose members must use an authenticator app when <see cref="TwoFactorForEveryRole"/> is off (a phased deployment).</summary>
    public string[] TwoFactorRequiredRoles { get; set; } = [PortalRoles.Administrator, PortalRoles.ProvincialReviewer];

    /// <summary>
    /// Off only for the Development demo. (An empty TwoFactorRequiredRoles in an environment file cannot switch the roles
    /// off: .NET configuration ignores empty arrays, so the base file's roles would stay.)
    /// </summary>
    public bool EnforceTwoFactorForRoles { get; set; } = true;

    /// <summary>
    /// An offline breached-password corpus chosen by the operator (ASVS 5.0 V6.2.12): a text file with one password, or one
    /// SHA-1 hash in hexadecimal (optionally followed by «:count», as breach corpora are published), per line. Empty: none.
    /// </summary>
    public string BreachedPasswordsFile { get; set; } = string.Empty;

    /// <summary>Whether one of the user's roles must use two-factor authentication.</summary>
    public bool RoleRequiresTwoFactor(System.Security.Claims.ClaimsPrincipal user) =>
        EnforceTwoFactorForRoles && (TwoFactorForEveryRole == true || TwoFactorRequiredRoles.Any(user.IsInRole));

    /// <summary>The defaults that depend on the environment: two-factor for every role in Production unless configured.</summary>
    public void ResolveDefaults(string environmentName) =>
        TwoFactorForEveryRole ??= string.Equals(environmentName, "Production", StringComparison.Ordinal);
}
