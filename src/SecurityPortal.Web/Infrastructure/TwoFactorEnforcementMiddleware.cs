using SecurityPortal.Web.Infrastructure.Identity;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Web.Infrastructure;

/// <summary>
/// A user whose role (or account) requires two-factor authentication and who has not enrolled an
/// authenticator can only reach the enrolment pages and logout until they do.
/// </summary>
public sealed class TwoFactorEnforcementMiddleware(RequestDelegate next, SecurityOptions options)
{
    private static readonly string[] AllowedPaths =
    [
        "/Account/Manage/EnableAuthenticator", "/Account/Manage/TwoFactor", "/Account/Logout", "/Error", "/Culture",
    ];

    public Task InvokeAsync(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated != true
            || user.HasClaim(PortalClaims.TwoFactorEnabled, "true")
            || !(user.HasClaim(PortalClaims.RequireTwoFactor, "true") || options.RoleRequiresTwoFactor(user))
            || AllowedPaths.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            return next(context);
        }

        context.Response.Redirect("/Account/Manage/EnableAuthenticator?required=true");
        return Task.CompletedTask;
    }
}
