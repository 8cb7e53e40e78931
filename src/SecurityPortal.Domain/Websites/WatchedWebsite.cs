using System.Text.Json;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Domain.Websites;

/// <summary>
/// One registered public website of a system under watch: when it is next due, who holds the check (a lease, so
/// several portal instances never check it twice), its health after the last check, how long it has been down, the
/// accepted baseline of its page, and an open defacement alert waiting for a person to confirm or accept it.
/// </summary>
public sealed class WatchedWebsite : Entity, IBelongsToSystem
{
    private WatchedWebsite()
    {
        Url = string.Empty;
    }

    public WatchedWebsite(Guid systemId, string url, DateTime nowUtc)
    {
        SystemId = systemId;
        Url = Systems.SystemEndpoint.NormalizeUrl(url);
        Active = true;
        CreatedAtUtc = nowUtc;
        NextCheckUtc = nowUtc;
        Health = SiteHealth.Unknown;
    }

    public Guid SystemId { get; private set; }
    public string Url { get; private set; }

    /// <summary>False once the URL is no longer a public endpoint of the system; its history stays.</summary>
    public bool Active { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }
    public DateTime NextCheckUtc { get; private set; }
    public Guid? LeaseToken { get; private set; }
    public DateTime? LeaseUntilUtc { get; private set; }

    public Guid? LastCheckId { get; private set; }
    public DateTime? LastCheckedUtc { get; private set; }
    public SiteHealth Health { get; private set; }
    public int? ResponseMs { get; private set; }
    public DateTime? CertificateNotAfterUtc { get; private set; }

    /// <summary>The codes of the last check's findings, comma-separated, for lists and filters.</summary>
    public string FindingCodes { get; private set; } = string.Empty;

    public DateTime? DownSinceUtc { get; private set; }

    public string? BaselineTitle { get; private set; }
    public string? BaselineFingerprint { get; private set; }
    public string? BaselinePhrases { get; private set; }
    public Guid? BaselineCheckId { get; private set; }
    public DateTime? BaselineSetUtc { get; private set; }
    public string? BaselineSetBy { get; private set; }

    /// <summary>The check that raised a defacement alert not yet confirmed or accepted.</summary>
    public Guid? AlertCheckId { get; private set; }

    public DateTime? AlertRaisedUtc { get; private set; }

    public PageBaseline? Baseline => BaselineFingerprint is null && BaselineTitle is null
        ? null
        : new PageBaseline(BaselineTitle, BaselineFingerprint, SplitPhrases(BaselinePhrases));

    public bool IsDue(DateTime nowUtc) => Active && NextCheckUtc <= nowUtc && (LeaseUntilUtc is null || LeaseUntilUtc < nowUtc);

    public void Retire() => Active = false;

    public void Reactivate(DateTime nowUtc)
    {
        Active = true;
        NextCheckUtc = nowUtc;
    }

    /// <summary>Records a finished check: health, downtime, baseline (the first readable page becomes it), alert.</summary>
    public void Record(WebsiteCheck check, CheckOutcome outcome, DateTime nowUtc, TimeSpan interval)
    {
        LastCheckId = check.Id;
        LastCheckedUtc = check.StartedUtc;
        Health = outcome.Health;
        ResponseMs = check.StatusCode is null ? null : check.DurationMs;
        CertificateNotAfterUtc = check.CertificateNotAfterUtc ?? (check.StatusCode is null ? CertificateNotAfterUtc : null);
        FindingCodes = string.Join(',', outcome.Findings.Where(f => f.Severity > FindingSeverity.Info).Select(f => f.Code));
        DownSinceUtc = outcome.Down ? DownSinceUtc ?? check.StartedUtc : null;

        if (outcome.Fingerprint is not null && Baseline is null)
        {
            SetBaseline(check.Id, outcome.Title, outcome.Fingerprint, outcome.Phrases, "Hệ thống (lần kiểm tra đầu tiên)", nowUtc);
        }
        else if (outcome.DefacementSuspected && AlertCheckId is null)
        {
            AlertCheckId = check.Id;
            AlertRaisedUtc = nowUtc;
        }

        LeaseToken = null;
        LeaseUntilUtc = null;
        NextCheckUtc = nowUtc + interval;
    }

