using Microsoft.AspNetCore.Mvc.RazorPages;
using SecurityPortal.Web.Infrastructure.Identity;

namespace SecurityPortal.Web.Pages.Account;

public sealed class LockoutModel(SecurityOptions security) : PageModel
{
    public int Minutes => security.LockoutMinutes;

    public void OnGet()
    {
    }
}
