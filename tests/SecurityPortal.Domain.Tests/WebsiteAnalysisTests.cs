using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Websites;
using static SecurityPortal.Domain.Tests.WebsiteScenario;

namespace SecurityPortal.Domain.Tests;

// The provincial news site https://a.gov.vn/, checked on Wednesday 02/12/2026 at 10:00 Vietnam time. "Healthy" is
// its page as it should be served: a valid certificate, http:// redirected to https://, every protective header set.
// "Home" is its front page: about 260 words of news, a date and a visit counter.
internal static class WebsiteScenario
{
    public const string Url = "https://a.gov.vn/";
    public const string NewsTitle = "Hội nghị tổng kết chuyển đổi số | Cổng thông tin điện tử tỉnh";
    public const string Hacked = "<title>Hacked by X</title><h1>Hacked by X</h1> greetz";
    public const string WordPress58 = "<meta name=\"generator\" content=\"WordPress 5.8\" />";

    // Two paragraphs of another story, to rewrite part of the page.
    public const string Visit = "<p>Chiều cùng ngày, đoàn công tác của tỉnh đã đến thăm và tặng quà các gia đình chính sách tại xã biên giới.</p>";
    public const string Gifts = "<p>Dịp này, nhiều hộ nghèo được hỗ trợ xây nhà đại đoàn kết, học sinh vượt khó nhận học bổng khuyến học.</p>";

    public const string Weather =
        "<html><head><title>Thời tiết cuối tuần</title></head><body>"
        + "<p>Miền Bắc đón đợt không khí lạnh mạnh, vùng núi cao có nơi xuất hiện băng giá và sương muối.</p>"
        + "<p>Nông dân được khuyến cáo che chắn chuồng trại, giữ ấm cho gia súc và gieo cấy lúa xuân khi trời ấm lên.</p>"
        + "<p>Ngoài khơi vịnh Bắc Bộ gió giật mạnh, biển động, tàu thuyền nên tìm nơi trú ẩn an toàn.</p></body></html>";

    public static readonly DateTime Now = new(2026, 12, 2, 3, 0, 0, DateTimeKind.Utc);
    public static readonly WebsiteRules Rules = new();
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(15);

    public static readonly TlsFacts ValidTls =
        new(true, null, "Tls13", "CN=a.gov.vn", "CN=CA", Now.AddDays(-30), Now.AddDays(200), true, true, null);

    public static readonly (string Name, string Value)[] SafeHeaders =
    [
        ("Strict-Transport-Security", "max-age=31536000; includeSubDomains"),
        ("Content-Security-Policy", "default-src 'self'; frame-ancestors 'self'"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
    ];

    public static readonly string[] NewsParagraphs =
    [
        "<p>Sáng nay, Ủy ban nhân dân tỉnh tổ chức hội nghị tổng kết công tác chuyển đổi số năm qua và triển khai nhiệm vụ trọng tâm cho giai đoạn tiếp theo.</p>",
        "<p>Phát biểu khai mạc, đồng chí Phó Chủ tịch nhấn mạnh bảo đảm an toàn thông tin là điều kiện tiên quyết để người dân tin tưởng sử dụng dịch vụ công trực tuyến.</p>",
        "<p>Theo báo cáo của Sở Thông tin và Truyền thông, toàn tỉnh đã hoàn thành xác định cấp độ cho phần lớn hệ thống thông tin, đồng thời diễn tập ứng cứu sự cố với sự tham gia của nhiều cơ quan, đơn vị.</p>",
        "<p>Tuy nhiên, một số trang thông tin điện tử cấp huyện vẫn chưa cập nhật bản vá, chứng thư số sắp hết hạn và thiếu cán bộ chuyên trách.</p>",
        "<p>Hội nghị thống nhất giao các sở, ngành rà soát danh mục phần mềm, gia hạn chứng thư số trước thời hạn và báo cáo kết quả khắc phục hằng tháng.</p>",
        "<p>Các đại biểu cũng đề xuất tăng cường đào tạo kỹ năng nhận diện thư điện tử lừa đảo cho công chức, viên chức.</p>",
        "<p>Kết luận hội nghị, lãnh đạo tỉnh yêu cầu người đứng đầu mỗi cơ quan chịu trách nhiệm trực tiếp về an toàn hệ thống do đơn vị mình quản lý, đồng thời khen thưởng kịp thời những tập thể có thành tích xuất sắc.</p>",
    ];

    public static readonly string Home = NewsPage();

    public static string NewsPage(
        string date = "01/12/2026", string visits = "123456", string title = NewsTitle, string[]? paragraphs = null, string head = "") =>
        $"<html><head>{head}<title>{title}</title></head><body><h1>Tin tức</h1>{string.Concat(paragraphs ?? NewsParagraphs)}"
        + $"<footer>Cập nhật ngày {date} · Lượt truy cập: {visits}</footer></body></html>";

    /// <summary>A news article that itself quotes a defacement phrase.</summary>
    public static string HackingNews(string views, string extra = "") =>
        "<html><head><title>Cảnh báo tấn công thay đổi giao diện</title></head><body>"
        + "<p>Cơ quan chức năng vừa ghi nhận trang thông tin của một doanh nghiệp du lịch bị thay đổi giao diện; kẻ tấn công để lại dòng chữ hacked by cùng biệt danh của nhóm.</p>"
        + "<p>Chuyên gia khuyến cáo các đơn vị cập nhật bản vá, sao lưu dữ liệu định kỳ và theo dõi nội dung trang để phát hiện sớm.</p>"
        + $"{extra}<footer>Lượt xem: {views}</footer></body></html>";

    public static ProbeResult Page(string? html, params (string Name, string Value)[] headers)
    {
        var map = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in headers)
        {
            map[name] = value;
        }

        return new ProbeResult
        {
            Url = Url,
            StartedUtc = Now,
            DurationMs = 180,
            StatusCode = 200,
            FinalUrl = Url,
            Headers = map,
            ContentType = "text/html; charset=utf-8",
            Html = html,
        };
    }

