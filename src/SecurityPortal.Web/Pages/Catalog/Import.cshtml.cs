using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Catalog;
using SecurityPortal.Domain.Common;
using SecurityPortal.Web.Infrastructure;

namespace SecurityPortal.Web.Pages.Catalog;

/// <summary>
/// Loads a catalog file (JSON or Excel, the two export formats) as a draft version: every problem is listed; a valid file becomes
/// a draft that can be compared with a published version, then published or discarded.
/// </summary>
[RequestSizeLimit(MaxBytes + (64 * 1024))]
[RequestFormLimits(MultipartBodyLengthLimit = MaxBytes + (64 * 1024))]
public sealed class ImportModel(PortalDbContext db, ILogger<ImportModel> logger) : PageModel
{
    public const int MaxBytes = 5 * 1024 * 1024;

    [BindProperty]
    [Display(Name = "Tệp danh mục (.json hoặc .xlsx)")]
    public IFormFile? Upload { get; set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "Vui lòng chọn tệp danh mục (.json hoặc .xlsx).");
            return Page();
        }

        if (Upload.Length > MaxBytes)
        {
            ModelState.AddModelError(nameof(Upload), $"Tệp quá lớn: tối đa {MaxBytes / 1024 / 1024} MB.");
            return Page();
        }

        using var buffer = new MemoryStream();
        await Upload.CopyToAsync(buffer, cancellationToken);
        var content = buffer.ToArray();
        CatalogDocument document;
        byte[] json;
        if (content.AsSpan().StartsWith("PK"u8))
        {
            // An Excel workbook (a ZIP package): read into the same document the JSON file gives.
            var (read, problems) = CatalogWorkbook.Read(new MemoryStream(content));
            if (read is null)
            {
                Errors = problems;
                return Page();
            }

            document = read;
            json = document.ToJson();
        }
        else
        {
            try
            {
                document = CatalogDocument.Parse(content);
                json = content;
            }
            catch (DomainException ex)
            {
                Errors = [ex.Message];
                return Page();
            }
        }

        var errors = document.Validate().ToList();
        if (errors.Count == 0 && await db.CatalogVersions.AnyAsync(v => v.Code == document.Code.Trim(), cancellationToken))
        {
            errors.Add($"Mã danh mục «{document.Code}» đã có: một phiên bản mới cần mã mới (ví dụ {document.Code}-2).");
        }

        if (errors.Count > 0)
        {
            Errors = errors;
            return Page();
        }

        var version = document.ToVersion(CatalogDocument.HashOf(json));
        db.CatalogVersions.Add(version);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Catalog {Code} imported as a draft with {Count} requirements", version.Code, version.Requirements.Count);
        TempData.Success($"Đã nhập danh mục {version.Code} ({version.Requirements.Count} yêu cầu) ở trạng thái dự thảo. Hãy so sánh rồi công bố.");
        return RedirectToPage("./Diff", new { to = version.Code });
    }
}
