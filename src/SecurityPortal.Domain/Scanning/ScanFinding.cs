using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Remediation;

namespace SecurityPortal.Domain.Scanning;

public enum ScanFindingState
{
    /// <summary>The last scan of its target found it.</summary>
    Present,

    /// <summary>A later scan of the same target no longer found it.</summary>
    Absent,
}

/// <summary>
/// One finding of a scanner (a CVE or a scanner plugin) on one scanned target (a host, a URL, a container image), once
/// matched to a system, with the remediation task it feeds: the same key on the same system shares one task, whatever
/// the target or the report. A finding whose target no system matched waits with no system (the reviewers' queue).
/// </summary>
public sealed class ScanFinding : Entity
{
    public const int TargetMaxLength = 500;
    public const int KeyMaxLength = 200;
    public const int TitleMaxLength = 300;
    public const int CvesMaxLength = 1000;
    public const int PackageMaxLength = 300;
    public const int VersionMaxLength = 100;
    public const int PurlMaxLength = 500;
    public const int ScannerMaxLength = 30;

    private ScanFinding()
    {
        Scanner = Target = Key = Title = string.Empty;
    }

    public ScanFinding(
        Guid? systemId, string scanner, string target, string key, string title, string? cves, double? cvss, TaskSeverity severity, bool kev,
        string? package, string? installedVersion, string? fixedVersion, string? purl, Guid importId, DateTime seenAtUtc)
    {
        SystemId = systemId;
        Scanner = Clip(scanner, ScannerMaxLength)!;
        Target = Clip(target, TargetMaxLength)!;
        Key = Clip(key, KeyMaxLength)!;
        Title = Clip(title, TitleMaxLength)!;
        FirstImportId = importId;
        FirstSeenUtc = seenAtUtc;
        Refresh(cves, cvss, severity, kev, package, installedVersion, fixedVersion, purl, importId, seenAtUtc);
    }

    /// <summary>The system it was matched or assigned to; null while it waits in the queue.</summary>
    public Guid? SystemId { get; private set; }
    public string Scanner { get; private set; }

    /// <summary>The scanned target in its normalized form (host name or IP in lower case, URL origin, image without tag).</summary>
    public string Target { get; private set; }

    /// <summary>What makes two findings the same: the CVE (or the scanner's vulnerability id), else the scanner's plugin id.</summary>
    public string Key { get; private set; }
    public string Title { get; private set; }
    public string? Cves { get; private set; }
    public double? Cvss { get; private set; }
    public TaskSeverity Severity { get; private set; }
    public bool Kev { get; private set; }
    public string? Package { get; private set; }
    public string? InstalledVersion { get; private set; }
    public string? FixedVersion { get; private set; }
    public string? Purl { get; private set; }
    public Guid? TaskId { get; private set; }
    public ScanFindingState State { get; private set; }
    public Guid FirstImportId { get; private set; }
    public Guid LastImportId { get; private set; }
    public DateTime FirstSeenUtc { get; private set; }
    public DateTime LastSeenUtc { get; private set; }

    /// <summary>A scan found it (again): its details follow the latest report.</summary>
    public void Refresh(
        string? cves, double? cvss, TaskSeverity severity, bool kev, string? package, string? installedVersion, string? fixedVersion, string? purl,
        Guid importId, DateTime seenAtUtc)
    {
        Cves = Clip(cves, CvesMaxLength);
        Cvss = cvss is null or (>= 0 and <= 10) ? cvss : throw new DomainException("Điểm CVSS phải từ 0 đến 10.");
        Severity = severity;
        Kev = kev;
        Package = Clip(package, PackageMaxLength);
        InstalledVersion = Clip(installedVersion, VersionMaxLength);
        FixedVersion = Clip(fixedVersion, VersionMaxLength);
        Purl = Clip(purl, PurlMaxLength);
        LastImportId = importId;
        LastSeenUtc = seenAtUtc;
        State = ScanFindingState.Present;
    }

    /// <summary>A later scan of its target did not find it.</summary>
    public void MarkAbsent(Guid importId)
    {
        LastImportId = importId;
        State = ScanFindingState.Absent;
    }

    /// <summary>Matched (or assigned by a reviewer) to a system, feeding that system's task for its key.</summary>
    public void LinkTo(Guid systemId, Guid taskId)
    {
        if (SystemId is { } current && current != systemId)
        {
            throw new DomainException("Phát hiện đã thuộc một hệ thống khác.");
        }

        SystemId = systemId;
        TaskId = taskId;
    }

    private static string? Clip(string? text, int max) => string.IsNullOrWhiteSpace(text) ? null : BoundedText.Clip(text.Trim(), max);
}

/// <summary>One scanner report imported (kept so that the same file is imported once, and named in the tasks' threads).</summary>
public sealed class ScanReportImport : Entity
{
    public const int FormatMaxLength = 60;
    public const int FileNameMaxLength = 260;

    private ScanReportImport()
    {
        Format = FileName = Sha256 = ImportedById = string.Empty;
    }

    public ScanReportImport(string format, string fileName, string sha256, Guid? systemId, string importedById, DateTime importedAtUtc, DateTime? scannedAtUtc)
    {
        Format = BoundedText.Clip(format, FormatMaxLength);
        FileName = BoundedText.Clip(fileName, FileNameMaxLength);
        Sha256 = sha256;
        SystemId = systemId;
        ImportedById = importedById;
        ImportedAtUtc = importedAtUtc;
        ScannedAtUtc = scannedAtUtc;
    }

    public string Format { get; private set; }
    public string FileName { get; private set; }
    public string Sha256 { get; private set; }

    /// <summary>The system the importer said the report is of; null when its targets were matched automatically.</summary>
    public Guid? SystemId { get; private set; }
    public string ImportedById { get; private set; }
    public DateTime ImportedAtUtc { get; private set; }
    public DateTime? ScannedAtUtc { get; private set; }
    public int NewTasks { get; set; }
    public int UpdatedTasks { get; set; }
    public int ProposedTasks { get; set; }
    public int Unmatched { get; set; }
}
