using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Assessments;
using SecurityPortal.Domain.Common;
using SecurityPortal.Web.Authorization;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Infrastructure.Files;

namespace SecurityPortal.Web.Pages.Assessments;

/// <summary>
/// Adds an evidence file to one answer, and to any other answers of the same assessment the officer ticks (one upload,
/// stored once by its hash); the store checks type, size and archive contents.
/// </summary>
[UploadLimit]
public sealed class EvidenceModel(PortalDbContext db, FileStore files, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid ItemId { get; set; }

    /// <summary>Other items of the assessment the same file supports.</summary>
    [BindProperty]
    public List<Guid> AlsoItemIds { get; set; } = [];

    [BindProperty]
    [Display(Name = "Tệp minh chứng")]
    public IFormFile? Upload { get; set; }

    public Assessment Assessment { get; private set; } = null!;
    public AssessmentItem Item { get; private set; } = null!;
    public long MaxBytes => files.MaxBytes;

    public long MaxMegabytes => files.MaxBytes / 1024 / 1024;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        var upload = await files.AcceptAsync(Upload, cancellationToken);
        if (upload.File is not { } file)
        {
            ModelState.AddModelError(nameof(Upload), upload.Error!);
            return Page();
        }

        int linked;
        try
        {
            linked = Assessment.AddEvidence([ItemId, .. AlsoItemIds], file.PostedName, file.Stored.ContentType, file.Stored.Length, file.Stored.Sha256,
                User.FindFirstValue(ClaimTypes.NameIdentifier)!, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            return Page();
        }

        TempData.Success(linked > 1 ? $"Đã thêm minh chứng cho {linked} yêu cầu." : $"Đã thêm minh chứng cho {Item.RequirementCode}.");
        return Redirect($"{Url.Page("./Details", new { id = Id })}#item-{ItemId}");
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        var assessment = await db.Assessments.VisibleTo(db, User).Include(a => a.Items).Include(a => a.Evidence).AsSplitQuery()
            .FirstOrDefaultAsync(a => a.Id == Id, cancellationToken);
        var system = assessment is null ? null : await db.InformationSystems.AsNoTracking().FirstOrDefaultAsync(s => s.Id == assessment.SystemId, cancellationToken);
        var item = assessment?.Items.FirstOrDefault(i => i.Id == ItemId);
        if (assessment is null || system is null || item is null)
        {
            return NotFound();
        }

        Assessment = assessment;
        Item = item;
        return User.CanEdit(system) && assessment.IsEditable ? null : Forbid();
    }
}
