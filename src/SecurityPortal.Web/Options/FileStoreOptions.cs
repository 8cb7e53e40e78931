using System.ComponentModel.DataAnnotations;

namespace SecurityPortal.Web.Options;

/// <summary>The <c>Files</c> configuration section: where uploads live and how large they may be.</summary>
public sealed class FileStoreOptions
{
    public const string SectionName = "Files";

    /// <summary>A directory outside the web root; relative paths are under the content root.</summary>
    public string Root { get; set; } = "App_Data/files";

    /// <summary>The largest file; an upload page's request may be this plus 64 KiB for the form (<c>UploadLimitAttribute</c>).</summary>
    [Range(1d, 100d * 1024 * 1024, ErrorMessage = "Files:MaxBytes phải từ 1 byte đến 100 MB.")]
    public long MaxBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>A ZIP (or Office document) may not unpack to more than this, nor hold more entries (zip-bomb guard).</summary>
    [Range(1d, 10d * 1024 * 1024 * 1024, ErrorMessage = "Files:MaxUnpackedBytes phải từ 1 byte đến 10 GB.")]
    public long MaxUnpackedBytes { get; set; } = 200 * 1024 * 1024;

    [Range(1, 100_000, ErrorMessage = "Files:MaxZipEntries phải từ 1 đến 100.000.")]
    public int MaxZipEntries { get; set; } = 5000;

    /// <summary>
    /// A clamd daemon that scans every upload before it is stored (ASVS 5.0 V5.4.3): <c>tcp://host:3310</c> or
    /// <c>unix:/run/clamav/clamd.ctl</c>. Empty: no scan (the operator scans the files folder instead, docs/security.md).
    /// </summary>
    public string ClamAvAddress { get; set; } = string.Empty;

    /// <summary>When clamd cannot be reached or answers an error: false (the default) refuses the upload, true stores it unscanned with a warning in the log.</summary>
    public bool ClamAvFailOpen { get; set; }

    [Range(1, 600, ErrorMessage = "Files:ClamAvTimeoutSeconds phải từ 1 đến 600 giây.")]
    public int ClamAvTimeoutSeconds { get; set; } = 60;
}
