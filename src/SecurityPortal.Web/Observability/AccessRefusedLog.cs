using System.Security.Claims;
using Microsoft.AspNetCore.Diagnostics;
using SecurityPortal.Web.Infrastructure.Identity;

namespace SecurityPortal.Web.Observability;

/// <summary>
/// A security event for every refusal a signed-in person meets (ASVS 5.0 V16.3.2): 403, a redirect to the access-denied
/// page, and 404 — which is also how another agency's record answers, so probing for other agencies' records shows in the
/// log as a run of these lines for one user. Logged at Warning with the user id, agency id, method, path (never the query
/// string) and client address; the trace id comes with the request's other lines.
/// </summary>
public sealed class AccessRefusedLog(RequestDelegate next, ILogger<AccessRefusedLog> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        await next(context);
        // The error page re-executed for the same request (UseStatusCodePagesWithReExecute) is not a second refusal.
        if (context.User.Identity?.IsAuthenticated != true || context.Features.Get<IStatusCodeReExecuteFeature>() is not null)
        {
            return;
        }

        var response = context.Response;
        var refused = response.StatusCode is StatusCodes.Status403Forbidden or StatusCodes.Status404NotFound
            || (response.StatusCode == StatusCodes.Status302Found
                && response.Headers.Location.ToString().Contains("/Account/AccessDenied", StringComparison.OrdinalIgnoreCase));
        if (refused)
        {
            logger.LogWarning(
                "Security event: access refused ({StatusCode}) to {RequestMethod} {RequestPath} for user {UserId} agency {AgencyId} from {ClientAddress}",
                response.StatusCode, context.Request.Method, context.Request.Path.Value, context.User.FindFirstValue(ClaimTypes.NameIdentifier),
                context.User.FindFirstValue(PortalClaims.AgencyId) ?? "-", context.Connection.RemoteIpAddress);
            PortalTelemetry.AccessRefused(response.StatusCode);
        }
    }
}
