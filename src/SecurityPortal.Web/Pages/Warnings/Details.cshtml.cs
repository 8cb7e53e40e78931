using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Domain.Warnings;
using SecurityPortal.Web.Authorization;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Notifications;

namespace SecurityPortal.Web.Pages.Warnings;

/// <summary>
/// A warning: the systems its rule reaches (certain, and "version unknown" for a person to check), publishing, and
/// the progress of the tasks it created — each system's state (<see cref="WarningSystemState"/>: affected, resolved
/// and waiting for verification, fixed…) from its task and what the registry records now.
/// </summary>
public sealed class DetailsModel(PortalDbContext db, Notifier notifier, TimeProvider clock, ILogger<DetailsModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public VulnerabilityWarning Warning { get; private set; } = null!;
    public IReadOnlyList<AffectedSystem> Affected { get; private set; } = [];
    public IReadOnlyDictionary<Guid, RemediationStatus> Tasks { get; private set; } = new Dictionary<Guid, RemediationStatus>();
    public int Overdue { get; private set; }

    /// <summary>Where the system stands with this warning.</summary>
    public WarningSystemState StateOf(AffectedSystem system) =>
        WarningSystemStates.StateOf(system.Match, Tasks.TryGetValue(system.SystemId, out var status) ? status : null);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken) ? Page() : NotFound();

    /// <summary>One task per certainly affected system that has none for this warning yet; the agencies are notified.</summary>
    public async Task<IActionResult> OnPostPublishAsync(CancellationToken cancellationToken)
    {
        if (!User.OpensTasksAcrossAgencies())
        {
            return Forbid();
        }

        if (!await LoadAsync(cancellationToken))
        {
            return NotFound();
        }

        var warning = await db.VulnerabilityWarnings.SingleAsync(w => w.Id == Id, cancellationToken);
        var created = await WarningPublisher.PublishAsync(db, notifier, warning, User, clock.GetUtcNow().UtcDateTime, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Warning {WarningId} published: {Created} tasks created", Id, created);
        TempData.Success(created == 0
            ? "Đã phát hành; không có hệ thống mới bị ảnh hưởng (các nhiệm vụ đã tạo trước vẫn giữ nguyên)."
            : $"Đã phát hành và tạo {created} nhiệm vụ khắc phục; các đơn vị đã được thông báo.");
        return RedirectToPage(new { id = Id });
    }

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        var warning = await db.VulnerabilityWarnings.AsNoTracking().FirstOrDefaultAsync(w => w.Id == Id, cancellationToken);
        if (warning is null)
        {
            return false;
        }

        Warning = warning;
        var tasks = await db.RemediationTasks.AsNoTracking()
            .Where(t => t.Source == TaskSource.VulnerabilityWarning && t.SourceId == warning.Id)
            .Select(t => new { t.SystemId, t.Status, t.DueDate }).ToListAsync(cancellationToken);
        Tasks = tasks.GroupBy(t => t.SystemId).ToDictionary(g => g.Key, g => g.First().Status);
        Affected = await WarningMatcher.AffectedAsync(db, warning.Rule, [.. Tasks.Keys], cancellationToken);
        var today = VietnamTime.Today(clock);
        Overdue = tasks.Count(t => RemediationTask.IsOverdueFor(t.Status, t.DueDate, today));
        return true;
    }
}
