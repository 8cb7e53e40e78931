using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SecurityPortal.Data;
using SecurityPortal.Domain.Notifications;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Web.Notifications;

/// <summary>
/// Every notification being saved gets its e-mail decided here, from its user's choice for its kind: an immediate one
/// becomes an <see cref="OutboxMail"/> row in the same SaveChanges (the same transaction as the change it reports), so
/// a change and its mail are stored together or not at all, whichever page or job made the notification.
/// </summary>
public sealed class MailQueueInterceptor(MailComposer composer) : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is PortalDbContext db && Pending(db) is { Count: > 0 } pending)
        {
            var ids = pending.Select(n => n.UserId).Distinct().ToList();
            Plan(db, pending, Recipients(db, ids).ToList(), Preferences(db, ids).ToList());
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is PortalDbContext db && Pending(db) is { Count: > 0 } pending)
        {
            var ids = pending.Select(n => n.UserId).Distinct().ToList();
            Plan(db, pending, await Recipients(db, ids).ToListAsync(cancellationToken), await Preferences(db, ids).ToListAsync(cancellationToken));
        }

        return result;
    }

    private static List<Notification> Pending(PortalDbContext db) =>
        [.. db.ChangeTracker.Entries<Notification>().Where(e => e.State == EntityState.Added && e.Entity.Mail == MailState.Undecided).Select(e => e.Entity)];

    private static IQueryable<Recipient> Recipients(PortalDbContext db, List<string> ids) =>
        db.Users.AsNoTracking().Where(u => ids.Contains(u.Id) && u.IsActive && u.Email != null).Select(u => new Recipient(u.Id, u.Email!));

    private static IQueryable<NotificationPreference> Preferences(PortalDbContext db, List<string> ids) =>
        db.NotificationPreferences.AsNoTracking().Where(p => ids.Contains(p.UserId));

    private void Plan(PortalDbContext db, List<Notification> pending, List<Recipient> recipients, List<NotificationPreference> preferences)
    {
        var addresses = recipients.ToDictionary(r => r.Id, r => r.Email);
        var choices = preferences.ToDictionary(p => (p.UserId, p.Kind), p => p.Frequency);
        foreach (var notification in pending)
        {
            var address = addresses.GetValueOrDefault(notification.UserId);
            notification.PlanMail(choices.GetValueOrDefault((notification.UserId, notification.Kind), MailFrequency.Immediate), address is not null);
            if (notification.Mail == MailState.Queued)
            {
                db.OutboxMails.Add(composer.ForNotification(address!, notification));
            }
        }
    }

    private sealed record Recipient(string Id, string Email);
}

/// <summary>
/// The words of the portal's mails: plain text, a link back to the page concerned; Vietnamese, then the same in English
/// (a mail is written once for its recipient, whose language the portal does not know: both are there, Vietnamese first).
/// </summary>
public sealed class MailComposer(MailOptions options, PortalOptions portal, PortalMessages messages, TimeProvider clock)
{
    private const string EnglishMark = "\n\n--- English ---\n";

    public OutboxMail ForNotification(string address, Notification notification) => new(
        address,
        $"[SecurityPortal] {Clip(notification.Text, 150)}",
        $"{notification.Text}\n\nXem chi tiết: {Url(notification.Link)}"
            + $"{EnglishMark}{messages.InEnglish(notification.Text)}\n\nDetails: {Url(notification.Link)}\n{Footer()}",
        clock.GetUtcNow().UtcDateTime);

    public OutboxMail Digest(string address, IReadOnlyList<Notification> notifications)
    {
        var ordered = notifications.OrderBy(n => n.CreatedAtUtc).ToList();
        var lines = ordered.Select(n => $"- {Display.DateTime(n.CreatedAtUtc)} · {n.Kind.Vietnamese()}: {n.Text}\n  {Url(n.Link)}");
        var english = ordered.Select(n => $"- {Display.DateTime(n.CreatedAtUtc)} · {messages.InEnglish(n.Kind.Vietnamese())}: {messages.InEnglish(n.Text)}\n  {Url(n.Link)}");
        return new OutboxMail(
            address,
            $"[SecurityPortal] Tổng hợp {notifications.Count} thông báo",
            $"Các thông báo dành cho bạn kể từ thư tổng hợp trước:\n\n{string.Join("\n", lines)}"
                + $"{EnglishMark}Your notifications since the previous digest:\n\n{string.Join("\n", english)}\n{Footer()}",
            clock.GetUtcNow().UtcDateTime);
    }

    private string Url(string link) => options.PortalUrl.TrimEnd('/') + link;

    private string Footer() =>
        $"\n--\n{portal.ProvinceName} · SecurityPortal. Thư gửi tự động, xin đừng trả lời. / An automatic mail: please do not reply."
        + $"\nChọn cách nhận thông báo / Choose how you receive notifications: {Url("/Notifications/Preferences")}";

    private static string Clip(string text, int max) => text.Length > max ? text[..(max - 1)] + "…" : text;
}
