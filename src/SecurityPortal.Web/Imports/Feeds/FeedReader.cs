using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Domain.Warnings;

namespace SecurityPortal.Web.Imports.Feeds;

/// <summary>A vulnerability as a feed file describes it, before it is stored; <see cref="Affected"/> are rules on a purl or CPE.</summary>
public sealed record FeedRecord(
    string Location, string Id, FeedSource Source, IReadOnlyList<string> Aliases, string? Summary, TaskSeverity? Severity, double? CvssScore,
    string? CvssVector, DateTime? PublishedUtc, DateTime ModifiedUtc, IReadOnlyList<(string Identity, string Rule)> Affected);

/// <summary>A problem of a feed file: where (an archive entry, a JSON path) and what. <see cref="Blocking"/> problems refuse the whole file.</summary>
public sealed record FeedIssue(string Location, string Message, bool Blocking);

/// <summary>What a feed file holds: its format, its records, and every problem found.</summary>
public sealed class FeedDocument
{
    public string Format { get; set; } = string.Empty;
    public List<FeedRecord> Records { get; } = [];
    public List<FeedIssue> Issues { get; } = [];
    public bool Refused => Issues.Any(i => i.Blocking);
}

/// <summary>
/// Reads offline vulnerability feeds: an OSV archive as osv.dev publishes it per ecosystem (a .zip of OSV JSON
/// records, one per file), a single OSV record, and NVD CVE JSON 2.0 files (alone or zipped). Bounded against crafted
/// files: the upload size (<see cref="MaxBytes"/>), the archive's entry count, each entry's and the total uncompressed
/// size (read, not believed from the header), the compression ratio, entry names (no absolute path, no «..», no drive,
/// limited depth), JSON nesting, and the record count.
/// </summary>
public static class FeedReader
{
    public const int MaxBytes = Data.Imports.ImportDraft.MaxBytes;
    public const int MaxEntries = 20_000;
    public const int MaxRecords = 20_000;
    public const long MaxEntryBytes = 4L * 1024 * 1024;
    public const long MaxTotalBytes = 200L * 1024 * 1024;
    public const int MaxRatio = 100;
    public const int MaxEntryDepth = 4;
    public const int MaxDepth = 32;
    private const int MaxIssues = 200;
    private const string FileLocation = "(tệp)";

    private static readonly JsonDocumentOptions JsonOptions = new() { MaxDepth = MaxDepth };

    /// <summary>The purl type and namespace of the OSV ecosystems whose packages a purl can name.</summary>
    private static readonly Dictionary<string, (string Type, string? Namespace)> Ecosystems = new(StringComparer.OrdinalIgnoreCase)
    {
        ["npm"] = ("npm", null), ["PyPI"] = ("pypi", null), ["Maven"] = ("maven", null), ["Go"] = ("golang", null),
        ["crates.io"] = ("cargo", null), ["NuGet"] = ("nuget", null), ["RubyGems"] = ("gem", null), ["Packagist"] = ("composer", null),
        ["Hex"] = ("hex", null), ["Pub"] = ("pub", null), ["Debian"] = ("deb", "debian"), ["Ubuntu"] = ("deb", "ubuntu"),
        ["Alpine"] = ("apk", "alpine"), ["Red Hat"] = ("rpm", "redhat"), ["AlmaLinux"] = ("rpm", "almalinux"), ["Rocky Linux"] = ("rpm", "rocky-linux"),
        ["SUSE"] = ("rpm", "suse"), ["openSUSE"] = ("rpm", "opensuse"),
    };

