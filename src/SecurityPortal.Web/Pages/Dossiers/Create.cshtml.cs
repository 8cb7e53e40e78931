using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Classification;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Dossiers;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Web.Authorization;
using SecurityPortal.Web.Infrastructure;

namespace SecurityPortal.Web.Pages.Dossiers;

/// <summary>
/// Starts a dossier for a system (a first determination or a re-determination, Art. 18 / Art. 25). A system has
/// at most one open dossier; earlier ones stay as history.
/// </summary>
public sealed class CreateModel(PortalDbContext db, TimeProvider clock, ILogger<CreateModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid SystemId { get; set; }

    [BindProperty]
    [Display(Name = "Ngày bắt đầu đầu tư hệ thống (nếu có)")]
    public DateOnly? InvestmentStarted { get; set; }

    public InformationSystem System { get; private set; } = null!;
    public RuleSet DefaultRuleSet { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        return await OpenDossierAsync(cancellationToken) is { } open ? RedirectToOpen(open) : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        if (await OpenDossierAsync(cancellationToken) is { } open)
        {
            return RedirectToOpen(open);
        }

        var today = VietnamTime.Today(clock);
        if (InvestmentStarted > today)
        {
            ModelState.AddModelError(nameof(InvestmentStarted), $"Ngày bắt đầu đầu tư ({InvestmentStarted:dd/MM/yyyy}) không được sau ngày hôm nay.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var dossier = LevelDossier.Start(System, User.ActorFor(System), today, clock.GetUtcNow().UtcDateTime, InvestmentStarted);
            db.LevelDossiers.Add(dossier);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Dossier {DossierId} started for system {SystemId}", dossier.Id, System.Id);
            TempData.Success($"Đã lập hồ sơ, áp dụng {dossier.RuleSet.Citation()}. Các thông tin đã có trong hồ sơ hệ thống được điền sẵn.");
            return RedirectToPage("./Wizard", new { id = dossier.Id, step = 1 });
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            return Page();
        }
    }

    private RedirectToPageResult RedirectToOpen(Guid open)
    {
        TempData.Error("Hệ thống này đã có một hồ sơ đang xử lý: tiếp tục hồ sơ đó.");
        return RedirectToPage("./Details", new { id = open });
    }

    private async Task<Guid?> OpenDossierAsync(CancellationToken cancellationToken) =>
        await db.LevelDossiers.AsNoTracking()
            .Where(d => d.SystemId == SystemId && d.State != DossierState.Approved && d.State != DossierState.Rejected)
            .Select(d => (Guid?)d.Id)
            .FirstOrDefaultAsync(cancellationToken);

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
        DefaultRuleSet = LevelEngine.DefaultRuleSet(VietnamTime.Today(clock), InvestmentStarted);
        return null;
    }
}
