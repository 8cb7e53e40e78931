using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecurityPortal.Data.Identity;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Infrastructure.Identity;

namespace SecurityPortal.Web.Pages.Account;

public sealed class LogoutModel(SignInManager<PortalUser> signInManager, SessionRegistry sessions, ILogger<LogoutModel> logger) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // The session ends on the server too: a copy of the cookie is refused from now on (ASVS 5.0 V7.4.1).
        if (SessionRegistry.CurrentOf(HttpContext) is { } session && User.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
        {
            await sessions.EndAsync(userId, session);
        }

        await signInManager.SignOutAsync();
        logger.LogInformation("User signed out");
        // The browser drops this site's cookies and storage (ASVS 5.0 V14.3.1).
        Response.Headers["Clear-Site-Data"] = "\"cookies\", \"storage\"";
        TempData.Success("Bạn đã đăng xuất.");
        return RedirectToPage("./Login");
    }
}
