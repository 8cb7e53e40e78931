using System.Net;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Infrastructure.Background;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Web.WebsiteWatch;

public static class WebsiteWatchSetup
{
    public static void AddWebsiteWatch(this WebApplicationBuilder builder)
    {
        var options = builder.AddPortalOptions<WebsiteWatchOptions>(WebsiteWatchOptions.SectionName);
        builder.Services.AddSingleton(new AddressPolicy(ConfiguredAddresses.Networks("WebsiteWatch:AllowedInternalNetworks", options.AllowedInternalNetworks)));
        builder.Services.AddSingleton(new TrustedRoots(options));
        builder.Services.AddSingleton<IWebsiteResolver, DnsWebsiteResolver>();
        builder.Services.AddSingleton<GuardedConnector>();
        builder.Services.AddSingleton<HostGate>();
        builder.Services.AddSingleton<WebsiteProber>();
        builder.Services.AddScoped<WebsiteTasks>();
        builder.Services.AddScoped<WebsiteWatchService>();
        builder.Services.AddPortalLoop<WebsiteWatchLoop>("website watch");

        // No redirects (the prober follows them itself, on the same host only), no cookies, no proxy, no retries; every
        // connection goes through the guarded connector. Certificates are judged by the prober's own handshake.
        builder.Services.AddHttpClient(WebsiteProber.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(services => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                UseProxy = false,
                AutomaticDecompression = DecompressionMethods.All,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                MaxConnectionsPerServer = 2,
                ConnectCallback = (context, ct) =>
                    new ValueTask<Stream>(services.GetRequiredService<GuardedConnector>().ConnectAsync(context.DnsEndPoint.Host, context.DnsEndPoint.Port, ct)),
                // The watch reads a site whose certificate is bad, to check its headers and content too: the certificate is
                // judged by the prober's own handshake and reported, and nothing is ever sent to the site but GETs.
#pragma warning disable CA5359
                SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
#pragma warning restore CA5359
            });
    }
}
