using System.ComponentModel.DataAnnotations;

namespace SecurityPortal.Web.Options;

/// <summary>The <c>Portal</c> configuration section: names are configuration, never code.</summary>
public sealed class PortalOptions
{
    public const string SectionName = "Portal";

    public string ProvinceName { get; set; } = "Tỉnh Sông Lam";
    public string ReviewingBodyName { get; set; } = "Đơn vị chuyên trách về an toàn thông tin";

    /// <summary>
    /// The province's People's Committee, which issues Mẫu 08 when the province reports as a whole; empty means
    /// «Ủy ban nhân dân» followed by <see cref="ProvinceName"/>.
    /// </summary>
    public string? ProvinceCommitteeName { get; set; }

    /// <summary>
    /// «Kính gửi» of Mẫu 08: the owner of systems reports to the Ministry of Public Security (Decree 331/2026 Art. 35.4.b);
    /// which of its units receives the report is the province's configuration.
    /// </summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Portal:AnnualReportAddressee không được để trống.")]
    public string AnnualReportAddressee { get; set; } = "Bộ Công an";

    /// <summary>Rows one list export writes at most; a longer list ends with a row that says so (SpreadsheetDownload).</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Portal:ExportRowLimit phải lớn hơn 0.")]
    public int ExportRowLimit { get; set; } = 100_000;
}
