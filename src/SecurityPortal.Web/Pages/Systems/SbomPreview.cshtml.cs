using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Data.Imports;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Web.Imports;
using SecurityPortal.Web.Infrastructure;

namespace SecurityPortal.Web.Pages.Systems;

/// <summary>Step 2 of an SBOM import: what the file would change in the system's inventory and every problem; confirm applies it all at once.</summary>
public sealed class SbomPreviewModel(PortalDbContext db, ILogger<SbomPreviewModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    /// <summary>The system's version the preview was computed from; a confirmation against a newer one is refused.</summary>
    [BindProperty]
    public Guid ConcurrencyStamp { get; set; }

    public InformationSystem System { get; private set; } = null!;
    public string FileName { get; private set; } = string.Empty;
    public SbomDocument Document { get; private set; } = new();
    public IReadOnlyList<SbomChange> Changes { get; private set; } = [];
    public bool CanApply => Document.Issues.Count == 0 && Changes.Count > 0;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is not { } draft)
        {
            return NotFound();
        }

        Compute(draft);
        ConcurrencyStamp = System.ConcurrencyStamp;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is not { } draft)
        {
            return NotFound();
        }

        Compute(draft);
        if (System.ConcurrencyStamp != ConcurrencyStamp)
        {
            // The inventory changed since the preview (another tab, a colleague): show the new difference to confirm again.
            ModelState.Remove(nameof(ConcurrencyStamp));
            ConcurrencyStamp = System.ConcurrencyStamp;
            ModelState.AddModelError(string.Empty, "Danh mục phần mềm của hệ thống vừa được người khác thay đổi. Kiểm tra lại bản xem trước dưới đây rồi xác nhận lại.");
            return Page();
        }

        if (!CanApply)
        {
            return Page();
        }

        try
        {
            SbomImport.Apply(System, Changes);
            db.ImportDrafts.Remove(draft);
            db.Entry(System).Property(s => s.ConcurrencyStamp).OriginalValue = ConcurrencyStamp;
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            return Page();
        }
        catch (DbUpdateException)
        {
            // A second confirmation racing the first, or an edit of the system meanwhile: nothing of this one was written.
            TempData.Error("Danh mục phần mềm của hệ thống vừa được thay đổi ở một cửa sổ khác; bản nhập này chưa được ghi. Tải lên lại để xem trước.");
            return RedirectToPage("./Details", new { id = System.Id });
        }

        logger.LogInformation("SBOM draft {DraftId} applied to system {SystemId}: {Changes} changes", Id, System.Id, Changes.Count);
        TempData.Success($"Đã nhập SBOM: {Count(SbomChangeKind.Added)} thành phần thêm, {Count(SbomChangeKind.Removed)} bỏ, {Count(SbomChangeKind.VersionChanged)} đổi phiên bản, {Count(SbomChangeKind.IdentifiersChanged)} bổ sung định danh.");
        return RedirectToPage("./Details", new { id = System.Id });
    }

    public int Count(SbomChangeKind kind) => Changes.Count(c => c.Kind == kind);

    private void Compute(ImportDraft draft)
    {
        FileName = draft.FileName;
        Document = SbomReader.Read(draft.Content);
        Changes = Document.Issues.Count == 0 ? SbomImport.Diff(System.Components, Document.Components) : [];
    }

    /// <summary>The draft of this user, and its system if they still may import into it; anything else is 404.</summary>
    private async Task<ImportDraft?> LoadAsync(CancellationToken cancellationToken)
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        var draft = await db.ImportDrafts.FirstOrDefaultAsync(d => d.Id == Id && d.UserId == userId && d.Kind == ImportKind.Sbom, cancellationToken);
        if (draft?.SystemId is not { } systemId || await db.LoadForSbomAsync(User, systemId, cancellationToken) is not { } system)
        {
            return null;
        }

        System = system;
        return draft;
    }
}
