using System.Globalization;
using System.Text.RegularExpressions;

namespace SecurityPortal.Domain.Websites;

/// <summary>The province's settings for judging a check; defaults are what the portal ships.</summary>
public sealed record WebsiteRules
{
    public int CertificateWarningDays { get; init; } = 30;

    /// <summary>Below this share of text in common with the baseline the change is an alert (0–1).</summary>
    public double MinSimilarity { get; init; } = 0.5;

    /// <summary>When the title changed too, a smaller change is enough for an alert.</summary>
    public double MinSimilarityWhenTitleChanged { get; init; } = 0.8;

    public TimeSpan DownCriticalAfter { get; init; } = TimeSpan.FromHours(2);
    public int HstsMinSeconds { get; init; } = 15_552_000;

    public IReadOnlyList<string> DefacementPhrases { get; init; } =
        ["hacked by", "h4cked by", "hacked by:", "defaced by", "deface by", "owned by", "pwned by", "was here", "greetz", "security is a myth"];
}

/// <summary>The last accepted version of a page, against which a defacement is judged.</summary>
public sealed record PageBaseline(string? Title, string? Fingerprint, IReadOnlyList<string> Phrases);

/// <summary>What one check concluded.</summary>
public sealed record CheckOutcome(
    SiteHealth Health,
    IReadOnlyList<WebsiteFinding> Findings,
    string? Title,
    string? Fingerprint,
    double? Similarity,
    IReadOnlyList<string> Phrases,
    IReadOnlyList<DetectedSoftware> Software,
    bool Down = false)
{
    public bool DefacementSuspected => Findings.Any(f => f.Code is FindingCode.ContentChanged or FindingCode.DefacementPhrase);
}

