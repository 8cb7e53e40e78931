using System.Globalization;
using System.Text.RegularExpressions;
using SecurityPortal.Domain.Remediation;

namespace SecurityPortal.Web.Imports.Scanners;

public enum ScanTargetKind
{
    /// <summary>A host: its name and/or IP addresses.</summary>
    Host,

    /// <summary>A web address (scheme, host, port).</summary>
    Url,

    /// <summary>A container image (repository, without tag or digest).</summary>
    Image,

    /// <summary>A directory, a repository or a file a scanner read.</summary>
    Path,
}

/// <summary>What a report scanned: its kind, its name as the portal keeps it (normalized) and the other names it goes by (IPs, host names).</summary>
public sealed record ScanTarget(ScanTargetKind Kind, string Name, IReadOnlyList<string> Aliases)
{
    public IEnumerable<string> Names => Aliases.Prepend(Name).Distinct(StringComparer.Ordinal);
}

/// <summary>One finding of a report, with where it is in the file.</summary>
public sealed record ScanItem(
    string Location, ScanTarget Target, string Key, string Title, IReadOnlyList<string> Cves, double? Cvss, TaskSeverity Severity,
    string? Package, string? InstalledVersion, string? FixedVersion, string? Purl, string? PluginId, string? Solution);

/// <summary>What a scanner report holds: its format, the targets it scanned (also those where nothing was found), the findings and the problems.</summary>
public sealed class ScanReport
{
    public string Format { get; set; } = string.Empty;
    public string Scanner { get; set; } = string.Empty;
    public DateTime? ScannedAtUtc { get; set; }
    public List<ScanTarget> Targets { get; } = [];
    public List<ScanItem> Items { get; } = [];

    /// <summary>Findings without a security severity (log, information, negligible): read but not turned into tasks.</summary>
    public int Informational { get; set; }
    public List<SbomIssue> Issues { get; } = [];

    public ScanTarget AddTarget(ScanTargetKind kind, string name, params string?[] aliases)
    {
        var normalized = ScanTargets.Normalize(kind, name);
        var existing = Targets.FirstOrDefault(t => t.Kind == kind && t.Name == normalized);
        var names = aliases.Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => ScanTargets.Normalize(ScanTargetKind.Host, a!)).Where(a => a != normalized);
        if (existing is not null)
        {
            var merged = existing with { Aliases = existing.Aliases.Concat(names).Distinct(StringComparer.Ordinal).ToList() };
            Targets[Targets.IndexOf(existing)] = merged;
            for (var i = 0; i < Items.Count; i++)
            {
                if (Items[i].Target == existing)
                {
                    Items[i] = Items[i] with { Target = merged };
                }
            }

            return merged;
        }

        var target = new ScanTarget(kind, normalized, names.Distinct(StringComparer.Ordinal).ToList());
        Targets.Add(target);
        return target;
    }
}

/// <summary>The rules shared by the readers: target names, identifiers, scores and severities.</summary>
public static partial class ScanTargets
{
    /// <summary>Host names and IPs in lower case; a URL as its origin (scheme://host[:port]); an image without tag or digest.</summary>
    public static string Normalize(ScanTargetKind kind, string name)
    {
        var text = name.Trim();
        switch (kind)
        {
            case ScanTargetKind.Url when Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Host.Length > 0:
                return uri.IsDefaultPort ? $"{uri.Scheme}://{uri.Host}".ToLowerInvariant() : $"{uri.Scheme}://{uri.Host}:{uri.Port}".ToLowerInvariant();
            case ScanTargetKind.Host:
                return text.TrimEnd('.').ToLowerInvariant();
            case ScanTargetKind.Image:
                var at = text.IndexOf('@', StringComparison.Ordinal);
                if (at >= 0)
                {
                    text = text[..at];
                }

                var colon = text.LastIndexOf(':');
                if (colon > text.LastIndexOf('/'))
                {
                    text = text[..colon];
                }

                return text.ToLowerInvariant();
            default:
                return text;
        }
    }

    /// <summary>The host a URL names, or null.</summary>
    public static string? HostOf(string url) =>
        Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? uri.Host.TrimEnd('.').ToLowerInvariant() : null;

    /// <summary>An image's repository name, without registry and namespace (<c>registry.tinh.vn/dvc/cong-dich-vu</c> → <c>cong-dich-vu</c>).</summary>
    public static string ImageName(string image) => image[(image.LastIndexOf('/') + 1)..];

    public static bool IsCve(string id) => CvePattern().IsMatch(id);

    /// <summary>A vulnerability or plugin id a scanner gives: letters, digits and <c>. _ : -</c>, at most 100.</summary>
    public static bool IsIdentifier(string id) => IdPattern().IsMatch(id);

    /// <summary>A CVSS base score from text: a number from 0 to 10 (invariant culture), else null with <paramref name="bad"/> set.</summary>
    public static double? Score(string? text, out bool bad)
    {
        bad = false;
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 10)
        {
            return Math.Round(value, 1);
        }

        bad = true;
        return null;
    }

    /// <summary>Severity by CVSS (9.0 critical, 7.0 high, 4.0 medium, else low), else by the scanner's word; null for a finding without security severity.</summary>
    public static TaskSeverity? Severity(double? cvss, string? word)
    {
        if (cvss is > 0)
        {
            return cvss >= 9 ? TaskSeverity.Critical : cvss >= 7 ? TaskSeverity.High : cvss >= 4 ? TaskSeverity.Medium : TaskSeverity.Low;
        }

        return word?.Trim().ToLowerInvariant() switch
        {
            "critical" or "4" => TaskSeverity.Critical,
            "high" or "3" => TaskSeverity.High,
            "medium" or "moderate" or "2" => TaskSeverity.Medium,
            "low" or "1" => TaskSeverity.Low,
            _ => null,
        };
    }

    [GeneratedRegex(@"^CVE-\d{4}-\d{4,}$", RegexOptions.CultureInvariant)]
    private static partial Regex CvePattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._:\-]{0,99}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
