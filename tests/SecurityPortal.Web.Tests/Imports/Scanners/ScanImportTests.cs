using System.Net;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Domain.Scanning;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Domain.Warnings;
using SecurityPortal.Tests.Api;
using static SecurityPortal.Tests.Imports.Scanners.ScanFixtures;

namespace SecurityPortal.Tests.Imports.Scanners;

/// <summary>The scanner report import through the pages: preview, confirm, matching, de-duplication, verification proposals, the queue, scoping.</summary>
public sealed class ScanImportTests : PortalTestBase
{
    private const string ApacheOid = "1.3.6.1.4.1.25623.1.0.117545";
    private const string SshOid = "1.3.6.1.4.1.25623.1.0.150711";
    private Agency _health = null!;
    private Agency _education = null!;
    private InformationSystem _portal = null!;
    private InformationSystem _school = null!;

    private async Task ArrangeAsync()
    {
        _health = await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        _education = await Factory.CreateAgencyAsync("SL-SGD", "Sở Giáo dục");
        await Factory.CreateUserAsync("yte@sl.vn", PortalRoles.AgencyOfficer, _health.Id);
        await Factory.CreateUserAsync("giaoduc@sl.vn", PortalRoles.AgencyOfficer, _education.Id);
        await Factory.CreateUserAsync("td@sl.vn", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
        await Factory.CreateUserAsync("ld@sl.vn", PortalRoles.Leadership, authenticatorKey: Totp.Key);
        _portal = await Factory.CreateSystemAsync("SYT-CTTDT", "Cổng thông tin Sở Y tế", _health.Id, s =>
        {
            s.AddEndpoint("https://soyte.songlam.gov.vn", isPublic: true);
            s.AddEndpoint("http://10.10.1.5:8080/quan-tri", isPublic: false);
            s.AddComponent(ComponentKind.Other, "cong-thong-tin", "Sở Y tế", "2.3.1");
        });
        _school = await Factory.CreateSystemAsync("SGD-QLTH", "Quản lý trường học", _education.Id, s => s.AddEndpoint("https://qlth.songlam.gov.vn", isPublic: true));
    }

    private static byte[] FirstScan() => Greenbone("2026-12-01T02:00:00Z",
        new Finding("10.10.1.5", ApacheOid, 9.8, "High", "CVE-2021-41773", "CVE-2021-42013") { Name = "Apache HTTP Server 2.4.49 Path Traversal" },
        new Finding("10.10.1.5", SshOid, 5.3, "Medium") { Name = "Weak SSH ciphers" },
        new Finding("203.0.113.9", ApacheOid, 9.8, "High", "CVE-2021-41773") { Hostname = "qlth.songlam.gov.vn", Name = "Apache HTTP Server 2.4.49 Path Traversal" },
        new Finding("10.99.0.1", SshOid, 5.3, "Medium") { Name = "Weak SSH ciphers" });

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string url, string fileName, byte[] content)
    {
        var upload = await client.PostFileAsync(url, [], "Upload", fileName, content);
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        return upload;
    }

