using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Common;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Reporting;

namespace SecurityPortal.Web.Pages.Dashboard;

/// <summary>Agencies side by side with the headline figures and the composite score; sortable, filterable by kind, exportable.</summary>
public sealed class RankingModel(ComplianceFigures figures, TimeProvider clock) : PageModel
{
    public static readonly string[] Columns = ["composite", "name", "systems", "approved", "score", "open", "overdue", "outdated"];

    [BindProperty(SupportsGet = true, Name = "kind")]
    public AgencyKind? Kind { get; set; }

    [BindProperty(SupportsGet = true, Name = "sort")]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true, Name = "desc")]
    public bool? Descending { get; set; }

    public IReadOnlyList<AgencyFigures> Rows { get; private set; } = [];

    public string SortKey => Sort is { } s && Columns.Contains(s) ? s : "composite";

    /// <summary>Names sort A→Z by default; figures highest first.</summary>
    public bool IsDescending => Descending ?? SortKey != "name";

    public async Task OnGetAsync(CancellationToken cancellationToken) => Rows = await RankAsync(cancellationToken);

    public async Task<IActionResult> OnGetExcelAsync(CancellationToken cancellationToken)
    {
        var rows = await RankAsync(cancellationToken);
        var file = Spreadsheet.Write("Xếp hạng cơ quan",
            ["Hạng", "Cơ quan, đơn vị", "Loại", "Hệ thống", "Đã phê duyệt cấp độ (%)", "Điểm tuân thủ TB (%)", "Nhiệm vụ mở", "Quá hạn", "Hệ thống có phần mềm lỗi thời", "Điểm tổng hợp"],
            rows.Select((r, i) => (IReadOnlyList<object?>)[i + 1, r.Name, r.Kind.Vietnamese(), r.Systems, r.ApprovedShare, r.AverageScore, r.OpenTaskCount, r.OverdueTasks, r.OutdatedSystems, r.Composite]));
        return File(file, Spreadsheet.ContentType, $"xep-hang-co-quan-{VietnamTime.Today(clock):yyyyMMdd}.xlsx");
    }

    private async Task<IReadOnlyList<AgencyFigures>> RankAsync(CancellationToken cancellationToken)
    {
        var set = await figures.ComputeAsync(new FigureFilter(Kind is { } k && Enum.IsDefined(k) ? k : null), cancellationToken);
        Func<AgencyFigures, object?> key = SortKey switch
        {
            "name" => r => r.Name,
            "systems" => r => r.Systems,
            "approved" => r => r.ApprovedShare,
            "score" => r => r.AverageScore,
            "open" => r => r.OpenTaskCount,
            "overdue" => r => r.OverdueTasks,
            "outdated" => r => r.OutdatedSystems,
            _ => r => r.Composite,
        };

        // Agencies without a figure (no systems, nothing filed) come last whichever way the column is sorted.
        var withValue = set.Agencies.Where(r => key(r) is not null);
        var ordered = IsDescending
            ? withValue.OrderByDescending(key, Comparer<object?>.Default)
            : withValue.OrderBy(key, Comparer<object?>.Default);
        return [.. ordered.ThenBy(r => r.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"), false)),
            .. set.Agencies.Where(r => key(r) is null).OrderBy(r => r.Name, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"), false))];
    }

    public Dictionary<string, string> Route(string column) => new()
    {
        ["kind"] = Kind?.ToString() ?? string.Empty,
        ["sort"] = column,
        ["desc"] = column == SortKey ? (!IsDescending).ToString().ToLowerInvariant() : (column != "name").ToString().ToLowerInvariant(),
    };
}
