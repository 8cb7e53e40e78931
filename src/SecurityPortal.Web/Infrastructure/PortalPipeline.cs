using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using SecurityPortal.Web.Observability;
using Serilog;

namespace SecurityPortal.Web.Infrastructure;

public static class PortalPipeline
{
    public static void UsePortalPipeline(this WebApplication app)
    {
        // First: everything after it sees the scheme, client address and host the trusted proxy forwarded.
        app.UsePortalForwardedHeaders();
        app.UseSecurityHeaders();
        app.UseMiddleware<MethodAllowListMiddleware>();
        if (app.Environment.IsDevelopment())
        {
            app.UseDeveloperExceptionPage();
        }
        else
        {
            // A body the server could not read (cut off, malformed, over a form limit) is the client's fault: 400 or 413
            // with the error page, not 500.
            app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/Error", StatusCodeSelector = RequestBody.StatusFor });
        }

        app.UseStatusCodePagesWithReExecute("/Error/{0}");
        app.UseSerilogRequestLogging(o =>
        {
            // The host's logger (console and file, as configured): left unset, the middleware writes to the static bootstrap
            // logger, which the host does not replace (preserveStaticLogger) — the request lines reached the console only.
            o.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            o.MessageTemplate = RequestLog.MessageTemplate;
            o.EnrichDiagnosticContext = RequestLog.Enrich;
        });
        app.UseStaticFiles();
        app.UseMiddleware<NoStoreMiddleware>();
        // Answered here, before authentication: a probe with (or without) a session cookie never touches the database
        // through the cookie check, so «live» stays 200 while the database is down and «ready» says 503.
        app.UseHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.UseHealthChecks("/health/ready", new HealthCheckOptions { Predicate = r => r.Tags.Contains("ready") });
        // The background loops (mail, reminders, daily figures, website watch): «Degraded» (still 200) while one's last
        // round failed, so a monitor can alert; what failed and why is in the log, never in this answer.
        app.UseHealthChecks("/health/loops", new HealthCheckOptions { Predicate = r => r.Tags.Contains(Background.PortalLoop.HealthTag) });
        // Plain HTTP where Secure cookies are required: the explanatory page, before the database and the cookies.
        app.UseMiddleware<HttpsRequiredMiddleware>();
        app.UseMiddleware<FormSizeMiddleware>();
        app.UseMiddleware<DatabaseUnavailableMiddleware>();
        app.UseRequestLocalization();
        app.UseRouting();
        // On /api an error without a body gets problem+json instead of the HTML error page (ApiProblem).
        app.UseMiddleware<ApiProblemMiddleware>();
        app.UseAuthentication();
        // After authentication: uploads and exports are limited per account, API calls per token (the sign-in pages per client address).
        app.UseRateLimiter();
        // Every API call made with a valid token is an audit row, refusals by the authorization step included.
        app.UseMiddleware<ApiCallAudit>();
        // Between the two: it knows who asked, and sees the authorization middleware's own refusals come back.
        app.UseMiddleware<AccessRefusedLog>();
        app.UseAuthorization();
        app.UseMiddleware<TwoFactorEnforcementMiddleware>();
        app.MapRazorPages();
    }
}
