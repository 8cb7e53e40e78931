using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Tests.Plumbing;

/// <summary>
/// The test server has no TCP connection, so nothing says who is calling. This startup filter, ahead of the portal's whole
/// pipeline, sets the connection's remote address from the test header <see cref="Header"/>, as Kestrel sets the TCP peer:
/// the proxy, or a client that reached the portal directly.
/// </summary>
internal sealed class TestPeerAddress : IStartupFilter
{
    public const string Header = "X-Test-Peer";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextStep) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var peer))
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
            }

            return nextStep(context);
        });
        next(app);
    };

    /// <summary>A GET from <paramref name="peer"/>, with the X-Forwarded-* headers a proxy writes (those given).</summary>
    public static Task<HttpResponseMessage> GetAsync(HttpClient client, string url, string peer, string? forwardedFor = null, string? proto = null, string? host = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add(Header, peer);
        foreach (var (name, value) in new[] { ("X-Forwarded-For", forwardedFor), ("X-Forwarded-Proto", proto), ("X-Forwarded-Host", host) })
        {
            if (value is not null)
            {
                request.Headers.Add(name, value);
            }
        }

        return client.SendAsync(request);
    }
}

/// <summary>
/// Behind a reverse proxy (issue 19): X-Forwarded-For, -Proto and -Host are believed only from the configured proxies
/// (ReverseProxy:KnownProxies 10.0.0.5, ReverseProxy:KnownNetworks 10.8.0.0/16 here); the portal is reached over plain HTTP,
/// as from nginx. The sign-in page allows 2 requests a minute per client address, which shows whose address the limiter sees.
/// </summary>
public sealed class ReverseProxyTests : PortalTestBase
{
    protected override PortalFactory Configure(PortalFactory factory) => factory
        .With("ReverseProxy:KnownProxies:0", "10.0.0.5").With("ReverseProxy:KnownNetworks:0", "10.8.0.0/16")
        .With("RateLimits:LoginPerMinute", "2")
        .WithServices(s => s.AddTransient<IStartupFilter, TestPeerAddress>());

    private HttpClient PlainHttp() => Factory.CreateClient(new() { BaseAddress = new Uri("http://localhost"), AllowAutoRedirect = false });

    [Fact]
    public async Task From_a_configured_proxy_the_scheme_the_client_address_and_the_host_are_the_forwarded_ones()
    {
        var client = PlainHttp();
        var page = await TestPeerAddress.GetAsync(client, "/Account/Login", "10.0.0.5", "203.0.113.7", "https", "portal.tinh.gov.vn");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        // https: antiforgery issued its Secure __Host- cookie, and HSTS is sent (the header package leaves it off on plain
        // HTTP and for loopback names, so it also shows the forwarded host).
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-SecurityPortal.Antiforgery=", StringComparison.Ordinal));
        Assert.Contains("secure", antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("max-age=63072000", page.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        // Redirects are absolute on the forwarded scheme and host.
        var home = await TestPeerAddress.GetAsync(client, "/", "10.0.0.5", "203.0.113.7", "https", "portal.tinh.gov.vn");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.StartsWith("https://portal.tinh.gov.vn/Account/Login", home.Headers.Location!.ToString(), StringComparison.Ordinal);

        // The limiter counts per forwarded client: 203.0.113.7 has used its 2 requests, through either proxy;
        // 203.0.113.8, through the same proxy, has not.
        Assert.Equal(HttpStatusCode.OK, (await TestPeerAddress.GetAsync(client, "/Account/Login", "10.0.0.5", "203.0.113.7", "https")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await TestPeerAddress.GetAsync(client, "/Account/Login", "10.8.3.4", "203.0.113.7", "https")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TestPeerAddress.GetAsync(client, "/Account/Login", "10.0.0.5", "203.0.113.8", "https")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await TestPeerAddress.GetAsync(client, "/Account/Login", "10.8.3.4", "203.0.113.9", "https")).StatusCode);
    }

    [Fact]
    public async Task Forwarded_headers_from_an_address_that_is_not_a_configured_proxy_are_ignored()
    {
        // Loopback, which ASP.NET Core trusts by default, is not trusted unless configured: its «https» is not believed.
        var plain = await TestPeerAddress.GetAsync(PlainHttp(), "/Account/Login", "127.0.0.1", "203.0.113.7", "https", "portal.tinh.gov.vn");
        Assert.Equal(HttpStatusCode.MisdirectedRequest, plain.StatusCode);
        Assert.False(plain.Headers.Contains("Set-Cookie"));

        // Over https, from an address outside the configured ones, every forwarded client is one client: the peer.
        var client = Factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await TestPeerAddress.GetAsync(client, "/Account/Login", "198.51.100.9", "203.0.113.7")).StatusCode);
        var next = await TestPeerAddress.GetAsync(client, "/Account/Login", "198.51.100.9", "203.0.113.8", host: "portal.tinh.gov.vn");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.False(next.Headers.Contains("Strict-Transport-Security")); // the host stayed «localhost»
        Assert.Equal(HttpStatusCode.TooManyRequests, (await TestPeerAddress.GetAsync(client, "/Account/Login", "198.51.100.9", "203.0.113.9")).StatusCode);
    }
}