    /// <summary>A person confirms the alert as a defacement: the alert closes, the baseline stays the good page.</summary>
    public void ConfirmDefacement()
    {
        if (AlertCheckId is null)
        {
            throw new DomainException("Không có cảnh báo thay đổi giao diện nào đang chờ xác nhận.");
        }

        AlertCheckId = null;
        AlertRaisedUtc = null;
    }

    /// <summary>A person accepts the changed page as legitimate: it becomes the new baseline.</summary>
    public void AcceptAsBaseline(WebsiteCheck check, string acceptedBy, DateTime nowUtc)
    {
        if (check.WatchId != Id || check.StatusCode is not (>= 200 and < 300))
        {
            throw new DomainException("Lần kiểm tra này không đọc được trang nên không dùng làm mốc được.");
        }

        SetBaseline(check.Id, check.Title, check.Fingerprint, SplitPhrases(check.Phrases), acceptedBy, nowUtc);
        AlertCheckId = null;
        AlertRaisedUtc = null;
    }

    private void SetBaseline(Guid checkId, string? title, string? fingerprint, IReadOnlyList<string> phrases, string by, DateTime nowUtc)
    {
        BaselineCheckId = checkId;
        BaselineTitle = title;
        BaselineFingerprint = fingerprint;
        BaselinePhrases = phrases.Count == 0 ? null : string.Join('\n', phrases);
        BaselineSetUtc = nowUtc;
        BaselineSetBy = BoundedText.Clip(by, 200);
    }

    internal static IReadOnlyList<string> SplitPhrases(string? text) =>
        string.IsNullOrEmpty(text) ? [] : text.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>The stored result of one check of one website. Never changed after it is written.</summary>
public sealed class WebsiteCheck
{
    /// <summary>Enums as names, so that a stored check still reads after codes are added.</summary>
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private WebsiteCheck()
    {
        Url = string.Empty;
        FindingsJson = "[]";
        SoftwareJson = "[]";
    }

    public WebsiteCheck(Guid watchId, Guid systemId, ProbeResult probe, CheckOutcome outcome)
    {
        WatchId = watchId;
        SystemId = systemId;
        Url = probe.Url;
        StartedUtc = probe.StartedUtc;
        DurationMs = probe.DurationMs;
        Health = outcome.Health;
        StatusCode = probe.Reached ? probe.StatusCode : null;
        FinalUrl = Clip(probe.FinalUrl, 500);
        Title = outcome.Title;
        Fingerprint = outcome.Fingerprint;
        Similarity = outcome.Similarity;
        Phrases = outcome.Phrases.Count == 0 ? null : string.Join('\n', outcome.Phrases);
        TlsProtocol = probe.Tls?.Protocol;
        CertificateSubject = Clip(probe.Tls?.Subject, 300);
        CertificateIssuer = Clip(probe.Tls?.Issuer, 300);
        CertificateNotAfterUtc = probe.Tls?.NotAfterUtc;
        Server = Clip(probe.Headers.GetValueOrDefault("Server"), 200);
        FindingsJson = JsonSerializer.Serialize(outcome.Findings, Json);
        SoftwareJson = JsonSerializer.Serialize(outcome.Software, Json);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid WatchId { get; private set; }
    public Guid SystemId { get; private set; }
    public string Url { get; private set; }
    public DateTime StartedUtc { get; private set; }
    public int DurationMs { get; private set; }
    public SiteHealth Health { get; private set; }
    public int? StatusCode { get; private set; }
    public string? FinalUrl { get; private set; }
    public string? Title { get; private set; }
    public string? Fingerprint { get; private set; }
    public double? Similarity { get; private set; }
    public string? Phrases { get; private set; }
    public string? TlsProtocol { get; private set; }
    public string? CertificateSubject { get; private set; }
    public string? CertificateIssuer { get; private set; }
    public DateTime? CertificateNotAfterUtc { get; private set; }
    public string? Server { get; private set; }
    public string FindingsJson { get; private set; }
    public string SoftwareJson { get; private set; }

    public IReadOnlyList<WebsiteFinding> Findings() =>
        JsonSerializer.Deserialize<List<WebsiteFinding>>(FindingsJson, Json) ?? [];

    public IReadOnlyList<DetectedSoftware> Software() =>
        JsonSerializer.Deserialize<List<DetectedSoftware>>(SoftwareJson, Json) ?? [];

    private static string? Clip(string? text, int max) => text is null ? null : BoundedText.Clip(text, max);
}