    public static FeedDocument Read(byte[] content)
    {
        var document = new FeedDocument();
        if (content.Length > MaxBytes)
        {
            Refuse(document, FileLocation, $"Tệp quá lớn ({content.Length / 1024} KB); tối đa {MaxBytes / 1024 / 1024} MB.");
            return document;
        }

        if (content.AsSpan().StartsWith("PK\u0003\u0004"u8))
        {
            ReadArchive(content, document);
        }
        else
        {
            ReadJson(content, FileLocation, document);
        }

        if (!document.Refused && document.Records.Count == 0)
        {
            Refuse(document, FileLocation, "Tệp không có bản ghi lỗ hổng nào. Cổng nhận kho OSV (.zip các bản ghi OSV JSON) và tệp NVD CVE JSON 2.0.");
        }

        var ids = document.Records.GroupBy(r => r.Id, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.First());
        foreach (var twice in ids)
        {
            Refuse(document, twice.Location, $"Mã lỗ hổng {twice.Id} có hơn một bản ghi trong tệp.");
        }

        document.Format = string.Join(", ", document.Records.Select(r => r.Source == FeedSource.Osv ? "OSV" : "NVD CVE JSON 2.0").Distinct());
        if (document.Issues.Count > MaxIssues)
        {
            var refused = document.Refused;
            document.Issues.RemoveRange(MaxIssues, document.Issues.Count - MaxIssues);
            document.Issues.Add(new(FileLocation, $"Còn nhiều lỗi khác; chỉ hiện {MaxIssues} lỗi đầu.", refused));
        }

        return document;
    }

    private static void ReadArchive(byte[] content, FeedDocument document)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            if (zip.Entries.Count > MaxEntries)
            {
                Refuse(document, FileLocation, $"Tệp nén có quá nhiều mục ({zip.Entries.Count}); tối đa {MaxEntries}.");
                return;
            }

