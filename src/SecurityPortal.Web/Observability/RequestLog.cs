using System.Diagnostics;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using SecurityPortal.Web.Infrastructure.Identity;
using Serilog;

namespace SecurityPortal.Web.Observability;

/// <summary>
/// What every request's log line names (issue 19): the client address (the real one behind a trusted proxy), the signed-in
/// user's id and agency id, and the trace id that links the line to the request's spans and to the error page's reference.
/// Ids only — no name, no e-mail address, no form value.
/// </summary>
public static class RequestLog
{
    public const string MessageTemplate =
        "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0000} ms from {ClientAddress} user {UserId} agency {AgencyId} trace {TraceId}";

    public static void Enrich(IDiagnosticContext diagnostics, HttpContext context)
    {
        diagnostics.Set("ClientAddress", context.Connection.RemoteIpAddress?.ToString());
        diagnostics.Set("UserId", context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "-");
        diagnostics.Set("AgencyId", context.User.FindFirstValue(PortalClaims.AgencyId) ?? "-");
        diagnostics.Set("TraceId", TraceId(context));
    }

    /// <summary>The W3C trace id of the request's activity, else the server's request id.</summary>
    public static string TraceId(HttpContext context) => Activity.Current?.TraceId.ToHexString() ?? context.TraceIdentifier;

    /// <summary>
    /// A sign-in attempt's account name as the logs may hold it: the first 16 hex digits of the SHA-256 of the trimmed,
    /// upper-cased name. An operator can check whether a given account was tried (hash it the same way) without the log
    /// listing the addresses people typed, which are personal data and, mistyped, sometimes a password.
    /// </summary>
    public static string HashedName(string attempted) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(attempted.Trim().ToUpperInvariant())))[..16].ToLowerInvariant();
}