    public static ProbeResult Healthy(string html, params (string Name, string Value)[] extraHeaders) =>
        Page(html, [.. SafeHeaders, .. extraHeaders]) with { Tls = ValidTls, HttpRedirectsToHttps = true };

    public static ProbeResult Down(ProbeFailure failure) => new()
    {
        Url = Url,
        StartedUtc = Now,
        DurationMs = 10_000,
        Failure = failure,
        FailureDetail = $"{failure}",
    };

    public static CheckOutcome Analyze(
        ProbeResult probe, PageBaseline? baseline = null, RegisteredSoftware[]? inventory = null, DateTime? downSince = null) =>
        WebsiteAnalysis.Analyze(probe, baseline, inventory ?? [], Rules, downSince, Now);

    public static IEnumerable<FindingCode> Codes(CheckOutcome outcome) => outcome.Findings.Select(f => f.Code);

    public static WebsiteFinding Finding(CheckOutcome outcome, FindingCode code) => Assert.Single(outcome.Findings, f => f.Code == code);

    public static PageBaseline BaselineOf(CheckOutcome outcome) => new(outcome.Title, outcome.Fingerprint, outcome.Phrases);

    public static IReadOnlyList<DetectedSoftware> Detect(string html, params (string Name, string Value)[] headers) =>
        SoftwareFingerprints.Detect(Page(html, headers));

    public static IReadOnlyList<DetectedSoftware> DetectFile(string path, int status, string text) =>
        SoftwareFingerprints.Detect(Page("<html><body>Trang chủ</body></html>") with { WellKnown = [new PathProbe(path, status, text)] });

    public static DetectedSoftware Shown(string product, string? version = null) => new(product, version, "tiêu đề Server");

    /// <summary>One check as the watch service runs it: analyse against the watch's state, store, record.</summary>
    public static WebsiteCheck Run(WatchedWebsite watch, ProbeResult probe, DateTime nowUtc)
    {
        var started = probe with { StartedUtc = nowUtc };
        var outcome = WebsiteAnalysis.Analyze(started, watch.Baseline, [], Rules, watch.DownSinceUtc, nowUtc);
        var check = new WebsiteCheck(watch.Id, watch.SystemId, started, outcome);
        watch.Record(check, outcome, nowUtc, Interval);
        return check;
    }
}

public sealed class SoftwareFingerprintTests
{
    [Theory]
    [InlineData("<meta name=\"generator\" content=\"WordPress 5.8\" />")]
    [InlineData("<meta name='generator' content='WordPress 5.8'>")]
    [InlineData("<meta content=\"WordPress 5.8\" name=\"generator\">")]
    [InlineData("<META NAME=\"Generator\" CONTENT=\"WordPress 5.8\">")]
    public void The_generator_meta_tag_names_the_CMS_and_its_version_however_the_tag_is_written(string tag)
    {
        var software = Assert.Single(Detect($"<html><head>{tag}</head><body>Trang chủ</body></html>"));

        Assert.Equal(new DetectedSoftware("WordPress", "5.8", "thẻ meta generator"), software);
    }

    [Fact]
    public void A_generator_without_a_version_names_the_CMS_only() =>
        Assert.Equal(
            [new DetectedSoftware("Joomla", null, "thẻ meta generator")],
            Detect("<meta name=\"generator\" content=\"Joomla! - Open Source Content Management\" />"));

    [Theory]
    [InlineData("Server", "Apache/2.4.41 (Ubuntu)", "Apache HTTP Server", "2.4.41")]
    [InlineData("Server", "Microsoft-IIS/10.0", "Microsoft IIS", "10.0")]
    [InlineData("X-Powered-By", "PHP/7.4.3", "PHP", "7.4.3")]
    [InlineData("X-AspNet-Version", "4.0.30319", "ASP.NET", "4.0.30319")]
    [InlineData("X-AspNetMvc-Version", "5.2", "ASP.NET MVC", "5.2")]
    public void A_response_header_names_the_product_and_version(string header, string value, string product, string version)
    {
        var software = Assert.Single(Detect("<p>Trang chủ</p>", (header, value)));

        Assert.Equal(new DetectedSoftware(product, version, $"tiêu đề {header}"), software);
    }

    [Fact]
    public void A_server_header_without_a_version_names_the_product_with_no_version()
    {
        var software = Assert.Single(Detect("<p>Trang chủ</p>", ("server", "nginx")));

        Assert.Equal("nginx", software.Product);
        Assert.Null(software.Version);
    }

    [Fact]
    public void A_product_shown_in_two_headers_is_listed_once_from_the_first()
    {
        var software = Detect("<p>Trang chủ</p>", ("Server", "Apache/2.4.41 (Ubuntu) PHP/7.4.3"), ("X-Powered-By", "PHP/7.4.3"));

        Assert.Equal(
            [new DetectedSoftware("Apache HTTP Server", "2.4.41", "tiêu đề Server"), new DetectedSoftware("PHP", "7.4.3", "tiêu đề Server")],
            software);
    }

    [Theory]
    [InlineData("/readme.html", "<h1 id=\"logo\">WordPress</h1>\n<br /> Version 5.8.1", "WordPress", "5.8.1")]
    [InlineData("/administrator/manifests/files/joomla.xml", "<extension type=\"file\"><name>files_joomla</name><version>3.9.28</version></extension>", "Joomla", "3.9.28")]
    [InlineData("/CHANGELOG.txt", "Drupal 7.82, 2021-07-21\n-----------------------\n- Fixed security issues.", "Drupal", "7.82")]
    [InlineData("/core/CHANGELOG.txt", "Drupal 8.9.20, 2021-11-17", "Drupal", "8.9.20")]
    public void A_well_known_file_of_the_CMS_names_its_version(string path, string text, string product, string version)
    {
        var software = Assert.Single(DetectFile(path, 200, text));

        Assert.Equal(new DetectedSoftware(product, version, path), software);
    }

    [Fact]
    public void A_well_known_file_that_was_not_found_says_nothing() =>
        Assert.Empty(DetectFile("/readme.html", 404, "<h1>WordPress</h1> Version 5.8.1"));