/// <summary>Turns the facts of a <see cref="ProbeResult"/> into findings. Pure: same facts, same findings.</summary>
public static partial class WebsiteAnalysis
{
    public static CheckOutcome Analyze(
        ProbeResult probe, PageBaseline? baseline, IReadOnlyList<RegisteredSoftware> inventory, WebsiteRules rules, DateTime? downSinceUtc, DateTime nowUtc)
    {
        var findings = new List<WebsiteFinding>();
        void Add(FindingCode code, FindingSeverity severity, string message, string? detail = null) =>
            findings.Add(new WebsiteFinding(code, severity, message, detail is null ? null : Common.BoundedText.Clip(detail, 500)));

        var https = probe.Url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        AddTlsFindings(probe, rules, nowUtc, https, Add);

        if (!probe.Reached)
        {
            if (probe.Failure == ProbeFailure.BlockedAddress)
            {
                // Not checked on purpose: says nothing about whether the site works, so it is not downtime.
                Add(FindingCode.BlockedAddress, FindingSeverity.Warning,
                    "Địa chỉ trỏ vào mạng nội bộ; cổng không kiểm tra để tránh bị lợi dụng truy cập mạng nội bộ.", probe.FailureDetail);
                return Conclude(findings, null, null, null, [], [], down: false);
            }

            // A TLS failure whose certificate our own handshake already reported needs no second finding.
            if (probe.Failure != ProbeFailure.TlsFailed || findings.Count == 0)
            {
                Add(FindingCode.Unreachable, FindingSeverity.Warning, FailureText(probe.Failure), probe.FailureDetail);
            }

            AddDowntime(downSinceUtc ?? probe.StartedUtc, nowUtc, rules, Add);
            return Conclude(findings, null, null, null, [], [], down: true);
        }

        var down = probe.StatusCode >= 500;
        if (down)
        {
            Add(FindingCode.ServerError, FindingSeverity.Warning, $"Trang web trả lỗi máy chủ (HTTP {probe.StatusCode}).");
            AddDowntime(downSinceUtc ?? probe.StartedUtc, nowUtc, rules, Add);
        }
        else if (probe.StatusCode >= 400 && !probe.RedirectLoop && probe.RedirectedOffHostTo is null)
        {
            Add(FindingCode.PageError, FindingSeverity.Warning,
                $"Trang đã đăng ký trả về lỗi HTTP {probe.StatusCode}: người dân không xem được trang; hãy kiểm tra địa chỉ hoặc máy chủ.");
        }

        if (probe.RedirectLoop)
        {
            Add(FindingCode.RedirectLoop, FindingSeverity.Warning, "Trang web chuyển hướng vòng lặp hoặc quá nhiều lần.", probe.FinalUrl);
        }

        if (probe.RedirectedOffHostTo is { } offHost)
        {
            Add(FindingCode.RedirectOffHost, FindingSeverity.Warning,
                "Trang web chuyển hướng sang máy chủ khác; cổng không đi theo, hãy kiểm tra đây có phải là chủ ý không.", offHost);
        }

        if (!https)
        {
            Add(FindingCode.NotHttps, FindingSeverity.Warning, "Trang web được đăng ký với http://, dữ liệu truyền không được mã hóa. Hãy dùng HTTPS.");
        }
        else if (probe.HttpRedirectsToHttps == false)
        {
            Add(FindingCode.NoHttpsRedirect, FindingSeverity.Warning, "Truy cập bằng http:// không được chuyển sang https://.");
        }

        AddHeaderFindings(probe, https, rules, Add);

        if (probe.Truncated)
        {
            Add(FindingCode.PageTooLarge, FindingSeverity.Info,
                $"Trang lớn hơn giới hạn đọc; chỉ {FormatBytes(probe.BodyBytesRead ?? 0)} đầu tiên được kiểm tra.");
        }

        if (probe.Binary)
        {
            Add(FindingCode.NotHtml, FindingSeverity.Warning, "Địa chỉ không trả về trang HTML nên không so sánh được nội dung.", probe.ContentType);
        }

        var software = SoftwareFingerprints.Detect(probe);
        AddSoftwareFindings(software, inventory, Add);

        string? title = null, fingerprint = null;
        double? similarity = null;
        IReadOnlyList<string> phrases = [];
        if (!probe.Binary && probe.StatusCode is >= 200 and < 300)
        {
            title = PageFingerprint.Title(probe.Html);
            fingerprint = PageFingerprint.Compute(probe.Html);
            phrases = PageFingerprint.PhrasesIn(probe.Html, rules.DefacementPhrases);
            if (baseline is not null)
            {
                // A page whose text has gone (blank, or only a script sending visitors elsewhere) has nothing in common.
                similarity = baseline.Fingerprint is not null && fingerprint is null ? 0 : PageFingerprint.Similarity(baseline.Fingerprint, fingerprint);
                var newPhrases = phrases.Where(p => !baseline.Phrases.Contains(p, StringComparer.OrdinalIgnoreCase)).ToList();
                if (newPhrases.Count > 0)
                {
                    Add(FindingCode.DefacementPhrase, FindingSeverity.Critical,
                        "Trang web xuất hiện cụm từ thường gặp khi bị thay đổi giao diện trái phép. Cần người xác nhận.",
                        string.Join("; ", newPhrases.Select(p => $"«{p}»")));
                }

                var titleChanged = !string.Equals(baseline.Title ?? string.Empty, title ?? string.Empty, StringComparison.Ordinal);
                var threshold = titleChanged ? rules.MinSimilarityWhenTitleChanged : rules.MinSimilarity;
                if (similarity is { } s && s < threshold)
                {
                    Add(FindingCode.ContentChanged, FindingSeverity.Critical,
                        $"Nội dung trang thay đổi nhiều so với mốc đã chấp nhận (giống {s.ToString("P0", CultureInfo.GetCultureInfo("vi-VN"))}). Cần người xác nhận.",
                        titleChanged ? $"Tiêu đề: «{baseline.Title}» → «{title}»" : null);
                }
            }
        }

        return Conclude(findings, title, fingerprint, similarity, phrases, software, down);
    }

    private static CheckOutcome Conclude(
        List<WebsiteFinding> findings, string? title, string? fingerprint, double? similarity, IReadOnlyList<string> phrases, IReadOnlyList<DetectedSoftware> software,
        bool down)
    {
        var ordered = findings.OrderByDescending(f => f.Severity).ThenBy(f => f.Code).ToList();
        var health = ordered.Count == 0 || ordered.All(f => f.Severity == FindingSeverity.Info) ? SiteHealth.Green
            : ordered.Any(f => f.Severity == FindingSeverity.Critical) ? SiteHealth.Critical
            : SiteHealth.Warning;
        return new CheckOutcome(health, ordered, title, fingerprint, similarity, phrases, software, down);
    }

