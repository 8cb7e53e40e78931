using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Web.Imports.Scanners;

/// <summary>
/// Reads the reports of the scanners the province runs — Greenbone/OpenVAS XML reports, Nessus v2 (<c>.nessus</c>) XML,
/// Trivy JSON and Grype JSON — into targets and findings. Every problem is named by its place (an XML element path, a
/// JSON path, <c>dòng N</c>). Bounded like the SBOM import: the size before reading (<see cref="MaxBytes"/>), nesting
/// (<see cref="MaxDepth"/>), no DTD, no resolver, at most <see cref="MaxFindings"/> findings and <see cref="MaxTargets"/> targets.
/// </summary>
public static class ScanReportReader
{
    public const int MaxBytes = 10 * 1024 * 1024;
    public const int MaxDepth = 32;
    public const int MaxFindings = 5000;
    public const int MaxTargets = 500;
    private const int MaxIssues = 200;
    private const string LimitLocation = "(giới hạn)";
    private const string Accepted = "Cổng nhận báo cáo Greenbone/OpenVAS (XML), Nessus (.nessus), Trivy (JSON) và Grype (JSON).";

    public static ScanReport Read(byte[] content)
    {
        var report = new ScanReport();
        if (content.Length > MaxBytes)
        {
            report.Issues.Add(new("(tệp)", $"Tệp quá lớn ({content.Length / 1024} KB); tối đa {MaxBytes / 1024 / 1024} MB."));
            return report;
        }

        var (text, first) = SafeDocuments.Trim(content);
        void Problem(string where, string message) => report.Issues.Add(new(where, message));
        switch (first)
        {
            case (byte)'{':
                if (SafeDocuments.ParseJson(text, MaxDepth, Problem) is { } json)
                {
                    using (json)
                    {
                        ReadJson(json.RootElement, report);
                    }
                }

                break;
            case (byte)'<':
                if (SafeDocuments.LoadXml(text, MaxDepth, MaxBytes, Problem) is { } xml)
                {
                    ReadXml(xml.Root!, report);
                }

                break;
            default:
                report.Issues.Add(new("(tệp)", "Tệp không phải báo cáo quét dạng JSON hoặc XML. " + Accepted));
                break;
        }

        if (report.Issues.Count > MaxIssues)
        {
            report.Issues.RemoveRange(MaxIssues, report.Issues.Count - MaxIssues);
            report.Issues.Add(new("(tệp)", $"Còn nhiều lỗi khác; chỉ hiện {MaxIssues} lỗi đầu."));
        }

        return report;
    }

