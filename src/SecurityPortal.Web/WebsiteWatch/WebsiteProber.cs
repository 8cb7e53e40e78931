using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using SecurityPortal.Domain.Websites;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Web.WebsiteWatch;

/// <summary>Resolves a host name; tests replace it so that no name ever leaves the machine.</summary>
public interface IWebsiteResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}

public sealed class DnsWebsiteResolver : IWebsiteResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        IPAddress.TryParse(host, out var address) ? Task.FromResult(new[] { address }) : Dns.GetHostAddressesAsync(host, cancellationToken);
}

/// <summary>
/// Thrown when every address of a host is internal and not allowed. Its message is what the website's page shows: that
/// the address was not checked, never what the name resolves to (issue 20: the watch must not tell an officer the
/// internal network's names and addresses); the addresses go to the log only.
/// </summary>
public sealed class BlockedAddressException() : Exception(Shown)
{
    public const string Shown = "địa chỉ nội bộ — không kiểm tra";
}

/// <summary>
/// Which addresses the watch may connect to. Internal ranges (loopback, RFC 1918, link-local, carrier-grade NAT,
/// unique-local IPv6, multicast, unspecified) are refused unless configured, and the check is made on the address
/// actually connected to, after resolution, so a name that resolves to an internal address is refused as well.
/// </summary>
public sealed class AddressPolicy(IReadOnlyList<IPNetwork> allowed)
{
    private static readonly IPNetwork[] Internal =
    [
        IPNetwork.Parse("0.0.0.0/8"), IPNetwork.Parse("10.0.0.0/8"), IPNetwork.Parse("100.64.0.0/10"), IPNetwork.Parse("127.0.0.0/8"),
        IPNetwork.Parse("169.254.0.0/16"), IPNetwork.Parse("172.16.0.0/12"), IPNetwork.Parse("192.0.0.0/24"), IPNetwork.Parse("192.168.0.0/16"),
        IPNetwork.Parse("198.18.0.0/15"), IPNetwork.Parse("224.0.0.0/4"), IPNetwork.Parse("240.0.0.0/4"),
        IPNetwork.Parse("::/128"), IPNetwork.Parse("::1/128"), IPNetwork.Parse("fc00::/7"), IPNetwork.Parse("fe80::/10"), IPNetwork.Parse("ff00::/8"),
    ];

    public bool IsAllowed(IPAddress address)
    {
        var a = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        return allowed.Any(n => n.Contains(a)) || !Internal.Any(n => n.BaseAddress.AddressFamily == a.AddressFamily && n.Contains(a));
    }
}

/// <summary>Opens the TCP connections of the watch: for its own TLS handshake and, as the HTTP client's connect callback, for every request.</summary>
public sealed partial class GuardedConnector(IWebsiteResolver resolver, AddressPolicy policy, ILogger<GuardedConnector> logger)
{
    /// <summary>Resolves, refuses internal addresses, and connects to the first address that answers.</summary>
    public async Task<Stream> ConnectAsync(string host, int port, CancellationToken cancellationToken)
    {
        var addresses = await resolver.ResolveAsync(host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new SocketException((int)SocketError.HostNotFound);
        }

        var allowed = addresses.Where(policy.IsAllowed).ToList();
        if (allowed.Count == 0)
        {
            Refused(logger, host, string.Join(", ", addresses.Select(a => a.ToString())));
            throw new BlockedAddressException();
        }

        SocketException? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Website watch: {Host} resolves only to internal addresses ({Addresses}); not contacted")]
    private static partial void Refused(ILogger logger, string host, string addresses);
}

/// <summary>Spaces requests to the same host by at least the configured delay, across all checks of this instance (real time, not the portal's clock).</summary>
public sealed class HostGate(WebsiteWatchOptions options)
{
    private readonly ConcurrentDictionary<string, (SemaphoreSlim Lock, StrongBox<long> Last)> _hosts = new(StringComparer.OrdinalIgnoreCase);

    public async Task<IDisposable> EnterAsync(string host, CancellationToken cancellationToken)
    {
        var entry = _hosts.GetOrAdd(host, _ => (new SemaphoreSlim(1, 1), new StrongBox<long>(long.MinValue / 2)));
        await entry.Lock.WaitAsync(cancellationToken);
        var wait = entry.Last.Value + options.PerHostDelayMilliseconds - Environment.TickCount64;
        if (wait > 0)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(wait), cancellationToken);
            }
            catch
            {
                entry.Lock.Release();
                throw;
            }
        }

        return new Turn(entry.Lock, entry.Last);
    }

    private sealed class Turn(SemaphoreSlim gate, StrongBox<long> last) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                last.Value = Environment.TickCount64;
                gate.Release();
            }
        }
    }
}

