using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using SecurityPortal.Data;
using SecurityPortal.Data.Identity;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Web.Infrastructure.Identity;

/// <summary>Identity configured for ASVS 5.0 L2 (see docs/security for each choice).</summary>
public static class IdentitySetup
{
    private const string AbsoluteExpiryItem = "portal.absolute_expiry";

    public static void AddPortalIdentity(this WebApplicationBuilder builder)
    {
        var security = builder.AddPortalOptions<SecurityOptions>(SecurityOptions.SectionName);
        security.ResolveDefaults(builder.Environment.EnvironmentName);
        builder.Services.PostConfigure<SecurityOptions>(o => o.ResolveDefaults(builder.Environment.EnvironmentName));

        builder.Services
            .AddIdentity<PortalUser, IdentityRole>(o =>
            {
                // Length and a common-password list, no composition rules (ASVS 5.0 V6.2.1, V6.2.4, V6.2.5).
                o.Password.RequiredLength = security.PasswordMinLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = security.LockoutMaxFailedAttempts;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(security.LockoutMinutes);
                o.User.RequireUniqueEmail = true;
                o.SignIn.RequireConfirmedAccount = false;
                o.Tokens.AuthenticatorTokenProvider = TokenOptions.DefaultAuthenticatorProvider;
            })
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddUserStore<PortalUserStore>()
            .AddSignInManager<PortalSignInManager>()
            .AddClaimsPrincipalFactory<PortalClaimsPrincipalFactory>()
            .AddErrorDescriber<VietnameseIdentityErrorDescriber>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddPasswordValidator<ContextWordsPasswordValidator>()
            .AddPasswordValidator<BreachedPasswordValidator>()
            .AddTokenProvider<DataProtectorTokenProvider<PortalUser>>(TokenOptions.DefaultProvider)
            .AddTokenProvider<PortalTotpTokenProvider>(TokenOptions.DefaultAuthenticatorProvider);

        // OWASP's figure for PBKDF2-HMAC-SHA512; older hashes are upgraded at the next login.
        builder.Services.Configure<PasswordHasherOptions>(o => o.IterationCount = 210_000);

        BreachedPasswords.EnsureConfiguredFileExists(security);
        builder.Services.AddSingleton<BreachedPasswords>();
        builder.Services.AddScoped<SessionRegistry>();
        // The API's only way in: a personal access token (Authorization: Bearer). On /api the session cookie is never read
        // (the cookie scheme forwards there to the token scheme), so a browser's session cannot call the API for a page.
        builder.Services.AddScoped<ApiTokens>();
        builder.Services.AddAuthentication().AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(ApiTokenClaims.Scheme, configureOptions: null);
        // Every request re-reads the account, so deactivation and role changes apply at once.
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero);

        var securePolicy = security.SecureCookiesOnly ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        var cookiePrefix = security.CookiePrefix;
        builder.Services.ConfigureAll<CookieAuthenticationOptions>(o =>
        {
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = securePolicy;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        // Identity's other cookies (the user between password and second factor, the remembered device, an external
        // sign-in) carry the same prefix as the session: named here, their flags set above.
        builder.Services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o => o.Cookie.Name = cookiePrefix + "SecurityPortal.TwoFactor");
        builder.Services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, o => o.Cookie.Name = cookiePrefix + "SecurityPortal.TwoFactorDevice");
        builder.Services.Configure<CookieAuthenticationOptions>(IdentityConstants.ExternalScheme, o => o.Cookie.Name = cookiePrefix + "SecurityPortal.External");
        builder.Services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = cookiePrefix + "SecurityPortal";
            o.ForwardDefaultSelector = context => ApiProblem.IsApi(context) ? ApiTokenClaims.Scheme : null;
            o.LoginPath = "/Account/Login";
            o.LogoutPath = "/Account/Logout";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.ExpireTimeSpan = TimeSpan.FromMinutes(security.IdleTimeoutMinutes);
            o.SlidingExpiration = true;
            o.Events.OnSigningIn = async context =>
            {
                var clock = context.HttpContext.RequestServices.GetRequiredService<TimeProvider>();
                var expiry = clock.GetUtcNow().AddHours(security.AbsoluteTimeoutHours);
                context.Properties.Items.TryAdd(AbsoluteExpiryItem, expiry.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
                // A refreshed sign-in (password changed, authenticator enrolled) keeps its session; a new one starts one.
                if (SessionRegistry.IdOf(context.Properties) is null
                    && context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier) is { } userId)
                {
                    var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionRegistry>();
                    // The audit row of the sign-in names the person signing in, not an anonymous request.
                    var anonymous = context.HttpContext.User;
                    context.HttpContext.User = context.Principal;
                    var id = await sessions.StartAsync(userId, context.HttpContext);
                    context.HttpContext.User = anonymous;
                    context.Properties.Items[SessionRegistry.SessionItem] = id.ToString();
                    context.HttpContext.Items[SessionRegistry.SessionItem] = id;
                }
            };
            o.Events.OnValidatePrincipal = async context =>
            {
                var sessionId = SessionRegistry.IdOf(context.Properties);
                var userId = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
                if (IsPastAbsoluteExpiry(context.Properties, context.HttpContext.RequestServices.GetRequiredService<TimeProvider>())
                    || sessionId is null || userId is null
                    || !await context.HttpContext.RequestServices.GetRequiredService<SessionRegistry>().IsOpenAsync(sessionId.Value, userId))
                {
                    // Expired, or its session ended on the server (signed out, ended elsewhere): a copied cookie is worth nothing.
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }

                context.HttpContext.Items[SessionRegistry.SessionItem] = sessionId.Value;
                await SecurityStampValidator.ValidatePrincipalAsync(context);
                if (context.Principal is null)
                {
                    // The account's stamp changed (password, deactivation): the session row goes too.
                    await context.HttpContext.RequestServices.GetRequiredService<SessionRegistry>().EndAsync(userId, sessionId.Value);
                }
            };
        });
        // One-shot messages after Post/Redirect/Get: like the others, HttpOnly, Secure, SameSite=Strict and __Host-.
        builder.Services.Configure<Microsoft.AspNetCore.Mvc.CookieTempDataProviderOptions>(o =>
        {
            o.Cookie.Name = cookiePrefix + "SecurityPortal.TempData";
            o.Cookie.HttpOnly = true;
            o.Cookie.SecurePolicy = securePolicy;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.Path = "/";
        });
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = cookiePrefix + "SecurityPortal.Antiforgery";
            o.Cookie.SecurePolicy = securePolicy;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.FormFieldName = "__RequestVerificationToken";
        });
    }

    private static bool IsPastAbsoluteExpiry(AuthenticationProperties properties, TimeProvider clock) =>
        !properties.Items.TryGetValue(AbsoluteExpiryItem, out var text)
        || !long.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
        || clock.GetUtcNow().ToUnixTimeSeconds() > seconds;
}