            long total = 0;
            foreach (var entry in zip.Entries)
            {
                var name = entry.FullName;
                if (!SafeEntryName(name))
                {
                    Refuse(document, FileLocation, $"Tệp nén có mục với đường dẫn không an toàn «{BoundedText.Clip(name, 100)}» (đường dẫn tuyệt đối, «..» hoặc quá sâu); tệp bị từ chối.");
                    return;
                }

                if (name.EndsWith('/') || !name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                if (entry.Length > MaxEntryBytes || (entry.Length > 64 * 1024 && entry.Length > (long)MaxRatio * Math.Max(1, entry.CompressedLength)))
                {
                    Refuse(document, name, $"Mục quá lớn hoặc nén bất thường (tối đa {MaxEntryBytes / 1024 / 1024} MB mỗi mục, tỉ lệ nén tối đa {MaxRatio}:1); tệp bị từ chối.");
                    return;
                }

                using var stream = entry.Open();
                using var buffer = new MemoryStream();
                var chunk = new byte[81920];
                int read;
                while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
                {
                    buffer.Write(chunk, 0, read);
                    total += read;

                    // The header's sizes may lie: the bounds hold on what is actually inflated.
                    if (buffer.Length > MaxEntryBytes || total > MaxTotalBytes || (buffer.Length > 64 * 1024 && buffer.Length > (long)MaxRatio * Math.Max(1, entry.CompressedLength)))
                    {
                        Refuse(document, name, $"Mục quá lớn hoặc nén bất thường (tối đa {MaxEntryBytes / 1024 / 1024} MB mỗi mục, tỉ lệ nén tối đa {MaxRatio}:1); tệp bị từ chối.");
                        return;
                    }
                }

                ReadJson(buffer.ToArray(), name, document);
                if (document.Records.Count > MaxRecords)
                {
                    Refuse(document, FileLocation, $"Tệp có quá nhiều bản ghi; tối đa {MaxRecords}.");
                    return;
                }
            }
        }
        catch (InvalidDataException)
        {
            Refuse(document, FileLocation, "Tệp nén .zip bị hỏng hoặc không đọc được.");
        }
    }

    /// <summary>A relative path, no «..» segment, no drive or backslash, at most <see cref="MaxEntryDepth"/> folders deep.</summary>
    private static bool SafeEntryName(string name) =>
        name.Length is > 0 and <= 260
        && !name.StartsWith('/')
        && !name.Contains('\\', StringComparison.Ordinal)
        && !name.Contains(':', StringComparison.Ordinal)
        && !name.Any(char.IsControl)
        && name.Split('/').All(segment => segment is not ".." and not ".")
        && name.TrimEnd('/').Count(c => c == '/') <= MaxEntryDepth;

    private static void ReadJson(byte[] content, string location, FeedDocument document)
    {
        try
        {
            using var json = JsonDocument.Parse(content, JsonOptions);
            var root = json.RootElement;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("vulnerabilities", out var vulnerabilities) && vulnerabilities.ValueKind == JsonValueKind.Array)
            {
                var index = 0;
                foreach (var item in vulnerabilities.EnumerateArray())
                {
                    if (document.Records.Count > MaxRecords)
                    {
                        Refuse(document, FileLocation, $"Tệp có quá nhiều bản ghi; tối đa {MaxRecords}.");
                        return;
                    }

                    ReadNvd(item, Place(location, $"$.vulnerabilities[{index++}]"), document);
                }
            }
            else if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("id", out _) && root.TryGetProperty("modified", out _))
            {
                ReadOsv(root, location, document);
            }
            else
            {
                Refuse(document, location, "Không phải bản ghi OSV (thiếu «id», «modified») hoặc tệp NVD CVE JSON 2.0 (thiếu «vulnerabilities»).");
            }
        }
        catch (JsonException ex)
        {
            Refuse(document, location, $"JSON không hợp lệ (dòng {(ex.LineNumber ?? 0) + 1}).");
        }
    }

    private static void ReadOsv(JsonElement root, string location, FeedDocument document)
    {
        var id = Text(root, "id");
        if (id is not { Length: > 0 and <= VulnerabilityRecord.IdMaxLength } || !Date(root, "modified", out var modified))
        {
            Refuse(document, location, "Bản ghi OSV thiếu «id» (tối đa 100 ký tự) hoặc «modified» (thời điểm RFC 3339).");
            return;
        }

        OptionalDate(root, "published", out var published);
        var aliases = Strings(root, "aliases");
        var (severity, score, vector) = OsvSeverity(root);
        var affected = new List<(string, string)>();
        var index = 0;
        foreach (var entry in Array(root, "affected"))
        {
            var place = Place(location, $"$.affected[{index++}]");
            var purl = PackageOf(entry, out var why);
            if (purl is null)
            {
                Note(document, place, why);
                continue;
            }

            var events = new List<string>();
            foreach (var range in Array(entry, "ranges"))
            {
                var type = Text(range, "type");
                if (type is "GIT")
                {
                    continue;
                }

                var open = false;
                foreach (var e in Array(range, "events"))
                {
                    if (Text(e, "introduced") is { } introduced)
                    {
                        events.Add($"introduced {introduced}");
                        open = true;
                    }
                    else if (open && Text(e, "fixed") is { } fixedIn)
                    {
                        events.Add($"fixed {fixedIn}");
                        open = false;
                    }
                    else if (open && Text(e, "last_affected") is { } last)
                    {
                        events.Add($"last_affected {last}");
                        open = false;
                    }
                }
            }

            // Versions listed one by one (without ranges): each its own closed range.
            if (events.Count == 0)
            {
                events.AddRange(Strings(entry, "versions").Select(v => $"introduced {v} last_affected {v}"));
            }

            if (events.Count == 0)
            {
                Note(document, place, "Không có khoảng phiên bản nào đọc được (chỉ có khoảng GIT); bỏ qua.");
                continue;
            }

            AddRules(document, place, purl, Ranges(events), affected);
        }

        document.Records.Add(new FeedRecord(location, id, FeedSource.Osv, aliases, Text(root, "summary") ?? Text(root, "details"), severity, score, vector,
            published, modified, affected));
    }

    /// <summary>The events grouped into whole ranges (an «introduced» with its closing event).</summary>
    private static List<string> Ranges(List<string> events)
    {
        var ranges = new List<string>();
        foreach (var e in events)
        {
            if (e.StartsWith("introduced", StringComparison.Ordinal) || ranges.Count == 0)
            {
                ranges.Add(e);
            }
            else
            {
                ranges[^1] += " " + e;
            }
        }

        return ranges;
    }

    /// <summary>Rules of at most the rule length, each holding whole ranges; a range whose versions cannot be read is noted.</summary>
    private static void AddRules(FeedDocument document, string place, string identifier, List<string> ranges, List<(string, string)> affected)
    {
        var current = identifier;
        void Flush()
        {
            if (current.Length > identifier.Length)
            {
                affected.Add((VulnerabilityAffected.IdentityOf(VersionRule.Parse(current)), current));
            }

            current = identifier;
        }

        foreach (var range in ranges)
        {
            try
            {
                VersionRule.Parse($"{identifier} {range}");
            }
            catch (DomainException ex)
            {
                Note(document, place, ex.Message);
                continue;
            }

            if (current.Length + 1 + range.Length > VulnerabilityWarning.ShortMaxLength)
            {
                Flush();
            }

            current += " " + range;
        }

        Flush();
    }

    private static string? PackageOf(JsonElement entry, out string why)
    {
        why = string.Empty;
        var package = entry.TryGetProperty("package", out var p) && p.ValueKind == JsonValueKind.Object ? p : default;
        if (package.ValueKind == JsonValueKind.Object && Text(package, "purl") is { } text)
        {
            if (PackageUrl.TryParse(text, out var purl, out var error))
            {
                return "pkg:" + purl.Identity;
            }

            why = error;
            return null;
        }

        var ecosystem = package.ValueKind == JsonValueKind.Object ? Text(package, "ecosystem") : null;
        var name = package.ValueKind == JsonValueKind.Object ? Text(package, "name") : null;
        if (ecosystem is null || name is null)
        {
            why = "Thiếu «package.ecosystem» hoặc «package.name»; bỏ qua.";
            return null;
        }

        var family = ecosystem.Split(':')[0];
        if (!Ecosystems.TryGetValue(family, out var kind))
        {
            why = $"Hệ sinh thái «{BoundedText.Clip(ecosystem, 60)}» chưa được hỗ trợ (không có purl); bỏ qua.";
            return null;
        }

        var coordinate = kind.Type switch
        {
            "maven" when name.Split(':') is [var group, var artifact] => $"{Uri.EscapeDataString(group)}/{Uri.EscapeDataString(artifact)}",
            "golang" or "composer" or "npm" when name.Contains('/', StringComparison.Ordinal) => string.Join('/', name.Split('/').Select(Uri.EscapeDataString)),
            _ => Uri.EscapeDataString(name),
        };
        var candidate = kind.Namespace is null ? $"pkg:{kind.Type}/{coordinate}" : $"pkg:{kind.Type}/{kind.Namespace}/{coordinate}";
        if (PackageUrl.TryParse(candidate, out var built, out var problem))
        {
            return "pkg:" + built.Identity;
        }

        why = problem;
        return null;
    }

    private static (TaskSeverity?, double?, string?) OsvSeverity(JsonElement root)
    {
        string? vector = null;
        double? score = null;
        foreach (var s in Array(root, "severity"))
        {
            var text = Text(s, "score");
            if (text is null)
            {
                continue;
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                score ??= number;
            }
            else if (Text(s, "type") is "CVSS_V3" or "CVSS_V4")
            {
                vector ??= text;
                score ??= CvssV3.BaseScore(text);
            }
        }

        var named = root.TryGetProperty("database_specific", out var specific) && specific.ValueKind == JsonValueKind.Object ? Text(specific, "severity") : null;
        var severity = named?.ToUpperInvariant() switch
        {
            "CRITICAL" => TaskSeverity.Critical,
            "HIGH" => TaskSeverity.High,
            "MODERATE" or "MEDIUM" => TaskSeverity.Medium,
            "LOW" => TaskSeverity.Low,
            _ => VulnerabilityRecord.SeverityOf(score),
        };
        return (severity, score, vector);
    }

    private static void ReadNvd(JsonElement item, string location, FeedDocument document)
    {
        if (!item.TryGetProperty("cve", out var cve) || cve.ValueKind != JsonValueKind.Object)
        {
            Refuse(document, location, "Thiếu mục «cve».");
            return;
        }

        var id = Text(cve, "id");
        if (id is not { Length: > 0 and <= VulnerabilityRecord.IdMaxLength } || !Date(cve, "lastModified", out var modified))
        {
            Refuse(document, location, "Bản ghi CVE thiếu «id» hoặc «lastModified».");
            return;
        }

        if (Text(cve, "vulnStatus") is "Rejected")
        {
            return;
        }

        OptionalDate(cve, "published", out var published);
        var summary = Array(cve, "descriptions").Where(d => Text(d, "lang") is "en").Select(d => Text(d, "value")).FirstOrDefault();
        double? score = null;
        string? vector = null;
        if (cve.TryGetProperty("metrics", out var metrics) && metrics.ValueKind == JsonValueKind.Object)
        {
            foreach (var key in new[] { "cvssMetricV40", "cvssMetricV31", "cvssMetricV30" })
            {
                var metric = Array(metrics, key).OrderBy(m => Text(m, "type") is "Primary" ? 0 : 1).FirstOrDefault();
                if (metric.ValueKind == JsonValueKind.Object && metric.TryGetProperty("cvssData", out var data) && data.ValueKind == JsonValueKind.Object
                    && data.TryGetProperty("baseScore", out var baseScore) && baseScore.ValueKind == JsonValueKind.Number)
                {
                    score = baseScore.GetDouble();
                    vector = Text(data, "vectorString");
                    break;
                }
            }
        }

        var affected = new List<(string, string)>();
        var c = 0;
        foreach (var configuration in Array(cve, "configurations"))
        {
            var n = 0;
            foreach (var node in Array(configuration, "nodes"))
            {
                var m = 0;
                foreach (var match in Array(node, "cpeMatch"))
                {
                    var place = Place(location, $"configurations[{c}].nodes[{n}].cpeMatch[{m++}]");
                    if (!match.TryGetProperty("vulnerable", out var vulnerable) || vulnerable.ValueKind != JsonValueKind.True)
                    {
                        continue;
                    }

                    if (CpeRule(match, out var why) is { } rule)
                    {
                        affected.Add((VulnerabilityAffected.IdentityOf(VersionRule.Parse(rule)), rule));
                    }
                    else
                    {
                        Note(document, place, why);
                    }
                }

                n++;
            }

            c++;
        }

        document.Records.Add(new FeedRecord(location, id, FeedSource.Nvd, [], summary, VulnerabilityRecord.SeverityOf(score), score, vector, published, modified, affected));
    }

    /// <summary>A cpeMatch as a rule: its CPE, and its range as comparisons (or the CPE's own version, or every version).</summary>
    private static string? CpeRule(JsonElement match, out string why)
    {
        why = string.Empty;
        if (!CpeName.TryParse(Text(match, "criteria"), out var cpe, out var error))
        {
            why = error;
            return null;
        }

        var bounds = new List<string>();
        foreach (var (key, op) in new[] { ("versionStartIncluding", ">="), ("versionStartExcluding", ">"), ("versionEndIncluding", "<="), ("versionEndExcluding", "<") })
        {
            if (Text(match, key) is { } version)
            {
                bounds.Add($"{op} {version}");
            }
        }

        var fields = cpe.ToString().Split(':');
        string rule;
        if (bounds.Count > 0)
        {
            // The range stands for the version field.
            rule = string.Join(':', fields.Take(5).Append("*").Concat(fields.Skip(6))) + " " + string.Join(", ", bounds);
        }
        else
        {
            rule = cpe.ToString();
        }

        try
        {
            return VersionRule.Parse(rule).Text;
        }
        catch (DomainException ex)
        {
            why = ex.Message;
            return null;
        }
    }

    private static string Place(string location, string path) => location == FileLocation ? path : $"{location} {path}";

    private static void Refuse(FeedDocument document, string location, string message) => document.Issues.Add(new(location, message, Blocking: true));

    private static void Note(FeedDocument document, string location, string message) => document.Issues.Add(new(location, message, Blocking: false));

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
        && value.GetString() is { } text && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;

    private static List<JsonElement> Array(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray()]
            : [];

    private static List<string> Strings(JsonElement element, string name) =>
        [.. Array(element, name).Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!.Trim()).Where(v => v.Length > 0)];

    /// <summary>An RFC 3339 time (OSV) or NVD's time without a zone (UTC), as UTC.</summary>
    private static bool Date(JsonElement element, string name, out DateTime utc)
    {
        utc = default;
        return Text(element, name) is { } text
            && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out utc)
            && (utc = DateTime.SpecifyKind(utc, DateTimeKind.Utc)) != default;
    }

    private static bool OptionalDate(JsonElement element, string name, out DateTime? utc)
    {
        var found = Date(element, name, out DateTime value);
        utc = found ? value : null;
        return found;
    }
}
