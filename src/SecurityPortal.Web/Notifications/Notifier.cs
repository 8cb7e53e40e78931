using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Notifications;
using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Web.Notifications;

/// <summary>
/// Notifications to the next actor of a workflow. They are added to the same unit of work as the change, so a
/// transition and its notifications (and their queued e-mails, see MailQueueInterceptor) are saved together or not at all.
/// </summary>
public sealed class Notifier(PortalDbContext db, TimeProvider clock)
{
    public async Task ReviewersAsync(NotificationKind kind, string text, string link, string? exceptUserId, CancellationToken cancellationToken) =>
        Add((await ReviewerIdsAsync(cancellationToken)).Where(id => id != exceptUserId), kind, text, link);

    public Task<List<string>> ReviewerIdsAsync(CancellationToken cancellationToken) =>
        (from user in db.Users
         join userRole in db.UserRoles on user.Id equals userRole.UserId
         join role in db.Roles on userRole.RoleId equals role.Id
         where role.Name == PortalRoles.ProvincialReviewer && user.IsActive
         select user.Id).ToListAsync(cancellationToken);

    /// <summary>The active officers of the agencies that own or operate the system.</summary>
    public Task AgencyOfficersAsync(InformationSystem system, NotificationKind kind, string text, string link, string? exceptUserId, CancellationToken cancellationToken) =>
        AgencyOfficersAsync([system], kind, _ => text, link, exceptUserId, cancellationToken);

    /// <summary>The officers of many systems' agencies, each with the text for their system, read in one query.</summary>
    public async Task AgencyOfficersAsync(
        IReadOnlyCollection<InformationSystem> systems, NotificationKind kind, Func<InformationSystem, string> text, string link, string? exceptUserId,
        CancellationToken cancellationToken)
    {
        var officers = await OfficersByAgencyAsync(systems.SelectMany(s => new[] { s.OwnerAgencyId, s.OperatorAgencyId }), cancellationToken);
        foreach (var system in systems)
        {
            Add(officers[system.OwnerAgencyId].Concat(officers[system.OperatorAgencyId]).Where(id => id != exceptUserId), kind, text(system), link);
        }
    }

    /// <summary>Active users attached to each of the agencies, in one query.</summary>
    public async Task<ILookup<Guid, string>> OfficersByAgencyAsync(IEnumerable<Guid> agencyIds, CancellationToken cancellationToken)
    {
        var agencies = agencyIds.Distinct().ToList();
        return (await db.Users.Where(u => u.IsActive && u.AgencyId != null && agencies.Contains(u.AgencyId.Value))
                .Select(u => new { u.Id, AgencyId = u.AgencyId!.Value }).ToListAsync(cancellationToken))
            .ToLookup(u => u.AgencyId, u => u.Id);
    }

    public void Add(IEnumerable<string> userIds, NotificationKind kind, string text, string link)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        db.Notifications.AddRange(userIds.Distinct().Select(id => new Notification(id, kind, text, link, now)));
    }
}
