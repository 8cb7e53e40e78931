using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Assessments;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Dossiers;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Web.Authorization;
using SecurityPortal.Web.Reporting;

namespace SecurityPortal.Web.Pages.Dashboard;

/// <summary>
/// One agency's page: the same headline figures for that agency only, its systems, and what is overdue. Provincial
/// roles open any agency; an officer only their own (another agency answers 404).
/// </summary>
public sealed class AgencyModel(PortalDbContext db, ComplianceFigures figures, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public FigureSet Set { get; private set; } = null!;
    public AgencyFigures Figures => Set.Agencies.Count == 1 ? Set.Agencies[0] : Set.Total;
    public string? ParentName { get; private set; }
    public IReadOnlyList<SystemRow> Systems { get; private set; } = [];
    public IReadOnlyList<OverdueTask> OverdueTasks { get; private set; } = [];
    public IReadOnlyList<OverdueDossier> OverdueDossiers { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public sealed record SystemRow(Guid Id, string Name, int? ApprovedLevel, PlanDeployment? Deployment, decimal? Score, int OpenTasks);

    public sealed record OverdueTask(Guid Id, string Title, string SystemName, DateOnly DueDate);

    public sealed record OverdueDossier(Guid Id, string SystemName, DossierState State, DateOnly? DueDate, DeadlineBasis? Basis);

    public WebsiteFigures? Websites { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!User.CanSeeAgency(Id))
        {
            return NotFound();
        }

        var agency = await db.Agencies.AsNoTracking().Where(a => a.Id == Id && a.IsActive).Select(a => new { a.ParentId }).FirstOrDefaultAsync(cancellationToken);
        if (agency is null)
        {
            return NotFound();
        }

        Today = VietnamTime.Today(clock);
        Set = await figures.ComputeAsync(new FigureFilter(AgencyId: Id), cancellationToken);
        Websites = await WebsiteFigures.ForFilterAsync(db, new FigureFilter(AgencyId: Id), clock.GetUtcNow().UtcDateTime, cancellationToken);
        ParentName = agency.ParentId is { } parent ? await db.Agencies.Where(a => a.Id == parent).Select(a => a.Name).FirstOrDefaultAsync(cancellationToken) : null;

        var cycle = Set.Cycle;
        var today = Today;
        Systems = await db.InformationSystems.AsNoTracking()
            .Where(s => s.OwnerAgencyId == Id && s.Lifecycle == LifecycleStatus.Operating)
            .OrderBy(s => s.Name)
            .Select(s => new SystemRow(
                s.Id, s.Name, s.ApprovedLevel,
                db.Assessments.Where(a => a.SystemId == s.Id && a.Cycle == cycle).Select(a => a.FiledDeployment).FirstOrDefault(),
                db.Assessments.Where(a => a.SystemId == s.Id && a.Cycle == cycle).Select(a => a.FiledScore).FirstOrDefault(),
                db.RemediationTasks.Count(t => t.SystemId == s.Id && t.Status != RemediationStatus.Verified && t.Status != RemediationStatus.Cancelled)))
            .ToListAsync(cancellationToken);
        OverdueTasks = await (from t in db.RemediationTasks.AsNoTracking()
                              join s in db.InformationSystems on t.SystemId equals s.Id
                              where s.OwnerAgencyId == Id && t.DueDate < today && RemediationTask.ToWorkOn.Contains(t.Status)
                              orderby t.DueDate
                              select new OverdueTask(t.Id, t.Title, s.Name, t.DueDate)).Take(100).ToListAsync(cancellationToken);
        OverdueDossiers = (await (from d in db.LevelDossiers.AsNoTracking()
                                  join s in db.InformationSystems on d.SystemId equals s.Id
                                  where s.OwnerAgencyId == Id && (d.State == DossierState.Submitted || d.State == DossierState.UnderAppraisal || d.State == DossierState.AwaitingApproval)
                                  select new { d.Id, s.Name, d.State, d.CompletenessDue, d.AppraisalDue, d.ApprovalDue, d.RuleSet, d.ProposedLevel }).ToListAsync(cancellationToken))
            .Select(d => new OverdueDossier(d.Id, d.Name, d.State, LevelDossier.StepDue(d.State, d.CompletenessDue, d.AppraisalDue, d.ApprovalDue),
                DossierRoute.Basis(d.RuleSet, d.ProposedLevel, d.State)))
            .Where(d => d.DueDate < today)
            .ToList();
        return Page();
    }
}