    private static void AddDowntime(DateTime downSinceUtc, DateTime nowUtc, WebsiteRules rules, Action<FindingCode, FindingSeverity, string, string?> add)
    {
        var down = nowUtc - downSinceUtc;
        if (down >= rules.DownCriticalAfter)
        {
            add(FindingCode.DownTooLong, FindingSeverity.Critical,
                $"Trang web không hoạt động bình thường đã {FormatDuration(down)} (ngưỡng {FormatDuration(rules.DownCriticalAfter)}).",
                $"Từ {Common.VietnamTime.Format(downSinceUtc)}");
        }
    }

    private static void AddTlsFindings(ProbeResult probe, WebsiteRules rules, DateTime nowUtc, bool https, Action<FindingCode, FindingSeverity, string, string?> add)
    {
        if (!https || probe.Tls is not { } tls || probe.Failure is ProbeFailure.BlockedAddress or ProbeFailure.NameNotResolved or ProbeFailure.ConnectionRefused)
        {
            return;
        }

        if (!tls.HandshakeOk)
        {
            add(FindingCode.TlsHandshakeFailed, FindingSeverity.Critical,
                "Không thiết lập được kết nối TLS an toàn (TLS 1.2 trở lên) với trang web.", tls.Error);
            return;
        }

        if (tls.Protocol is "Tls" or "Tls11" or "Ssl3" or "Ssl2")
        {
            add(FindingCode.TlsProtocolOld, FindingSeverity.Warning, "Trang web dùng giao thức cũ dưới TLS 1.2.", tls.Protocol);
        }

        if (tls.NotAfterUtc is { } notAfter)
        {
            var days = (int)Math.Floor((notAfter - nowUtc).TotalDays);
            if (notAfter <= nowUtc)
            {
                add(FindingCode.CertificateExpired, FindingSeverity.Critical,
                    $"Chứng thư số của trang web đã hết hạn ngày {Common.VietnamTime.FormatDate(notAfter)}.", tls.Subject);
            }
            else if (days <= rules.CertificateWarningDays)
            {
                add(FindingCode.CertificateExpiringSoon, FindingSeverity.Warning,
                    $"Chứng thư số hết hạn sau {days} ngày ({Common.VietnamTime.FormatDate(notAfter)}).", tls.Subject);
            }
        }

        if (tls.NotBeforeUtc is { } notBefore && notBefore > nowUtc)
        {
            add(FindingCode.CertificateNotYetValid, FindingSeverity.Critical,
                $"Chứng thư số chưa có hiệu lực (từ {Common.VietnamTime.FormatDate(notBefore)}).", tls.Subject);
        }

        if (!tls.HostMatches)
        {
            add(FindingCode.CertificateHostMismatch, FindingSeverity.Critical,
                "Chứng thư số được cấp cho tên miền khác, trình duyệt sẽ cảnh báo người dùng.", tls.Subject);
        }

        var expired = tls.NotAfterUtc <= nowUtc || tls.NotBeforeUtc > nowUtc;
        if (!tls.ChainTrusted && !expired)
        {
            add(FindingCode.CertificateUntrusted, FindingSeverity.Critical,
                "Chứng thư số không do tổ chức được tin cậy cấp (tự ký hoặc thiếu chứng thư trung gian).",
                $"Cấp bởi: {tls.Issuer}; {tls.ChainStatus}");
        }
    }

