using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Incidents;
using SecurityPortal.Domain.Notifications;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Domain.Websites;
using SecurityPortal.Web.WebsiteWatch;

namespace SecurityPortal.Tests.Websites;

/// <summary>Maps the test's host names to loopback, and nothing else: no name used by these tests ever reaches a real resolver.</summary>
public sealed class LoopbackResolver : IWebsiteResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        host is "localhost" || host.EndsWith(".test", StringComparison.OrdinalIgnoreCase) && !host.StartsWith("khong-ton-tai", StringComparison.OrdinalIgnoreCase)
            ? Task.FromResult(new[] { IPAddress.Loopback })
            : throw new SocketException((int)SocketError.HostNotFound);
}

/// <summary>
/// The website watch against real local servers (Kestrel on 127.0.0.1, real TLS with test certificates): one healthy,
/// one with an expired self-signed certificate, one without headers, one showing WordPress 5.8, one that changes into
/// a defacement page, one that is down, and the bad cases (time-out, redirect loop, 5 MB page, binary, another host's
/// certificate, a name that does not resolve, a redirect to another host).
/// </summary>
public sealed class WebsiteWatchTests : PortalTestBase, IDisposable
{
    private static readonly string NewsPage = BuildNews("Sở Thông tin và Truyền thông tỉnh Sông Lam", 0);

    private readonly TestCertificates _certificates = new();
    private readonly TestClock _clock = new();

    protected override PortalFactory Configure(PortalFactory factory) => factory
        .UseClock(_clock)
        .With("WebsiteWatch:AllowedInternalNetworks:0", "127.0.0.0/8")
        .With("WebsiteWatch:TrustedRootCertificates:0", _certificates.RootPem)
        .With("WebsiteWatch:PerHostDelayMilliseconds", "10")
        .With("WebsiteWatch:RequestTimeoutSeconds", "2")
        .With("WebsiteWatch:CheckTimeoutSeconds", "20")
        .With("WebsiteWatch:MaxPageKilobytes", "512")
        .WithServices(services => services.Replace(ServiceDescriptor.Singleton<IWebsiteResolver, LoopbackResolver>()));

