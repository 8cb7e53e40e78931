using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Common;
using SecurityPortal.Web.Authorization;

namespace SecurityPortal.Web.Pages.Agencies;

/// <summary>The agency tree: depth-first under each parent, or a flat list of matches when searching.</summary>
public sealed class IndexModel(PortalDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "kind")]
    public AgencyKind? Kind { get; set; }

    [BindProperty(SupportsGet = true, Name = "inactive")]
    public bool IncludeInactive { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public bool CanManage => User.ManagesAgencies();

    public sealed record Row(Guid Id, string Code, string Name, AgencyKind Kind, bool IsActive, int Depth, int Systems);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var agencies = db.Agencies.AsNoTracking().VisibleTo(User);
        if (!IncludeInactive)
        {
            agencies = agencies.Where(a => a.IsActive);
        }

        var all = await agencies
            .Select(a => new
            {
                a.Id, a.Code, a.Name, a.Kind, a.IsActive, a.ParentId, a.SearchName,
                Systems = db.InformationSystems.Count(s => s.OwnerAgencyId == a.Id || s.OperatorAgencyId == a.Id),
            })
            .ToListAsync(cancellationToken);

        var term = SearchText.Normalize(Query);
        if (term.Length > 0 || Kind is not null)
        {
            Rows = all.Where(a => (term.Length == 0 || a.SearchName.Contains(term, StringComparison.Ordinal)) && (Kind is null || a.Kind == Kind))
                .OrderBy(a => a.Name, StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), ignoreCase: true))
                .Select(a => new Row(a.Id, a.Code, a.Name, a.Kind, a.IsActive, 0, a.Systems))
                .ToList();
            return;
        }

        var ids = all.Select(a => a.Id).ToHashSet();
        var children = all.ToLookup(a => a.ParentId is { } p && ids.Contains(p) ? p : (Guid?)null);
        var rows = new List<Row>();
        var order = StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), ignoreCase: true);
        void Walk(Guid? parent, int depth)
        {
            foreach (var a in children[parent].OrderBy(a => a.Name, order))
            {
                rows.Add(new Row(a.Id, a.Code, a.Name, a.Kind, a.IsActive, depth, a.Systems));
                Walk(a.Id, depth + 1);
            }
        }

        Walk(null, 0);
        Rows = rows;
    }
}
