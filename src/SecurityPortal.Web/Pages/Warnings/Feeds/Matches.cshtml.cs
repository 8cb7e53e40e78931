using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Domain.Warnings;
using SecurityPortal.Web.Authorization;
using SecurityPortal.Web.Imports.Feeds;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Notifications;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Web.Pages.Warnings.Feeds;

/// <summary>
/// The registered components (every agency's) that stored vulnerabilities reach — those one import wrote, or all —
/// KEV first, then the most severe; a match becomes a published warning in one step, linked to its record.
/// </summary>
public sealed class MatchesModel(PortalDbContext db, Notifier notifier, TimeProvider clock, RemediationOptions remediation, ILogger<MatchesModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid? Batch { get; set; }

    public IReadOnlyList<FeedMatch> Matches { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Matches = await FeedMatcher.MatchesAsync(db, Batch, cancellationToken);

    /// <summary>Makes a warning of one record's rule (the one that reached the component), publishes it to every system it reaches, and keeps the link.</summary>
    public async Task<IActionResult> OnPostWarnAsync(Guid recordId, Guid affectedId, CancellationToken cancellationToken)
    {
        if (!User.OpensTasksAcrossAgencies())
        {
            return Forbid();
        }

        var record = await db.VulnerabilityRecords.Include(r => r.Affected).FirstOrDefaultAsync(r => r.Id == recordId, cancellationToken);
        if (record?.Affected.FirstOrDefault(a => a.Id == affectedId) is not { } affected)
        {
            return NotFound();
        }

        var existing = await db.VulnerabilityWarnings.AsNoTracking()
            .Where(w => w.FeedRecordId == record.Id && w.AffectedProducts == affected.Rule).Select(w => (Guid?)w.Id).FirstOrDefaultAsync(cancellationToken);
        if (existing is { } warningId)
        {
            TempData.Success("Lỗ hổng này đã có cảnh báo; không tạo thêm.");
            return RedirectToPage("/Warnings/Details", new { id = warningId });
        }

        var severity = record.Severity ?? TaskSeverity.High;
        var today = VietnamTime.Today(clock);
        var now = clock.GetUtcNow().UtcDateTime;
        try
        {
            var warning = new VulnerabilityWarning(
                BoundedText.Clip(record.Summary is null ? record.VulnerabilityId : $"{record.VulnerabilityId}: {record.Summary}", VulnerabilityWarning.TitleMaxLength),
                BoundedText.Clip(string.Join(' ', record.Names.OrderBy(n => n == record.Reference ? 0 : 1)), VulnerabilityWarning.ShortMaxLength),
                record.Summary, severity, affected.Rule, "Nâng cấp lên phiên bản đã sửa lỗi (xem nguồn dữ liệu lỗ hổng) hoặc gỡ bỏ thành phần.",
                record.Source == FeedSource.Nvd ? $"https://nvd.nist.gov/vuln/detail/{Uri.EscapeDataString(record.VulnerabilityId)}" : $"https://osv.dev/vulnerability/{Uri.EscapeDataString(record.VulnerabilityId)}",
                today.AddDays(remediation.DueDays.TryGetValue(severity, out var days) ? days : 30), today, User.FindFirstValue(ClaimTypes.NameIdentifier)!, now);
            warning.LinkToFeedRecord(record);
            db.VulnerabilityWarnings.Add(warning);
            var created = await WarningPublisher.PublishAsync(db, notifier, warning, User, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Warning {WarningId} made from feed record {RecordId}: {Created} tasks created", warning.Id, record.Id, created);
            TempData.Success($"Đã tạo và phát hành cảnh báo {record.Reference}; {created} nhiệm vụ khắc phục đã được tạo và các đơn vị đã được thông báo.");
            return RedirectToPage("/Warnings/Details", new { id = warning.Id });
        }
        catch (DomainException ex)
        {
            TempData.Error(ex.Message);
            return RedirectToPage(new { batch = Batch });
        }
    }
}
