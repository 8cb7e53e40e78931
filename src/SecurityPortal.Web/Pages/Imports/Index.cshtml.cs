using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Data.Imports;
using SecurityPortal.Web.Infrastructure;

namespace SecurityPortal.Web.Pages.Imports;

/// <summary>Step 1 of an import: download a template, upload a filled one. Step 2 is the preview.</summary>
[RequestSizeLimit(ImportDraft.MaxBytes + (64 * 1024))]
[RequestFormLimits(MultipartBodyLengthLimit = ImportDraft.MaxBytes + (64 * 1024))]
public sealed class IndexModel(PortalDbContext db, TimeProvider clock, ILogger<IndexModel> logger) : PageModel
{
    private static readonly byte[] ZipSignature = [0x50, 0x4B, 0x03, 0x04];

    [BindProperty]
    public ImportKind Kind { get; set; }

    [BindProperty]
    [Display(Name = "Tệp Excel (.xlsx)")]
    public IFormFile? Upload { get; set; }

    public void OnGet()
    {
    }

    public IActionResult OnGetTemplate(ImportKind kind) => kind == ImportKind.Agencies
        ? File(AgencyImport.Template(), Spreadsheet.ContentType, "mau-nhap-co-quan.xlsx")
        : File(SystemImport.Template(), Spreadsheet.ContentType, "mau-nhap-he-thong.xlsx");

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(Kind))
        {
            ModelState.AddModelError(nameof(Kind), "Loại dữ liệu nhập không hợp lệ.");
        }

        var content = await ReadAsync(cancellationToken);
        if (content is null || !ModelState.IsValid)
        {
            return Page();
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await db.ImportDrafts.Where(d => d.CreatedAtUtc < now.AddDays(-1)).ExecuteDeleteAsync(cancellationToken);
        var draft = new ImportDraft
        {
            UserId = User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value,
            Kind = Kind,
            FileName = Path.GetFileName(Upload!.FileName) is { Length: > 0 and <= 200 } name ? name : "tep.xlsx",
            Content = content,
            CreatedAtUtc = now,
        };
        db.ImportDrafts.Add(draft);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Import draft {DraftId} of {Kind} uploaded ({Bytes} bytes)", draft.Id, Kind, content.Length);
        return RedirectToPage("./Preview", new { id = draft.Id });
    }

    /// <summary>The file's size and first bytes are checked, never its name alone.</summary>
    private async Task<byte[]?> ReadAsync(CancellationToken cancellationToken)
    {
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "Vui lòng chọn tệp Excel (.xlsx) để tải lên.");
            return null;
        }

        if (Upload.Length > ImportDraft.MaxBytes)
        {
            ModelState.AddModelError(nameof(Upload), $"Tệp quá lớn ({Upload.Length / 1024 / 1024} MB); tối đa {ImportDraft.MaxBytes / 1024 / 1024} MB.");
            return null;
        }

        using var buffer = new MemoryStream();
        await Upload.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.ToArray();
        if (bytes.Length < ZipSignature.Length || !bytes.AsSpan(0, ZipSignature.Length).SequenceEqual(ZipSignature))
        {
            ModelState.AddModelError(nameof(Upload), "Tệp không phải bảng tính Excel (.xlsx). Tệp .xls cũ hoặc .csv cần được lưu lại dưới dạng .xlsx.");
            return null;
        }

        return bytes;
    }
}
