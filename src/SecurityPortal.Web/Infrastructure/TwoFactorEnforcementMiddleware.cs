using SecurityPortal.Web.Infrastructure.Identity;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Web.Infrastructure;

/// <summary>
/// An account that is not set up yet reaches only the page that sets it up, and logout, until it is: a password an
/// administrator set must first be replaced (ASVS 5.0 V6.4.1), then a user whose role (or account) requires two-factor
/// authentication must enrol an authenticator.
/// </summary>
public sealed class TwoFactorEnforcementMiddleware(RequestDelegate next, SecurityOptions options)
{
    private static readonly string[] AllowedPaths =
    [
        "/Account/Manage/EnableAuthenticator", "/Account/Manage/TwoFactor", "/Account/Logout", "/Error", "/Culture",
    ];

    private static readonly string[] PasswordPaths = ["/Account/Manage", "/Account/Manage/Index"];
    private static readonly string[] AlwaysAllowed = ["/Account/Logout", "/Error", "/Culture"];

    public Task InvokeAsync(HttpContext context)
    {
        var user = context.User;
        if (user.Identity?.IsAuthenticated == true
            && user.HasClaim(PortalClaims.MustChangePassword, "true")
            && !PasswordPaths.Any(p => context.Request.Path.Equals(p, StringComparison.OrdinalIgnoreCase))
            && !AlwaysAllowed.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            context.Response.Redirect("/Account/Manage?firstPassword=true");
            return Task.CompletedTask;
        }

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
