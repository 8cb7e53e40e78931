using System.ComponentModel.DataAnnotations;

namespace SecurityPortal.Web.Options;

/// <summary>The <c>Portal</c> configuration section: names are configuration, never code.</summary>
public sealed class PortalOptions
{
    public const string SectionName = "Portal";

    public string ProvinceName { get; set; } = "Tỉnh Sông Lam";
    public string ReviewingBodyName { get; set; } = "Đơn vị chuyên trách về an toàn thông tin";

    /// <summary>Rows one list export writes at most; a longer list ends with a row that says so (SpreadsheetDownload).</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Portal:ExportRowLimit phải lớn hơn 0.")]
    public int ExportRowLimit { get; set; } = 100_000;
}
