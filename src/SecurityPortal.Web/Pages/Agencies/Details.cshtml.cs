using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Web.AuditTrail;
using SecurityPortal.Web.Authorization;

namespace SecurityPortal.Web.Pages.Agencies;

public sealed class DetailsModel(PortalDbContext db, ChangeDescriber changes) : PageModel
{
    public const int HistoryRows = 50;

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public Agency Agency { get; private set; } = null!;
    public string? ParentName { get; private set; }
    public (Guid Id, string Name)? MergedInto { get; private set; }
    public (Guid Id, string Name)? SecurityUnit { get; private set; }
    public IReadOnlyList<(Guid Id, string Name, bool IsActive)> Children { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Code, string Name, LifecycleStatus Lifecycle, int? Level)> Systems { get; private set; } = [];
    public IReadOnlyList<(string FullName, string? Email, bool IsActive)> Users { get; private set; } = [];
    public IReadOnlyList<ChangeRow> History { get; private set; } = [];
    public bool CanManage => User.ManagesAgencies();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var agency = await db.Agencies.AsNoTracking().VisibleTo(User).FirstOrDefaultAsync(a => a.Id == Id, cancellationToken);
        if (agency is null)
        {
            return NotFound();
        }

        Agency = agency;
        ParentName = agency.ParentId is { } parentId
            ? await db.Agencies.Where(a => a.Id == parentId).Select(a => a.Name).FirstOrDefaultAsync(cancellationToken)
            : null;
        if (agency.MergedIntoId is { } targetId)
        {
            MergedInto = (targetId, await db.Agencies.Where(a => a.Id == targetId).Select(a => a.Name).FirstAsync(cancellationToken));
        }

        if (agency.SecurityUnitId is { } unitId)
        {
            SecurityUnit = (unitId, await db.Agencies.Where(a => a.Id == unitId).Select(a => a.Name).FirstAsync(cancellationToken));
        }

        Children = (await db.Agencies.AsNoTracking().Where(a => a.ParentId == Id).OrderBy(a => a.Name)
            .Select(a => new { a.Id, a.Name, a.IsActive }).ToListAsync(cancellationToken))
            .Select(a => (a.Id, a.Name, a.IsActive)).ToList();
        Systems = (await db.InformationSystems.AsNoTracking().VisibleTo(User)
            .Where(s => s.OwnerAgencyId == Id || s.OperatorAgencyId == Id).OrderBy(s => s.Name)
            .Select(s => new { s.Id, s.Code, s.Name, s.Lifecycle, s.ApprovedLevel }).ToListAsync(cancellationToken))
            .Select(s => (s.Id, s.Code, s.Name, s.Lifecycle, s.ApprovedLevel)).ToList();
        Users = (await db.Users.AsNoTracking().Where(u => u.AgencyId == Id).OrderBy(u => u.FullName)
            .Select(u => new { u.FullName, u.Email, u.IsActive }).ToListAsync(cancellationToken))
            .Select(u => (u.FullName, u.Email, u.IsActive)).ToList();
        History = await changes.HistoryOfAsync(agency.Id, HistoryRows, cancellationToken);
        return Page();
    }
}
