using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecurityPortal.Data;
using SecurityPortal.Data.Imports;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Web.Imports;
using SecurityPortal.Web.Imports.Scanners;

namespace SecurityPortal.Web.Pages.Scans;

/// <summary>
/// Step 1 of a scanner report import: upload a Greenbone/OpenVAS, Nessus, Trivy or Grype report, for one system (from
/// its page) or for the systems its targets match. Step 2 is Preview. Reviewers and agency officers only; another
/// agency's system is 404.
/// </summary>
[RequestSizeLimit(ScanReportReader.MaxBytes + (64 * 1024))]
[RequestFormLimits(MultipartBodyLengthLimit = ScanReportReader.MaxBytes + (64 * 1024))]
public sealed class ImportModel(PortalDbContext db, ScanReportImporter importer, TimeProvider clock, ILogger<ImportModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? SystemId { get; set; }

    [BindProperty]
    [Display(Name = "Báo cáo quét (.xml, .nessus, .json)")]
    public IFormFile? Upload { get; set; }

    public InformationSystem? System { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "Vui lòng chọn báo cáo quét (Greenbone/OpenVAS XML, Nessus .nessus, Trivy JSON, Grype JSON) để tải lên.");
            return Page();
        }

        if (Upload.Length > ScanReportReader.MaxBytes)
        {
            ModelState.AddModelError(nameof(Upload), $"Tệp quá lớn ({Upload.Length / 1024} KB); tối đa {ScanReportReader.MaxBytes / 1024 / 1024} MB.");
            return Page();
        }

        var draft = await db.StoreAsync(clock, User, ImportKind.ScanReport, System?.Id, Upload, "bao-cao-quet", cancellationToken);
        logger.LogInformation("Scanner report draft {DraftId} uploaded for {SystemId} ({Bytes} bytes)", draft.Id, System?.Id, draft.Content.Length);
        return RedirectToPage("./Preview", new { id = draft.Id });
    }

    /// <summary>Null when the user may import here (and the system, if any, is theirs); otherwise the refusal.</summary>
    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        if (!ScanReportImporter.MayImport(User))
        {
            return Forbid();
        }

        if (SystemId is { } id)
        {
            System = await importer.LoadSystemAsync(User, id, cancellationToken);
            if (System is null)
            {
                return NotFound();
            }
        }

        return null;
    }
}
