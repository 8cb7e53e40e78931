using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Data.Imports;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Web.Imports.Scanners;
using SecurityPortal.Web.Infrastructure;

namespace SecurityPortal.Web.Pages.Scans;

/// <summary>Step 2 of a scanner report import: the tasks it creates and updates, the proposals, the unmatched findings and every problem; confirm writes it all at once.</summary>
public sealed class PreviewModel(PortalDbContext db, ScanReportImporter importer, ILogger<PreviewModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public InformationSystem? System { get; private set; }
    public ScanPlan Plan { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is not { } draft)
        {
            return NotFound();
        }

        Plan = await importer.PlanAsync(User, draft.Content, draft.FileName, draft.SystemId, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is not { } draft)
        {
            return NotFound();
        }

        Plan = await importer.PlanAsync(User, draft.Content, draft.FileName, draft.SystemId, cancellationToken);
        if (!Plan.CanApply)
        {
            return Page();
        }

        try
        {
            importer.Apply(Plan, User);
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
            // The same report confirmed in another window, or one of its tasks changed meanwhile: nothing of this one was written.
            TempData.Error("Báo cáo vừa được nhập hoặc nhiệm vụ liên quan vừa thay đổi ở một cửa sổ khác; lần nhập này chưa được ghi. Tải lên lại để xem trước.");
            return RedirectToPage("./Import", new { systemId = draft.SystemId });
        }

        logger.LogInformation("Scanner report draft {DraftId} applied: {New} new tasks, {Updated} updated, {Proposed} proposed, {Unmatched} unmatched",
            Id, Plan.NewTasks.Count, Plan.Updated.Count, Plan.Proposed.Count, Plan.Unmatched.Count);
        TempData.Success($"Đã nhập báo cáo quét: {Plan.NewTasks.Count} nhiệm vụ mới, {Plan.Updated.Count} nhiệm vụ cập nhật, {Plan.Proposed.Count} nhiệm vụ đề xuất xác minh, {Plan.Unmatched.Count} phát hiện chờ gán hệ thống.");
        return draft.SystemId is { } systemId ? RedirectToPage("/Systems/Details", new { id = systemId }) : RedirectToPage("/Tasks/Index", new { source = nameof(Domain.Remediation.TaskSource.ScannerReport) });
    }

    /// <summary>The draft of this user, if they still may import it (and its system, if any, is still theirs); anything else is 404.</summary>
    private async Task<ImportDraft?> LoadAsync(CancellationToken cancellationToken)
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        var draft = await db.ImportDrafts.FirstOrDefaultAsync(d => d.Id == Id && d.UserId == userId && d.Kind == ImportKind.ScanReport, cancellationToken);
        if (draft is null || !ScanReportImporter.MayImport(User))
        {
            return null;
        }

        if (draft.SystemId is { } systemId && (System = await importer.LoadSystemAsync(User, systemId, cancellationToken)) is null)
        {
            return null;
        }

        return draft;
    }
}
