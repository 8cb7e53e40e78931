namespace SecurityPortal.Domain.Websites;

/// <summary>Why a page could not be fetched at all.</summary>
public enum ProbeFailure
{
    None,
    NameNotResolved,
    ConnectionRefused,
    Timeout,
    BlockedAddress,
    TlsFailed,
    Other,
}

/// <summary>What the TLS handshake showed: protocol, certificate, whether it is trusted and names the host.</summary>
public sealed record TlsFacts(
    bool HandshakeOk,
    string? Error,
    string? Protocol,
    string? Subject,
    string? Issuer,
    DateTime? NotBeforeUtc,
    DateTime? NotAfterUtc,
    bool ChainTrusted,
    bool HostMatches,
    string? ChainStatus);

/// <summary>One well-known static path asked for (e.g. <c>/readme.html</c>): status and the start of its text.</summary>
public sealed record PathProbe(string Path, int StatusCode, string? Text);

/// <summary>
/// Everything a passive check saw of one website, as plain facts, gathered by the web layer (HTTP, TLS, DNS).
/// <see cref="WebsiteAnalysis"/> turns it into findings; nothing here judges.
/// </summary>
public sealed record ProbeResult
{
    public required string Url { get; init; }
    public required DateTime StartedUtc { get; init; }
    public int DurationMs { get; init; }
    public ProbeFailure Failure { get; init; }
    public string? FailureDetail { get; init; }
    public int? StatusCode { get; init; }

    /// <summary>The URL of the page read after redirects on the same host.</summary>
    public string? FinalUrl { get; init; }

    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
    public string? ContentType { get; init; }

    /// <summary>The page as text, at most the configured number of bytes.</summary>
    public string? Html { get; init; }

    public bool Truncated { get; init; }
    public long? BodyBytesRead { get; init; }
    public bool Binary { get; init; }
    public string? RedirectedOffHostTo { get; init; }
    public bool RedirectLoop { get; init; }

    /// <summary>For an https site: whether <c>http://</c> on the same host answers with a redirect to https (null: not asked).</summary>
    public bool? HttpRedirectsToHttps { get; init; }

    public TlsFacts? Tls { get; init; }
    public IReadOnlyList<PathProbe> WellKnown { get; init; } = [];

    public bool Reached => Failure == ProbeFailure.None && StatusCode is not null;
}
