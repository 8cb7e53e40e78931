using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Directives;
using SecurityPortal.Web.Authorization;

namespace SecurityPortal.Web.Pages.Directives;

/// <summary>The directives the user may see: the province's staff every one, an agency those sent to it with its own report's state.</summary>
public sealed class IndexModel(PortalDbContext db) : PageModel
{
    public sealed record Line(Directive Directive, int Recipients, int Reported, DirectiveReport? Own);

    public IReadOnlyList<Line> Lines { get; private set; } = [];
    public bool CanCreate => User.ManagesDirectives();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var directives = await db.Directives.AsNoTracking().VisibleTo(db, User).Include(d => d.Actions)
            .OrderBy(d => d.State == DirectiveState.Closed).ThenByDescending(d => d.IssuedOn).ThenByDescending(d => d.CreatedAtUtc)
            .Take(500).ToListAsync(cancellationToken);
        var ids = directives.Select(d => d.Id).ToList();
        var counts = await db.DirectiveReports.AsNoTracking().Where(r => ids.Contains(r.DirectiveId))
            .GroupBy(r => r.DirectiveId).Select(g => new { g.Key, All = g.Count(), Reported = g.Count(r => r.FirstSubmittedAtUtc != null) })
            .ToDictionaryAsync(g => g.Key, cancellationToken);
        var own = User.OfficerAgencyId() is { } agencyId
            ? await db.DirectiveReports.AsNoTracking().VisibleTo(User).Where(r => r.AgencyId == agencyId && ids.Contains(r.DirectiveId))
                .ToDictionaryAsync(r => r.DirectiveId, cancellationToken)
            : [];
        Lines = [.. directives.Select(d => new Line(d, counts.GetValueOrDefault(d.Id)?.All ?? 0, counts.GetValueOrDefault(d.Id)?.Reported ?? 0, own.GetValueOrDefault(d.Id)))];
    }
}
