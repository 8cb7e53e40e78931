namespace SecurityPortal.Data.Imports;

public enum ImportKind
{
    Agencies,
    Systems,

    /// <summary>A year of the holiday calendar (Quản trị → Lịch nghỉ → Nhập từ tệp), administrators only.</summary>
    Calendar,

    /// <summary>A software bill of materials (CycloneDX, SPDX) for one system's components (Hệ thống → Nhập SBOM).</summary>
    Sbom,

    /// <summary>A scanner report (Greenbone/OpenVAS, Nessus, Trivy, Grype), for one system or matched to systems.</summary>
    ScanReport,
    /// <summary>An offline vulnerability feed (OSV archive, NVD CVE JSON 2.0) (Cảnh báo → Nguồn dữ liệu lỗ hổng), reviewers.</summary>
    VulnerabilityFeed,
}

/// <summary>
/// An uploaded spreadsheet between its preview and its confirmation. Kept in the database, not on one web
/// server's disk, so the confirmation may reach any instance. Deleted once applied or after a day.
/// </summary>
public sealed class ImportDraft
{
    public const int MaxBytes = 10 * 1024 * 1024;

    public Guid Id { get; init; } = Guid.NewGuid();
    public string UserId { get; init; } = string.Empty;
    public ImportKind Kind { get; init; }

    /// <summary>The system an SBOM is for; null for the other kinds.</summary>
    public Guid? SystemId { get; init; }
    public string FileName { get; init; } = string.Empty;
    public byte[] Content { get; init; } = [];
    public DateTime CreatedAtUtc { get; init; }
}
