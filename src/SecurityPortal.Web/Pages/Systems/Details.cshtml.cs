using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Web.AuditTrail;
using SecurityPortal.Web.Authorization;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Web.Pages.Systems;

public sealed class DetailsModel(PortalDbContext db, ChangeDescriber changes, RegistryOptions registry, TimeProvider clock, ILogger<DetailsModel> logger) : PageModel
{
    public const int HistoryRows = 50;

    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public InformationSystem System { get; private set; } = null!;
    public string OwnerName { get; private set; } = string.Empty;
    public string OperatorName { get; private set; } = string.Empty;
    public bool CanEdit { get; private set; }
    public DateOnly Today { get; private set; }
    public int MaxDaysSincePatch => registry.MaxDaysSincePatch;
    public IReadOnlyList<ChangeRow> History { get; private set; } = [];

    public sealed record DossierRow(Guid Id, DateOnly CreatedOn, Domain.Dossiers.DossierState State, int? ProposedLevel);

    public IReadOnlyList<DossierRow> Dossiers { get; private set; } = [];
    public sealed record AssessmentRow(Guid Id, int Cycle, Domain.Assessments.AssessmentState State, int Level);

    public IReadOnlyList<AssessmentRow> Assessments { get; private set; } = [];
    public sealed record WatchRow(Guid Id, string Url, Domain.Websites.SiteHealth Health);

    public IReadOnlyList<WatchRow> Watches { get; private set; } = [];

    public bool HasOpenDossier => Dossiers.Any(d => d.State is not (Domain.Dossiers.DossierState.Approved or Domain.Dossiers.DossierState.Rejected));

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var system = await db.InformationSystems.AsNoTracking().VisibleTo(User)
            .Include(s => s.Endpoints).Include(s => s.Components)
            .AsSplitQuery()
            .FirstOrDefaultAsync(s => s.Id == Id, cancellationToken);
        if (system is null)
        {
            return NotFound();
        }

        System = system;
        Today = VietnamTime.Today(clock);
        CanEdit = User.CanEdit(system);
        var names = await db.Agencies.AsNoTracking()
            .Where(a => a.Id == system.OwnerAgencyId || a.Id == system.OperatorAgencyId)
            .ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        OwnerName = names.GetValueOrDefault(system.OwnerAgencyId, string.Empty);
        OperatorName = names.GetValueOrDefault(system.OperatorAgencyId, string.Empty);
        Dossiers = await db.LevelDossiers.AsNoTracking().Where(d => d.SystemId == system.Id)
            .OrderByDescending(d => d.CreatedAtUtc)
            .Select(d => new DossierRow(d.Id, d.CreatedOn, d.State, d.ProposedLevel))
            .ToListAsync(cancellationToken);
        Assessments = await db.Assessments.AsNoTracking().Where(a => a.SystemId == system.Id)
            .OrderByDescending(a => a.Cycle)
            .Select(a => new AssessmentRow(a.Id, a.Cycle, a.State, a.Level))
            .ToListAsync(cancellationToken);
        Watches = await db.WatchedWebsites.AsNoTracking().Where(w => w.SystemId == system.Id && w.Active)
            .Select(w => new WatchRow(w.Id, w.Url, w.Health)).ToListAsync(cancellationToken);
        History = await changes.HistoryOfAsync(system.Id, HistoryRows, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDecommissionAsync(CancellationToken cancellationToken)
    {
        var system = await db.InformationSystems.VisibleTo(User).FirstOrDefaultAsync(s => s.Id == Id, cancellationToken);
        if (system is null)
        {
            return NotFound();
        }

        if (!User.CanEdit(system))
        {
            return Forbid();
        }

        try
        {
            system.Decommission();
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainException ex)
        {
            TempData.Error(ex.Message);
            return RedirectToPage(new { id = Id });
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData.Error("Hệ thống vừa được người khác thay đổi; chưa chuyển sang ngừng sử dụng. Hãy xem lại rồi thực hiện lại.");
            return RedirectToPage(new { id = Id });
        }

        logger.LogInformation("System {SystemId} decommissioned", system.Id);
        TempData.Success("Đã chuyển hệ thống sang trạng thái ngừng sử dụng. Dữ liệu và lịch sử vẫn được giữ nguyên.");
        return RedirectToPage(new { id = Id });
    }
}