    [Fact]
    public async Task A_reviewer_imports_a_greenbone_report_matched_by_ip_and_host_name_and_the_same_file_again_changes_nothing()
    {
        await ArrangeAsync();
        await Factory.WithDbAsync(db =>
        {
            // The CISA KEV import records the CVE as a warning's reference.
            db.VulnerabilityWarnings.Add(new VulnerabilityWarning("Apache HTTP Server path traversal", "CVE-2021-41773", null, TaskSeverity.Critical,
                "Apache HTTP Server", "Cập nhật", null, new DateOnly(2030, 1, 1), new DateOnly(2026, 1, 1), "seed", DateTime.UtcNow));
            return db.SaveChangesAsync();
        });
        var reviewer = await SignInAsync("td@sl.vn", Totp.Key);
        var upload = await UploadAsync(reviewer, "/Scans/Import", "greenbone.xml", FirstScan());
        var previewUrl = upload.Headers.Location!.OriginalString;
        var preview = await reviewer.GetDocumentAsync(previewUrl);
        var targets = preview.QuerySelectorAll("#scan-targets tbody tr").Select(r => string.Join("|", r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()))).ToList();
        Assert.Equal([
            "10.10.1.5|SYT-CTTDT — Cổng thông tin Sở Y tế|tên máy hoặc địa chỉ IP",
            "203.0.113.9|SGD-QLTH — Quản lý trường học|tên máy hoặc địa chỉ IP",
            "10.99.0.1|—|không khớp hệ thống nào"], targets);
        var newTasks = preview.QuerySelectorAll("#scan-new tbody tr").Select(r => string.Join("|", r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()))).ToList();
        Assert.Equal(3, newTasks.Count);
        Assert.Contains(newTasks, t => t.StartsWith("SYT-CTTDT|CVE-2021-41773 (+1): Apache HTTP Server 2.4.49 Path Traversal (443/tcp)|Nghiêm trọng|9.8|Có|", StringComparison.Ordinal));
        Assert.Single(preview.QuerySelectorAll("#scan-unmatched tbody tr"));
        Assert.Equal(0, await Factory.CountAsync<RemediationTask>());

        var confirm = await reviewer.PostFormAsync(previewUrl, []);
        confirm.AssertRedirectsTo("/Tasks");
        var tasks = await Factory.WithDbAsync(db => db.RemediationTasks.Where(t => t.Source == TaskSource.ScannerReport).ToListAsync());
        Assert.Equal(3, tasks.Count);
        var apache = tasks.Single(t => t.SystemId == _portal.Id && t.Title.StartsWith("CVE-2021-41773", StringComparison.Ordinal));
        Assert.Equal(TaskSeverity.Critical, apache.Severity);
        Assert.Contains("CVSS: 9.8", apache.Description, StringComparison.Ordinal);
        Assert.Contains("(KEV)", apache.Description, StringComparison.Ordinal);
        Assert.Equal(RemediationTask.DefaultDueDate(TaskSeverity.Critical, VietnamTime.Today(TimeProvider.System), new Dictionary<TaskSeverity, int> { [TaskSeverity.Critical] = 7 }), apache.DueDate);
        var ssh = tasks.Single(t => t.SystemId == _portal.Id && t.Title.StartsWith("Weak SSH", StringComparison.Ordinal));
        Assert.Equal(TaskSeverity.Medium, ssh.Severity);
        Assert.Single(tasks, t => t.SystemId == _school.Id);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.ScanFindings.CountAsync(f => f.SystemId == null && f.Target == "10.99.0.1")));

        // The same file again: recognised, nothing to confirm, nothing written.
        var again = await UploadAsync(reviewer, "/Scans/Import", "greenbone-copy.xml", FirstScan());
        var second = await reviewer.GetDocumentAsync(again.Headers.Location!.OriginalString);
        Assert.NotNull(second.QuerySelector("#scan-already"));
        Assert.Null(second.QuerySelector("main form[method=post] button[type=submit]"));
        Assert.Equal(3, await Factory.CountAsync<RemediationTask>());
        Assert.Equal(1, await Factory.CountAsync<ScanReportImport>());
    }

    [Fact]
    public async Task A_later_scan_updates_the_task_of_a_finding_still_there_and_proposes_the_one_gone_for_verification()
    {
        await ArrangeAsync();
        var officer = await SignInAsync("yte@sl.vn");
        var first = await UploadAsync(officer, "/Scans/Import", "lan-1.xml", FirstScan());
        (await officer.PostFormAsync(first.Headers.Location!.OriginalString, [])).AssertRedirectsTo("/Tasks");
        // The officer's report reaches only the agency's system; the other agency's host waits in the queue.
        var tasks = await Factory.WithDbAsync(db => db.RemediationTasks.ToListAsync());
        Assert.Equal(2, tasks.Count);
        Assert.All(tasks, t => Assert.Equal(_portal.Id, t.SystemId));
        Assert.Equal(2, await Factory.WithDbAsync(db => db.ScanFindings.CountAsync(f => f.SystemId == null)));

        // A week later the Apache finding is still there (also under the host name), the weak ciphers are gone.
        var later = Greenbone("2026-12-08T02:00:00Z",
            new Finding("10.10.1.5", ApacheOid, 9.8, "High", "CVE-2021-41773", "CVE-2021-42013") { Name = "Apache HTTP Server 2.4.49 Path Traversal" });
        var upload = await UploadAsync(officer, "/Scans/Import", "lan-2.xml", later);
        var previewUrl = upload.Headers.Location!.OriginalString;
        var preview = await officer.GetDocumentAsync(previewUrl);
        Assert.Empty(preview.QuerySelectorAll("#scan-new tbody tr"));
        Assert.Single(preview.QuerySelectorAll("#scan-updated tbody tr"));
        Assert.Contains("Weak SSH ciphers", Assert.Single(preview.QuerySelectorAll("#scan-proposed tbody tr")).TextContent, StringComparison.Ordinal);
        (await officer.PostFormAsync(previewUrl, [])).AssertRedirectsTo("/Tasks");

        var after = await Factory.WithDbAsync(db => db.RemediationTasks.Include(t => t.Entries).ToListAsync());
        Assert.Equal(2, after.Count);
        var apache = after.Single(t => t.Title.StartsWith("CVE", StringComparison.Ordinal));
        Assert.Equal(RemediationStatus.New, apache.Status);
        Assert.Contains(apache.Entries, e => e.Text!.Contains("vẫn phát hiện nvt:" + ApacheOid, StringComparison.Ordinal) && e.Text.Contains("08/12/2026 09:00", StringComparison.Ordinal));
        var ssh = after.Single(t => t.Title.StartsWith("Weak", StringComparison.Ordinal));
        Assert.Equal(RemediationStatus.Resolved, ssh.Status);
        Assert.StartsWith("Đã khắc phục theo lần quét 08/12/2026 09:00", ssh.ResolutionNote, StringComparison.Ordinal);
        Assert.Equal(ScanFindingState.Absent, await Factory.WithDbAsync(db => db.ScanFindings.Where(f => f.TaskId == ssh.Id).Select(f => f.State).SingleAsync()));
    }

    [Fact]
    public async Task An_officer_imports_a_trivy_report_for_a_system_and_a_reviewer_assigns_a_queued_target()
    {
        await ArrangeAsync();
        var officer = await SignInAsync("yte@sl.vn");
        var details = await officer.GetDocumentAsync($"/Systems/Details/{_portal.Id}");
        Assert.Equal($"/Scans/Import/{_portal.Id}", details.QuerySelector("#scan-import")!.GetAttribute("href"));
        var trivy = Trivy("registry.songlam.gov.vn/syt/khac:1.0", "container_image",
            new Package("CVE-2023-5678", "openssl", "3.0.11-1~deb12u1", "3.0.11-1~deb12u2", "MEDIUM", 5.3, "pkg:deb/debian/openssl@3.0.11-1~deb12u1?arch=amd64"),
            new Package("CVE-2023-4911", "libc6", "2.36-9+deb12u1", "2.36-9+deb12u3", "HIGH", 7.8, null));
        var upload = await UploadAsync(officer, $"/Scans/Import/{_portal.Id}", "trivy.json", trivy);
        var preview = await officer.GetDocumentAsync(upload.Headers.Location!.OriginalString);
        Assert.Contains("hệ thống đã chọn khi nhập", preview.QuerySelector("#scan-targets")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, preview.QuerySelectorAll("#scan-new tbody tr").Length);
        (await officer.PostFormAsync(upload.Headers.Location!.OriginalString, [])).AssertRedirectsTo($"/Systems/Details/{_portal.Id}");
        var tasks = await Factory.WithDbAsync(db => db.RemediationTasks.Where(t => t.SystemId == _portal.Id).ToListAsync());
        Assert.Equal(2, tasks.Count);
        Assert.Contains(tasks, t => t.Title == "CVE-2023-4911: libc6: lỗ hổng CVE-2023-4911" && t.Severity == TaskSeverity.High
            && t.Description!.Contains("Gói libc6 2.36-9+deb12u1 → bản sửa 2.36-9+deb12u3.", StringComparison.Ordinal));

        // A Grype report of an image no system names waits in the queue; the reviewer assigns it to the school system.
        var grype = Grype("nginx:1.25.3", new Package("CVE-2023-44487", "libnghttp2-14", "1.52.0-1", "1.52.0-1+deb12u1", "High", 7.5, "pkg:deb/debian/libnghttp2-14@1.52.0-1?arch=amd64"));
        var reviewer = await SignInAsync("td@sl.vn", Totp.Key);
        var queued = await UploadAsync(reviewer, "/Scans/Import", "grype.json", grype);
        (await reviewer.PostFormAsync(queued.Headers.Location!.OriginalString, [])).AssertRedirectsTo("/Tasks");
        var queue = await reviewer.GetDocumentAsync("/Scans/Queue");
        Assert.Contains("nginx", queue.QuerySelector("#scan-queue")!.TextContent, StringComparison.Ordinal);

        var refused = await reviewer.PostFormAsync("/Scans/Queue", new() { ["Target"] = "nginx", ["SystemId"] = "" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Chọn hệ thống", (await refused.ParseAsync()).QuerySelector(".text-danger")!.TextContent, StringComparison.Ordinal);
        var assigned = await reviewer.PostFormAsync("/Scans/Queue", new() { ["Target"] = "nginx", ["SystemId"] = _school.Id.ToString() });
        assigned.AssertRedirectsTo("/Scans/Queue");
        var task = await Factory.WithDbAsync(db => db.RemediationTasks.SingleAsync(t => t.SystemId == _school.Id));
        Assert.StartsWith("CVE-2023-44487", task.Title, StringComparison.Ordinal);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.ScanFindings.CountAsync(f => f.SystemId == null)));
        Assert.NotNull((await reviewer.GetDocumentAsync("/Scans/Queue")).QuerySelector("#queue-empty"));
    }

    [Fact]
    public async Task Another_agency_s_system_or_draft_is_404_and_roles_that_do_not_import_are_refused()
    {
        await ArrangeAsync();
        var other = await SignInAsync("giaoduc@sl.vn");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Scans/Import/{_portal.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Scans/Import/{Guid.NewGuid()}")).StatusCode);
        var officer = await SignInAsync("yte@sl.vn");
        var upload = await UploadAsync(officer, $"/Scans/Import/{_portal.Id}", "trivy.json", Trivy("app:1", "container_image", new Package("CVE-2024-0001", "a", "1", "2", "HIGH", 7.0, null)));
        var previewUrl = upload.Headers.Location!.OriginalString;
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(previewUrl)).StatusCode);
        var leader = await SignInAsync("ld@sl.vn", Totp.Key);
        (await leader.GetAsync("/Scans/Import")).AssertRedirectsTo("/Account/AccessDenied");
        (await officer.GetAsync("/Scans/Queue")).AssertRedirectsTo("/Account/AccessDenied");

        // A crafted file: a clear refusal by place, nothing to confirm.
        var crafted = await UploadAsync(officer, $"/Scans/Import/{_portal.Id}", "xxe.xml", System.Text.Encoding.UTF8.GetBytes(
            """<?xml version="1.0"?><!DOCTYPE report [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]><report>&x;</report>"""));
        var page = await officer.GetDocumentAsync(crafted.Headers.Location!.OriginalString);
        Assert.Contains("DTD", page.QuerySelector("#scan-issues")!.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("main form[method=post]"));
        Assert.Equal(0, await Factory.CountAsync<RemediationTask>());
    }

    [Fact]
    public async Task An_image_matches_the_system_with_a_component_of_its_name_a_package_the_one_system_with_its_purl_and_an_ambiguous_target_waits()
    {
        await ArrangeAsync();
        Task AddPurlAsync(Guid systemId) => Factory.WithDbAsync(async db =>
        {
            var system = await db.InformationSystems.Include(s => s.Components).SingleAsync(s => s.Id == systemId);
            system.AddComponent(ComponentKind.Library, "libnghttp2-14", null, "1.52.0-1").SetIdentifiers("pkg:deb/debian/libnghttp2-14@1.52.0-1", null);
            return await db.SaveChangesAsync();
        });
        await AddPurlAsync(_school.Id);
        var api = Factory.ApiClient((await Factory.CreateTokenAsync("td@sl.vn")).Secret);
        async Task<System.Text.Json.JsonElement> TargetAsync(byte[] report)
        {
            var response = await api.PostAsync("/api/v1/scan-reports?dryRun=true", ApiTestKit.Body(report));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.JsonAsync()).GetProperty("targets")[0];
        }

        var image = await TargetAsync(Trivy("registry.songlam.gov.vn/syt/cong-thong-tin:2.4.0", "container_image", new Package("CVE-2024-0001", "a", "1", "2", "HIGH", 7.0, null)));
        Assert.Equal((_portal.Id, "ảnh container trong danh mục phần mềm"), (image.GetProperty("systemId").GetGuid(), image.GetProperty("match").GetString()));
        var grype = Grype("qlth-api:1.0", new Package("CVE-2023-44487", "libnghttp2-14", "1.52.0-1", "1.52.0-1+deb12u1", "High", 7.5, "pkg:deb/debian/libnghttp2-14@1.52.0-1?arch=amd64"));
        var byPurl = await TargetAsync(grype);
        Assert.Equal((_school.Id, "thành phần phần mềm (purl)"), (byPurl.GetProperty("systemId").GetGuid(), byPurl.GetProperty("match").GetString()));

        // The same package in two systems: not guessed, the target waits and the preview names both.
        await AddPurlAsync(_portal.Id);
        var ambiguous = await TargetAsync(grype);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, ambiguous.GetProperty("systemId").ValueKind);
        Assert.Equal("khớp nhiều hệ thống: SGD-QLTH, SYT-CTTDT", ambiguous.GetProperty("match").GetString());
        Assert.Equal(0, await Factory.CountAsync<RemediationTask>());
    }
}
