using System.Globalization;
using System.Security;
using System.Text;
using System.Text.Json;

namespace SecurityPortal.Tests.Imports.Scanners;

/// <summary>
/// Small scanner reports written after the published shapes: Greenbone's GMP get_reports XML, Nessus v2 (.nessus),
/// Trivy JSON (schema 2) and Grype JSON. Only the parts the portal reads, with the surroundings a real report has.
/// </summary>
public static class ScanFixtures
{
    public sealed record Finding(string Host, string Id, double? Cvss, string Severity, params string[] Cves)
    {
        public string? Hostname { get; init; }
        public string Name { get; init; } = "Lỗ hổng " + Id;
    }

    /// <summary>A Greenbone/OpenVAS report: each finding is a result on its host (IP), with its NVT's OID and CVE refs.</summary>
    public static byte[] Greenbone(string scanStart, params Finding[] findings)
    {
        var results = new StringBuilder();
        var hosts = new StringBuilder();
        foreach (var host in findings.Select(f => (f.Host, f.Hostname)).Distinct())
        {
            hosts.Append(CultureInfo.InvariantCulture, $"""<host><ip>{host.Host}</ip><start>{scanStart}</start>{(host.Hostname is null ? "" : $"<detail><name>hostname</name><value>{host.Hostname}</value></detail>")}</host>""");
        }

        var i = 0;
        foreach (var f in findings)
        {
            var refs = string.Concat(f.Cves.Select(c => $"""<ref type="cve" id="{c}"/>""")) + """<ref type="url" id="https://example.org/advisory"/>""";
            results.Append(CultureInfo.InvariantCulture, $"""
                <result id="r-{++i}">
                  <name>{SecurityElement.Escape(f.Name)}</name>
                  <host>{f.Host}<asset asset_id="a-{i}"/>{(f.Hostname is null ? "" : $"<hostname>{f.Hostname}</hostname>")}</host>
                  <port>443/tcp</port>
                  <nvt oid="{f.Id}"><type>nvt</type><name>{SecurityElement.Escape(f.Name)}</name><cvss_base>{Score(f.Cvss)}</cvss_base>
                    <refs>{refs}</refs><solution type="VendorFix">Cập nhật lên phiên bản mới nhất.</solution></nvt>
                  <threat>{f.Severity}</threat>
                  <severity>{Score(f.Cvss)}</severity>
                  <qod><value>80</value><type>remote_banner</type></qod>
                  <description>Phiên bản cài đặt có lỗ hổng.</description>
                </result>
                """);
        }

        return Encoding.UTF8.GetBytes($"""
            <?xml version="1.0" encoding="UTF-8"?>
            <report id="8f1c6b0e-0000-4000-8000-000000000001" format_id="a994b278-1f62-11e1-96ac-406186ea4fc5" extension="xml" content_type="text/xml">
              <owner><name>admin</name></owner>
              <report id="8f1c6b0e-0000-4000-8000-000000000001">
                <gmp><version>22.4</version></gmp>
                <scan_run_status>Done</scan_run_status>
                <scan_start>{scanStart}</scan_start>
                {hosts}
                <results start="1" max="100">{results}</results>
              </report>
            </report>
            """);
    }

    /// <summary>A Nessus v2 file: one ReportHost per host (host-ip, host-fqdn tags), one ReportItem per finding.</summary>
    public static byte[] Nessus(params Finding[] findings)
    {
        var hosts = new StringBuilder();
        foreach (var group in findings.GroupBy(f => (f.Host, f.Hostname)))
        {
            hosts.Append(CultureInfo.InvariantCulture, $"""
                <ReportHost name="{group.Key.Host}"><HostProperties>
                  <tag name="HOST_START">Tue Dec  8 09:15:02 2026</tag><tag name="host-ip">{group.Key.Host}</tag>
                  {(group.Key.Hostname is null ? "" : $"<tag name=\"host-fqdn\">{group.Key.Hostname}</tag>")}
                </HostProperties>
                """);
            foreach (var f in group)
            {
                hosts.Append(CultureInfo.InvariantCulture, $"""
                    <ReportItem port="443" svc_name="www" protocol="tcp" severity="{f.Severity}" pluginID="{f.Id}" pluginName="{SecurityElement.Escape(f.Name)}" pluginFamily="Web Servers">
                      <description>Phiên bản cài đặt có lỗ hổng.</description><plugin_type>remote</plugin_type>
                      <risk_factor>{(f.Severity switch { "4" => "Critical", "3" => "High", "2" => "Medium", "1" => "Low", _ => "None" })}</risk_factor>
                      <solution>Cập nhật bản vá.</solution><synopsis>Máy chủ có lỗ hổng.</synopsis>
                      {string.Concat(f.Cves.Select(c => $"<cve>{c}</cve>"))}
                      {(f.Cvss is null ? "" : $"<cvss3_base_score>{Score(f.Cvss)}</cvss3_base_score>")}
                    </ReportItem>
                    """);
            }

            hosts.Append("</ReportHost>");
        }

        return Encoding.UTF8.GetBytes($"""
            <?xml version="1.0" ?>
            <NessusClientData_v2>
              <Policy><policyName>Basic Network Scan</policyName></Policy>
              <Report name="Quét định kỳ" xmlns:cm="http://www.nessus.org/cm">{hosts}</Report>
            </NessusClientData_v2>
            """);
    }

