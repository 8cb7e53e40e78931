using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Data.Imports;
using SecurityPortal.Domain.Common;
using SecurityPortal.Web.Imports.Feeds;
using SecurityPortal.Web.Infrastructure;

namespace SecurityPortal.Web.Pages.Warnings.Feeds;

/// <summary>Step 2 of a feed import: the records the file would add or replace and every problem; confirm writes them all at once.</summary>
public sealed class PreviewModel(PortalDbContext db, TimeProvider clock, ILogger<PreviewModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public string FileName { get; private set; } = string.Empty;
    public FeedDocument Document { get; private set; } = new();
    public FeedChanges Changes { get; private set; } = new([], [], 0);
    public bool CanApply => !Document.Refused && Changes.Any;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is not { } draft)
        {
            return NotFound();
        }

        await ComputeAsync(draft, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is not { } draft)
        {
            return NotFound();
        }

        await ComputeAsync(draft, cancellationToken);
        if (!CanApply)
        {
            return Page();
        }

        var batch = Guid.CreateVersion7();
        try
        {
            await FeedImport.ApplyAsync(db, Changes, batch, clock.GetUtcNow().UtcDateTime, cancellationToken);
            db.ImportDrafts.Remove(draft);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            return Page();
        }
        catch (DbUpdateException)
        {
            // A second confirmation racing the first: nothing of this one was written.
            TempData.Error("Dữ liệu lỗ hổng vừa được nhập ở một cửa sổ khác; bản nhập này chưa được ghi. Tải lên lại để xem trước.");
            return RedirectToPage("./Index");
        }

        logger.LogInformation("Vulnerability feed draft {DraftId} applied as batch {BatchId}: {Added} added, {Updated} updated", Id, batch, Changes.Added.Count, Changes.Updated.Count);
        TempData.Success($"Đã nhập dữ liệu lỗ hổng: {Changes.Added.Count} bản ghi mới, {Changes.Updated.Count} bản ghi cập nhật.");
        return RedirectToPage("./Matches", new { batch });
    }

    private async Task ComputeAsync(ImportDraft draft, CancellationToken cancellationToken)
    {
        FileName = draft.FileName;
        Document = FeedReader.Read(draft.Content);
        Changes = Document.Refused ? new([], [], 0) : await FeedImport.DiffAsync(db, Document, cancellationToken);
    }

    /// <summary>The draft of this user; anything else is 404.</summary>
    private Task<ImportDraft?> LoadAsync(CancellationToken cancellationToken)
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        return db.ImportDrafts.FirstOrDefaultAsync(d => d.Id == Id && d.UserId == userId && d.Kind == ImportKind.VulnerabilityFeed, cancellationToken);
    }
}
