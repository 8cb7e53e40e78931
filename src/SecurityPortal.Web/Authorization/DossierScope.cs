using System.Security.Claims;
using SecurityPortal.Domain.Dossiers;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Web.Infrastructure.Identity;

namespace SecurityPortal.Web.Authorization;

/// <summary>The level dossier's rules: the workflow's actor for one system (reviewer, owner's officer).</summary>
public static class DossierScope
{
    /// <summary>The user as the dossier workflow sees them, for one system.</summary>
    public static DossierActor ActorFor(this ClaimsPrincipal user, InformationSystem system) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty,
        user.DisplayName(),
        user.IsProvincialReviewer(),
        user.OfficerAgencyId() is { } agencyId && agencyId == system.OwnerAgencyId);
}
