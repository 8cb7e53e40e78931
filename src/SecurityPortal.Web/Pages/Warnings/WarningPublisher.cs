using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Notifications;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Domain.Warnings;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Infrastructure.Identity;
using SecurityPortal.Web.Notifications;

namespace SecurityPortal.Web.Pages.Warnings;

/// <summary>
/// Publishing a warning (its page's «Phát hành», and a warning made from a feed's match in one step): one task per
/// certainly affected system that has none for the warning yet, the agencies notified, the warning marked published.
/// The caller saves.
/// </summary>
public static class WarningPublisher
{
    /// <returns>The number of tasks created.</returns>
    public static async Task<int> PublishAsync(
        PortalDbContext db, Notifier notifier, VulnerabilityWarning warning, ClaimsPrincipal user, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var withTasks = await db.RemediationTasks.AsNoTracking()
            .Where(t => t.Source == TaskSource.VulnerabilityWarning && t.SourceId == warning.Id)
            .Select(t => t.SystemId).Distinct().ToListAsync(cancellationToken);
        var affected = await WarningMatcher.AffectedAsync(db, warning.Rule, withTasks, cancellationToken);
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier)!;
        var newlyAffected = affected.Where(a => a.Match == RuleMatch.Yes && !withTasks.Contains(a.SystemId)).ToList();
        foreach (var system in newlyAffected)
        {
            db.RemediationTasks.Add(warning.TaskFor(system.SystemId, system.Components, userId, nowUtc, user.DisplayName()));
        }

        var ids = newlyAffected.Select(a => a.SystemId).ToList();
        var systems = await db.InformationSystems.AsNoTracking().Where(s => ids.Contains(s.Id)).ToListAsync(cancellationToken);
        await notifier.AgencyOfficersAsync(systems, NotificationKind.WarningPublished, s => $"Cảnh báo {warning.Reference}: «{s.Name}» bị ảnh hưởng, hạn xử lý {Display.Date(warning.DueDate)}.", "/Tasks?view=agency", userId, cancellationToken);
        warning.MarkPublished(nowUtc);
        return newlyAffected.Count;
    }
}