    [Fact]
    public void WordPress_asset_paths_show_WordPress_without_a_version()
    {
        var software = Assert.Single(Detect("<link rel='stylesheet' href='https://a.gov.vn/wp-content/themes/tinh/style.css'>"));

        Assert.Equal(new DetectedSoftware("WordPress", null, "đường dẫn /wp-content/"), software);
    }

    [Fact]
    public void A_later_source_with_the_version_fills_it_in_without_listing_the_product_twice()
    {
        var probe = Page("<script src='/wp-includes/js/jquery/jquery.min.js'></script>") with
        {
            WellKnown = [new PathProbe("/readme.html", 200, "<h1>WordPress</h1> Version 5.8.1")],
        };

        var software = Assert.Single(SoftwareFingerprints.Detect(probe));

        Assert.Equal(new DetectedSoftware("WordPress", "5.8.1", "/readme.html"), software);
    }

    [Fact]
    public void Detected_WordPress_is_the_registered_WordPress_CMS()
    {
        var wordPress = new RegisteredSoftware("WordPress CMS", "5.8");

        Assert.Same(wordPress, SoftwareFingerprints.Match(Shown("WordPress", "5.8"), [new RegisteredSoftware("MySQL", "8.0"), wordPress]));
    }

    [Theory]
    [InlineData("Máy chủ web Apache")]
    [InlineData("APACHE HTTPD")]
    [InlineData("Apache HTTP Server")]
    public void Apache_is_found_under_the_names_an_inventory_gives_it(string registeredName)
    {
        var apache = new RegisteredSoftware(registeredName, "2.4.41");

        Assert.Same(apache, SoftwareFingerprints.Match(Shown("Apache HTTP Server", "2.4.41"), [apache]));
    }

    [Fact]
    public void ASP_NET_MVC_is_not_taken_for_a_registered_plain_ASP_NET() =>
        Assert.Null(SoftwareFingerprints.Match(Shown("ASP.NET MVC", "5.2"), [new RegisteredSoftware("ASP.NET 4.8", null)]));

    [Fact]
    public void ASP_NET_is_matched_to_the_plain_ASP_NET_entry_rather_than_ASP_NET_MVC()
    {
        var plain = new RegisteredSoftware("ASP.NET", "4.8");

        Assert.Same(plain, SoftwareFingerprints.Match(Shown("ASP.NET", "4.0.30319"), [new RegisteredSoftware("ASP.NET MVC", "5.2"), plain]));
    }

    [Fact]
    public void A_product_name_matches_whole_words_only_so_PHP_is_not_phpMyAdmin() =>
        Assert.Null(SoftwareFingerprints.Match(Shown("PHP", "7.4.3"), [new RegisteredSoftware("phpMyAdmin", "5.1")]));

    [Fact]
    public void Apache_HTTP_Server_is_not_taken_for_Apache_Tomcat_when_both_are_registered()
    {
        var httpd = new RegisteredSoftware("Apache HTTP Server", "2.4.41");

        Assert.Same(httpd, SoftwareFingerprints.Match(Shown("Apache HTTP Server", "2.4.41"), [new RegisteredSoftware("Apache Tomcat", "9.0.80"), httpd]));
    }

    [Fact]
    public void Apache_HTTP_Server_is_not_registered_by_an_Apache_Tomcat_entry() =>
        Assert.Null(SoftwareFingerprints.Match(Shown("Apache HTTP Server", "2.4.41"), [new RegisteredSoftware("Apache Tomcat", "9.0.80")]));

    [Theory]
    [InlineData("5.8", "5.8.0", true)]
    [InlineData("5.8", "5.8.1", false)]
    [InlineData("7.4.3-1ubuntu1", "7.4.3", true)]
    public void Versions_are_the_same_release_when_they_differ_only_by_trailing_zeros_or_a_build_label(string shown, string registered, bool same) =>
        Assert.Equal(same, SoftwareFingerprints.SameVersion(shown, registered));
}

public sealed class WebsiteAnalysisTests
{
    [Fact]
    public void A_healthy_https_site_with_its_software_registered_is_green_with_no_findings()
    {
        var outcome = Analyze(Healthy(Home, ("Server", "nginx")), inventory: [new RegisteredSoftware("Nginx", "1.24.0")]);

        Assert.Empty(outcome.Findings);
        Assert.Equal(SiteHealth.Green, outcome.Health);
        Assert.Equal(NewsTitle, outcome.Title);
        Assert.NotNull(outcome.Fingerprint);
        Assert.Equal("nginx", Assert.Single(outcome.Software).Product);
    }

    [Fact]
    public void An_expired_certificate_is_critical_opens_a_task_and_is_not_also_reported_untrusted()
    {
        var outcome = Analyze(Healthy(Home) with { Tls = ValidTls with { NotAfterUtc = Now.AddDays(-1), ChainTrusted = false } });

        Assert.Equal([FindingCode.CertificateExpired], Codes(outcome));
        var expired = outcome.Findings[0];
        Assert.Equal(FindingSeverity.Critical, expired.Severity);
        Assert.True(expired.OpensTaskByItself);
        Assert.Contains("01/12/2026", expired.Message, StringComparison.Ordinal);
        Assert.Equal(SiteHealth.Critical, outcome.Health);
    }

    [Fact]
    public void A_certificate_expiring_within_30_days_is_a_warning()
    {
        var outcome = Analyze(Healthy(Home) with { Tls = ValidTls with { NotAfterUtc = Now.AddDays(10) } });

        var soon = Finding(outcome, FindingCode.CertificateExpiringSoon);
        Assert.Equal(FindingSeverity.Warning, soon.Severity);
        Assert.False(soon.OpensTaskByItself);
        Assert.Contains("sau 10 ngày", soon.Message, StringComparison.Ordinal);
        Assert.Equal(SiteHealth.Warning, outcome.Health);
    }

    [Fact]
    public void A_certificate_valid_for_40_more_days_is_no_finding() =>
        Assert.Empty(Analyze(Healthy(Home) with { Tls = ValidTls with { NotAfterUtc = Now.AddDays(40) } }).Findings);

