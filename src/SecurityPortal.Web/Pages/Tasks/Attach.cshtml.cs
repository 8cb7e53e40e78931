using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Web.Authorization;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Infrastructure.Files;

namespace SecurityPortal.Web.Pages.Tasks;

/// <summary>Adds evidence to a task, through the same checked, content-addressed store as every upload.</summary>
[UploadLimit]
public sealed class AttachModel(PortalDbContext db, FileStore files, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    [Display(Name = "Tệp minh chứng")]
    public IFormFile? Upload { get; set; }

    public RemediationTask Remediation { get; private set; } = null!;
    public long MaxBytes => files.MaxBytes;

    public long MaxMegabytes => files.MaxBytes / 1024 / 1024;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        var system = await db.InformationSystems.AsNoTracking().SingleAsync(s => s.Id == Remediation.SystemId, cancellationToken);
        var upload = await files.AcceptAsync(Upload, cancellationToken);
        if (upload.File is not { } file)
        {
            ModelState.AddModelError(nameof(Upload), upload.Error!);
            return Page();
        }

        try
        {
            Remediation.AddAttachment(User.TaskActorFor(system), file.PostedName, file.Stored.ContentType, file.Stored.Length, file.Stored.Sha256, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            return Page();
        }

        TempData.Success("Đã thêm minh chứng.");
        return RedirectToPage("./Details", new { id = Id });
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        var task = await db.RemediationTasks.VisibleTo(db, User).Include(t => t.Attachments).Include(t => t.Entries).AsSplitQuery()
            .FirstOrDefaultAsync(t => t.Id == Id, cancellationToken);
        var system = task is null ? null : await db.InformationSystems.AsNoTracking().FirstOrDefaultAsync(s => s.Id == task.SystemId, cancellationToken);
        if (task is null || system is null)
        {
            return NotFound();
        }

        Remediation = task;
        var actor = User.TaskActorFor(system);
        return task.IsOpen && (actor.IsReviewer || actor.IsAgencyOfficer) ? null : Forbid();
    }
}
