using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data.Identity;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Domain.Scanning;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Tests.Api;
using static SecurityPortal.Tests.Imports.Scanners.ScanFixtures;

namespace SecurityPortal.Tests.Imports.Scanners;

/// <summary>A script with a token posts scanner reports: dry run, import, the same report again, another agency's system, crafted bodies.</summary>
public sealed class ScanApiTests : PortalTestBase
{
    private const string Oid = "1.3.6.1.4.1.25623.1.0.117545";
    private Agency _health = null!;
    private InformationSystem _system = null!;
    private InformationSystem _foreign = null!;

    private async Task ArrangeAsync()
    {
        _health = await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        var education = await Factory.CreateAgencyAsync("SL-SGD", "Sở Giáo dục");
        await Factory.CreateUserAsync("yte@sl.vn", PortalRoles.AgencyOfficer, _health.Id);
        _system = await Factory.CreateSystemAsync("SYT-HIS", "Hệ thống HIS", _health.Id, s => s.AddEndpoint("https://his.soyte.songlam.gov.vn", isPublic: false));
        _foreign = await Factory.CreateSystemAsync("SGD-QLT", "Quản lý trường học", education.Id, s => s.AddEndpoint("https://10.20.0.3", isPublic: false));
    }

    private static byte[] Report() => Greenbone("2026-12-01T02:00:00Z",
        new Finding("10.10.3.4", Oid, 9.8, "High", "CVE-2021-41773") { Hostname = "his.soyte.songlam.gov.vn", Name = "Apache HTTP Server 2.4.49 Path Traversal" },
        new Finding("10.20.0.3", Oid, 9.8, "High", "CVE-2021-41773") { Name = "Apache HTTP Server 2.4.49 Path Traversal" });

    [Fact]
    public async Task A_script_with_a_token_posts_a_greenbone_report_dry_run_first_then_for_real_and_again_without_effect()
    {
        await ArrangeAsync();
        var api = Factory.ApiClient((await Factory.CreateTokenAsync("yte@sl.vn")).Secret);

        var dry = await api.PostAsync("/api/v1/scan-reports?dryRun=true", ApiTestKit.Body(Report(), "application/xml"));
        Assert.Equal(HttpStatusCode.OK, dry.StatusCode);
        var plan = await dry.JsonAsync();
        Assert.True(plan.GetProperty("dryRun").GetBoolean());
        Assert.False(plan.GetProperty("applied").GetBoolean());
        Assert.Equal("Greenbone/OpenVAS XML", plan.GetProperty("format").GetString());
        var task = Assert.Single(plan.GetProperty("newTasks").EnumerateArray());
        Assert.Equal((_system.Id, "nvt:" + Oid, "Critical", 9.8), (task.GetProperty("systemId").GetGuid(), task.GetProperty("key").GetString(), task.GetProperty("severity").GetString(), task.GetProperty("cvss").GetDouble()));
        // The other agency's host is not matched to its system for this officer: it waits in the queue.
        Assert.Equal("10.20.0.3", Assert.Single(plan.GetProperty("unmatched").EnumerateArray()).GetProperty("target").GetString());
        Assert.Equal(0, await Factory.CountAsync<RemediationTask>());
        Assert.Equal(0, await Factory.CountAsync<ScanFinding>());

        var real = await api.PostAsync("/api/v1/scan-reports", ApiTestKit.Body(Report(), "application/xml"));
        Assert.Equal(HttpStatusCode.OK, real.StatusCode);
        Assert.True((await real.JsonAsync()).GetProperty("applied").GetBoolean());
        var created = await Factory.WithDbAsync(db => db.RemediationTasks.SingleAsync());
        Assert.Equal((_system.Id, TaskSource.ScannerReport, TaskSeverity.Critical), (created.SystemId, created.Source, created.Severity));

        var again = await (await api.PostAsync("/api/v1/scan-reports", ApiTestKit.Body(Report(), "application/xml"))).JsonAsync();
        Assert.True(again.GetProperty("alreadyImported").GetBoolean());
        Assert.False(again.GetProperty("applied").GetBoolean());
        Assert.Equal(1, await Factory.CountAsync<RemediationTask>());
        Assert.Equal(2, await Factory.CountAsync<ScanFinding>());
        // Every call is audited under the token's user.
        Assert.Equal(3, await Factory.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.EntityType == "ApiCall")));
    }

    [Fact]
    public async Task Another_agency_s_system_is_404_a_read_token_is_403_and_crafted_reports_are_400_or_413()
    {
        await ArrangeAsync();
        var api = Factory.ApiClient((await Factory.CreateTokenAsync("yte@sl.vn")).Secret);
        await (await api.PostAsync($"/api/v1/scan-reports?systemId={_foreign.Id}", ApiTestKit.Body(Report()))).AssertProblemAsync(HttpStatusCode.NotFound);
        var readOnly = Factory.ApiClient((await Factory.CreateTokenAsync("yte@sl.vn", ApiTokenScopes.Read)).Secret);
        await (await readOnly.PostAsync("/api/v1/scan-reports", ApiTestKit.Body(Report()))).AssertProblemAsync(HttpStatusCode.Forbidden);

        var xxe = Encoding.UTF8.GetBytes("""<?xml version="1.0"?><!DOCTYPE report [ <!ENTITY x SYSTEM "file:///etc/passwd"> ]><report>&x;</report>""");
        var refused = await api.PostAsync($"/api/v1/scan-reports?systemId={_system.Id}", ApiTestKit.Body(xxe, "application/xml"));
        await refused.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("DTD", (await refused.JsonAsync()).GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        await (await api.PostAsync("/api/v1/scan-reports", ApiTestKit.Body([]))).AssertProblemAsync(HttpStatusCode.BadRequest);
        await (await api.PostAsync("/api/v1/scan-reports", ApiTestKit.Body(new byte[ScanReportReaderLimit + 1]))).AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Equal(0, await Factory.CountAsync<ScanFinding>());
    }

    private const int ScanReportReaderLimit = SecurityPortal.Web.Imports.Scanners.ScanReportReader.MaxBytes;
}
