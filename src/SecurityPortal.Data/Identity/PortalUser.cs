using Microsoft.AspNetCore.Identity;
using SecurityPortal.Domain.Agencies;

namespace SecurityPortal.Data.Identity;

/// <summary>A portal account. Accounts are created by an administrator; there is no self-registration.</summary>
public sealed class PortalUser : IdentityUser
{
    public const int FullNameMaxLength = 200;

    public string FullName { get; set; } = string.Empty;
    public Guid? AgencyId { get; set; }
    public Agency? Agency { get; set; }
    public string? Position { get; set; }
    public bool IsActive { get; set; } = true;

    /// <summary>Set by an administrator: the user must enrol an authenticator before using the portal.</summary>
    public bool RequireTwoFactor { get; set; }

    /// <summary>The last TOTP time step accepted, so a code cannot be replayed (ASVS V6.5.1).</summary>
    public long? LastTotpTimeStep { get; set; }

    /// <summary>
    /// The password was set by an administrator (a new account, a reset): the user must choose their own before using
    /// the portal, so a temporary password never becomes the long-term one (ASVS 5.0 V6.4.1).
    /// </summary>
    public bool MustChangePassword { get; set; }
}
