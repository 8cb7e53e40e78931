using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Web.Pages;

/// <summary>Switches the interface language (vi-VN by default, en-US second) and returns to the same page.</summary>
public sealed class CultureModel(SecurityOptions security) : PageModel
{
    public IActionResult OnGet() => NotFound();

    public IActionResult OnPost(string? culture, string? returnUrl)
    {
        var chosen = PortalServices.SupportedCultures.FirstOrDefault(c => c.Name == culture)?.Name ?? "vi-VN";
        Response.Cookies.Append(
            security.CultureCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, Secure = true, HttpOnly = true, SameSite = SameSiteMode.Lax, Path = "/" });
        // Only a local path of printable ASCII goes back into the Location header (anything else would be refused by Kestrel).
        return LocalRedirect(Url.IsLocalUrl(returnUrl) && returnUrl.All(c => c is > ' ' and < (char)0x7f) ? returnUrl : "/");
    }
}
