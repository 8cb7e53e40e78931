using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Data.Imports;
using SecurityPortal.Web.Imports;
using SecurityPortal.Web.Infrastructure;

namespace SecurityPortal.Web.Pages.Imports;

/// <summary>Step 2: what the file would do, every problem by sheet, row and column; confirm applies it at once.</summary>
public sealed class PreviewModel(PortalDbContext db, TimeProvider clock, ILogger<PreviewModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public ImportKind Kind { get; private set; }
    public string FileName { get; private set; } = string.Empty;
    public ImportOutcome Outcome { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var draft = await LoadAsync(cancellationToken);
        if (draft is null)
        {
            return NotFound();
        }

        Kind = draft.Kind;
        FileName = draft.FileName;
        Outcome = await RegistryImport.RunAsync(db, draft.Kind, draft.Content, clock, apply: false, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var draft = await LoadAsync(cancellationToken);
        if (draft is null)
        {
            // Already applied (a double click, a refresh) or never this user's: nothing more to do.
            TempData.Error("Bản nhập này không còn (đã được áp dụng hoặc đã hết hạn). Kiểm tra danh sách trước khi tải lên lại.");
            return RedirectToPage("./Index");
        }

        Kind = draft.Kind;
        FileName = draft.FileName;
        db.ImportDrafts.Remove(draft);
        try
        {
            Outcome = await RegistryImport.RunAsync(db, draft.Kind, draft.Content, clock, apply: true, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A second confirmation racing the first (two tabs, a double click): the first one won and this one
            // rolled back whole, draft deletion included.
            TempData.Error("Bản nhập này vừa được áp dụng ở một cửa sổ khác. Kiểm tra danh sách trước khi tải lên lại.");
            return RedirectToPage("./Index");
        }

        if (!Outcome.CanApply)
        {
            return Page();
        }

        logger.LogInformation("Import draft {DraftId} applied: {Created} created, {Updated} updated", Id, Outcome.Created, Outcome.Updated);
        TempData.Success($"Đã nhập xong: {Outcome.Created} bản ghi mới, {Outcome.Updated} bản ghi được cập nhật.");
        return RedirectToPage(Kind == ImportKind.Agencies ? "/Agencies/Index" : "/Systems/Index");
    }

    /// <summary>A draft is visible to the user who uploaded it only; anyone else gets 404, and so does a calendar draft (Admin/Calendar/Import) or an SBOM (Systems/SbomPreview).</summary>
    private Task<ImportDraft?> LoadAsync(CancellationToken cancellationToken)
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        return db.ImportDrafts.FirstOrDefaultAsync(d => d.Id == Id && d.UserId == userId && (d.Kind == ImportKind.Agencies || d.Kind == ImportKind.Systems), cancellationToken);
    }
}
