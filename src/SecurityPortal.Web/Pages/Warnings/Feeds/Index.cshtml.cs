using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Data.Imports;
using SecurityPortal.Web.Imports;
using SecurityPortal.Web.Imports.Feeds;

namespace SecurityPortal.Web.Pages.Warnings.Feeds;

/// <summary>One import of a feed: when, and how many records it wrote.</summary>
public sealed record FeedBatch(Guid BatchId, DateTime ImportedAtUtc, int Records);

/// <summary>
/// Step 1 of an offline feed import (Cảnh báo → Nguồn dữ liệu lỗ hổng): upload an OSV archive or NVD CVE JSON 2.0
/// file; step 2 is Preview. Provincial reviewers and administrators only.
/// </summary>
[RequestSizeLimit(FeedReader.MaxBytes + (64 * 1024))]
[RequestFormLimits(MultipartBodyLengthLimit = FeedReader.MaxBytes + (64 * 1024))]
public sealed class IndexModel(PortalDbContext db, TimeProvider clock, ILogger<IndexModel> logger) : PageModel
{
    [BindProperty]
    [Display(Name = "Tệp dữ liệu lỗ hổng (.zip, .json)")]
    public IFormFile? Upload { get; set; }

    public int Stored { get; private set; }
    public IReadOnlyList<FeedBatch> Batches { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Upload is null || Upload.Length == 0)
        {
            ModelState.AddModelError(nameof(Upload), "Vui lòng chọn tệp dữ liệu lỗ hổng (kho OSV .zip hoặc tệp NVD CVE JSON 2.0) để tải lên.");
        }
        else if (Upload.Length > FeedReader.MaxBytes)
        {
            ModelState.AddModelError(nameof(Upload), $"Tệp quá lớn ({Upload.Length / 1024} KB); tối đa {FeedReader.MaxBytes / 1024 / 1024} MB.");
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(cancellationToken);
            return Page();
        }

        var draft = await db.StoreAsync(clock, User, ImportKind.VulnerabilityFeed, null, Upload!, "feed.json", cancellationToken);
        logger.LogInformation("Vulnerability feed draft {DraftId} uploaded ({Bytes} bytes)", draft.Id, draft.Content.Length);
        return RedirectToPage("./Preview", new { id = draft.Id });
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Stored = await db.VulnerabilityRecords.CountAsync(cancellationToken);
        var batches = await db.VulnerabilityRecords.AsNoTracking()
            .GroupBy(r => r.ImportBatchId)
            .Select(g => new { g.Key, At = g.Max(r => r.ImportedAtUtc), Count = g.Count() })
            .ToListAsync(cancellationToken);
        Batches = [.. batches.OrderByDescending(b => b.At).Take(10).Select(b => new FeedBatch(b.Key, b.At, b.Count))];
    }
}