/// <summary>
/// Gathers the facts of one website, politely: a TLS handshake of its own (to read the certificate and protocol
/// whatever the HTTP client would accept), a GET of the registered page following redirects only on the same host,
/// for an https site on the default port a GET of its http:// twin without following, and a GET of a few well-known
/// static files. Every request names the portal in its User-Agent, is bounded in time and size, and waits its turn
/// per host. Never a POST, never a retry.
/// </summary>
public sealed class WebsiteProber(
    IHttpClientFactory clients, GuardedConnector connector, HostGate gate, WebsiteWatchOptions options, TrustedRoots roots, TimeProvider clock)
{
    public const string ClientName = "website-watch";

    public async Task<ProbeResult> ProbeAsync(string url, CancellationToken cancellationToken)
    {
        var started = clock.GetUtcNow().UtcDateTime;
        var watch = Stopwatch.StartNew();
        using var whole = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        whole.CancelAfter(TimeSpan.FromSeconds(options.CheckTimeoutSeconds));
        var uri = new Uri(url);
        TlsFacts? tls = null;
        try
        {
            if (uri.Scheme == Uri.UriSchemeHttps)
            {
                tls = await HandshakeAsync(uri, whole.Token);
            }

            var page = await FetchPageAsync(uri, whole.Token);
            bool? redirects = null;
            if (uri.Scheme == Uri.UriSchemeHttps && uri.IsDefaultPort)
            {
                redirects = await RedirectsToHttpsAsync(uri, whole.Token);
            }

            var wellKnown = new List<PathProbe>();
            if (options.AskWellKnownPaths && page.Status is >= 200 and < 400 && page.OffHost is null)
            {
                var origin = new Uri(page.FinalUri.GetLeftPart(UriPartial.Authority));
                foreach (var path in SoftwareFingerprints.WellKnownPaths)
                {
                    wellKnown.Add(await FetchWellKnownAsync(new Uri(origin, path), whole.Token));
                }
            }

            return new ProbeResult
            {
                Url = url,
                StartedUtc = started,
                DurationMs = (int)page.Elapsed.TotalMilliseconds,
                StatusCode = page.Status,
                FinalUrl = page.FinalUri.ToString(),
                Headers = page.Headers,
                ContentType = page.ContentType,
                Html = page.Text,
                Truncated = page.Truncated,
                BodyBytesRead = page.BytesRead,
                Binary = page.Binary,
                RedirectedOffHostTo = page.OffHost,
                RedirectLoop = page.Loop,
                HttpRedirectsToHttps = redirects,
                Tls = tls,
                WellKnown = wellKnown,
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var (failure, detail) = Classify(ex);
            return new ProbeResult
            {
                Url = url,
                StartedUtc = started,
                DurationMs = (int)watch.ElapsedMilliseconds,
                Failure = failure,
                FailureDetail = detail,
                Tls = tls,
            };
        }
    }

    private static (ProbeFailure, string) Classify(Exception ex)
    {
        for (var e = ex; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case BlockedAddressException blocked:
                    return (ProbeFailure.BlockedAddress, blocked.Message);
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain } socket:
                    return (ProbeFailure.NameNotResolved, socket.Message);
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused } socket:
                    return (ProbeFailure.ConnectionRefused, socket.Message);
                case SocketException { SocketErrorCode: SocketError.TimedOut } socket:
                    return (ProbeFailure.Timeout, socket.Message);
                case OperationCanceledException or TimeoutException:
                    return (ProbeFailure.Timeout, "Hết thời gian chờ.");
                case AuthenticationException auth:
                    return (ProbeFailure.TlsFailed, auth.Message);
            }
        }

        return (ProbeFailure.Other, ex.Message);
    }

    private async Task<TlsFacts> HandshakeAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var turn = await gate.EnterAsync(uri.Host, cancellationToken);
        using var timeout = Timeout(cancellationToken);
        await using var stream = await connector.ConnectAsync(uri.IdnHost, uri.Port, timeout.Token);
        X509Certificate2? certificate = null;
        var errors = SslPolicyErrors.None;
        var presented = new X509Certificate2Collection();
        await using var ssl = new SslStream(stream, leaveInnerStreamOpen: false);
        try
        {
            await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
            {
                TargetHost = uri.IdnHost,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
#pragma warning disable CA5359 // accepted to be read and judged (TlsFacts); nothing is sent over this connection
                RemoteCertificateValidationCallback = (_, cert, chain, policyErrors) =>
                {
                    certificate = cert is null ? null : new X509Certificate2(cert);
                    errors = policyErrors;
                    if (chain is not null)
                    {
                        foreach (var element in chain.ChainElements.Skip(1))
                        {
                            presented.Add(new X509Certificate2(element.Certificate));
                        }
                    }

                    return true;
                },
#pragma warning restore CA5359
            }, timeout.Token);
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException)
        {
            return new TlsFacts(false, ex.Message, null, null, null, null, null, false, false, null);
        }

        using (certificate)
        {
            if (certificate is null)
            {
                return new TlsFacts(false, "Máy chủ không gửi chứng thư số.", ssl.SslProtocol.ToString(), null, null, null, null, false, false, null);
            }

            var (trusted, status) = roots.Evaluate(certificate, presented);
            return new TlsFacts(
                true, null, ssl.SslProtocol.ToString(), certificate.Subject, certificate.Issuer,
                certificate.NotBefore.ToUniversalTime(), certificate.NotAfter.ToUniversalTime(), trusted,
                !errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch), status);
        }
    }

    private sealed record Page(
        int Status, Uri FinalUri, IReadOnlyDictionary<string, string> Headers, string? ContentType, string? Text, bool Truncated, long BytesRead,
        bool Binary, string? OffHost, bool Loop, TimeSpan Elapsed);

    private async Task<Page> FetchPageAsync(Uri uri, CancellationToken cancellationToken)
    {
        var client = clients.CreateClient(ClientName);
        var visited = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var current = uri;
        var elapsed = TimeSpan.Zero;
        for (var hop = 0; ; hop++)
        {
            visited.Add(current.AbsoluteUri);
            using var turn = await gate.EnterAsync(current.Host, cancellationToken);
            using var timeout = Timeout(cancellationToken);
            var watch = Stopwatch.StartNew();
            using var request = Request(current);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var headers = Headers(response);
            var status = (int)response.StatusCode;
            if (status is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                elapsed += watch.Elapsed;
                var next = location.IsAbsoluteUri ? location : new Uri(current, location);
                if (!string.Equals(next.Host, uri.Host, StringComparison.OrdinalIgnoreCase)
                    || (next.Scheme != Uri.UriSchemeHttp && next.Scheme != Uri.UriSchemeHttps))
                {
                    return new Page(status, current, headers, null, null, false, 0, false, next.ToString(), false, elapsed);
                }

                if (visited.Contains(next.AbsoluteUri) || hop + 1 > options.MaxRedirects)
                {
                    return new Page(status, current, headers, null, null, false, 0, false, null, true, elapsed);
                }

                current = next;
                continue;
            }

            var contentType = response.Content.Headers.ContentType?.MediaType;
            var (bytes, truncated) = await ReadAsync(response, options.MaxPageKilobytes * 1024L, timeout.Token);
            elapsed += watch.Elapsed;
            var binary = !IsText(contentType) || Array.IndexOf(bytes, (byte)0, 0, Math.Min(bytes.Length, 8192)) >= 0;
            var text = binary ? null : Decode(bytes, response.Content.Headers.ContentType?.CharSet);
            return new Page(status, current, headers, contentType, text, truncated, bytes.Length, binary, null, false, elapsed);
        }
    }

    private async Task<bool?> RedirectsToHttpsAsync(Uri uri, CancellationToken cancellationToken)
    {
        var plain = new UriBuilder(uri) { Scheme = Uri.UriSchemeHttp, Port = -1 }.Uri;
        try
        {
            using var turn = await gate.EnterAsync(plain.Host, cancellationToken);
            using var timeout = Timeout(cancellationToken);
            using var request = Request(plain);
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var location = response.Headers.Location;
            return (int)response.StatusCode is >= 300 and < 400 && location is not null
                && (location.IsAbsoluteUri ? location : new Uri(plain, location)).Scheme == Uri.UriSchemeHttps;
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Nothing listens on port 80: nobody can reach the site over plain http, which is fine.
            return null;
        }
    }

    private async Task<PathProbe> FetchWellKnownAsync(Uri uri, CancellationToken cancellationToken)
    {
        try
        {
            using var turn = await gate.EnterAsync(uri.Host, cancellationToken);
            using var timeout = Timeout(cancellationToken);
            using var request = Request(uri);
            using var response = await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (response.StatusCode != HttpStatusCode.OK || !IsText(response.Content.Headers.ContentType?.MediaType ?? "text/plain"))
            {
                return new PathProbe(uri.AbsolutePath, (int)response.StatusCode, null);
            }

            var (bytes, _) = await ReadAsync(response, options.MaxWellKnownKilobytes * 1024L, timeout.Token);
            return new PathProbe(uri.AbsolutePath, 200, Decode(bytes, response.Content.Headers.ContentType?.CharSet));
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return new PathProbe(uri.AbsolutePath, 0, null);
        }
    }

    private HttpRequestMessage Request(Uri uri)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        request.Headers.TryAddWithoutValidation("User-Agent", options.UserAgent);
        request.Headers.TryAddWithoutValidation("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.5");
        return request;
    }

    private CancellationTokenSource Timeout(CancellationToken cancellationToken)
    {
        var source = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        source.CancelAfter(TimeSpan.FromSeconds(options.RequestTimeoutSeconds));
        return source;
    }

    private static Dictionary<string, string> Headers(HttpResponseMessage response)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        // As the server sent them (a parsed Server header would read "Apache/2.4.41, (Ubuntu)").
        foreach (var (name, values) in response.Headers.NonValidated.Concat(response.Content.Headers.NonValidated))
        {
            headers[name] = Domain.Common.BoundedText.Clip(values.ToString(), 1000);
        }

        return headers;
    }

    /// <summary>Reads at most <paramref name="limit"/> bytes and says whether there was more.</summary>
    private static async Task<(byte[] Bytes, bool Truncated)> ReadAsync(HttpResponseMessage response, long limit, CancellationToken cancellationToken)
    {
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[Math.Min(limit + 1, 64 * 1024)];
        using var kept = new MemoryStream();
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            var room = (int)Math.Min(read, limit - kept.Length);
            kept.Write(buffer, 0, room);
            if (room < read || kept.Length >= limit && await body.ReadAsync(buffer.AsMemory(0, 1), cancellationToken) > 0)
            {
                return (kept.ToArray(), true);
            }
        }

        return (kept.ToArray(), false);
    }

    private static bool IsText(string? mediaType) =>
        mediaType is null || mediaType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
        || mediaType.Contains("xml", StringComparison.OrdinalIgnoreCase) || mediaType.Contains("json", StringComparison.OrdinalIgnoreCase);

    private static string Decode(byte[] bytes, string? charset)
    {
        var encoding = Encoding.UTF8;
        if (!string.IsNullOrWhiteSpace(charset))
        {
            try
            {
                encoding = Encoding.GetEncoding(charset.Trim('"'));
            }
            catch (ArgumentException)
            {
                encoding = Encoding.UTF8;
            }
        }

        return encoding.GetString(bytes);
    }
}

