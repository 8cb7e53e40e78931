using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecurityPortal.Data;
using SecurityPortal.Data.Imports;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Web.Imports;

namespace SecurityPortal.Web.Pages.Systems;

/// <summary>Step 1 of an SBOM import: upload a CycloneDX or SPDX file for one system. Step 2 is SbomPreview.</summary>
[RequestSizeLimit(SbomReader.MaxBytes + (64 * 1024))]
[RequestFormLimits(MultipartBodyLengthLimit = SbomReader.MaxBytes + (64 * 1024))]
public sealed class SbomModel(PortalDbContext db, TimeProvider clock, ILogger<SbomModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    [Display(Name = "Tệp SBOM (.json, .xml)")]
    public IFormFile? Upload { get; set; }

    public InformationSystem System { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await db.LoadForSbomAsync(User, Id, cancellationToken) is not { } system)
        {
            return NotFound();
        }

        System = system;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await db.LoadForSbomAsync(User, Id, cancellationToken) is not { } system)
        {
            return NotFound();
        }

        System = system;
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "Vui lòng chọn tệp SBOM (CycloneDX JSON hoặc XML, SPDX JSON) để tải lên.");
            return Page();
        }

        if (Upload.Length > SbomReader.MaxBytes)
        {
            ModelState.AddModelError(nameof(Upload), $"Tệp quá lớn ({Upload.Length / 1024} KB); tối đa {SbomReader.MaxBytes / 1024 / 1024} MB.");
            return Page();
        }

        var draft = await db.StoreAsync(clock, User, ImportKind.Sbom, system.Id, Upload, "sbom.json", cancellationToken);
        logger.LogInformation("SBOM draft {DraftId} for system {SystemId} uploaded ({Bytes} bytes)", draft.Id, system.Id, draft.Content.Length);
        return RedirectToPage("./SbomPreview", new { id = draft.Id });
    }
}
