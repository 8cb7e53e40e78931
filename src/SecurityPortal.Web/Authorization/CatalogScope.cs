using System.Security.Claims;

namespace SecurityPortal.Web.Authorization;

/// <summary>The requirement catalog's rules: everyone signed in reads it; reviewers and administrators import and publish versions.</summary>
public static class CatalogScope
{
    public static bool CanManageCatalog(this ClaimsPrincipal user) => user.IsProvincialStaff();
}
