using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;

namespace SecurityPortal.Web.ViewComponents;

/// <summary>The unread count in the navigation bar. A database that is down shows no count rather than breaking the page.</summary>
public sealed class NotificationBell(PortalDbContext db, ILogger<NotificationBell> logger) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var userId = UserClaimsPrincipal.FindFirstValue(ClaimTypes.NameIdentifier);
        var unread = 0;
        if (userId is not null)
        {
            try
            {
                unread = await db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAtUtc == null, HttpContext.RequestAborted);
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException)
            {
                logger.LogWarning(ex, "Unread notifications could not be counted");
            }
        }

        return View(unread);
    }
}
