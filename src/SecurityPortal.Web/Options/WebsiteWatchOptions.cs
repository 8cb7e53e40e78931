using System.ComponentModel.DataAnnotations;
using SecurityPortal.Domain.Websites;

namespace SecurityPortal.Web.Options;

/// <summary>Settings of the website watch (section <c>WebsiteWatch</c>); see docs/websites.md.</summary>
public sealed class WebsiteWatchOptions
{
    public const string SectionName = "WebsiteWatch";

    /// <summary>Whether this instance runs the background checks (a reviewer's «Kiểm tra ngay» works either way).</summary>
    public bool WorkerEnabled { get; set; } = true;

    public double IntervalHours { get; set; } = 6;
    public int PollSeconds { get; set; } = 60;

    /// <summary>How many websites one instance checks at the same time.</summary>
    public int Concurrency { get; set; } = 4;

    public int BatchSize { get; set; } = 50;
    public int RequestTimeoutSeconds { get; set; } = 10;
    public int CheckTimeoutSeconds { get; set; } = 60;
    public int MaxPageKilobytes { get; set; } = 1024;
    public int MaxWellKnownKilobytes { get; set; } = 64;

    /// <summary>The least time between two requests to the same host, from this instance.</summary>
    public int PerHostDelayMilliseconds { get; set; } = 1000;

    public int MaxRedirects { get; set; } = 5;
    public bool AskWellKnownPaths { get; set; } = true;
    public int DownCriticalMinutes { get; set; } = 120;

    /// <summary>A site that is down is checked again this soon, so that «down too long» is noticed near its threshold.</summary>
    public int DownRecheckMinutes { get; set; } = 30;
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

    public TimeSpan Interval => TimeSpan.FromHours(Math.Max(0.05, IntervalHours));

    /// <summary>When the next check is due: sooner for a site that did not answer properly.</summary>
    public TimeSpan NextAfter(CheckOutcome outcome) => outcome.Down
        ? TimeSpan.FromMinutes(Math.Clamp(DownRecheckMinutes, 1, Interval.TotalMinutes))
        : Interval;

    public WebsiteRules ToRules() => new()
    {
        CertificateWarningDays = CertificateWarningDays,
        MinSimilarity = MinSimilarity,
        MinSimilarityWhenTitleChanged = MinSimilarityWhenTitleChanged,
        DownCriticalAfter = TimeSpan.FromMinutes(Math.Max(1, DownCriticalMinutes)),
        DefacementPhrases = DefacementPhrases is { Count: > 0 } phrases ? phrases : new WebsiteRules().DefacementPhrases,
    };
}