    public sealed record Package(string Id, string Name, string Installed, string? Fixed, string Severity, double? Cvss, string? Purl);

    /// <summary>A Trivy JSON report (schema 2) of one artifact, its packages' vulnerabilities in one result.</summary>
    public static byte[] Trivy(string artifact, string artifactType, params Package[] packages) => Json(new Dictionary<string, object?>
    {
        ["SchemaVersion"] = 2,
        ["CreatedAt"] = "2026-12-08T09:15:02.123456789+07:00",
        ["ArtifactName"] = artifact,
        ["ArtifactType"] = artifactType,
        ["Metadata"] = new { OS = new { Family = "debian", Name = "12.4" }, ImageID = "sha256:4c5e" },
        ["Results"] = new object[]
        {
            new Dictionary<string, object?>
            {
                ["Target"] = $"{artifact} (debian 12.4)",
                ["Class"] = "os-pkgs",
                ["Type"] = "debian",
                ["Vulnerabilities"] = packages.Select(p => new Dictionary<string, object?>
                {
                    ["VulnerabilityID"] = p.Id,
                    ["PkgID"] = $"{p.Name}@{p.Installed}",
                    ["PkgName"] = p.Name,
                    ["PkgIdentifier"] = p.Purl is null ? null : new Dictionary<string, object?> { ["PURL"] = p.Purl },
                    ["InstalledVersion"] = p.Installed,
                    ["FixedVersion"] = p.Fixed,
                    ["Status"] = p.Fixed is null ? "affected" : "fixed",
                    ["SeveritySource"] = "nvd",
                    ["PrimaryURL"] = $"https://avd.aquasec.com/nvd/{p.Id.ToLowerInvariant()}",
                    ["Title"] = $"{p.Name}: lỗ hổng {p.Id}",
                    ["Severity"] = p.Severity,
                    ["CVSS"] = p.Cvss is null ? null : new Dictionary<string, object?> { ["nvd"] = new Dictionary<string, object?> { ["V3Vector"] = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", ["V3Score"] = p.Cvss } },
                }).ToArray(),
            },
            new Dictionary<string, object?> { ["Target"] = "app/package-lock.json", ["Class"] = "lang-pkgs", ["Type"] = "npm" },
        },
    });

    /// <summary>A Grype JSON report of an image: one match per package, the artifact with its purl, source.target.userInput.</summary>
    public static byte[] Grype(string image, params Package[] packages) => Json(new Dictionary<string, object?>
    {
        ["matches"] = packages.Select(p => new Dictionary<string, object?>
        {
            ["vulnerability"] = new Dictionary<string, object?>
            {
                ["id"] = p.Id,
                ["dataSource"] = $"https://nvd.nist.gov/vuln/detail/{p.Id}",
                ["namespace"] = "debian:distro:debian:12",
                ["severity"] = p.Severity,
                ["urls"] = Array.Empty<string>(),
                ["description"] = $"{p.Name}: lỗ hổng {p.Id}",
                ["cvss"] = p.Cvss is null ? Array.Empty<object>() : new object[] { new { version = "3.1", vector = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", metrics = new { baseScore = p.Cvss, exploitabilityScore = 3.9, impactScore = 5.9 } } },
                ["fix"] = new { versions = p.Fixed is null ? Array.Empty<string>() : [p.Fixed], state = p.Fixed is null ? "not-fixed" : "fixed" },
            },
            ["relatedVulnerabilities"] = Array.Empty<object>(),
            ["matchDetails"] = new object[] { new { type = "exact-indirect-match", matcher = "dpkg-matcher" } },
            ["artifact"] = new Dictionary<string, object?>
            {
                ["id"] = "a1b2c3",
                ["name"] = p.Name,
                ["version"] = p.Installed,
                ["type"] = "deb",
                ["locations"] = new object[] { new { path = "/var/lib/dpkg/status" } },
                ["cpes"] = Array.Empty<string>(),
                ["purl"] = p.Purl,
            },
        }).ToArray(),
        ["source"] = new { type = "image", target = new { userInput = image, imageID = "sha256:4c5e", tags = new[] { image } } },
        ["distro"] = new { name = "debian", version = "12" },
        ["descriptor"] = new { name = "grype", version = "0.74.0", timestamp = "2026-12-08T09:15:02.123456789+07:00" },
    });

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static byte[] Json(object value) => JsonSerializer.SerializeToUtf8Bytes(value, Indented);

    private static string Score(double? cvss) => cvss?.ToString("0.0", CultureInfo.InvariantCulture) ?? "0.0";
}
