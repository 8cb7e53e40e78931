using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SecurityPortal.Data.Identity;

namespace SecurityPortal.Web.Infrastructure.Identity;

/// <summary>Claim types the portal adds to the signed-in principal; refreshed on every request.</summary>
public static class PortalClaims
{
    public const string FullName = "portal:full_name";
    public const string AgencyId = "portal:agency_id";
    public const string TwoFactorEnabled = "portal:2fa_enabled";
    public const string RequireTwoFactor = "portal:2fa_required";
    public const string MustChangePassword = "portal:must_change_password";

    public static Guid? GetAgencyId(this ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(AgencyId), out var id) ? id : null;

    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(FullName) is { Length: > 0 } name ? name : user.Identity?.Name ?? string.Empty;
}

public sealed class PortalClaimsPrincipalFactory(
    UserManager<PortalUser> userManager, RoleManager<IdentityRole> roleManager, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<PortalUser, IdentityRole>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(PortalUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(PortalClaims.FullName, user.FullName));
        if (user.AgencyId is { } agencyId)
        {
            identity.AddClaim(new Claim(PortalClaims.AgencyId, agencyId.ToString()));
        }

        identity.AddClaim(new Claim(PortalClaims.TwoFactorEnabled, user.TwoFactorEnabled ? "true" : "false"));
        identity.AddClaim(new Claim(PortalClaims.RequireTwoFactor, user.RequireTwoFactor ? "true" : "false"));
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(PortalClaims.MustChangePassword, "true"));
        }
        return identity;
    }
}
