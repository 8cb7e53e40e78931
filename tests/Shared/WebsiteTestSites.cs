using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SecurityPortal.Tests.Websites;

/// <summary>
/// An in-memory test root CA and the server certificates it issues. The root is valid from 400 days ago for
/// 10 years, so expired and not-yet-valid leaves can be issued under it. Nothing is written to a certificate store.
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private readonly List<X509Certificate2> _issued = [];
    private readonly Lock _gate = new();

    public TestCertificates()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=SecurityPortal Test Root", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        Root = request.CreateSelfSigned(now.AddDays(-400), now.AddYears(10));
    }

    /// <summary>The root CA certificate, with its private key.</summary>
    public X509Certificate2 Root { get; }

    /// <summary>The root certificate as PEM, as a trusted root would be configured.</summary>
    public string RootPem => Root.ExportCertificatePem();

    /// <summary>
    /// Issues a server certificate for <paramref name="dnsName"/> signed by <see cref="Root"/> (SAN also 127.0.0.1
    /// for "localhost"). The validity is clamped to the root's. The certificate is disposed with this object.
    /// </summary>
    public X509Certificate2 Issue(string dnsName, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var rootNotBefore = new DateTimeOffset(Root.NotBefore);
        var rootNotAfter = new DateTimeOffset(Root.NotAfter);
        if (notBefore < rootNotBefore)
        {
            notBefore = rootNotBefore;
        }

        if (notAfter > rootNotAfter)
        {
            notAfter = rootNotAfter;
        }

        using var key = RSA.Create(2048);
        var request = LeafRequest(dnsName, key);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Root, true, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        using var signed = request.Create(Root, notBefore, notAfter, serial);
        using var withKey = signed.CopyWithPrivateKey(key);
        var leaf = Reload(withKey);
        lock (_gate)
        {
            _issued.Add(leaf);
        }

        return leaf;
    }

    /// <summary>A self-signed server certificate for <paramref name="dnsName"/>; the caller disposes it.</summary>
    public static X509Certificate2 SelfSigned(string dnsName, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = RSA.Create(2048);
        var request = LeafRequest(dnsName, key);
        using var created = request.CreateSelfSigned(notBefore, notAfter);
        return Reload(created);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var certificate in _issued)
            {
                certificate.Dispose();
            }

            _issued.Clear();
        }

        Root.Dispose();
    }

    private static CertificateRequest LeafRequest(string dnsName, RSA key)
    {
        var request = new CertificateRequest($"CN={dnsName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(dnsName);
        if (string.Equals(dnsName, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            names.AddIpAddress(IPAddress.Loopback);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid(ServerAuthentication) }, false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        return request;
    }

    /// <summary>A PKCS#12 round trip, so that the private key is usable by Kestrel (SslStream) on every platform.</summary>
    private static X509Certificate2 Reload(X509Certificate2 withKey) =>
        X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null, X509KeyStorageFlags.Exportable);
}

/// <summary>
/// A real Kestrel site on 127.0.0.1 (random port), HTTP or HTTPS. It records each request and then runs the current
/// <see cref="Handler"/>, which a test may replace while the site runs (e.g. to deface the page).
/// </summary>
public sealed class TestSite : IAsyncDisposable
{
    private readonly WebApplication _app;
    private volatile RequestDelegate _handler;
    private int _requests;

    private TestSite(RequestDelegate handler, X509Certificate2? certificate)
    {
        _handler = handler;
        Https = certificate is not null;
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = AppContext.BaseDirectory,
            EnvironmentName = "Production",
        });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        _app = builder.Build();
        _app.Run(ServeAsync);
    }

    /// <summary>The handler that answers every request; replace it to change the site while it runs.</summary>
    public RequestDelegate Handler
    {
        get => _handler;
        set => _handler = value;
    }

    public int Port { get; private set; }

    public bool Https { get; }

    /// <summary>The number of requests received so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Path and query of each request, in arrival order.</summary>
    public ConcurrentQueue<string> Paths { get; } = new();

    public ConcurrentQueue<string> UserAgents { get; } = new();

    public ConcurrentQueue<string> Methods { get; } = new();

    /// <summary>Starts a site on 127.0.0.1; HTTPS with <paramref name="certificate"/> when one is given.</summary>
    public static async Task<TestSite> StartAsync(RequestDelegate handler, X509Certificate2? certificate = null)
    {
        var site = new TestSite(handler, certificate);
        try
        {
            await site._app.StartAsync();
            var addresses = site._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
            site.Port = new Uri(addresses.First()).Port;
            return site;
        }
        catch
        {
            await site._app.DisposeAsync();
            throw;
        }
    }

    /// <summary>The site's URL under <paramref name="host"/>, e.g. https://localhost:PORT/.</summary>
    public string UrlFor(string host = "localhost", string path = "/") =>
        $"{(Https ? "https" : "http")}://{host}:{Port}{(path.StartsWith('/') ? path : "/" + path)}";

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync();
        }
        finally
        {
            await _app.DisposeAsync();
        }
    }

    /// <summary>200 with an HTML page (UTF-8) and the given response headers.</summary>
    public static RequestDelegate Html(string html, params (string Name, string Value)[] headers)
    {
        var body = Encoding.UTF8.GetBytes(html);
        return async context =>
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
            context.Response.ContentType = "text/html; charset=utf-8";
            foreach (var (name, value) in headers)
            {
                context.Response.Headers[name] = value;
            }

            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        };
    }

    /// <summary>A redirect to <paramref name="location"/> with the given status.</summary>
    public static RequestDelegate Redirect(string location, int status = StatusCodes.Status302Found) => context =>
    {
        context.Response.StatusCode = status;
        context.Response.Headers.Location = location;
        return Task.CompletedTask;
    };

    /// <summary>200 with the given body and content type.</summary>
    public static RequestDelegate Bytes(byte[] body, string contentType) => async context =>
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = contentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    };

    /// <summary>
    /// Dispatches on the request path (exact, case-insensitive); other paths go to <paramref name="fallback"/>,
    /// by default 404 with an empty body.
    /// </summary>
    public static RequestDelegate ByPath(IReadOnlyDictionary<string, RequestDelegate> byPath, RequestDelegate? fallback = null)
    {
        var routes = new Dictionary<string, RequestDelegate>(byPath, StringComparer.OrdinalIgnoreCase);
        var otherwise = fallback ?? new RequestDelegate(NotFound);
        return context => routes.TryGetValue(context.Request.Path.Value ?? "/", out var handler) ? handler(context) : otherwise(context);
    }

    private static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private Task ServeAsync(HttpContext context)
    {
        Paths.Enqueue(context.Request.Path.Value + context.Request.QueryString.Value);
        UserAgents.Enqueue(context.Request.Headers.UserAgent.ToString());
        Methods.Enqueue(context.Request.Method);
        Interlocked.Increment(ref _requests);
        return Handler(context);
    }
}

/// <summary>A TCP server on 127.0.0.1 that accepts connections and never answers, to test time-outs.</summary>
public sealed class HangingServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<TcpClient> _clients = new();
    private readonly Task _accepting;
    private int _connections;

    public HangingServer()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    public string Url => $"http://localhost:{Port}/";

    /// <summary>The number of connections accepted so far.</summary>
    public int Connections => Volatile.Read(ref _connections);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping.
        }

        while (_clients.TryDequeue(out var client))
        {
            client.Dispose();
        }

        _listener.Dispose();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _clients.Enqueue(client);
            Interlocked.Increment(ref _connections);
        }
    }
}

/// <summary>Finds a loopback port on which nothing listens (for a site that is down).</summary>
public static class FreePort
{
    public static int Reserve()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
