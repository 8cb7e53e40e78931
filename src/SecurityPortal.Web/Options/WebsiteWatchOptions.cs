using System.ComponentModel.DataAnnotations;
using SecurityPortal.Domain.Websites;

namespace SecurityPortal.Web.Options;

/// <summary>Settings of the website watch (section <c>WebsiteWatch</c>); see docs/websites.md.</summary>
public sealed class WebsiteWatchOptions
{
    public const string SectionName = "WebsiteWatch";

    /// <summary>Whether this instance runs the background checks (a reviewer's «Kiểm tra ngay» works either way).</summary>
    public bool WorkerEnabled { get; set; } = true;

    [Range(0.05, 720.0, ErrorMessage = "WebsiteWatch:IntervalHours phải từ 0,05 đến 720 giờ.")]
    public double IntervalHours { get; set; } = 6;
    [Range(5, 86_400, ErrorMessage = "WebsiteWatch:PollSeconds phải từ 5 đến 86.400 giây.")]
    public int PollSeconds { get; set; } = 60;

    /// <summary>How many websites one instance checks at the same time.</summary>
    [Range(1, 64, ErrorMessage = "WebsiteWatch:Concurrency phải từ 1 đến 64.")]
    public int Concurrency { get; set; } = 4;

    [Range(1, 10_000, ErrorMessage = "WebsiteWatch:BatchSize phải từ 1 đến 10.000.")]
    public int BatchSize { get; set; } = 50;
    [Range(1, 300, ErrorMessage = "WebsiteWatch:RequestTimeoutSeconds phải từ 1 đến 300 giây.")]
    public int RequestTimeoutSeconds { get; set; } = 10;
    [Range(1, 3_600, ErrorMessage = "WebsiteWatch:CheckTimeoutSeconds phải từ 1 đến 3.600 giây.")]
    public int CheckTimeoutSeconds { get; set; } = 60;
    [Range(1, 102_400, ErrorMessage = "WebsiteWatch:MaxPageKilobytes phải từ 1 đến 102.400 KB.")]
    public int MaxPageKilobytes { get; set; } = 1024;
    [Range(1, 10_240, ErrorMessage = "WebsiteWatch:MaxWellKnownKilobytes phải từ 1 đến 10.240 KB.")]
    public int MaxWellKnownKilobytes { get; set; } = 64;

    /// <summary>The least time between two requests to the same host, from this instance.</summary>
    [Range(0, 60_000, ErrorMessage = "WebsiteWatch:PerHostDelayMilliseconds phải từ 0 đến 60.000 ms.")]
    public int PerHostDelayMilliseconds { get; set; } = 1000;

    [Range(0, 20, ErrorMessage = "WebsiteWatch:MaxRedirects phải từ 0 đến 20.")]
    public int MaxRedirects { get; set; } = 5;
    public bool AskWellKnownPaths { get; set; } = true;
    [Range(1, 10_080, ErrorMessage = "WebsiteWatch:DownCriticalMinutes phải từ 1 đến 10.080 phút.")]
    public int DownCriticalMinutes { get; set; } = 120;

    /// <summary>A site that is down is checked again this soon, so that «down too long» is noticed near its threshold.</summary>
    [Range(1, 1_440, ErrorMessage = "WebsiteWatch:DownRecheckMinutes phải từ 1 đến 1.440 phút.")]
    public int DownRecheckMinutes { get; set; } = 30;
    [Range(0, 365, ErrorMessage = "WebsiteWatch:CertificateWarningDays phải từ 0 đến 365 ngày.")]
    public int CertificateWarningDays { get; set; } = 30;
    [Range(0.0, 1.0, ErrorMessage = "WebsiteWatch:MinSimilarity phải từ 0 đến 1.")]
    public double MinSimilarity { get; set; } = 0.5;

    [Range(0.0, 1.0, ErrorMessage = "WebsiteWatch:MinSimilarityWhenTitleChanged phải từ 0 đến 1.")]
    public double MinSimilarityWhenTitleChanged { get; set; } = 0.8;

    /// <summary>Replaces the shipped list of defacement phrases when given.</summary>
    public List<string>? DefacementPhrases { get; set; }

    /// <summary>Critical findings open a remediation task by themselves.</summary>
    public bool AutomaticTasks { get; set; } = true;

    /// <summary>
    /// Loopback, private, link-local and other internal addresses are never requested (a registered URL must not turn
    /// the portal into a door to the internal network), except the networks listed here in CIDR form.
    /// </summary>
    public List<string> AllowedInternalNetworks { get; set; } = [];

    /// <summary>Extra trusted root certificates (PEM text or a path to a PEM file), e.g. a government CA.</summary>
    public List<string> TrustedRootCertificates { get; set; } = [];

    /// <summary>Names the portal to the sites it checks (HTTP headers are ASCII, so English rather than Vietnamese without diacritics).</summary>
    public string UserAgent { get; set; } = "SecurityPortal-WebsiteWatch/1.0 (passive check of registered government websites; GET only)";

    public TimeSpan Interval => TimeSpan.FromHours(IntervalHours);

    /// <summary>When the next check is due: sooner for a site that did not answer properly.</summary>
    public TimeSpan NextAfter(CheckOutcome outcome) => outcome.Down
        ? TimeSpan.FromMinutes(Math.Clamp(DownRecheckMinutes, 1, Interval.TotalMinutes))
        : Interval;

    public WebsiteRules ToRules() => new()
    {
        CertificateWarningDays = CertificateWarningDays,
        MinSimilarity = MinSimilarity,
        MinSimilarityWhenTitleChanged = MinSimilarityWhenTitleChanged,
        DownCriticalAfter = TimeSpan.FromMinutes(DownCriticalMinutes),
        DefacementPhrases = DefacementPhrases is { Count: > 0 } phrases ? phrases : new WebsiteRules().DefacementPhrases,
    };
}