    private static void ReadJson(JsonElement root, ScanReport report)
    {
        if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("matches", out _))
        {
            Grype(root, report);
        }
        else if (root.ValueKind == JsonValueKind.Object && (root.TryGetProperty("Results", out _) || root.TryGetProperty("ArtifactName", out _)))
        {
            Trivy(root, report);
        }
        else
        {
            report.Issues.Add(new("$", "Tệp JSON không phải báo cáo Trivy (thiếu «ArtifactName», «Results») hay Grype (thiếu «matches»). " + Accepted));
        }
    }

    private static void ReadXml(XElement root, ScanReport report)
    {
        switch (root.Name.LocalName)
        {
            case "NessusClientData_v2":
                Nessus(root, report);
                break;
            case "report" or "get_reports_response":
                Greenbone(root, report);
                break;
            default:
                report.Issues.Add(new($"/{root.Name.LocalName}", "Tệp XML không phải báo cáo Greenbone/OpenVAS (phần tử gốc «report») hay Nessus (phần tử gốc «NessusClientData_v2»). " + Accepted));
                break;
        }
    }

    /// <summary>Trivy JSON (schema 2): <c>ArtifactName</c>/<c>ArtifactType</c>, <c>Results[].Vulnerabilities[]</c>.</summary>
    private static void Trivy(JsonElement root, ScanReport report)
    {
        report.Scanner = "Trivy";
        report.Format = $"Trivy JSON{(root.TryGetProperty("SchemaVersion", out var schema) && schema.ValueKind == JsonValueKind.Number ? $" (schema {schema.GetRawText()})" : "")}";
        report.ScannedAtUtc = Time(SafeDocuments.Text(root, "CreatedAt"));
        var name = SafeDocuments.Text(root, "ArtifactName");
        if (name is null)
        {
            report.Issues.Add(new("$.ArtifactName", "Thiếu tên đối tượng được quét (ArtifactName)."));
            return;
        }

        var kind = SafeDocuments.Text(root, "ArtifactType") switch
        {
            "container_image" => ScanTargetKind.Image,
            "vm" => ScanTargetKind.Host,
            _ => ScanTargetKind.Path,
        };
        var target = report.AddTarget(kind, name);
        if (!root.TryGetProperty("Results", out var results) || results.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        if (results.ValueKind != JsonValueKind.Array)
        {
            report.Issues.Add(new("$.Results", "«Results» phải là một mảng."));
            return;
        }

        var r = 0;
        foreach (var result in results.EnumerateArray())
        {
            var at = $"$.Results[{r++}]";
            if (!result.TryGetProperty("Vulnerabilities", out var vulnerabilities) || vulnerabilities.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (vulnerabilities.ValueKind != JsonValueKind.Array)
            {
                report.Issues.Add(new($"{at}.Vulnerabilities", "«Vulnerabilities» phải là một mảng."));
                continue;
            }

            var v = 0;
            foreach (var item in vulnerabilities.EnumerateArray())
            {
                var where = $"{at}.Vulnerabilities[{v++}]";
                if (TooMany(report, where))
                {
                    return;
                }

                if (item.ValueKind != JsonValueKind.Object)
                {
                    report.Issues.Add(new(where, "Mỗi lỗ hổng phải là một đối tượng."));
                    continue;
                }

                var id = SafeDocuments.Text(item, "VulnerabilityID");
                string? score = null;
                if (item.TryGetProperty("CVSS", out var cvss) && cvss.ValueKind == JsonValueKind.Object)
                {
                    // The NVD's v3 score first, else the first source that has one.
                    var sources = cvss.EnumerateObject().OrderBy(p => p.Name == "nvd" ? 0 : 1).Select(p => p.Value);
                    score = sources.Select(s => Number(s, "V3Score") ?? Number(s, "V2Score")).FirstOrDefault(s => s is not null);
                }

                var purl = item.TryGetProperty("PkgIdentifier", out var identifier) ? SafeDocuments.Text(identifier, "PURL") : null;
                Add(report, where, ".", target, id, null, SafeDocuments.Text(item, "Title") ?? id, id is not null && ScanTargets.IsCve(id) ? [id] : [],
                    score, "CVSS", SafeDocuments.Text(item, "Severity"), SafeDocuments.Text(item, "PkgName"), SafeDocuments.Text(item, "InstalledVersion"),
                    SafeDocuments.Text(item, "FixedVersion"), purl, null);
            }
        }
    }

    /// <summary>Grype JSON: <c>matches[]</c> with <c>vulnerability</c>, <c>relatedVulnerabilities</c>, <c>artifact</c> (purl), and <c>source.target</c>.</summary>
    private static void Grype(JsonElement root, ScanReport report)
    {
        report.Scanner = "Grype";
        report.Format = "Grype JSON";
        if (root.TryGetProperty("descriptor", out var descriptor))
        {
            report.ScannedAtUtc = Time(SafeDocuments.Text(descriptor, "timestamp"));
        }

        ScanTarget? target = null;
        if (root.TryGetProperty("source", out var source) && source.ValueKind == JsonValueKind.Object)
        {
            var type = SafeDocuments.Text(source, "type");
            var name = source.TryGetProperty("target", out var t) && t.ValueKind == JsonValueKind.Object
                ? SafeDocuments.Text(t, "userInput") ?? (t.TryGetProperty("tags", out var tags) && tags.ValueKind == JsonValueKind.Array && tags.GetArrayLength() > 0 && tags[0].ValueKind == JsonValueKind.String ? tags[0].GetString() : null)
                : SafeDocuments.Text(source, "target");
            if (name is not null)
            {
                target = report.AddTarget(type == "image" ? ScanTargetKind.Image : ScanTargetKind.Path, name);
            }
        }

        if (target is null)
        {
            report.Issues.Add(new("$.source.target", "Thiếu đối tượng được quét (source.target)."));
            return;
        }

        if (root.GetProperty("matches").ValueKind != JsonValueKind.Array)
        {
            report.Issues.Add(new("$.matches", "«matches» phải là một mảng."));
            return;
        }

        var index = 0;
        foreach (var match in root.GetProperty("matches").EnumerateArray())
        {
            var at = $"$.matches[{index++}]";
            if (TooMany(report, at))
            {
                return;
            }

            if (!match.TryGetProperty("vulnerability", out var vulnerability) || vulnerability.ValueKind != JsonValueKind.Object)
            {
                report.Issues.Add(new($"{at}.vulnerability", "Thiếu thông tin lỗ hổng (vulnerability)."));
                continue;
            }

            var id = SafeDocuments.Text(vulnerability, "id");
            var cves = new List<string>();
            if (id is not null && ScanTargets.IsCve(id))
            {
                cves.Add(id);
            }

            if (match.TryGetProperty("relatedVulnerabilities", out var related) && related.ValueKind == JsonValueKind.Array)
            {
                cves.AddRange(related.EnumerateArray().Select(r => SafeDocuments.Text(r, "id")).OfType<string>().Where(ScanTargets.IsCve));
            }

            var score = vulnerability.TryGetProperty("cvss", out var cvss) && cvss.ValueKind == JsonValueKind.Array
                ? cvss.EnumerateArray().Select(c => c.TryGetProperty("metrics", out var m) ? Number(m, "baseScore") : null).OfType<string>().FirstOrDefault()
                : null;
            match.TryGetProperty("artifact", out var artifact);
            var fix = vulnerability.TryGetProperty("fix", out var f) && f.TryGetProperty("versions", out var versions) && versions.ValueKind == JsonValueKind.Array
                ? string.Join(", ", versions.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()))
                : null;
            // A GitHub advisory with a CVE alias is the same finding as the CVE.
            var key = id is not null && !ScanTargets.IsCve(id) && cves.Count > 0 ? cves[0] : id;
            Add(report, at, ".", target, key, null, SafeDocuments.Text(vulnerability, "description") ?? id, cves.Distinct().ToList(), score, "vulnerability.cvss",
                SafeDocuments.Text(vulnerability, "severity"), SafeDocuments.Text(artifact, "name"), SafeDocuments.Text(artifact, "version"),
                string.IsNullOrWhiteSpace(fix) ? null : fix, SafeDocuments.Text(artifact, "purl"), null, idPath: "vulnerability.id", purlPath: "artifact.purl");
        }
    }

    /// <summary>Greenbone/OpenVAS XML report (GMP <c>get_reports</c>): <c>report/report/results/result</c> with <c>host</c>, <c>nvt/@oid</c>, CVEs, severity.</summary>
    private static void Greenbone(XElement root, ScanReport report)
    {
        report.Scanner = "Greenbone";
        report.Format = "Greenbone/OpenVAS XML";
        // The export nests the report in a report (or in get_reports_response/report); the innermost one holds the results.
        var inner = root.DescendantsAndSelf("report").LastOrDefault(r => r.Element("results") is not null || r.Element("host") is not null) ?? root;
        var path = string.Join("/", inner.AncestorsAndSelf().Reverse().Select(e => e.Name.LocalName));
        report.ScannedAtUtc = Time((string?)inner.Element("scan_start"));
        foreach (var host in inner.Elements("host"))
        {
            var ip = ((string?)host.Element("ip"))?.Trim();
            var hostname = host.Elements("detail").FirstOrDefault(d => (string?)d.Element("name") == "hostname") is { } detail ? ((string?)detail.Element("value"))?.Trim() : null;
            if (!string.IsNullOrWhiteSpace(ip))
            {
                report.AddTarget(ScanTargetKind.Host, ip, hostname);
            }
        }

        var index = 0;
        foreach (var result in inner.Element("results")?.Elements("result") ?? [])
        {
            var at = $"/{path}/results/result[{++index}]";
            if (TooMany(report, at))
            {
                return;
            }

            var hostElement = result.Element("host");
            var ip = hostElement?.Nodes().OfType<XText>().Select(t => t.Value.Trim()).FirstOrDefault(t => t.Length > 0);
            var hostname = ((string?)hostElement?.Element("hostname"))?.Trim();
            if (string.IsNullOrWhiteSpace(ip) && string.IsNullOrWhiteSpace(hostname))
            {
                report.Issues.Add(new($"{at}/host", "Thiếu máy được quét (host)."));
                continue;
            }

            var target = report.AddTarget(ScanTargetKind.Host, string.IsNullOrWhiteSpace(ip) ? hostname! : ip, hostname);
            var nvt = result.Element("nvt");
            var oid = ((string?)nvt?.Attribute("oid"))?.Trim();
            var cves = nvt?.Element("refs")?.Elements("ref").Where(r => (string?)r.Attribute("type") == "cve").Select(r => ((string?)r.Attribute("id"))?.Trim()).OfType<string>().ToList() ?? [];
            if (cves.Count == 0 && ((string?)nvt?.Element("cve"))?.Trim() is { Length: > 0 } legacy && legacy != "NOCVE")
            {
                cves = legacy.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
            }

            var badCve = cves.FirstOrDefault(c => !ScanTargets.IsCve(c));
            if (badCve is not null)
            {
                report.Issues.Add(new($"{at}/nvt/refs", $"«{Short(badCve)}» không phải mã CVE (CVE-năm-số)."));
                continue;
            }

            var port = ((string?)result.Element("port"))?.Trim();
            var name = ((string?)result.Element("name"))?.Trim() ?? ((string?)nvt?.Element("name"))?.Trim();
            Add(report, at, "/", target, oid is null ? null : "nvt:" + oid, oid, port is { Length: > 0 } && name is not null ? $"{name} ({port})" : name, cves,
                ((string?)result.Element("severity"))?.Trim() ?? ((string?)nvt?.Element("cvss_base"))?.Trim(), "severity", (string?)result.Element("threat"),
                null, null, null, null, ((string?)nvt?.Element("solution"))?.Trim(), idPath: "nvt/@oid");
        }

        if (report.Targets.Count == 0 && report.Issues.Count == 0)
        {
            report.Issues.Add(new($"/{path}", "Báo cáo không có máy nào được quét (host) hay kết quả nào (results/result)."));
        }
    }

    /// <summary>Nessus v2: <c>NessusClientData_v2/Report/ReportHost</c> (host-ip, host-fqdn) and its <c>ReportItem</c>s (pluginID, cve, cvss3_base_score, risk_factor).</summary>
    private static void Nessus(XElement root, ScanReport report)
    {
        report.Scanner = "Nessus";
        report.Format = "Nessus v2 (.nessus)";
        var reportElement = root.Element("Report");
        if (reportElement is null)
        {
            report.Issues.Add(new("/NessusClientData_v2/Report", "Thiếu phần tử «Report»."));
            return;
        }

        var h = 0;
        foreach (var host in reportElement.Elements("ReportHost"))
        {
            var at = $"/NessusClientData_v2/Report/ReportHost[{++h}]";
            string? Tag(string name) => host.Element("HostProperties")?.Elements("tag").FirstOrDefault(t => (string?)t.Attribute("name") == name)?.Value.Trim();
            var name = ((string?)host.Attribute("name"))?.Trim();
            var ip = Tag("host-ip");
            var fqdn = Tag("host-fqdn") ?? Tag("hostname");
            if (string.IsNullOrWhiteSpace(name ?? ip))
            {
                report.Issues.Add(new($"{at}/@name", "Thiếu tên máy được quét (ReportHost/@name)."));
                continue;
            }

            if (report.Targets.Count >= MaxTargets)
            {
                report.Issues.Add(new(LimitLocation, $"Báo cáo có hơn {MaxTargets} máy (đến {at}); tách báo cáo theo nhóm máy."));
                return;
            }

            report.ScannedAtUtc ??= Time(Tag("HOST_START_TIMESTAMP")) ?? NessusTime(Tag("HOST_START"));
            var target = report.AddTarget(ScanTargetKind.Host, ip ?? name!, name, fqdn);
            var i = 0;
            foreach (var item in host.Elements("ReportItem"))
            {
                var where = $"{at}/ReportItem[{++i}]";
                if (TooMany(report, where))
                {
                    return;
                }

                var plugin = ((string?)item.Attribute("pluginID"))?.Trim();
                var cves = item.Elements("cve").Select(c => c.Value.Trim()).Where(c => c.Length > 0).ToList();
                var badCve = cves.FirstOrDefault(c => !ScanTargets.IsCve(c));
                if (badCve is not null)
                {
                    report.Issues.Add(new($"{where}/cve", $"«{Short(badCve)}» không phải mã CVE (CVE-năm-số)."));
                    continue;
                }

                var port = (string?)item.Attribute("port");
                var title = ((string?)item.Attribute("pluginName"))?.Trim();
                var score = ((string?)item.Element("cvss3_base_score"))?.Trim() ?? ((string?)item.Element("cvss_base_score"))?.Trim();
                Add(report, where, "/", target, plugin is null ? null : "nessus:" + plugin, plugin,
                    title is not null && port is not null and not "0" ? $"{title} ({port}/{(string?)item.Attribute("protocol")})" : title, cves, score,
                    item.Element("cvss3_base_score") is not null ? "cvss3_base_score" : "cvss_base_score",
                    ((string?)item.Element("risk_factor"))?.Trim() is { } risk && risk != "None" ? risk : (string?)item.Attribute("severity"),
                    null, null, null, null, ((string?)item.Element("solution"))?.Trim(), idPath: "@pluginID");
            }
        }

        if (h == 0)
        {
            report.Issues.Add(new("/NessusClientData_v2/Report", "Báo cáo không có máy nào được quét (ReportHost)."));
        }
    }

    /// <summary>Checks one finding and adds it (or counts it as informational); every problem names its place.</summary>
    private static void Add(
        ScanReport report, string at, string separator, ScanTarget target, string? key, string? pluginId, string? title, IReadOnlyList<string> cves,
        string? score, string scorePath, string? severityWord, string? package, string? installed, string? fixedVersion, string? purl, string? solution,
        string idPath = "VulnerabilityID", string purlPath = "PkgIdentifier.PURL")
    {
        var before = report.Issues.Count;
        var id = key is null ? null : key.Contains(':', StringComparison.Ordinal) && !key.StartsWith("CVE", StringComparison.Ordinal) ? key[(key.IndexOf(':') + 1)..] : key;
        if (string.IsNullOrWhiteSpace(key) || id is null)
        {
            report.Issues.Add(new($"{at}{separator}{idPath}", "Thiếu mã lỗ hổng hoặc mã plugin."));
        }
        else if (!ScanTargets.IsIdentifier(id))
        {
            report.Issues.Add(new($"{at}{separator}{idPath}", $"«{Short(id)}» không phải mã lỗ hổng hợp lệ (chữ, số và . _ : -, tối đa 100 ký tự)."));
        }

        var cvss = ScanTargets.Score(score, out var badScore);
        if (badScore)
        {
            report.Issues.Add(new($"{at}{separator}{scorePath}", $"Điểm CVSS «{Short(score!)}» không hợp lệ (số từ 0 đến 10)."));
        }

        string? canonicalPurl = null;
        if (purl is not null)
        {
            if (PackageUrl.TryParse(purl, out var parsed, out var error))
            {
                canonicalPurl = parsed.ToString();
            }
            else
            {
                report.Issues.Add(new($"{at}{separator}{purlPath}", error));
            }
        }

        if (report.Issues.Count != before)
        {
            return;
        }

        if (ScanTargets.Severity(cvss, severityWord) is not { } severity)
        {
            report.Informational++;
            return;
        }

        var text = string.IsNullOrWhiteSpace(title) ? key! : title.Trim();
        report.Items.Add(new(at, target, key!.StartsWith("CVE", StringComparison.OrdinalIgnoreCase) ? key.ToUpperInvariant() : key, text, cves.Select(c => c.ToUpperInvariant()).Distinct().ToList(),
            cvss, severity, package, installed, fixedVersion, canonicalPurl, pluginId, solution));
    }

    private static bool TooMany(ScanReport report, string at)
    {
        if (report.Items.Count + report.Informational < MaxFindings)
        {
            return false;
        }

        if (!report.Issues.Any(i => i.Location == LimitLocation))
        {
            report.Issues.Add(new(LimitLocation, $"Báo cáo có hơn {MaxFindings} phát hiện (đến {at}); tách báo cáo theo máy hoặc theo ảnh container."));
        }

        return true;
    }

    private static string? Number(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.Number => value.GetRawText(),
                JsonValueKind.String => value.GetString(),
                _ => "?",
            }
            : null;

    /// <summary>A timestamp (ISO 8601, nanoseconds cut to what .NET reads, or Unix seconds) in UTC.</summary>
    private static DateTime? Time(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var dot = text.IndexOf('.', StringComparison.Ordinal);
        var end = dot + 1;
        while (dot >= 0 && end < text.Length && char.IsAsciiDigit(text[end]))
        {
            end++;
        }

        return ParseTime(dot >= 0 && end - dot - 1 > 7 ? text[..(dot + 8)] + text[end..] : text);
    }

    private static DateTime? ParseTime(string? text) =>
        text is not null && DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value.UtcDateTime
        : text is not null && long.TryParse(text.Trim(), CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and < 32_503_680_000 ? DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime
        : null;

    /// <summary>Nessus writes HOST_START as «Tue Dec  8 09:15:02 2026».</summary>
    private static DateTime? NessusTime(string? text) =>
        text is not null && DateTime.TryParseExact(string.Join(' ', text.Split(' ', StringSplitOptions.RemoveEmptyEntries)), "ddd MMM d HH:mm:ss yyyy", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : null;

    private static string Short(string text) => text.Length <= 60 ? text : text[..59] + "…";
}
