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
/// The dossier wizard: five steps, each saved as a draft when the user moves on. The engine's answer, with its
/// citations, is shown beside every step and refreshed as facts are typed (<see cref="OnPostPreviewAsync"/>).
/// </summary>
public sealed class WizardModel(PortalDbContext db, ILogger<WizardModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Step { get; set; } = 1;

    [BindProperty]
    public DossierInput Input { get; set; } = new();

    [BindProperty]
    public Guid ConcurrencyStamp { get; set; }

    public LevelDossier Dossier { get; private set; } = null!;
    public InformationSystem System { get; private set; } = null!;
    public LevelResult Result { get; private set; } = null!;

    /// <summary>The questions of steps 2–3 that apply to these answers (<see cref="LevelEngine.Questions"/>); the others are not shown.</summary>
    public IReadOnlyList<Fact> Asked { get; private set; } = [];

    public bool Asks(Fact fact) => Asked.Contains(fact);
    public bool Conflict { get; private set; }

    /// <summary>Step 5: the requirements of the proposed level in the newest published catalog, which the security plan must answer.</summary>
    public IReadOnlyList<Domain.Catalog.CatalogRequirement> PlanRequirements { get; private set; } = [];

    public string? PlanCatalog { get; private set; }

    /// <summary>The sections the reviewer asked to change at the last return, by key: the comment shown beside the field, and whether it changed since.</summary>
    public IReadOnlyDictionary<string, (string? Comment, bool Changed)> Returned { get; private set; } = new Dictionary<string, (string?, bool)>();

    /// <summary>Whether a wizard step holds a section to change (its tab is marked).</summary>
    public bool StepHasReturned(int step) => step == DossierInput.StepCount
        ? Returned.Keys.Any(k => k.StartsWith(DossierSections.ContentKey(string.Empty), StringComparison.Ordinal))
        : Returned.ContainsKey(DossierSections.AnswersKey(step));

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        Input = DossierInput.From(Dossier);
        ConcurrencyStamp = Dossier.ConcurrencyStamp;
        Show(Dossier.Facts);
        if (Step == DossierInput.StepCount && (Dossier.ProposedLevel ?? Result.Level) is { } level)
        {
            var catalog = await db.CatalogVersions.AsNoTracking().Where(v => v.Status == Domain.Catalog.CatalogStatus.Published)
                .OrderByDescending(v => v.EffectiveDate).Include(v => v.Requirements).ThenInclude(r => r.Levels).AsSplitQuery()
                .FirstOrDefaultAsync(cancellationToken);
            PlanCatalog = catalog?.Code;
            PlanRequirements = catalog?.ApplicableTo(level).ToList() ?? [];
        }

        return Page();
    }

    /// <summary>Saves this step; "next" moves on, "finish" goes to the dossier with its checklist.</summary>
    public async Task<IActionResult> OnPostAsync(string? go, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        Result = Dossier.Evaluate();
        Asked = LevelEngine.Questions(Dossier.RuleSet, Input.FactsFor(Step, Dossier.RuleSet, Dossier.Facts));
        if (!ModelState.IsValid)
        {
            return Page();
        }

        if (Dossier.ConcurrencyStamp != ConcurrencyStamp)
        {
            Conflict = true;
            ConcurrencyStamp = Dossier.ConcurrencyStamp;
            ModelState.Remove(nameof(ConcurrencyStamp));
            return Page();
        }

        try
        {
            Input.ApplyStep(Step, Dossier);
            db.Entry(Dossier).Property(d => d.ConcurrencyStamp).OriginalValue = ConcurrencyStamp;
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            Result = Dossier.Evaluate();
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            Conflict = true;
            await LoadAsync(cancellationToken);
            ConcurrencyStamp = Dossier.ConcurrencyStamp;
            ModelState.Remove(nameof(ConcurrencyStamp));
            Result = Dossier.Evaluate();
            return Page();
        }

        logger.LogInformation("Dossier {DossierId} step {Step} saved", Dossier.Id, Step);
        TempData.Success($"Đã lưu bước «{DossierInput.StepTitle(Step)}».");
        return go switch
        {
            "next" when Step < DossierInput.StepCount => RedirectToPage(new { id = Id, step = Step + 1 }),
            "back" when Step > 1 => RedirectToPage(new { id = Id, step = Step - 1 }),
            "finish" => RedirectToPage("./Details", new { id = Id }),
            _ => RedirectToPage(new { id = Id, step = Step }),
        };
    }

    /// <summary>The engine's answer for the facts being typed, without saving: the live panel of steps 2–3.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        Show(Input.FactsFor(Step, Dossier.RuleSet, Dossier.Facts));
        return Partial("_WizardPreview", this);
    }

    private void Show(ClassificationFacts facts)
    {
        Result = LevelEngine.Evaluate(Dossier.RuleSet, facts);
        Asked = LevelEngine.Questions(Dossier.RuleSet, facts);
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        Step = Math.Clamp(Step, 1, DossierInput.StepCount);
        var dossier = await db.LevelDossiers.VisibleTo(db, User).Include(d => d.Attachments).Include(d => d.Reviews).AsSplitQuery()
            .FirstOrDefaultAsync(d => d.Id == Id, cancellationToken);
        var system = dossier is null ? null : await db.InformationSystems.FirstOrDefaultAsync(s => s.Id == dossier.SystemId, cancellationToken);
        if (dossier is null || system is null)
        {
            return NotFound();
        }

        if (!User.CanEdit(system))
        {
            return Forbid();
        }

        Dossier = dossier;
        System = system;
        Returned = dossier.ChangesSinceReturn().Where(c => c.Review?.NeedsChange == true)
            .ToDictionary(c => c.Key, c => (c.Review!.Comment, c.Change != SectionChange.Unchanged), StringComparer.Ordinal);
        if (!dossier.IsEditable)
        {
            TempData.Error($"Hồ sơ đang ở trạng thái «{dossier.State.Vietnamese()}»: không thể chỉnh sửa.");
            return RedirectToPage("./Details", new { id = Id });
        }

        return null;
    }
}