/// <summary>Judges a certificate chain against the machine's roots and the configured extra roots; validity dates are judged apart.</summary>
public sealed class TrustedRoots
{
    private readonly X509Certificate2Collection _extra = [];

    public TrustedRoots(WebsiteWatchOptions options)
    {
        foreach (var entry in options.TrustedRootCertificates)
        {
            var pem = entry.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal) ? entry
                : File.Exists(entry) ? File.ReadAllText(entry)
                : throw new PortalConfigurationException($"WebsiteWatch:TrustedRootCertificates: không tìm thấy tệp «{entry}».");
            _extra.ImportFromPem(pem);
        }
    }

    public (bool Trusted, string? Status) Evaluate(X509Certificate2 certificate, X509Certificate2Collection presented)
    {
        using var system = Chain(presented);
        if (system.Build(certificate))
        {
            return (true, null);
        }

        var status = string.Join("; ", system.ChainStatus.Select(s => s.StatusInformation.Trim()).Where(s => s.Length > 0).Distinct());
        if (_extra.Count == 0)
        {
            return (false, status);
        }

        using var custom = Chain(presented);
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_extra);
        return custom.Build(certificate) ? (true, null) : (false, status);
    }

    private static X509Chain Chain(X509Certificate2Collection presented)
    {
        var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid | X509VerificationFlags.IgnoreCtlNotTimeValid;
        chain.ChainPolicy.ExtraStore.AddRange(presented);
        chain.ChainPolicy.DisableCertificateDownloads = true;
        return chain;
    }
}