    [Fact]
    public async Task Every_kind_of_site_becomes_the_right_finding_critical_ones_open_a_task_and_nothing_crashes_the_worker()
    {
        var now = DateTimeOffset.UtcNow;
        var (agency, officerId) = await ArrangeAgencyAsync();
        using var goodCert = _certificates.Issue("localhost", now.AddDays(-10), now.AddDays(200));
        using var expiredCert = TestCertificates.SelfSigned("localhost", now.AddDays(-400), now.AddDays(-3));
        var secure = new (string, string)[]
        {
            ("Strict-Transport-Security", "max-age=31536000; includeSubDomains"), ("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'"),
            ("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "strict-origin-when-cross-origin"),
        };
        await using var healthy = await TestSite.StartAsync(TestSite.Html(NewsPage, secure), goodCert);
        await using var expired = await TestSite.StartAsync(TestSite.Html(NewsPage, secure), expiredCert);
        await using var bare = await TestSite.StartAsync(TestSite.Html(NewsPage));
        await using var wordpress = await TestSite.StartAsync(TestSite.Html(
            "<html><head><title>Trường THPT</title><meta name=\"generator\" content=\"WordPress 5.8\" /></head><body>Tin tức nhà trường</body></html>"));
        await using var loop = await TestSite.StartAsync(TestSite.ByPath(new Dictionary<string, RequestDelegate>
        {
            ["/"] = TestSite.Redirect("/a"), ["/a"] = TestSite.Redirect("/b"), ["/b"] = TestSite.Redirect("/a"),
        }));
        await using var huge = await TestSite.StartAsync(TestSite.Html("<html><title>Lớn</title><body>" + new string('x', 5 * 1024 * 1024) + "</body></html>"));
        await using var binary = await TestSite.StartAsync(TestSite.Bytes([0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02, 0x03], "application/pdf"));
        await using var elsewhere = await TestSite.StartAsync(TestSite.Html("<title>Nơi khác</title>"));
        await using var offHost = await TestSite.StartAsync(TestSite.Redirect(elsewhere.UrlFor("nhanuoc.test")));
        await using var hanging = new HangingServer();
        var downUrl = $"http://localhost:{FreePort.Reserve()}/";

        var urls = new Dictionary<string, string>
        {
            ["healthy"] = healthy.UrlFor(), ["expired"] = expired.UrlFor(), ["bare"] = bare.UrlFor(), ["wordpress"] = wordpress.UrlFor(),
            ["loop"] = loop.UrlFor(), ["huge"] = huge.UrlFor(), ["binary"] = binary.UrlFor(), ["offhost"] = offHost.UrlFor(),
            ["hanging"] = hanging.Url, ["down"] = downUrl, ["otherhost"] = healthy.UrlFor("congthongtin.test"),
            ["unresolved"] = $"https://khong-ton-tai.test:{healthy.Port}/",
        };
        var system = await Factory.CreateSystemAsync("SL-WEB", "Cổng thông tin Sở", agency, s =>
        {
            foreach (var url in urls.Values)
            {
                s.AddEndpoint(url, isPublic: true);
            }

            s.AddEndpoint("https://noibo.songlam.test/", isPublic: false);
        });

        Assert.Equal(urls.Count, await RunDueAsync());
        Assert.Equal(0, await RunDueAsync());

        var results = await Factory.WithDbAsync(async db =>
        {
            var watches = await db.WatchedWebsites.AsNoTracking().ToListAsync();
            var checks = await db.WebsiteChecks.AsNoTracking().ToListAsync();
            return watches.ToDictionary(w => w.Url, w => (Watch: w, Check: checks.Single(c => c.WatchId == w.Id)));
        });
        Assert.Equal(urls.Count, results.Count); // the internal endpoint is not watched
        IReadOnlyList<FindingCode> Codes(string name) => results[urls[name]].Check.Findings().Select(f => f.Code).ToList();
        SiteHealth Health(string name) => results[urls[name]].Watch.Health;

        Assert.Equal(SiteHealth.Green, Health("healthy"));
        Assert.DoesNotContain(results[urls["healthy"]].Check.Findings(), f => f.Severity > FindingSeverity.Info);
        Assert.Equal("Tls13", results[urls["healthy"]].Check.TlsProtocol);

        Assert.Equal(SiteHealth.Critical, Health("expired"));
        Assert.Contains(FindingCode.CertificateExpired, Codes("expired"));

        Assert.Equal(SiteHealth.Warning, Health("bare"));
        Assert.Superset(
            new HashSet<FindingCode> { FindingCode.NotHttps, FindingCode.CspMissing, FindingCode.NoSniffMissing, FindingCode.FrameProtectionMissing, FindingCode.ReferrerPolicyMissing },
            Codes("bare").ToHashSet());

        Assert.Contains(FindingCode.VersionDisclosed, Codes("wordpress"));
        Assert.Contains(FindingCode.SoftwareNotRegistered, Codes("wordpress"));
        Assert.Contains(results[urls["wordpress"]].Check.Software(), s => s is { Product: "WordPress", Version: "5.8" });

        Assert.Contains(FindingCode.RedirectLoop, Codes("loop"));
        Assert.Contains(FindingCode.PageTooLarge, Codes("huge"));
        Assert.Contains(FindingCode.NotHtml, Codes("binary"));
        Assert.Contains(FindingCode.RedirectOffHost, Codes("offhost"));
        Assert.Equal(0, elsewhere.Requests); // reported, never followed
        Assert.Contains(FindingCode.CertificateHostMismatch, Codes("otherhost"));
        Assert.Equal(SiteHealth.Critical, Health("otherhost"));

        Assert.Contains(FindingCode.Unreachable, Codes("hanging"));
        Assert.Contains("thời gian chờ", results[urls["hanging"]].Check.Findings().Single(f => f.Code == FindingCode.Unreachable).Message, StringComparison.Ordinal);
        Assert.Contains("từ chối kết nối", results[urls["down"]].Check.Findings().Single(f => f.Code == FindingCode.Unreachable).Message, StringComparison.Ordinal);
        Assert.Contains("phân giải", results[urls["unresolved"]].Check.Findings().Single(f => f.Code == FindingCode.Unreachable).Message, StringComparison.Ordinal);
        Assert.NotNull(results[urls["down"]].Watch.DownSinceUtc);

        // Polite: only GETs, and every request names the portal.
        foreach (var site in new[] { healthy, expired, bare, wordpress, loop, huge, binary, offHost })
        {
            Assert.All(site.Methods, m => Assert.Equal("GET", m));
            Assert.All(site.UserAgents, ua => Assert.StartsWith("SecurityPortal-WebsiteWatch/", ua, StringComparison.Ordinal));
        }

        // Critical certificate findings opened one critical task each, named after the requirement, and the agency heard of it.
        var tasks = await Factory.WithDbAsync(db => db.RemediationTasks.AsNoTracking().Where(t => t.Source == TaskSource.WebsiteCheck).ToListAsync());
        Assert.True(tasks.Count == 2, string.Join(" | ", tasks.Select(t => t.Title + " " + t.Description)));
        Assert.All(tasks, t => Assert.Equal(("CH.3.4", TaskSeverity.Critical, system.Id), (t.RequirementCode, t.Severity, t.SystemId)));
        Assert.True(await Factory.WithDbAsync(db => db.Notifications.AnyAsync(n => n.UserId == officerId && n.Kind == NotificationKind.WebsiteAlert)));

        // A round 7 hours later: the three sites still unreachable are now down too long (critical, one task each); the
        // certificate tasks are not opened twice. A third round adds nothing.
        _clock.Advance(TimeSpan.FromHours(7));
        Assert.Equal(urls.Count, await RunDueAsync());
        var downTasks = await Factory.WithDbAsync(db => db.RemediationTasks.Where(t => t.RequirementCode == "QL.5.6").Select(t => t.Title).ToListAsync());
        Assert.Equal(3, downTasks.Count);
        Assert.Contains(downTasks, t => t.Contains(downUrl, StringComparison.Ordinal));
        _clock.Advance(TimeSpan.FromHours(7));
        Assert.Equal(urls.Count, await RunDueAsync());
        Assert.Equal(5, await Factory.CountAsync<RemediationTask>());

        // The officer sees the list, the status page and the dashboard figure; a finding becomes a task in one action.
        var officer = await SignInAsync("cb@sl.vn");
        var list = await officer.GetDocumentAsync("/Websites");
        Assert.Contains(urls["wordpress"], list.QuerySelector("#websites")!.TextContent, StringComparison.Ordinal);
        var wordpressPage = $"/Websites/Details/{results[urls["wordpress"]].Watch.Id}";
        var page = await officer.GetDocumentAsync(wordpressPage);
        Assert.Contains("WordPress 5.8", page.QuerySelector("#software")!.TextContent, StringComparison.Ordinal);
        (await officer.PostFormAsync($"{wordpressPage}?handler=Task", new() { ["Code"] = nameof(FindingCode.VersionDisclosed) }, wordpressPage)).AssertRedirectsTo(wordpressPage);
        (await officer.PostFormAsync($"{wordpressPage}?handler=Task", new() { ["Code"] = nameof(FindingCode.VersionDisclosed) }, wordpressPage)).AssertRedirectsTo(wordpressPage);
        var disclosed = await Factory.WithDbAsync(db => db.RemediationTasks.Where(t => t.RequirementCode == "QL.5.2").ToListAsync());
        Assert.Equal(TaskSeverity.Medium, Assert.Single(disclosed).Severity);

        // «Thêm vào danh mục»: the software the site shows joins the inventory, and the next check no longer calls it unregistered.
        (await officer.PostFormAsync($"{wordpressPage}?handler=AddSoftware", new() { ["Product"] = "WordPress" }, wordpressPage)).AssertRedirectsTo(wordpressPage);
        var component = await Factory.WithDbAsync(db => db.SoftwareComponents.SingleAsync(c => c.SystemId == system.Id));
        Assert.Equal(("WordPress", "5.8", ComponentKind.Cms), (component.Product, component.Version, component.Kind));

        var leader = await SignInAsync("ld@sl.vn");
        var dashboard = await leader.GetDocumentAsync("/Dashboard");
        Assert.Equal("5", dashboard.QuerySelector("[data-figure=websites-critical]")!.TextContent.Trim());
        var rows = await leader.GetExcelRowsAsync("/Websites?handler=Excel");
        Assert.Equal(urls.Count + 1, rows.Count);
    }

    [Fact]
    public async Task A_defacement_is_raised_for_a_person_and_confirmed_into_an_incident_or_accepted_as_the_new_baseline()
    {
        var (agency, officerId) = await ArrangeAgencyAsync();
        var foreignAgency = await Factory.CreateAgencyAsync("SL-SGD", "Sở Giáo dục và Đào tạo");
        await Factory.CreateUserAsync("gd@sl.vn", PortalRoles.AgencyOfficer, foreignAgency.Id);
        await using var portal = await TestSite.StartAsync(TestSite.Html(NewsPage));
        await using var school = await TestSite.StartAsync(TestSite.Html(BuildNews("Trường Trung học phổ thông Lê Lợi", 1)));
        await Factory.CreateSystemAsync("SL-CTT", "Cổng thông tin điện tử", agency, s =>
        {
            s.AddEndpoint(portal.UrlFor(), true);
            s.AddEndpoint(school.UrlFor(), true);
        });
        await RunDueAsync();
        var (portalWatch, schoolWatch) = await Factory.WithDbAsync(async db =>
            (await db.WatchedWebsites.SingleAsync(w => w.Url == portal.UrlFor()), await db.WatchedWebsites.SingleAsync(w => w.Url == school.UrlFor())));
        Assert.NotNull(portalWatch.BaselineFingerprint);
        Assert.Null(portalWatch.AlertCheckId);

        // The page turns into a defacement; the reviewer runs a check at once.
        portal.Handler = TestSite.Html("<html><head><title>Hacked by Nhóm X</title></head><body><h1>HACKED BY NHÓM X</h1><p>greetz to all</p></body></html>");
        var reviewer = await SignInAsync("td@sl.vn", Totp.Key);
        var portalUrl = $"/Websites/Details/{portalWatch.Id}";
        (await reviewer.PostFormAsync($"{portalUrl}?handler=Check", [], portalUrl)).AssertRedirectsTo(portalUrl);
        var officer = await SignInAsync("cb@sl.vn");
        var alertPage = await officer.GetDocumentAsync(portalUrl);
        Assert.Contains("Nghi bị thay đổi giao diện", alertPage.QuerySelector("#defacement-alert")!.TextContent, StringComparison.Ordinal);
        Assert.True(await Factory.WithDbAsync(db => db.Notifications.AnyAsync(n => n.UserId == officerId && n.Link == portalUrl)));

        // Another agency's officer: not found, not listed; an officer cannot run checks.
        var foreign = await SignInAsync("gd@sl.vn");
        Assert.Equal(HttpStatusCode.NotFound, (await foreign.GetAsync(portalUrl)).StatusCode);
        Assert.DoesNotContain(portal.UrlFor(), (await foreign.GetDocumentAsync("/Websites")).Body!.TextContent, StringComparison.Ordinal);
        var checksBefore = await Factory.CountAsync<WebsiteCheck>();
        (await officer.PostFormAsync($"{portalUrl}?handler=Check", [], portalUrl)).AssertRedirectsTo("/Account/AccessDenied");
        Assert.Equal(checksBefore, await Factory.CountAsync<WebsiteCheck>());

        // A stale page (the site was checked again since) is refused and changes nothing.
        var staleStamp = alertPage.QuerySelector("input[name=ConcurrencyStamp]")!.GetAttribute("value")!;
        (await reviewer.PostFormAsync($"{portalUrl}?handler=Check", [], portalUrl)).AssertRedirectsTo(portalUrl);
        (await officer.PostFormAsync($"{portalUrl}?handler=Confirm", new() { ["ConcurrencyStamp"] = staleStamp }, portalUrl)).AssertRedirectsTo(portalUrl);
        Assert.Equal(0, await Factory.CountAsync<Incident>());

        // Confirmed: a serious defacement incident from the time of detection, with its clocks, and a critical task.
        var confirmed = await officer.PostFormAsync($"{portalUrl}?handler=Confirm", [], portalUrl);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.StartsWith("/Incidents/Details/", confirmed.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var incident = await Factory.WithDbAsync(db => db.Incidents.Include(i => i.Systems).SingleAsync());
        Assert.Equal((IncidentKind.Defacement, true, agency), (incident.Kind, incident.Serious, incident.AgencyId));
        var alertCheck = await Factory.WithDbAsync(db => db.WebsiteChecks.Where(c => c.WatchId == portalWatch.Id).OrderBy(c => c.StartedUtc).Skip(1).FirstAsync());
        Assert.Equal(alertCheck.StartedUtc, incident.DetectedAtUtc, TimeSpan.FromSeconds(1));
        Assert.Equal(2, incident.Clocks().Count);
        var task = await Factory.WithDbAsync(db => db.RemediationTasks.SingleAsync(t => t.Source == TaskSource.WebsiteCheck && t.SystemId == portalWatch.SystemId));
        Assert.Equal(("CH.4.1", TaskSeverity.Critical), (task.RequirementCode, task.Severity));
        Assert.Null(await Factory.WithDbAsync(db => db.WatchedWebsites.Where(w => w.Id == portalWatch.Id).Select(w => w.AlertCheckId).SingleAsync()));

        // The school's new (legitimate) site: accepted as the baseline, after which a check is green again.
        school.Handler = TestSite.Html(BuildNews("Trường THPT Lê Lợi — trang mới năm học 2026–2027", 7));
        var schoolUrl = $"/Websites/Details/{schoolWatch.Id}";
        (await reviewer.PostFormAsync($"{schoolUrl}?handler=Check", [], schoolUrl)).AssertRedirectsTo(schoolUrl);
        Assert.NotNull(await Factory.WithDbAsync(db => db.WatchedWebsites.Where(w => w.Id == schoolWatch.Id).Select(w => w.AlertCheckId).SingleAsync()));
        (await officer.PostFormAsync($"{schoolUrl}?handler=Accept", [], schoolUrl)).AssertRedirectsTo(schoolUrl);
        (await reviewer.PostFormAsync($"{schoolUrl}?handler=Check", [], schoolUrl)).AssertRedirectsTo(schoolUrl);
        var accepted = await Factory.WithDbAsync(db => db.WatchedWebsites.SingleAsync(w => w.Id == schoolWatch.Id));
        Assert.Null(accepted.AlertCheckId);
        Assert.Equal(SiteHealth.Warning, accepted.Health); // plain http, no headers: warnings, but no alert
        Assert.DoesNotContain(nameof(FindingCode.ContentChanged), accepted.FindingCodes, StringComparison.Ordinal);
        Assert.Equal(1, await Factory.CountAsync<Incident>());
    }

    [Fact]
    public async Task Two_instances_check_each_site_once_and_a_site_down_too_long_opens_one_critical_task()
    {
        var (agency, _) = await ArrangeAgencyAsync();
        var slow = (RequestDelegate)(async context =>
        {
            await Task.Delay(150);
            await TestSite.Html(NewsPage)(context);
        });
        var sites = new List<TestSite>();
        for (var i = 0; i < 6; i++)
        {
            sites.Add(await TestSite.StartAsync(slow));
        }

        try
        {
            var downUrl = $"http://localhost:{FreePort.Reserve()}/";
            await Factory.CreateSystemAsync("SL-NHIEU", "Nhiều trang", agency, s =>
            {
                foreach (var site in sites)
                {
                    s.AddEndpoint(site.UrlFor(), true);
                }

                s.AddEndpoint(downUrl, true);
            });

            var ran = await Task.WhenAll(RunDueAsync(), RunDueAsync());
            Assert.Equal(7, ran.Sum());
            Assert.Equal(7, await Factory.CountAsync<WebsiteCheck>());
            Assert.All(sites, s => Assert.Single(s.Paths, p => p == "/"));

            Assert.Equal(0, await Factory.WithDbAsync(db => db.RemediationTasks.CountAsync()));
            var schedule = await Factory.WithDbAsync(db => db.WatchedWebsites.ToDictionaryAsync(w => w.Url, w => w.NextCheckUtc - w.LastCheckedUtc!.Value));
            Assert.Equal(TimeSpan.FromMinutes(30), schedule[downUrl]); // a site that is down is checked again soon (the test clock stands still)
            Assert.Equal(TimeSpan.FromHours(6), schedule[sites[0].UrlFor()]);
            _clock.Advance(TimeSpan.FromHours(6.5));
            await RunDueAsync();
            _clock.Advance(TimeSpan.FromHours(6.5));
            await RunDueAsync();
            var down = await Factory.WithDbAsync(db => db.WatchedWebsites.SingleAsync(w => w.Url == downUrl));
            Assert.Equal(SiteHealth.Critical, down.Health);
            Assert.Contains(nameof(FindingCode.DownTooLong), down.FindingCodes, StringComparison.Ordinal);
            var task = await Factory.WithDbAsync(db => db.RemediationTasks.SingleAsync());
            Assert.Equal(("QL.5.6", TaskSeverity.Critical), (task.RequirementCode, task.Severity));
        }
        finally
        {
            foreach (var site in sites)
            {
                await site.DisposeAsync();
            }
        }
    }

    public void Dispose() => _certificates.Dispose();

    /// <summary>
    /// ASVS 5.0 V12.3.2: the watch accepts a certificate it cannot trust only to report on it. What it sends such a site is
    /// a GET with its User-Agent: no credentials, no cookie the site set (not even on the redirect that follows), no
    /// Authorization header, whatever the site asks for.
    /// </summary>
    [Fact]
    public async Task A_site_with_an_untrusted_certificate_is_reported_and_gets_nothing_but_plain_gets()
    {
        var now = DateTimeOffset.UtcNow;
        var (agency, _) = await ArrangeAgencyAsync();
        using var selfSigned = TestCertificates.SelfSigned("localhost", now.AddDays(-10), now.AddDays(200));
        var sent = new System.Collections.Concurrent.ConcurrentQueue<(string Method, string Path, string[] Headers)>();
        var page = TestSite.Html(NewsPage);
        await using var site = await TestSite.StartAsync(async context =>
        {
            sent.Enqueue((context.Request.Method, context.Request.Path.Value ?? "/", [.. context.Request.Headers.Keys]));
            if (context.Request.Path == "/")
            {
                context.Response.Headers.SetCookie = "phien=bi-mat; Path=/; Secure; HttpOnly";
                context.Response.Headers.WWWAuthenticate = "Basic realm=\"cong\"";
                context.Response.StatusCode = StatusCodes.Status302Found;
                context.Response.Headers.Location = "/trang-chu";
                return;
            }

            await page(context);
        }, selfSigned);
        await Factory.CreateSystemAsync("SL-TLS", "Cổng tự ký", agency, s => s.AddEndpoint(site.UrlFor(), isPublic: true));

        Assert.Equal(1, await RunDueAsync());
        var check = await Factory.WithDbAsync(db => db.WebsiteChecks.AsNoTracking().SingleAsync());
        Assert.Contains(check.Findings(), f => f.Code == FindingCode.CertificateUntrusted);

        Assert.Contains(sent, r => r.Path == "/trang-chu"); // the page behind the redirect was read (its content is checked too)
        Assert.All(sent, r =>
        {
            Assert.Equal("GET", r.Method);
            Assert.DoesNotContain(r.Headers, h => h.Equals("Cookie", StringComparison.OrdinalIgnoreCase) || h.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
                || h.Equals("Proxy-Authorization", StringComparison.OrdinalIgnoreCase));
        });
    }

    private async Task<int> RunDueAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<WebsiteWatchService>().RunDueAsync(CancellationToken.None);
    }

    private async Task<(Guid Agency, string OfficerId)> ArrangeAgencyAsync()
    {
        var agency = await Factory.CreateAgencyAsync("SL-STTTT", "Sở Thông tin và Truyền thông");
        var officer = await Factory.CreateUserAsync("cb@sl.vn", PortalRoles.AgencyOfficer, agency.Id);
        await Factory.CreateUserAsync("td@sl.vn", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
        await Factory.CreateUserAsync("ld@sl.vn", PortalRoles.Leadership);
        return (agency.Id, officer.Id);
    }

    /// <summary>A news page of about 300 words; <paramref name="variant"/> changes the words, not just the numbers.</summary>
    private static string BuildNews(string title, int variant)
    {
        string[] words =
        [
            "ủy", "ban", "nhân", "dân", "tỉnh", "chỉ", "đạo", "các", "sở", "ngành", "triển", "khai", "chuyển", "đổi", "số", "dịch", "vụ", "công",
            "trực", "tuyến", "người", "dân", "doanh", "nghiệp", "hồ", "sơ", "thủ", "tục", "hành", "chính", "an", "toàn", "thông", "tin", "mạng",
            "giáo", "dục", "y", "tế", "nông", "nghiệp", "du", "lịch", "văn", "hóa", "thể", "thao", "giao", "thông", "xây", "dựng", "tài", "nguyên",
        ];
        var text = new StringBuilder();
        var random = new Random(1000 + variant);
        for (var i = 0; i < 300; i++)
        {
            text.Append(words[random.Next(words.Length)]).Append(i % 17 == 16 ? ". " : " ");
        }

        return $"<html><head><title>{title}</title><script>var t = {variant};</script></head><body><h1>{title}</h1><p>Cập nhật ngày 02/12/2026</p><p>{text}</p></body></html>";
    }
}

/// <summary>Without an allowance, a registered URL that resolves to an internal address is never requested.</summary>
public sealed class WebsiteWatchGuardTests : PortalTestBase
{
    protected override PortalFactory Configure(PortalFactory factory) =>
        factory.WithServices(services => services.Replace(ServiceDescriptor.Singleton<IWebsiteResolver, LoopbackResolver>()));

    [Fact]
    public async Task A_url_pointing_into_the_internal_network_is_refused_before_any_connection()
    {
        await using var site = await TestSite.StartAsync(TestSite.Html("<title>Dịch vụ nội bộ</title>"));
        var agency = await Factory.CreateAgencyAsync("SL-A", "Sở A");
        await Factory.CreateSystemAsync("SL-A-WEB", "Cổng A", agency.Id, s =>
        {
            s.AddEndpoint(site.UrlFor(), true);
            s.AddEndpoint(site.UrlFor("tenmien-tro-vao-noi-bo.test"), true);
        });

        await using var scope = Factory.Services.CreateAsyncScope();
        Assert.Equal(2, await scope.ServiceProvider.GetRequiredService<WebsiteWatchService>().RunDueAsync(CancellationToken.None));
        var checks = await Factory.WithDbAsync(db => db.WebsiteChecks.AsNoTracking().ToListAsync());
        Assert.All(checks, c => Assert.Equal(FindingCode.BlockedAddress, Assert.Single(c.Findings()).Code));
        Assert.Equal(0, site.Requests);

        // Issue 20: the officer who registered the address learns it was not checked, never what it resolves to.
        await Factory.CreateUserAsync("a@sl.vn", PortalRoles.AgencyOfficer, agency.Id);
        var officer = await SignInAsync("a@sl.vn");
        foreach (var id in await Factory.WithDbAsync(db => db.WatchedWebsites.Select(w => w.Id).ToListAsync()))
        {
            var page = (await officer.GetDocumentAsync($"/Websites/Details/{id}")).Body!.TextContent;
            Assert.Contains("địa chỉ nội bộ — không kiểm tra", page, StringComparison.Ordinal);
            Assert.DoesNotContain("127.0.0.1", page, StringComparison.Ordinal);
            Assert.DoesNotContain("→", page, StringComparison.Ordinal);
        }
    }
}