    private static void AddHeaderFindings(ProbeResult probe, bool https, WebsiteRules rules, Action<FindingCode, FindingSeverity, string, string?> add)
    {
        if (probe.StatusCode is not (>= 200 and < 400))
        {
            return;
        }

        var h = probe.Headers;
        if (https)
        {
            if (!h.TryGetValue("Strict-Transport-Security", out var hsts))
            {
                add(FindingCode.HstsMissing, FindingSeverity.Warning, "Thiếu tiêu đề Strict-Transport-Security (HSTS).", null);
            }
            else if (!(MaxAge().Match(hsts) is { Success: true } m
                       && long.TryParse(m.Groups["s"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                       && seconds >= rules.HstsMinSeconds))
            {
                add(FindingCode.HstsMissing, FindingSeverity.Warning,
                    $"HSTS có max-age dưới {rules.HstsMinSeconds / 86_400} ngày.", hsts);
            }
        }

        h.TryGetValue("Content-Security-Policy", out var csp);
        if (string.IsNullOrWhiteSpace(csp))
        {
            add(FindingCode.CspMissing, FindingSeverity.Warning, "Thiếu tiêu đề Content-Security-Policy (CSP).", null);
        }

        if (!(h.TryGetValue("X-Content-Type-Options", out var nosniff) && nosniff.Trim().Equals("nosniff", StringComparison.OrdinalIgnoreCase)))
        {
            add(FindingCode.NoSniffMissing, FindingSeverity.Warning, "Thiếu tiêu đề X-Content-Type-Options: nosniff.", nosniff);
        }

        var frameOptions = h.TryGetValue("X-Frame-Options", out var xfo) && xfo.Trim().ToUpperInvariant() is "DENY" or "SAMEORIGIN";
        var frameAncestors = csp?.Contains("frame-ancestors", StringComparison.OrdinalIgnoreCase) == true;
        if (!frameOptions && !frameAncestors)
        {
            add(FindingCode.FrameProtectionMissing, FindingSeverity.Warning,
                "Thiếu chống nhúng trang (X-Frame-Options hoặc CSP frame-ancestors).", xfo);
        }

        if (!h.TryGetValue("Referrer-Policy", out var referrer) || referrer.Trim().Equals("unsafe-url", StringComparison.OrdinalIgnoreCase))
        {
            add(FindingCode.ReferrerPolicyMissing, FindingSeverity.Warning, "Thiếu tiêu đề Referrer-Policy hoặc đặt là unsafe-url.", referrer);
        }
    }

    private static void AddSoftwareFindings(
        IReadOnlyList<DetectedSoftware> software, IReadOnlyList<RegisteredSoftware> inventory, Action<FindingCode, FindingSeverity, string, string?> add)
    {
        var disclosed = software.Where(s => s.Version is not null).ToList();
        if (disclosed.Count > 0)
        {
            add(FindingCode.VersionDisclosed, FindingSeverity.Warning,
                "Trang web để lộ phiên bản phần mềm, giúp kẻ tấn công chọn lỗ hổng để khai thác.",
                string.Join("; ", disclosed.Select(s => $"{s.Product} {s.Version} ({s.Source})")));
        }

        var notRegistered = new List<string>();
        var differs = new List<string>();
        foreach (var s in software)
        {
            var registered = SoftwareFingerprints.Match(s, inventory);
            if (registered is null)
            {
                notRegistered.Add(s.Version is null ? s.Product : $"{s.Product} {s.Version}");
            }
            else if (s.Version is not null && registered.Version is not null && !SoftwareFingerprints.IsRuntimeVersion(s)
                     && !SoftwareFingerprints.SameVersion(s.Version, registered.Version))
            {
                differs.Add($"{registered.Product}: đăng ký {registered.Version}, trang web hiển thị {s.Version}");
            }
        }

        if (notRegistered.Count > 0)
        {
            add(FindingCode.SoftwareNotRegistered, FindingSeverity.Warning,
                "Phát hiện phần mềm chưa có trong danh mục phần mềm của hệ thống; hãy bổ sung.", string.Join("; ", notRegistered));
        }

        if (differs.Count > 0)
        {
            add(FindingCode.SoftwareVersionDiffers, FindingSeverity.Warning,
                "Phiên bản đã đăng ký khác với phiên bản trang web hiển thị; hãy cập nhật danh mục hoặc kiểm tra lại.", string.Join("; ", differs));
        }
    }

    private static string FailureText(ProbeFailure failure) => failure switch
    {
        ProbeFailure.NameNotResolved => "Không phân giải được tên miền của trang web.",
        ProbeFailure.ConnectionRefused => "Máy chủ từ chối kết nối (trang web không hoạt động).",
        ProbeFailure.Timeout => "Trang web không trả lời trong thời gian chờ.",
        _ => "Không truy cập được trang web.",
    };

    private static string FormatBytes(long bytes) => bytes >= 1024 * 1024
        ? $"{bytes / 1024.0 / 1024.0:0.#} MB".Replace('.', ',')
        : $"{bytes / 1024} KB";

    public static string FormatDuration(TimeSpan span) => span.TotalHours >= 1
        ? $"{(int)span.TotalHours} giờ {span.Minutes} phút"
        : $"{(int)span.TotalMinutes} phút";

    [GeneratedRegex(@"max-age\s*=\s*""?(?<s>[0-9]+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    private static partial Regex MaxAge();
}
