using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Domain.Warnings;
using SecurityPortal.Web.Infrastructure;

namespace SecurityPortal.Web.Pages.Warnings;

/// <summary>
/// Imports warnings from a feed in the CISA Known Exploited Vulnerabilities catalog format. The feed names products
/// but not versions, so each warning matches every registered version of its product; they arrive as drafts for a
/// reviewer to narrow and publish. A CVE already recorded is skipped.
/// </summary>
[RequestSizeLimit(MaxBytes + (64 * 1024))]
[RequestFormLimits(MultipartBodyLengthLimit = MaxBytes + (64 * 1024))]
public sealed class ImportModel(PortalDbContext db, TimeProvider clock, ILogger<ImportModel> logger) : PageModel
{
    public const int MaxBytes = 10 * 1024 * 1024;
    public const int MaxEntries = 5000;

    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true, MaxDepth = 8 };

    [BindProperty]
    [Display(Name = "Tệp danh mục KEV (.json)")]
    public IFormFile? Upload { get; set; }

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Upload is null || Upload.Length == 0 || Upload.Length > MaxBytes)
        {
            ModelState.AddModelError(nameof(Upload), $"Hãy chọn tệp JSON (tối đa {MaxBytes / 1024 / 1024} MB).");
            return Page();
        }

        KevFeed? feed;
        try
        {
            await using var stream = Upload.OpenReadStream();
            feed = await JsonSerializer.DeserializeAsync<KevFeed>(stream, Options, cancellationToken);
        }
        catch (JsonException ex)
        {
            ModelState.AddModelError(nameof(Upload), $"Tệp không đúng định dạng JSON của danh mục KEV (dòng {ex.LineNumber + 1}).");
            return Page();
        }

        if (feed?.Vulnerabilities is not { Count: > 0 and <= MaxEntries } entries)
        {
            ModelState.AddModelError(nameof(Upload), $"Tệp không có mục «vulnerabilities» hoặc có quá {MaxEntries} mục.");
            return Page();
        }

        var today = VietnamTime.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var known = (await db.VulnerabilityWarnings.Select(w => w.Reference).ToListAsync(cancellationToken)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var problems = new List<string>();
        int created = 0, skipped = 0;

        // The catalog's CVEs flag the offline feeds' matches as known exploited (Nguồn dữ liệu lỗ hổng).
        var listed = (await db.KnownExploitedCves.Select(k => k.CveId).ToListAsync(cancellationToken)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var cveId in entries.Select(e => e?.CveId?.Trim()).OfType<string>().Where(c => c.Length is > 0 and <= KnownExploitedCve.CveIdMaxLength))
        {
            if (listed.Add(cveId))
            {
                db.KnownExploitedCves.Add(new KnownExploitedCve(cveId, now));
            }
        }

        foreach (var (entry, index) in entries.Select((e, i) => (e, i + 1)))
        {
            if (entry?.CveId is not { Length: > 0 } cve)
            {
                problems.Add($"Mục {index}: thiếu cveID.");
                continue;
            }

            if (!known.Add(cve.Trim()))
            {
                skipped++;
                continue;
            }

            try
            {
                var product = new string((entry.Product ?? string.Empty).Where(c => c is not ('<' or '>' or '=' or '–')).ToArray());
                var due = DateOnly.TryParse(entry.DueDate, System.Globalization.CultureInfo.InvariantCulture, out var d) && d >= today ? d : today.AddDays(7);
                db.VulnerabilityWarnings.Add(new VulnerabilityWarning(
                    entry.VulnerabilityName ?? cve, cve.Trim(), entry.ShortDescription,
                    string.Equals(entry.KnownRansomwareCampaignUse, "Known", StringComparison.OrdinalIgnoreCase) ? TaskSeverity.Critical : TaskSeverity.High,
                    product, entry.RequiredAction, null, due, today, userId, now));
                created++;
            }
            catch (DomainException ex)
            {
                problems.Add($"{cve}: {ex.Message}");
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("KEV import: {Created} warnings created, {Skipped} already known, {Problems} refused", created, skipped, problems.Count);
        Problems = problems;
        TempData.Success($"Đã nhập {created} cảnh báo (bản nháp); bỏ qua {skipped} mã CVE đã có; {problems.Count} mục không nhập được.");
        return problems.Count == 0 ? RedirectToPage("./Index") : Page();
    }

    /// <summary>The parts of the KEV catalog format the import reads.</summary>
    public sealed record KevFeed(List<KevEntry?>? Vulnerabilities);

    public sealed record KevEntry(
        [property: JsonPropertyName("cveID")] string? CveId,
        string? VendorProject,
        string? Product,
        string? VulnerabilityName,
        string? ShortDescription,
        string? RequiredAction,
        string? DueDate,
        string? KnownRansomwareCampaignUse);
}
