using System.Security.Claims;

namespace SecurityPortal.Web.Authorization;

/// <summary>
/// The watched website's rules. Who sees a website and acts on its alerts is its system's scope (<see cref="AgencyScope"/>);
/// a check on demand («Kiểm tra ngay») is the reviewers' and administrators'.
/// </summary>
public static class WebsiteScope
{
    public static bool CanCheckWebsitesNow(this ClaimsPrincipal user) => user.IsProvincialStaff();
}