    [Fact]
    public void A_certificate_for_another_host_is_critical_and_opens_a_task()
    {
        var outcome = Analyze(Healthy(Home) with { Tls = ValidTls with { HostMatches = false, Subject = "CN=b.gov.vn" } });

        Assert.Equal([FindingCode.CertificateHostMismatch], Codes(outcome));
        Assert.Equal(FindingSeverity.Critical, outcome.Findings[0].Severity);
        Assert.True(outcome.Findings[0].OpensTaskByItself);
    }

    [Fact]
    public void A_self_signed_certificate_is_critical_untrusted_naming_its_issuer()
    {
        var outcome = Analyze(Healthy(Home) with
        {
            Tls = ValidTls with { ChainTrusted = false, Issuer = "CN=a.gov.vn", ChainStatus = "UntrustedRoot" },
        });

        Assert.Equal([FindingCode.CertificateUntrusted], Codes(outcome));
        var untrusted = outcome.Findings[0];
        Assert.Equal(FindingSeverity.Critical, untrusted.Severity);
        Assert.True(untrusted.OpensTaskByItself);
        Assert.Contains("CN=a.gov.vn", untrusted.Detail, StringComparison.Ordinal);
        Assert.Contains("UntrustedRoot", untrusted.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_the_page_request_refused_is_reported_as_the_certificate_not_as_unreachable()
    {
        var probe = Down(ProbeFailure.TlsFailed) with { Tls = ValidTls with { ChainTrusted = false } };

        Assert.Equal([FindingCode.CertificateUntrusted], Codes(Analyze(probe)));
    }

    [Fact]
    public void A_certificate_not_yet_valid_is_critical_and_not_also_reported_untrusted()
    {
        var outcome = Analyze(Healthy(Home) with { Tls = ValidTls with { NotBeforeUtc = Now.AddDays(2), ChainTrusted = false } });

        Assert.Equal([FindingCode.CertificateNotYetValid], Codes(outcome));
        Assert.True(outcome.Findings[0].OpensTaskByItself);
    }

    [Fact]
    public void A_failed_TLS_handshake_is_critical_with_the_error_as_detail()
    {
        var probe = Down(ProbeFailure.TlsFailed) with
        {
            Tls = new TlsFacts(false, "Received an unexpected EOF", null, null, null, null, null, false, false, null),
        };

        var outcome = Analyze(probe);

        Assert.Equal([FindingCode.TlsHandshakeFailed], Codes(outcome));
        Assert.Equal(FindingSeverity.Critical, outcome.Findings[0].Severity);
        Assert.Equal("Received an unexpected EOF", outcome.Findings[0].Detail);
        Assert.Equal(SiteHealth.Critical, outcome.Health);
    }

    [Fact]
    public void A_protocol_below_TLS_1_2_is_a_warning() =>
        Assert.Equal([FindingCode.TlsProtocolOld], Codes(Analyze(Healthy(Home) with { Tls = ValidTls with { Protocol = "Tls11" } })));

    [Fact]
    public void A_site_registered_with_http_is_a_warning_and_is_not_asked_for_HSTS()
    {
        var probe = Page(Home, ("Content-Security-Policy", "frame-ancestors 'none'"), ("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "no-referrer"))
            with { Url = "http://a.gov.vn/" };

        var outcome = Analyze(probe);

        Assert.Equal([FindingCode.NotHttps], Codes(outcome));
        Assert.Equal(FindingSeverity.Warning, outcome.Findings[0].Severity);
        Assert.Equal("CH.3.4", outcome.Findings[0].RequirementCode);
    }

    [Fact]
    public void An_https_site_whose_http_address_is_not_redirected_is_a_warning() =>
        Assert.Equal([FindingCode.NoHttpsRedirect], Codes(Analyze(Healthy(Home) with { HttpRedirectsToHttps = false })));

    [Fact]
    public void An_https_page_without_protective_headers_has_one_warning_per_missing_header()
    {
        var outcome = Analyze(Page(Home) with { Tls = ValidTls, HttpRedirectsToHttps = true });

        Assert.Equal(
            [FindingCode.HstsMissing, FindingCode.CspMissing, FindingCode.NoSniffMissing, FindingCode.FrameProtectionMissing, FindingCode.ReferrerPolicyMissing],
            Codes(outcome));
        Assert.All(outcome.Findings, f => Assert.Equal(FindingSeverity.Warning, f.Severity));
        Assert.Equal(SiteHealth.Warning, outcome.Health);
    }

    [Fact]
    public void HSTS_with_a_max_age_under_180_days_counts_as_missing()
    {
        var outcome = Analyze(Healthy(Home, ("Strict-Transport-Security", "max-age=300")));

        var hsts = Assert.Single(outcome.Findings);
        Assert.Equal(FindingCode.HstsMissing, hsts.Code);
        Assert.Contains("180 ngày", hsts.Message, StringComparison.Ordinal);
        Assert.Equal("max-age=300", hsts.Detail);
    }

    [Theory]
    [InlineData("SAMEORIGIN")]
    [InlineData(" deny ")]
    public void X_Frame_Options_DENY_or_SAMEORIGIN_alone_protects_against_framing(string value)
    {
        var probe = Page(
                Home,
                ("Strict-Transport-Security", "max-age=31536000"),
                ("Content-Security-Policy", "default-src 'self'"),
                ("X-Content-Type-Options", "nosniff"),
                ("Referrer-Policy", "no-referrer"),
                ("X-Frame-Options", value))
            with { Tls = ValidTls, HttpRedirectsToHttps = true };

        Assert.Empty(Analyze(probe).Findings);
    }

    [Fact]
    public void The_obsolete_ALLOW_FROM_and_a_CSP_without_frame_ancestors_do_not_protect_against_framing()
    {
        var probe = Page(
                Home,
                ("Strict-Transport-Security", "max-age=31536000"),
                ("Content-Security-Policy", "default-src 'self'"),
                ("X-Content-Type-Options", "nosniff"),
                ("Referrer-Policy", "no-referrer"),
                ("X-Frame-Options", "ALLOW-FROM https://b.gov.vn"))
            with { Tls = ValidTls, HttpRedirectsToHttps = true };

        Assert.Equal([FindingCode.FrameProtectionMissing], Codes(Analyze(probe)));
    }

    [Fact]
    public void A_shown_version_of_unregistered_software_is_disclosed_and_not_registered()
    {
        var outcome = Analyze(Healthy(NewsPage(head: WordPress58)));

        Assert.Equal([FindingCode.VersionDisclosed, FindingCode.SoftwareNotRegistered], Codes(outcome));
        Assert.Equal("WordPress 5.8 (thẻ meta generator)", Finding(outcome, FindingCode.VersionDisclosed).Detail);
        Assert.Equal("WordPress 5.8", Finding(outcome, FindingCode.SoftwareNotRegistered).Detail);
        Assert.All(outcome.Findings, f => Assert.Equal("QL.5.2", f.RequirementCode));
    }

    [Fact]
    public void Registered_software_shown_in_another_version_differs_and_names_both_versions()
    {
        var outcome = Analyze(Healthy(NewsPage(head: WordPress58)), inventory: [new RegisteredSoftware("WordPress", "6.4")]);

        Assert.Equal([FindingCode.VersionDisclosed, FindingCode.SoftwareVersionDiffers], Codes(outcome));
        Assert.Equal("WordPress: đăng ký 6.4, trang web hiển thị 5.8", Finding(outcome, FindingCode.SoftwareVersionDiffers).Detail);
    }

    [Fact]
    public void Registered_software_shown_in_the_same_release_only_discloses_its_version() =>
        Assert.Equal(
            [FindingCode.VersionDisclosed],
            Codes(Analyze(Healthy(Home, ("X-Powered-By", "PHP/7.4.3")), inventory: [new RegisteredSoftware("PHP", "7.4.3.0")])));

    [Fact]
    public void X_AspNet_Version_4_0_30319_is_the_runtime_of_every_ASP_NET_4_x_and_does_not_contradict_a_registered_4_8() =>
        Assert.Equal(
            [FindingCode.VersionDisclosed],
            Codes(Analyze(Healthy(Home, ("X-AspNet-Version", "4.0.30319")), inventory: [new RegisteredSoftware("ASP.NET", "4.8")])));

    [Fact]
    public void A_refused_connection_is_a_warning_until_the_site_has_been_down_too_long()
    {
        var outcome = Analyze(Down(ProbeFailure.ConnectionRefused));

        Assert.Equal([FindingCode.Unreachable], Codes(outcome));
        Assert.Equal(FindingSeverity.Warning, outcome.Findings[0].Severity);
        Assert.Equal(SiteHealth.Warning, outcome.Health);
        Assert.Null(outcome.Fingerprint);
    }

    [Fact]
    public void A_site_down_for_more_than_2_hours_is_critical_and_opens_a_task()
    {
        var outcome = Analyze(Down(ProbeFailure.ConnectionRefused), downSince: Now.AddHours(-3));

        Assert.Equal([FindingCode.DownTooLong, FindingCode.Unreachable], Codes(outcome));
        var down = outcome.Findings[0];
        Assert.Equal(FindingSeverity.Critical, down.Severity);
        Assert.True(down.OpensTaskByItself);
        Assert.Contains("3 giờ 0 phút", down.Message, StringComparison.Ordinal);
        Assert.Equal(SiteHealth.Critical, outcome.Health);
    }

    [Fact]
    public void A_site_down_for_less_than_2_hours_is_not_yet_down_too_long() =>
        Assert.Equal([FindingCode.Unreachable], Codes(Analyze(Down(ProbeFailure.Timeout), downSince: Now.AddMinutes(-119))));

    [Theory]
    [InlineData(ProbeFailure.NameNotResolved, "tên miền")]
    [InlineData(ProbeFailure.Timeout, "thời gian chờ")]
    [InlineData(ProbeFailure.ConnectionRefused, "từ chối kết nối")]
    public void An_unreachable_site_says_why_in_Vietnamese(ProbeFailure failure, string reason)
    {
        var unreachable = Finding(Analyze(Down(failure)), FindingCode.Unreachable);

        Assert.Contains(reason, unreachable.Message, StringComparison.Ordinal);
        Assert.Equal($"{failure}", unreachable.Detail);
    }

    [Fact]
    public void An_internal_address_is_reported_as_blocked_not_as_unreachable()
    {
        var outcome = Analyze(Down(ProbeFailure.BlockedAddress));

        Assert.Equal([FindingCode.BlockedAddress], Codes(outcome));
        Assert.Equal(FindingSeverity.Warning, outcome.Findings[0].Severity);
    }

    // The portal did not look at the site, so it cannot say the site has been down for hours (and open a task for it).
    [Fact]
    public void An_address_the_portal_refuses_to_check_is_not_counted_as_a_site_down_too_long()
    {
        var outcome = Analyze(Down(ProbeFailure.BlockedAddress), downSince: Now.AddHours(-3));

        Assert.Equal([FindingCode.BlockedAddress], Codes(outcome));
        Assert.Equal(SiteHealth.Warning, outcome.Health);
    }

    [Fact]
    public void A_server_error_counts_as_downtime_and_its_page_is_not_fingerprinted()
    {
        var outcome = Analyze(Healthy("<h1>Service Unavailable</h1>") with { StatusCode = 503 }, downSince: Now.AddHours(-3));

        Assert.Equal([FindingCode.DownTooLong, FindingCode.ServerError], Codes(outcome));
        Assert.Null(outcome.Fingerprint);
    }

    [Fact]
    public void A_home_page_answering_404_is_not_reported_as_healthy() =>
        Assert.NotEqual(SiteHealth.Green, Analyze(Healthy("<h1>Không tìm thấy trang</h1>") with { StatusCode = 404 }).Health);

    [Fact]
    public void A_page_larger_than_the_read_limit_is_only_information_and_leaves_the_site_green()
    {
        var outcome = Analyze(Healthy(Home) with { Truncated = true, BodyBytesRead = 1_048_576 });

        var large = Assert.Single(outcome.Findings);
        Assert.Equal(FindingCode.PageTooLarge, large.Code);
        Assert.Equal(FindingSeverity.Info, large.Severity);
        Assert.Contains("1 MB", large.Message, StringComparison.Ordinal);
        Assert.Equal(SiteHealth.Green, outcome.Health);
        Assert.NotNull(outcome.Fingerprint);
    }

    [Fact]
    public void A_binary_answer_is_a_warning_and_gets_no_fingerprint()
    {
        var outcome = Analyze(Healthy(Home) with { Binary = true, Html = null, ContentType = "application/pdf" });

        Assert.Equal([FindingCode.NotHtml], Codes(outcome));
        Assert.Equal("application/pdf", outcome.Findings[0].Detail);
        Assert.Null(outcome.Fingerprint);
        Assert.Null(outcome.Title);
    }

    [Fact]
    public void A_redirect_loop_is_reported() =>
        Assert.Equal(
            [FindingCode.RedirectLoop],
            Codes(Analyze(Healthy(Home) with { StatusCode = 302, Html = null, RedirectLoop = true, FinalUrl = "https://a.gov.vn/trang-chu" })));

    [Fact]
    public void A_redirect_to_another_host_is_reported_with_its_target()
    {
        var outcome = Analyze(Healthy(Home) with { StatusCode = 301, Html = null, RedirectedOffHostTo = "https://cong-game.example/" });

        Assert.Equal([FindingCode.RedirectOffHost], Codes(outcome));
        Assert.Equal("https://cong-game.example/", outcome.Findings[0].Detail);
        Assert.Equal("CH.3.6", outcome.Findings[0].RequirementCode);
    }

    [Fact]
    public void A_new_date_and_visit_counter_are_not_a_change_of_content()
    {
        var baseline = BaselineOf(Analyze(Healthy(Home)));

        var outcome = Analyze(Healthy(NewsPage(date: "02/12/2026", visits: "123789")), baseline);

        Assert.Equal(1.0, outcome.Similarity);
        Assert.Empty(outcome.Findings);
        Assert.False(outcome.DefacementSuspected);
    }

    [Fact]
    public void A_page_replaced_by_a_hacker_greeting_is_a_suspected_defacement_waiting_for_a_person()
    {
        var baseline = BaselineOf(Analyze(Healthy(Home)));

        var outcome = Analyze(Healthy(Hacked), baseline);

        Assert.Equal([FindingCode.ContentChanged, FindingCode.DefacementPhrase], Codes(outcome));
        Assert.All(outcome.Findings, f => Assert.Equal(FindingSeverity.Critical, f.Severity));
        Assert.All(outcome.Findings, f => Assert.False(f.OpensTaskByItself));
        Assert.All(outcome.Findings, f => Assert.Equal("CH.4.1", f.RequirementCode));
        Assert.True(outcome.DefacementSuspected);
        Assert.Equal(SiteHealth.Critical, outcome.Health);
        Assert.True(outcome.Similarity < 0.2);
        Assert.Contains("Hacked by X", Finding(outcome, FindingCode.ContentChanged).Detail, StringComparison.Ordinal);
        var phrases = Finding(outcome, FindingCode.DefacementPhrase).Detail;
        Assert.Contains("«hacked by»", phrases, StringComparison.Ordinal);
        Assert.Contains("«greetz»", phrases, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_baseline_a_page_is_not_judged_for_defacement_but_its_phrases_are_kept()
    {
        var outcome = Analyze(Healthy(Hacked));

        Assert.Empty(outcome.Findings);
        Assert.Contains("hacked by", outcome.Phrases);
        Assert.Contains("greetz", outcome.Phrases);
    }

    [Fact]
    public void Rewriting_two_paragraphs_is_no_alert_while_the_title_stays_but_is_one_with_a_new_title()
    {
        var baseline = BaselineOf(Analyze(Healthy(Home)));
        string[] edited = [Visit, NewsParagraphs[1], NewsParagraphs[2], Gifts, NewsParagraphs[4], NewsParagraphs[5], NewsParagraphs[6]];
        const string otherTitle = "Đoàn công tác thăm xã biên giới | Cổng thông tin điện tử tỉnh";

        var sameTitle = Analyze(Healthy(NewsPage(paragraphs: edited)), baseline);
        var newTitle = Analyze(Healthy(NewsPage(title: otherTitle, paragraphs: edited)), baseline);

        // About two thirds of the text in common: enough while the title stays (50 %), not with a new title (80 %).
        Assert.InRange(sameTitle.Similarity.GetValueOrDefault(), 0.5, 0.8);
        Assert.Empty(sameTitle.Findings);
        Assert.Equal([FindingCode.ContentChanged], Codes(newTitle));
        Assert.Contains(otherTitle, newTitle.Findings[0].Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void A_phrase_already_in_the_accepted_page_is_not_raised_again_but_a_new_one_is()
    {
        var first = Analyze(Healthy(HackingNews("42")));
        Assert.Contains("hacked by", first.Phrases);
        var baseline = BaselineOf(first);

        var again = Analyze(Healthy(HackingNews("43")), baseline);
        var added = Analyze(Healthy(HackingNews("44", "<p>greetz</p>")), baseline);

        Assert.Empty(again.Findings);
        Assert.Equal([FindingCode.DefacementPhrase], Codes(added));
        Assert.Equal("«greetz»", added.Findings[0].Detail);
    }

    // A page whose text is gone (a blank page, or only a script sending visitors elsewhere) is the plainest defacement.
    [Fact]
    public void A_page_emptied_of_all_its_text_is_a_change_of_content()
    {
        var baseline = BaselineOf(Analyze(Healthy(Home)));

        var outcome = Analyze(Healthy("<html><body><script>location.href='https://cong-game.example/'</script></body></html>"), baseline);

        Assert.Equal(FindingSeverity.Critical, Finding(outcome, FindingCode.ContentChanged).Severity);
        Assert.True(outcome.DefacementSuspected);
    }
}

public sealed class PageFingerprintTests
{
    /// <summary>ASVS 5.0 V1.1.1: a fetched page's entities are decoded once; an encoded entity stays the text it encodes.</summary>
    [Fact]
    public void Entities_are_decoded_once_never_twice()
    {
        Assert.Equal("&lt;script&gt; Sở", PageFingerprint.Title("<title>&amp;lt;script&amp;gt; Sở</title>"));
        Assert.Equal("%41", PageFingerprint.Title("<title>%41</title>")); // no URL decoding of page text either
        Assert.Contains("amp", PageFingerprint.NormalizedText("<p>Tom &amp;amp; Jerry</p>").Split(' '));
        Assert.Contains("lt", PageFingerprint.NormalizedText("<p>&amp;lt;b&amp;gt;in đậm</p>").Split(' '));
    }

    [Fact]
    public void The_title_is_decoded_and_its_whitespace_collapsed()
    {
        Assert.Equal("Tin tức & Sự kiện", PageFingerprint.Title("<html><head><TITLE lang=\"vi\">\n   Tin tức &amp;\n\tSự   kiện  </TITLE></head></html>"));
        Assert.Null(PageFingerprint.Title("<html><head><title>   </title></head></html>"));
        Assert.Null(PageFingerprint.Title("<p>Không có tiêu đề</p>"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n  ")]
    [InlineData("<html><body> <br/> </body></html>")]
    [InlineData("<script>var luot = 2026;</script><!-- 12 -->")]
    public void A_page_without_visible_words_has_no_fingerprint(string html) => Assert.Null(PageFingerprint.Compute(html));

    [Fact]
    public void Identical_pages_are_fully_similar()
    {
        var fingerprint = PageFingerprint.Compute(Home);

        Assert.Equal(PageFingerprint.SignatureLength * 8, fingerprint?.Length);
        Assert.Equal(1.0, PageFingerprint.Similarity(fingerprint, PageFingerprint.Compute(Home)));
        Assert.Null(PageFingerprint.Similarity(fingerprint, null));
    }

    [Fact]
    public void Unrelated_pages_are_hardly_similar() =>
        Assert.True(PageFingerprint.Similarity(PageFingerprint.Compute(Home), PageFingerprint.Compute(Weather)) < 0.2);

    [Theory]
    [InlineData("Ủy ban nhân dân", "uy ban nhan dan")]
    [InlineData("<p>Đường Trần Hưng Đạo</p>", "duong tran hung dao")]
    [InlineData("<p>Năm 2026</p><script>var x = 1;</script><style>p { color: red }</style><p>Xin chào!</p>", "nam xin chao")]
    [InlineData("Cập nhật: 02/12/2026 10:00 &middot; Lượt truy cập: 123.456", "cap nhat luot truy cap")]
    public void The_normalized_text_is_folded_lower_case_words_without_digits_scripts_or_styles(string html, string expected) =>
        Assert.Equal(expected, PageFingerprint.NormalizedText(html));

    [Fact]
    public void A_defacement_phrase_is_reported_once_even_when_the_list_has_it_with_and_without_a_colon() =>
        Assert.Equal(["hacked by"], PageFingerprint.PhrasesIn("<h1>Hacked by: X</h1>", Rules.DefacementPhrases));
}

public sealed class WatchedWebsiteTests
{
    private static WatchedWebsite NewWatch() => new(Guid.NewGuid(), Url, Now);

    [Fact]
    public void A_new_watch_is_due_at_once_and_not_yet_judged()
    {
        var watch = NewWatch();

        Assert.True(watch.IsDue(Now));
        Assert.Equal(SiteHealth.Unknown, watch.Health);
        Assert.Null(watch.Baseline);
    }

    [Fact]
    public void The_first_readable_page_becomes_the_baseline_without_an_alert()
    {
        var watch = NewWatch();

        var check = Run(watch, Healthy(Home), Now);

        Assert.NotNull(check.Fingerprint);
        Assert.Equal(check.Fingerprint, watch.BaselineFingerprint);
        Assert.Equal(NewsTitle, watch.BaselineTitle);
        Assert.Equal(check.Id, watch.BaselineCheckId);
        Assert.Equal("Hệ thống (lần kiểm tra đầu tiên)", watch.BaselineSetBy);
        Assert.Null(watch.AlertCheckId);
        Assert.Equal(check.Id, watch.LastCheckId);
        Assert.Equal(SiteHealth.Green, watch.Health);
        Assert.Equal(180, watch.ResponseMs);
    }

    [Fact]
    public void A_recorded_check_releases_the_lease_and_is_next_due_one_interval_later()
    {
        var watch = NewWatch();

        Run(watch, Healthy(Home), Now);

        Assert.Null(watch.LeaseToken);
        Assert.Null(watch.LeaseUntilUtc);
        Assert.Equal(Now + Interval, watch.NextCheckUtc);
        Assert.False(watch.IsDue(Now.AddMinutes(14)));
        Assert.True(watch.IsDue(Now + Interval));
    }

    [Fact]
    public void The_finding_codes_of_a_watch_leave_out_information()
    {
        var watch = NewWatch();

        Run(watch, Healthy(Home) with { Truncated = true, BodyBytesRead = 1_048_576, HttpRedirectsToHttps = false }, Now);

        Assert.Equal("NoHttpsRedirect", watch.FindingCodes);
        Assert.Equal(SiteHealth.Warning, watch.Health);
    }

    [Fact]
    public void A_suspected_defacement_raises_an_alert_that_a_second_one_does_not_replace()
    {
        var watch = NewWatch();
        var first = Run(watch, Healthy(Home), Now);

        var defaced = Run(watch, Healthy(Hacked), Now.AddMinutes(15));
        Run(watch, Healthy(Hacked), Now.AddMinutes(30));

        Assert.Equal(defaced.Id, watch.AlertCheckId);
        Assert.Equal(Now.AddMinutes(15), watch.AlertRaisedUtc);
        Assert.Equal(first.Fingerprint, watch.BaselineFingerprint);
        Assert.Equal(SiteHealth.Critical, watch.Health);
    }

    [Fact]
    public void Confirming_a_defacement_closes_the_alert_and_keeps_the_good_page_as_baseline()
    {
        var watch = NewWatch();
        var first = Run(watch, Healthy(Home), Now);
        Run(watch, Healthy(Hacked), Now.AddMinutes(15));

        watch.ConfirmDefacement();

        Assert.Null(watch.AlertCheckId);
        Assert.Null(watch.AlertRaisedUtc);
        Assert.Equal(first.Fingerprint, watch.BaselineFingerprint);
        Assert.Equal(first.Id, watch.BaselineCheckId);
    }

    [Fact]
    public void A_defacement_cannot_be_confirmed_without_an_alert()
    {
        var watch = NewWatch();
        Run(watch, Healthy(Home), Now);

        Assert.Throws<DomainException>(() => watch.ConfirmDefacement());
    }

    [Fact]
    public void An_accepted_page_becomes_the_baseline_so_the_same_page_no_longer_alerts()
    {
        var watch = NewWatch();
        Run(watch, Healthy(Home), Now);
        var changed = Run(watch, Healthy(Hacked), Now.AddMinutes(15));

        watch.AcceptAsBaseline(changed, "Người A", Now.AddHours(1));

        Assert.Equal(changed.Fingerprint, watch.BaselineFingerprint);
        Assert.Equal("Hacked by X", watch.BaselineTitle);
        Assert.Equal(changed.Id, watch.BaselineCheckId);
        Assert.Equal("Người A", watch.BaselineSetBy);
        Assert.Equal(Now.AddHours(1), watch.BaselineSetUtc);
        Assert.Null(watch.AlertCheckId);

        Run(watch, Healthy(Hacked), Now.AddHours(2));

        Assert.Null(watch.AlertCheckId);
        Assert.Equal(SiteHealth.Green, watch.Health);
    }

    [Fact]
    public void Only_a_readable_check_of_the_same_watch_can_become_its_baseline()
    {
        var watch = NewWatch();
        var other = new WatchedWebsite(Guid.NewGuid(), "https://b.gov.vn/", Now);
        var foreign = Run(other, Healthy(Home), Now);
        var failed = Run(watch, Down(ProbeFailure.ConnectionRefused), Now);

        Assert.Throws<DomainException>(() => watch.AcceptAsBaseline(foreign, "Người A", Now));
        Assert.Throws<DomainException>(() => watch.AcceptAsBaseline(failed, "Người A", Now));
        Assert.Null(watch.Baseline);
    }

    [Fact]
    public void Downtime_starts_at_the_first_failed_check_is_kept_through_the_next_and_ends_on_success()
    {
        var watch = NewWatch();

        Run(watch, Down(ProbeFailure.Timeout), Now);
        Assert.Equal(Now, watch.DownSinceUtc);
        Assert.Null(watch.ResponseMs);

        Run(watch, Down(ProbeFailure.Timeout), Now.AddMinutes(15));
        Assert.Equal(Now, watch.DownSinceUtc);

        Run(watch, Down(ProbeFailure.Timeout), Now.AddHours(2));
        Assert.Equal(Now, watch.DownSinceUtc);
        Assert.Equal("DownTooLong,Unreachable", watch.FindingCodes);
        Assert.Equal(SiteHealth.Critical, watch.Health);

        Run(watch, Healthy(Home), Now.AddHours(2).AddMinutes(15));
        Assert.Null(watch.DownSinceUtc);
        Assert.Equal(SiteHealth.Green, watch.Health);
    }

    [Fact]
    public void A_retired_watch_is_never_due_until_reactivated()
    {
        var watch = NewWatch();

        watch.Retire();

        Assert.False(watch.IsDue(Now));
        Assert.False(watch.IsDue(Now.AddDays(30)));

        watch.Reactivate(Now.AddDays(30));

        Assert.True(watch.IsDue(Now.AddDays(30)));
    }
}

public sealed class WebsiteFindingTests
{
    [Theory]
    [InlineData(FindingCode.CertificateExpired, "CH.3.4")]
    [InlineData(FindingCode.CertificateNotYetValid, "CH.3.4")]
    [InlineData(FindingCode.CertificateExpiringSoon, "CH.3.4")]
    [InlineData(FindingCode.CertificateUntrusted, "CH.3.4")]
    [InlineData(FindingCode.CertificateHostMismatch, "CH.3.4")]
    [InlineData(FindingCode.TlsHandshakeFailed, "CH.3.4")]
    [InlineData(FindingCode.NotHttps, "CH.3.4")]
    [InlineData(FindingCode.HstsMissing, "CH.3.4")]
    [InlineData(FindingCode.CspMissing, "CH.3.6")]
    [InlineData(FindingCode.NoSniffMissing, "CH.3.6")]
    [InlineData(FindingCode.FrameProtectionMissing, "CH.3.6")]
    [InlineData(FindingCode.ReferrerPolicyMissing, "CH.3.6")]
    [InlineData(FindingCode.VersionDisclosed, "QL.5.2")]
    [InlineData(FindingCode.SoftwareNotRegistered, "QL.5.2")]
    [InlineData(FindingCode.SoftwareVersionDiffers, "QL.5.2")]
    [InlineData(FindingCode.ContentChanged, "CH.4.1")]
    [InlineData(FindingCode.DefacementPhrase, "CH.4.1")]
    [InlineData(FindingCode.Unreachable, "QL.5.6")]
    public void A_finding_is_evidence_against_its_catalog_requirement(FindingCode code, string requirement)
    {
        Assert.Equal(requirement, WebsiteFinding.RequirementFor(code));
        Assert.Equal(requirement, new WebsiteFinding(code, FindingSeverity.Warning, "Thông điệp").RequirementCode);
    }

    [Theory]
    [InlineData(FindingCode.CertificateExpired, true)]
    [InlineData(FindingCode.DownTooLong, true)]
    [InlineData(FindingCode.ContentChanged, false)]
    [InlineData(FindingCode.TlsHandshakeFailed, false)]
    public void Only_critical_certificate_and_downtime_findings_open_a_task_by_themselves(FindingCode code, bool opens)
    {
        Assert.Equal(opens, new WebsiteFinding(code, FindingSeverity.Critical, "Thông điệp").OpensTaskByItself);
        Assert.False(new WebsiteFinding(code, FindingSeverity.Warning, "Thông điệp").OpensTaskByItself);
    }
}
