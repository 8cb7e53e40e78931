using System.Text;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Web.Imports.Scanners;
using static SecurityPortal.Tests.Imports.Scanners.ScanFixtures;

namespace SecurityPortal.Tests.Imports.Scanners;

/// <remarks>Touches no database: ./test.sh runs it in the SQLite pass only (Category=ProviderIndependent).</remarks>
[Trait("Category", "ProviderIndependent")]
public sealed class ScanReportReaderTests
{
    private const string Oid = "1.3.6.1.4.1.25623.1.0.117545";

    [Fact]
    public void A_greenbone_report_gives_its_hosts_and_results_keyed_by_nvt()
    {
        var report = ScanReportReader.Read(Greenbone("2026-12-08T02:15:02Z",
            new Finding("10.10.1.5", Oid, 9.8, "High", "CVE-2021-41773", "CVE-2021-42013") { Hostname = "Cong.SoYTe.SongLam.gov.vn", Name = "Apache HTTP Server 2.4.49 Path Traversal" },
            new Finding("10.10.1.6", "1.3.6.1.4.1.25623.1.0.108440", 0, "Log") { Name = "OS Detection" }));

        Assert.Empty(report.Issues);
        Assert.Equal(("Greenbone", "Greenbone/OpenVAS XML"), (report.Scanner, report.Format));
        Assert.Equal(new DateTime(2026, 12, 8, 2, 15, 2, DateTimeKind.Utc), report.ScannedAtUtc);
        Assert.Equal(["10.10.1.5", "10.10.1.6"], report.Targets.Select(t => t.Name));
        Assert.Equal(["cong.soyte.songlam.gov.vn"], report.Targets[0].Aliases);
        var item = Assert.Single(report.Items);
        Assert.Equal(1, report.Informational);
        Assert.Equal("nvt:" + Oid, item.Key);
        Assert.Equal(["CVE-2021-41773", "CVE-2021-42013"], item.Cves);
        Assert.Equal((9.8, TaskSeverity.Critical), (item.Cvss, item.Severity));
        Assert.Equal("Apache HTTP Server 2.4.49 Path Traversal (443/tcp)", item.Title);
        Assert.Equal("/report/report/results/result[1]", item.Location);
    }

    [Fact]
    public void A_nessus_file_gives_its_hosts_by_ip_and_fqdn_and_items_keyed_by_plugin()
    {
        var report = ScanReportReader.Read(Nessus(
            new Finding("10.10.2.7", "156860", 7.5, "3", "CVE-2022-22720") { Hostname = "dvc.songlam.gov.vn", Name = "Apache 2.4.x < 2.4.53" },
            new Finding("10.10.2.7", "19506", null, "0") { Hostname = "dvc.songlam.gov.vn", Name = "Nessus Scan Information" }));

        Assert.Empty(report.Issues);
        Assert.Equal("Nessus", report.Scanner);
        var target = Assert.Single(report.Targets);
        Assert.Equal(("10.10.2.7", "dvc.songlam.gov.vn"), (target.Name, target.Aliases.Single()));
        var item = Assert.Single(report.Items);
        Assert.Equal(("nessus:156860", "156860", 7.5, TaskSeverity.High), (item.Key, item.PluginId, item.Cvss, item.Severity));
        Assert.Equal(["CVE-2022-22720"], item.Cves);
        Assert.Equal(new DateTime(2026, 12, 8, 9, 15, 2, DateTimeKind.Utc), report.ScannedAtUtc);
    }

