using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Incidents;
using SecurityPortal.Web.Authorization;

namespace SecurityPortal.Web.Pages.Incidents;

/// <summary>Incidents the user may see, open ones first, each with its most pressing clock.</summary>
public sealed class IndexModel(PortalDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<Incident> Incidents { get; private set; } = [];
    public IReadOnlyDictionary<Guid, string> Agencies { get; private set; } = new Dictionary<Guid, string>();
    public DateTime NowUtc { get; private set; }
    public bool CanReport => User.CanRegisterSystems();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        NowUtc = clock.GetUtcNow().UtcDateTime;
        Incidents = await db.Incidents.AsNoTracking().VisibleTo(User)
            .OrderBy(i => i.Status == IncidentStatus.Closed).ThenByDescending(i => i.DetectedAtUtc)
            .Take(500).ToListAsync(cancellationToken);
        var ids = Incidents.Select(i => i.AgencyId).Distinct().ToList();
        Agencies = await db.Agencies.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
    }
}
