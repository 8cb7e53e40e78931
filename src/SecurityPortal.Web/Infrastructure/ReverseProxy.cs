using Microsoft.AspNetCore.HttpOverrides;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Web.Infrastructure;

/// <summary>
/// Behind a reverse proxy that ends TLS (docs/deployment.md): the scheme, the client's address and the host come from the
/// proxy's <c>X-Forwarded-Proto</c>, <c>-For</c> and <c>-Host</c>, and only when the connection itself comes from a configured
/// proxy (<see cref="ReverseProxyOptions"/>). Then the Secure cookies, HSTS, redirects, the sign-in rate limit and the logs see
/// https and the real client.
/// </summary>
public static class ReverseProxy
{
    public static void AddPortalReverseProxy(this WebApplicationBuilder builder)
    {
        // ASP.NET Core's own switch (ASPNETCORE_FORWARDEDHEADERS_ENABLED) believes the headers from every address.
        if (string.Equals(builder.Configuration["FORWARDEDHEADERS_ENABLED"], bool.TrueString, StringComparison.OrdinalIgnoreCase))
        {
            throw new PortalConfigurationException(
                "ASPNETCORE_FORWARDEDHEADERS_ENABLED tin tiêu đề X-Forwarded-* từ mọi địa chỉ: hãy bỏ biến này và khai báo ReverseProxy:KnownProxies hoặc ReverseProxy:KnownNetworks.");
        }

        var options = builder.AddPortalOptions<ReverseProxyOptions>(ReverseProxyOptions.SectionName);
        builder.Services.AddSingleton(new TrustedProxies(ForwardedHeadersFor(options)));
    }

    /// <summary>The forwarded-headers settings for the configured proxies; null when none is configured.</summary>
    public static ForwardedHeadersOptions? ForwardedHeadersFor(ReverseProxyOptions options)
    {
        var proxies = ConfiguredAddresses.Addresses("ReverseProxy:KnownProxies", options.KnownProxies);
        var networks = ConfiguredAddresses.Networks("ReverseProxy:KnownNetworks", options.KnownNetworks);
        if (proxies.Count == 0 && networks.Count == 0)
        {
            return null;
        }

        // One proxy hop (ForwardLimit 1, the default): the last X-Forwarded-For entry, the one the proxy wrote.
        var forwarded = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost,
        };
        // The framework trusts loopback by default; here only what is configured is trusted.
        forwarded.KnownProxies.Clear();
        forwarded.KnownIPNetworks.Clear();
        proxies.ForEach(forwarded.KnownProxies.Add);
        networks.ForEach(forwarded.KnownIPNetworks.Add);
        return forwarded;
    }

    /// <summary>
    /// The first step of the pipeline. Without a configured proxy the middleware is left out altogether: with empty lists it
    /// would believe the headers from every address.
    /// </summary>
    public static void UsePortalForwardedHeaders(this WebApplication app)
    {
        if (app.Services.GetRequiredService<TrustedProxies>().Options is { } options)
        {
            app.UseForwardedHeaders(options);
            app.Logger.LogInformation(
                "X-Forwarded-For, -Proto and -Host are taken from {Proxies}",
                string.Join(", ", options.KnownProxies.Select(p => p.ToString()).Concat(options.KnownIPNetworks.Select(n => n.ToString()))));
        }
        else
        {
            app.Logger.LogInformation("No reverse proxy configured (ReverseProxy:KnownProxies, ReverseProxy:KnownNetworks): X-Forwarded-* headers are ignored");
        }
    }
}

/// <summary>The forwarded-headers settings of the configured proxies, or null when the portal trusts no proxy.</summary>
public sealed record TrustedProxies(ForwardedHeadersOptions? Options);

/// <summary>
/// Where Secure cookies are required (<c>Security:SecureCookiesOnly</c>, on outside Development), a request that did not come
/// over https — directly, or from a trusted proxy that said so — cannot work: antiforgery refuses to issue its Secure cookie
/// and browsers drop <c>__Host-</c> cookies. Such a request gets the static bilingual page <c>https-required.html</c>, which
/// names the missing setting, with 421 Misdirected Request: the portal is not configured to answer for a plain-http address
/// (RFC 9110, 15.5.20); 400 would blame a well-formed request, 500 a fault that is the deployment's. It sits after the static
/// files and the health checks, so the page's stylesheet loads and a proxy's health probe over plain HTTP still works, and
/// before the database, antiforgery and cookies, which the page needs none of.
/// </summary>
public sealed class HttpsRequiredMiddleware(RequestDelegate next, SecurityOptions security, IWebHostEnvironment environment, ILogger<HttpsRequiredMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!security.SecureCookiesOnly || context.Request.IsHttps)
        {
            await next(context);
            return;
        }

        logger.LogWarning(
            "Plain HTTP request for {Path} from {ClientAddress} refused: no trusted proxy said https (ReverseProxy:KnownProxies, ReverseProxy:KnownNetworks)",
            context.Request.Path, context.Connection.RemoteIpAddress);
        await StaticPage.SendAsync(context, environment, "https-required.html", StatusCodes.Status421MisdirectedRequest);
    }
}
