using Microsoft.AspNetCore.Mvc.RazorPages;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Web.Pages.Account;

public sealed class LockoutModel(SecurityOptions security) : PageModel
{
    public int Minutes => security.LockoutMinutes;

    public void OnGet()
    {
    }
}
