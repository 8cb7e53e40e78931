using System.Diagnostics;
using System.Security.Claims;
using SecurityPortal.Data;
using SecurityPortal.Web.Infrastructure.Identity;

namespace SecurityPortal.Web.Infrastructure;

/// <summary>The signed-in user of the current request, for the audit trail; the system when there is no request.</summary>
public sealed class HttpCurrentActor(IHttpContextAccessor accessor) : ICurrentActor
{
    private ClaimsPrincipal? User => accessor.HttpContext?.User is { Identity.IsAuthenticated: true } user ? user : null;

    public string? UserId => User?.FindFirstValue(ClaimTypes.NameIdentifier);
    public string? UserName => User?.Identity?.Name ?? (accessor.HttpContext is null ? SystemActor.Instance.UserName : null);
    public Guid? AgencyId => User?.GetAgencyId();
    public string? TraceId => Activity.Current?.Id ?? accessor.HttpContext?.TraceIdentifier;

    /// <summary>After the forwarded-headers step, so behind a trusted proxy this is the real client.</summary>
    public string? ClientAddress => accessor.HttpContext is { } context ? ClientAddressOf(context) : null;

    public static string? ClientAddressOf(HttpContext context) => context.Connection.RemoteIpAddress is { } address
        ? (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString()
        : null;
}
