using Microsoft.AspNetCore.Mvc;
using SecurityPortal.Web.Inbox;

namespace SecurityPortal.Web.ViewComponents;

/// <summary>
/// «Việc của tôi» in the navigation bar with the number of lines of the user's inbox (the home page's list). On the home
/// page the list has already counted them, so nothing is queried again. A database that is down shows no count.
/// </summary>
public sealed class InboxBadge(PersonalInbox inbox, ILogger<InboxBadge> logger) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var count = 0;
        try
        {
            count = await inbox.CountAsync(UserClaimsPrincipal, HttpContext.RequestAborted);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException)
        {
            logger.LogWarning(ex, "The inbox could not be counted");
        }

        return View(count);
    }
}
