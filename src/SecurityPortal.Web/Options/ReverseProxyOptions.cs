namespace SecurityPortal.Web.Options;

/// <summary>
/// The <c>ReverseProxy</c> configuration section: the proxies whose <c>X-Forwarded-For</c>, <c>-Proto</c> and <c>-Host</c>
/// the portal believes (docs/deployment.md). Empty by default: nothing is trusted, loopback included, and the headers are
/// ignored. One address or range per entry (<c>ReverseProxy__KnownProxies__0=10.0.0.5</c>); a malformed entry stops the start.
/// </summary>
public sealed class ReverseProxyOptions
{
    public const string SectionName = "ReverseProxy";

    /// <summary>IP addresses of the proxies, e.g. <c>127.0.0.1</c> for nginx on the same server.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of the proxies in CIDR form, e.g. <c>10.0.5.0/24</c> for a pool of load balancers.</summary>
    public List<string> KnownNetworks { get; set; } = [];
}
