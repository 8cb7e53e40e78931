using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;

namespace SecurityPortal.Web.Pages.Agencies;

/// <summary>The active agencies as choices for a drop-down (user, system and agency forms).</summary>
public static class AgencyChoices
{
    public static async Task<List<SelectListItem>> ActiveAsync(PortalDbContext db, CancellationToken cancellationToken) =>
        await db.Agencies.AsNoTracking().Where(a => a.IsActive).OrderBy(a => a.Name)
            .Select(a => new SelectListItem(a.Name, a.Id.ToString()))
            .ToListAsync(cancellationToken);
}
