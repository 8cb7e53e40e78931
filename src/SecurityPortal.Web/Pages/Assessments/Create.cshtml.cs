using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Assessments;
using SecurityPortal.Domain.Catalog;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Dossiers;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Web.Authorization;
using SecurityPortal.Web.Infrastructure;

namespace SecurityPortal.Web.Pages.Assessments;

/// <summary>
/// Starts the self-assessment of a system for a cycle, on a published catalog version, at the approved level —
/// or, until one is approved, at the level proposed in the system's latest dossier (shown as such).
/// </summary>
public sealed class CreateModel(PortalDbContext db, TimeProvider clock, ILogger<CreateModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid SystemId { get; set; }

    [BindProperty]
    [Display(Name = "Năm đánh giá")]
    public int Cycle { get; set; }

    [BindProperty]
    [Display(Name = "Danh mục yêu cầu")]
    public string? CatalogCode { get; set; }

    [BindProperty]
    [Display(Name = "Tiếp nối từ bản tự đánh giá đã được chấp nhận gần nhất")]
    public bool CarryForward { get; set; } = true;

    /// <summary>The last accepted assessment of the system, which a new cycle can start from.</summary>
    public (Guid Id, int Cycle)? Previous { get; private set; }

    public InformationSystem System { get; private set; } = null!;
    public int? Level { get; private set; }
    public bool LevelIsApproved { get; private set; }
    public IReadOnlyList<SelectListItem> Catalogs { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        Cycle = VietnamTime.Today(clock).Year;
        CatalogCode = Catalogs.Count > 0 ? Catalogs[0].Value : null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        var existing = await db.Assessments.AsNoTracking().Where(a => a.SystemId == SystemId && a.Cycle == Cycle).Select(a => (Guid?)a.Id).FirstOrDefaultAsync(cancellationToken);
        if (existing is { } id)
        {
            TempData.Error($"Hệ thống đã có bản tự đánh giá năm {Cycle}: tiếp tục bản đó.");
            return RedirectToPage("./Details", new { id });
        }

        var catalog = await db.CatalogVersions.Include(v => v.Requirements).ThenInclude(r => r.Levels).AsSplitQuery()
            .FirstOrDefaultAsync(v => v.Code == CatalogCode && v.Status == CatalogStatus.Published, cancellationToken);
        if (catalog is null)
        {
            ModelState.AddModelError(nameof(CatalogCode), "Hãy chọn một danh mục đã công bố.");
            return Page();
        }

        try
        {
            var userId = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
            var now = clock.GetUtcNow().UtcDateTime;
            Assessment assessment;
            if (CarryForward && Previous is { } previousRef)
            {
                var previous = await db.Assessments.AsNoTracking().Include(a => a.Items).Include(a => a.Evidence).AsSplitQuery()
                    .SingleAsync(a => a.Id == previousRef.Id, cancellationToken);
                var previousCatalog = previous.CatalogVersionId == catalog.Id
                    ? catalog
                    : await db.CatalogVersions.AsNoTracking().Include(v => v.Requirements).ThenInclude(r => r.Levels).AsSplitQuery()
                        .SingleAsync(v => v.Id == previous.CatalogVersionId, cancellationToken);
                assessment = Assessment.CarryForward(previous, previousCatalog, System, catalog, Cycle, Level ?? 0, LevelIsApproved, userId, now);
            }
            else
            {
                assessment = Assessment.Start(System, catalog, Cycle, Level ?? 0, LevelIsApproved, userId, now);
            }

            db.Assessments.Add(assessment);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Assessment {AssessmentId} started for system {SystemId}, cycle {Cycle}", assessment.Id, SystemId, Cycle);
            TempData.Success($"Đã tạo bản tự đánh giá năm {Cycle} với {assessment.Items.Count} yêu cầu của cấp độ {assessment.Level}.");
            return RedirectToPage("./Details", new { id = assessment.Id });
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            return Page();
        }
        catch (DbUpdateException ex) when (DbErrors.IsUniqueViolation(ex))
        {
            TempData.Error($"Hệ thống đã có bản tự đánh giá năm {Cycle}.");
            return RedirectToPage("./Index");
        }
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        var system = await db.InformationSystems.AsNoTracking().VisibleTo(User).FirstOrDefaultAsync(s => s.Id == SystemId, cancellationToken);
        if (system is null)
        {
            return NotFound();
        }

        if (!User.CanEdit(system))
        {
            return Forbid();
        }

        System = system;
        (Level, LevelIsApproved) = system.ApprovedLevel is { } approved
            ? (approved, true)
            : (await db.LevelDossiers.AsNoTracking().Where(d => d.SystemId == system.Id && d.ProposedLevel != null && d.State != DossierState.Rejected)
                .OrderByDescending(d => d.CreatedAtUtc).Select(d => d.ProposedLevel).FirstOrDefaultAsync(cancellationToken), false);
        var previousAccepted = await db.Assessments.AsNoTracking()
            .Where(a => a.SystemId == system.Id && a.State == AssessmentState.Accepted)
            .OrderByDescending(a => a.Cycle).Select(a => new { a.Id, a.Cycle }).FirstOrDefaultAsync(cancellationToken);
        Previous = previousAccepted is null ? null : (previousAccepted.Id, previousAccepted.Cycle);
        Catalogs = await db.CatalogVersions.AsNoTracking().Where(v => v.Status == CatalogStatus.Published)
            .OrderByDescending(v => v.EffectiveDate)
            .Select(v => new SelectListItem(v.Code + " — " + v.Title, v.Code)).ToListAsync(cancellationToken);
        return null;
    }
}
