using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Web.Authorization;

namespace SecurityPortal.Web.Imports;

/// <summary>Who may import an SBOM into a system: an officer of the agency that owns it. Anyone else gets 404 (the pages and the API alike).</summary>
public static class SbomAccess
{
    public static bool MayImportSbom(this ClaimsPrincipal user, InformationSystem system) =>
        user.OfficerAgencyId() is { } agencyId && agencyId == system.OwnerAgencyId;

    public static async Task<InformationSystem?> LoadForSbomAsync(this PortalDbContext db, ClaimsPrincipal user, Guid systemId, CancellationToken cancellationToken)
    {
        var system = await db.InformationSystems.VisibleTo(user).Include(s => s.Components).FirstOrDefaultAsync(s => s.Id == systemId, cancellationToken);
        return system is not null && user.MayImportSbom(system) ? system : null;
    }
}

