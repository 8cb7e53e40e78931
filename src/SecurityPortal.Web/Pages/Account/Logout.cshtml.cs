using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecurityPortal.Data.Identity;
using SecurityPortal.Web.Infrastructure;

namespace SecurityPortal.Web.Pages.Account;

public sealed class LogoutModel(SignInManager<PortalUser> signInManager, ILogger<LogoutModel> logger) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signInManager.SignOutAsync();
        logger.LogInformation("User signed out");
        // The browser drops this site's cookies and storage (ASVS 5.0 V14.3.1).
        Response.Headers["Clear-Site-Data"] = "\"cookies\", \"storage\"";
        TempData.Success("Bạn đã đăng xuất.");
        return RedirectToPage("./Login");
    }
}
