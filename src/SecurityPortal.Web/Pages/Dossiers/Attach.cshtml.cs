using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Dossiers;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Web.Authorization;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Infrastructure.Files;
using SecurityPortal.Web.Signatures;

namespace SecurityPortal.Web.Pages.Dossiers;

/// <summary>Adds a document to a dossier. The request may be a little larger than a file; the store enforces the file limit.</summary>
[UploadLimit]
public sealed class AttachModel(PortalDbContext db, FileStore files, SignatureCheck signatures, TimeProvider clock, ILogger<AttachModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    /// <summary>Also read from the query, so a link can open the page on the kind to upload (a returned document, the decision).</summary>
    [BindProperty(SupportsGet = true)]
    [Display(Name = "Loại tài liệu")]
    public AttachmentKind Kind { get; set; }

    [BindProperty]
    [Display(Name = "Tệp")]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public Guid ConcurrencyStamp { get; set; }

    public LevelDossier Dossier { get; private set; } = null!;
    public InformationSystem System { get; private set; } = null!;
    public IReadOnlyList<AttachmentKind> Kinds { get; private set; } = [];
    public long MaxBytes => files.MaxBytes;

    public long MaxMegabytes => files.MaxBytes / 1024 / 1024;

    /// <summary>The documents the reviewer asked to change at the last return, with the comment, while the officer may still change them.</summary>
    public IReadOnlyList<(string Title, string? Comment, SectionChange Change)> ReturnedDocuments { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        ConcurrencyStamp = Dossier.ConcurrencyStamp;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!Kinds.Contains(Kind))
        {
            ModelState.AddModelError(nameof(Kind), "Không thể thêm loại tài liệu này ở bước hiện tại của hồ sơ.");
            return Page();
        }

        if (Dossier.ConcurrencyStamp != ConcurrencyStamp)
        {
            TempData.Error("Hồ sơ vừa được người khác thay đổi; tệp chưa được thêm. Hãy xem lại rồi thêm lại.");
            return RedirectToPage("./Details", new { id = Id });
        }

        var upload = await files.AcceptAsync(Upload, cancellationToken);
        if (upload.File is not { } file)
        {
            ModelState.AddModelError(nameof(Upload), upload.Error!);
            return Page();
        }

        try
        {
            var now = clock.GetUtcNow().UtcDateTime;
            var attachment = Dossier.AddAttachment(User.ActorFor(System), Kind, file.PostedName, file.Stored.ContentType, file.Stored.Length, file.Stored.Sha256, now);
            // A PDF's digital signatures are verified now, against the trust anchors configured now (docs/signatures.md).
            if (await signatures.CheckAsync(attachment.File, cancellationToken) is { } report)
            {
                attachment.RecordSignatureCheck(report, now);
            }

            db.Entry(Dossier).Property(d => d.ConcurrencyStamp).OriginalValue = ConcurrencyStamp;
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainException ex)
        {
            ModelState.AddModelError(string.Empty, ex.Message);
            return Page();
        }
        catch (DbUpdateConcurrencyException)
        {
            TempData.Error("Hồ sơ vừa được người khác thay đổi; tệp chưa được thêm. Hãy xem lại rồi thêm lại.");
            return RedirectToPage("./Details", new { id = Id });
        }

        logger.LogInformation("Dossier {DossierId}: {Kind} attached", Dossier.Id, Kind);
        TempData.Success($"Đã thêm «{Kind.Vietnamese()}».");
        return RedirectToPage("./Details", new { id = Id });
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        var dossier = await db.LevelDossiers.VisibleTo(db, User).Include(d => d.Attachments).Include(d => d.Reviews).AsSplitQuery()
            .FirstOrDefaultAsync(d => d.Id == Id, cancellationToken);
        var system = dossier is null ? null : await db.InformationSystems.AsNoTracking().FirstOrDefaultAsync(s => s.Id == dossier.SystemId, cancellationToken);
        if (dossier is null || system is null)
        {
            return NotFound();
        }

        Dossier = dossier;
        System = system;
        var actor = User.ActorFor(system);
        Kinds = User.CanEdit(system) || actor.IsReviewer || actor.IsOwnerOfficer
            ? Enum.GetValues<AttachmentKind>().Where(k => dossier.MayAttach(actor, k)).ToList()
            : [];
        ReturnedDocuments = dossier.IsEditable
            ? dossier.ChangesSinceReturn().Where(c => c.Review?.NeedsChange == true && c.Key.StartsWith(DossierSections.DocumentsPrefix, StringComparison.Ordinal))
                .Select(c => (c.Title, c.Review!.Comment, c.Change)).ToList()
            : [];
        return Kinds.Count == 0 ? Forbid() : null;
    }
}
