using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;

namespace SecurityPortal.Web.Registry;

/// <summary>The active agencies as choices for a drop-down (user, system and agency forms).</summary>
public static class AgencyChoices
{
    /// <summary>
    /// The agencies a user may name on a system: every active agency for provincial staff; for an officer,
    /// their own agency and the agencies above it (a unit's owner is usually its parent), plus whatever the
    /// system already names. Officers never see the whole province in a drop-down.
    /// </summary>
    public static async Task<List<SelectListItem>> ForSystemAsync(
        PortalDbContext db, System.Security.Claims.ClaimsPrincipal user, IEnumerable<Guid> current, CancellationToken cancellationToken)
    {
        if (Authorization.AgencyScope.ManagesAgencies(user))
        {
            return await ActiveAsync(db, cancellationToken);
        }

        var allowed = (await AllowedForOfficerAsync(db, user, cancellationToken)).Concat(current).ToHashSet();
        return await db.Agencies.AsNoTracking().Where(a => allowed.Contains(a.Id)).OrderBy(a => a.Name)
            .Select(a => new SelectListItem(a.Name, a.Id.ToString()))
            .ToListAsync(cancellationToken);
    }

    /// <summary>An officer's own agency and its ancestors.</summary>
    public static async Task<HashSet<Guid>> AllowedForOfficerAsync(PortalDbContext db, System.Security.Claims.ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var result = new HashSet<Guid>();
        if (Authorization.AgencyScope.OfficerAgencyId(user) is not { } own)
        {
            return result;
        }

        var parentOf = await AgencyHierarchy.ParentMapAsync(db, cancellationToken);
        for (Guid? id = own; id is { } current && result.Add(current); id = parentOf.GetValueOrDefault(current))
        {
        }

        return result;
    }

    /// <summary>Every active agency by name; ids formatted here (SQLite would give them in capitals), as pages compare them.</summary>
    public static async Task<List<SelectListItem>> ActiveAsync(PortalDbContext db, CancellationToken cancellationToken) =>
        (await db.Agencies.AsNoTracking().Where(a => a.IsActive).OrderBy(a => a.Name)
            .Select(a => new { a.Id, a.Name })
            .ToListAsync(cancellationToken))
        .Select(a => new SelectListItem(a.Name, a.Id.ToString()))
        .ToList();
}
