using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;

namespace SecurityPortal.Web.Registry;

/// <summary>The agencies' hierarchy, read whole (the agency forms check for cycles, the system form walks up from an officer's agency).</summary>
public static class AgencyHierarchy
{
    /// <summary>Every agency's parent, by agency id.</summary>
    public static Task<Dictionary<Guid, Guid?>> ParentMapAsync(PortalDbContext db, CancellationToken cancellationToken) =>
        db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, a => a.ParentId, cancellationToken);
}
