using Microsoft.AspNetCore.Mvc.RazorPages;

namespace SecurityPortal.Web.Pages.Account;

public sealed class AccessDeniedModel : PageModel
{
    public void OnGet()
    {
    }
}
