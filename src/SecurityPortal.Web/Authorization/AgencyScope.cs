using System.Security.Claims;
using SecurityPortal.Data;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Web.Infrastructure.Identity;

namespace SecurityPortal.Web.Authorization;

/// <summary>
/// Which agencies' records a user may see. Every list and every record lookup goes through these
/// extensions, so an officer of another agency gets "not found" rather than a forbidden record.
/// </summary>
public static class AgencyScope
{
    /// <summary>Provincial roles see every agency; officers see their own.</summary>
    public static bool SeesAllAgencies(this ClaimsPrincipal user) =>
        user.IsInRole(PortalRoles.Administrator) || user.IsInRole(PortalRoles.ProvincialReviewer)
        || user.IsInRole(PortalRoles.Leadership) || user.IsInRole(PortalRoles.Auditor);

    /// <summary>Only reviewers and administrators change the agency registry.</summary>
    public static bool ManagesAgencies(this ClaimsPrincipal user) => user.IsProvincialStaff();

    /// <summary>One agency's own pages (its dashboard): the provincial roles, or that agency's officers; others get "not found".</summary>
    public static bool CanSeeAgency(this ClaimsPrincipal user, Guid agencyId) => user.SeesAllAgencies() || user.OfficerAgencyId() == agencyId;

    /// <summary>The agency an officer acts for; null for users who are not agency officers.</summary>
    public static Guid? OfficerAgencyId(this ClaimsPrincipal user) =>
        user.IsInRole(PortalRoles.AgencyOfficer) ? user.GetAgencyId() : null;

    public static IQueryable<InformationSystem> VisibleTo(this IQueryable<InformationSystem> systems, ClaimsPrincipal user)
    {
        if (user.SeesAllAgencies())
        {
            return systems;
        }

        var agencyId = user.OfficerAgencyId();
        return agencyId is null
            ? systems.Where(_ => false)
            : systems.Where(s => s.OwnerAgencyId == agencyId || s.OperatorAgencyId == agencyId);
    }

    public static IQueryable<Agency> VisibleTo(this IQueryable<Agency> agencies, ClaimsPrincipal user)
    {
        if (user.SeesAllAgencies())
        {
            return agencies;
        }

        var agencyId = user.OfficerAgencyId();
        return agencyId is null ? agencies.Where(_ => false) : agencies.Where(a => a.Id == agencyId);
    }

    /// <summary>A dossier or an assessment is visible to whoever may see its system; another agency's answers "not found".</summary>
    public static IQueryable<T> VisibleTo<T>(this IQueryable<T> records, PortalDbContext db, ClaimsPrincipal user)
        where T : class, IBelongsToSystem
    {
        if (user.SeesAllAgencies())
        {
            return records;
        }

        var systems = db.InformationSystems.VisibleTo(user).Select(s => s.Id);
        return records.Where(d => systems.Contains(d.SystemId));
    }

    /// <summary>Reviewers and administrators edit any system; an officer edits the systems their agency owns or operates.</summary>
    public static bool CanEdit(this ClaimsPrincipal user, InformationSystem system) =>
        user.MayHoldSystem(system.OwnerAgencyId, system.OperatorAgencyId);

    /// <summary>
    /// Whether the user may register or keep a system with this owner and operator: reviewers and administrators any;
    /// an officer only one their agency owns or operates.
    /// </summary>
    public static bool MayHoldSystem(this ClaimsPrincipal user, Guid? ownerAgencyId, Guid? operatorAgencyId) =>
        user.ManagesAgencies() || (user.OfficerAgencyId() is { } agencyId && (ownerAgencyId == agencyId || operatorAgencyId == agencyId));

    /// <summary>Who may register systems at all.</summary>
    public static bool CanRegisterSystems(this ClaimsPrincipal user) => user.ManagesAgencies() || user.OfficerAgencyId() is not null;
}