/// <summary>
/// Production reached directly over plain HTTP, with no proxy configured: a misconfiguration, answered with the static
/// bilingual page that names the missing setting (421), never a 500, and without the database, antiforgery or cookies. The
/// health checks still answer over plain HTTP, for the proxy's probes.
/// </summary>
public sealed class PlainHttpInProductionTests : PortalTestBase
{
    protected override PortalFactory Configure(PortalFactory factory) => factory.With(WebHostDefaults.EnvironmentKey, "Production")
        .WithServices(s => s.AddTransient<IStartupFilter, TestPeerAddress>());

    [Fact]
    public async Task Production_over_plain_http_answers_the_page_that_names_the_missing_proxy_setting()
    {
        var client = Factory.CreateClient(new() { BaseAddress = new Uri("http://localhost"), AllowAutoRedirect = false });
        foreach (var response in new[]
        {
            await client.GetAsync("/Account/Login"),
            await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "ai@tinh.vn" })),
            await client.GetAsync("/Systems"),
            // With no proxy configured, a forwarded «https» is believed from nobody.
            await TestPeerAddress.GetAsync(client, "/Account/Login", "127.0.0.1", "203.0.113.7", "https", "portal.tinh.gov.vn"),
        })
        {
            Assert.Equal(HttpStatusCode.MisdirectedRequest, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            Assert.False(response.Headers.Contains("Set-Cookie"));
            Assert.Contains("default-src 'self'", string.Join(";", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
            var body = await response.Content.ReadAsStringAsync();
            var vietnamese = body.IndexOf("Cổng thông tin chỉ làm việc qua HTTPS", StringComparison.Ordinal);
            var english = body.IndexOf("The portal works over HTTPS only", StringComparison.Ordinal);
            Assert.True(vietnamese > 0 && english > vietnamese, "Vietnamese first, then English");
            Assert.Contains("ReverseProxy:KnownProxies", body, StringComparison.Ordinal);
        }

        foreach (var health in new[] { "/health/live", "/health/ready", "/health/loops" })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(health)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/lib/bootstrap/css/bootstrap.min.css")).StatusCode);
        // Over https (TLS on the portal itself, or a trusted proxy's «https») nothing changes.
        Assert.Equal(HttpStatusCode.OK, (await Factory.CreateClient().GetAsync("/Account/Login")).StatusCode);
    }
}

/// <remarks>Touches no database: ./test.sh runs it in the SQLite pass only (Category=ProviderIndependent).</remarks>
[Trait("Category", "ProviderIndependent")]
public sealed class ReverseProxySettingsTests
{
    [Fact]
    public void Nothing_is_trusted_by_default_and_only_the_configured_proxies_are_trusted_loopback_included()
    {
        Assert.Null(ReverseProxy.ForwardedHeadersFor(new ReverseProxyOptions()));
        var options = ReverseProxy.ForwardedHeadersFor(new ReverseProxyOptions { KnownProxies = ["10.0.0.5", "fd00::5"], KnownNetworks = ["10.8.0.0/16"] })!;
        Assert.Equal([IPAddress.Parse("10.0.0.5"), IPAddress.Parse("fd00::5")], options.KnownProxies);
        Assert.Equal([System.Net.IPNetwork.Parse("10.8.0.0/16")], options.KnownIPNetworks);
        Assert.Equal(1, options.ForwardLimit);
    }

    [Theory]
    [InlineData("KnownProxies", "10.1")]
    [InlineData("KnownProxies", "010.0.0.5")]
    [InlineData("KnownProxies", "proxy.tinh.gov.vn")]
    [InlineData("KnownNetworks", "10.0.0.0/33")]
    [InlineData("KnownNetworks", "10.0.0.5")]
    [InlineData("KnownNetworks", "10.1/16")]
    public void A_malformed_address_or_range_stops_the_start_and_names_its_setting(string key, string value)
    {
        var options = key == "KnownProxies" ? new ReverseProxyOptions { KnownProxies = [value] } : new ReverseProxyOptions { KnownNetworks = [value] };
        var error = Assert.Throws<PortalConfigurationException>(() => ReverseProxy.ForwardedHeadersFor(options));
        Assert.StartsWith($"ReverseProxy:{key}: «{value}»", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The released portal itself: a malformed range stops it before anything else, with one line that names the setting, and exit code 2.</summary>
    [Fact]
    public async Task The_portal_does_not_start_with_a_malformed_known_network_and_says_which_setting_is_wrong()
    {
        var start = CrashTests.PortalStartInfo("--urls http://127.0.0.1:0");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ReverseProxy__KnownNetworks__0"] = "10.0.0.0/33";
        using var portal = System.Diagnostics.Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var error = portal.StandardError.ReadToEndAsync(timeout.Token);
        var output = await portal.StandardOutput.ReadToEndAsync(timeout.Token);
        await portal.WaitForExitAsync(timeout.Token);
        var lines = (output + await error).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(2, portal.ExitCode);
        var line = Assert.Single(lines);
        Assert.Contains("Không thể khởi động SecurityPortal: ReverseProxy:KnownNetworks: «10.0.0.0/33»", line, StringComparison.Ordinal);
    }
}