    [Fact]
    public void A_trivy_report_gives_its_image_and_vulnerabilities_with_package_purl_and_fix()
    {
        var report = ScanReportReader.Read(Trivy("registry.songlam.gov.vn/syt/cong-thong-tin:2.3.1", "container_image",
            new Package("CVE-2023-5678", "openssl", "3.0.11-1~deb12u1", "3.0.11-1~deb12u2", "MEDIUM", 5.3, "pkg:deb/debian/openssl@3.0.11-1~deb12u1?arch=amd64&distro=debian-12.4"),
            new Package("CVE-2023-4911", "libc6", "2.36-9+deb12u1", "2.36-9+deb12u3", "HIGH", 7.8, null),
            new Package("CVE-2005-2541", "tar", "1.34+dfsg-1", null, "UNKNOWN", null, null)));

        Assert.Empty(report.Issues);
        Assert.Equal("Trivy JSON (schema 2)", report.Format);
        var target = Assert.Single(report.Targets);
        Assert.Equal((ScanTargetKind.Image, "registry.songlam.gov.vn/syt/cong-thong-tin"), (target.Kind, target.Name));
        Assert.Equal(2, report.Items.Count);
        Assert.Equal(1, report.Informational);
        var openssl = report.Items[0];
        Assert.Equal(("CVE-2023-5678", 5.3, TaskSeverity.Medium, "openssl", "3.0.11-1~deb12u2"), (openssl.Key, openssl.Cvss, openssl.Severity, openssl.Package, openssl.FixedVersion));
        Assert.Equal("pkg:deb/debian/openssl@3.0.11-1~deb12u1?arch=amd64&distro=debian-12.4", openssl.Purl);
        Assert.Equal("$.Results[0].Vulnerabilities[0]", openssl.Location);
        Assert.Equal("2026-12-08 02:15:02", report.ScannedAtUtc?.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_grype_report_gives_its_source_target_and_matches_with_artifact_purl()
    {
        var report = ScanReportReader.Read(Grype("nginx:1.25.3",
            new Package("CVE-2023-44487", "libnghttp2-14", "1.52.0-1", "1.52.0-1+deb12u1", "High", 7.5, "pkg:deb/debian/libnghttp2-14@1.52.0-1?arch=amd64"),
            new Package("GHSA-xxxx-yyyy-zzzz", "tar", "1.34", null, "Negligible", null, null)));

        Assert.Empty(report.Issues);
        Assert.Equal(("Grype", "Grype JSON"), (report.Scanner, report.Format));
        Assert.Equal(("nginx", ScanTargetKind.Image), (report.Targets.Single().Name, report.Targets.Single().Kind));
        var item = Assert.Single(report.Items);
        Assert.Equal(1, report.Informational);
        Assert.Equal(("CVE-2023-44487", 7.5, TaskSeverity.High, "1.52.0-1+deb12u1"), (item.Key, item.Cvss, item.Severity, item.FixedVersion));
        Assert.Equal("pkg:deb/debian/libnghttp2-14@1.52.0-1?arch=amd64", item.Purl);
    }

    [Fact]
    public void Every_problem_is_named_by_its_place_and_blocks_the_file()
    {
        var trivy = ScanReportReader.Read(Encoding.UTF8.GetBytes("""
            {"SchemaVersion":2,"ArtifactName":"app:1","ArtifactType":"container_image","Results":[{"Target":"app","Vulnerabilities":[
              {"VulnerabilityID":"CVE-2024-0001","PkgName":"a","Severity":"HIGH","CVSS":{"nvd":{"V3Score":12.5}}},
              {"PkgName":"b","Severity":"LOW"},
              {"VulnerabilityID":"CVE-2024-0002","PkgName":"c","Severity":"LOW","PkgIdentifier":{"PURL":"pkg:deb/debian/c@"}}]}]}
            """));
        Assert.Equal(["$.Results[0].Vulnerabilities[0].CVSS", "$.Results[0].Vulnerabilities[1].VulnerabilityID", "$.Results[0].Vulnerabilities[2].PkgIdentifier.PURL"],
            trivy.Issues.Select(i => i.Location));
        Assert.Empty(trivy.Items);

        var grype = ScanReportReader.Read(Encoding.UTF8.GetBytes("""{"matches":[{"vulnerability":{"id":"CVE-2024-1 OR 1=1","severity":"High"},"artifact":{"name":"x"}}],"source":{"type":"image","target":{"userInput":"x:1"}}}"""));
        Assert.Equal("$.matches[0].vulnerability.id", Assert.Single(grype.Issues).Location);

        var nessus = ScanReportReader.Read(Encoding.UTF8.GetBytes("""
            <NessusClientData_v2><Report name="r"><ReportHost name="10.0.0.1"><HostProperties/>
            <ReportItem port="80" protocol="tcp" severity="3" pluginID="1"><cve>CVE-20X</cve></ReportItem>
            <ReportItem port="80" protocol="tcp" severity="3" pluginID="2"><cvss3_base_score>high</cvss3_base_score></ReportItem></ReportHost></Report></NessusClientData_v2>
            """));
        Assert.Equal(["/NessusClientData_v2/Report/ReportHost[1]/ReportItem[1]/cve", "/NessusClientData_v2/Report/ReportHost[1]/ReportItem[2]/cvss3_base_score"],
            nessus.Issues.Select(i => i.Location));

        var greenbone = ScanReportReader.Read(Encoding.UTF8.GetBytes("""<report><report><results><result><host>10.0.0.1</host><nvt><name>x</name></nvt><threat>High</threat><severity>7.5</severity></result></results></report></report>"""));
        Assert.Equal("/report/report/results/result[1]/nvt/@oid", Assert.Single(greenbone.Issues).Location);

        var other = ScanReportReader.Read(Encoding.UTF8.GetBytes("""{"bomFormat":"CycloneDX"}"""));
        Assert.Contains("Trivy", Assert.Single(other.Issues).Message, StringComparison.Ordinal);
        Assert.Equal("dòng 1", ScanReportReader.Read(Encoding.UTF8.GetBytes("{\"matches\": [")).Issues.Single().Location);
        Assert.Equal("(tệp)", ScanReportReader.Read(Encoding.UTF8.GetBytes("CVE-2024-0001")).Issues.Single().Location);
    }

    [Fact]
    public void A_dtd_an_external_entity_or_a_billion_laughs_is_refused_before_anything_is_expanded()
    {
        const string laughs = """
            <?xml version="1.0"?>
            <!DOCTYPE report [ <!ENTITY a "aaaaaaaaaa"> <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"> <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"> ]>
            <report><report><results><result><host>&c;</host></result></results></report></report>
            """;
        const string external = """
            <?xml version="1.0"?>
            <!DOCTYPE NessusClientData_v2 [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
            <NessusClientData_v2><Report name="r"><ReportHost name="&secret;"/></Report></NessusClientData_v2>
            """;
        foreach (var xml in new[] { laughs, external })
        {
            var report = ScanReportReader.Read(Encoding.UTF8.GetBytes(xml));
            Assert.Contains("DTD", Assert.Single(report.Issues).Message, StringComparison.Ordinal);
            Assert.Empty(report.Targets);
        }
    }

    [Fact]
    public void Deep_nesting_size_and_count_are_bounded()
    {
        var deepJson = Encoding.UTF8.GetBytes("{\"matches\":" + new string('[', 100) + new string(']', 100) + "}");
        Assert.Contains("lồng nhau", Assert.Single(ScanReportReader.Read(deepJson).Issues).Message, StringComparison.Ordinal);
        var deepXml = Encoding.UTF8.GetBytes("<report>" + string.Concat(Enumerable.Repeat("<x>", 100)) + string.Concat(Enumerable.Repeat("</x>", 100)) + "</report>");
        Assert.Contains("lồng nhau", Assert.Single(ScanReportReader.Read(deepXml).Issues).Message, StringComparison.Ordinal);

        var huge = new byte[ScanReportReader.MaxBytes + 1];
        Assert.Contains("quá lớn", Assert.Single(ScanReportReader.Read(huge).Issues).Message, StringComparison.Ordinal);

        var many = Trivy("app:1", "container_image", Enumerable.Range(0, ScanReportReader.MaxFindings + 5)
            .Select(i => new Package($"CVE-2024-{10000 + i}", "p", "1", null, "LOW", null, null)).ToArray());
        var report = ScanReportReader.Read(many);
        Assert.Contains(report.Issues, i => i.Location == "(giới hạn)" && i.Message.Contains("5000", StringComparison.Ordinal));
    }
}
