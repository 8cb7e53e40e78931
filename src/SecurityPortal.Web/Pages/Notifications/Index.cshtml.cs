using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Notifications;

namespace SecurityPortal.Web.Pages.Notifications;

/// <summary>The signed-in user's in-app notifications: newest first; opening one marks it read.</summary>
public sealed class IndexModel(PortalDbContext db, TimeProvider clock) : PageModel
{
    public const int Shown = 100;

    public IReadOnlyList<Notification> Items { get; private set; } = [];

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Items = await db.Notifications.AsNoTracking().Where(n => n.UserId == UserId)
            .OrderByDescending(n => n.CreatedAtUtc).Take(Shown).ToListAsync(cancellationToken);

    /// <summary>Marks the notification read and follows its link, which is always a path of the portal.</summary>
    public async Task<IActionResult> OnPostOpenAsync(Guid notificationId, CancellationToken cancellationToken)
    {
        var notification = await db.Notifications.FirstOrDefaultAsync(n => n.Id == notificationId && n.UserId == UserId, cancellationToken);
        if (notification is null)
        {
            return NotFound();
        }

        notification.MarkRead(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return LocalRedirect(notification.Link);
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await db.Notifications.Where(n => n.UserId == UserId && n.ReadAtUtc == null)
            .ExecuteUpdateAsync(u => u.SetProperty(n => n.ReadAtUtc, now), cancellationToken);
        return RedirectToPage();
    }
}
