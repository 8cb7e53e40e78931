using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Domain.Warnings;
using SecurityPortal.Web.Infrastructure;

namespace SecurityPortal.Web.Pages.Warnings;

/// <summary>Warnings, newest first, with how many tasks each created and how many are closed.</summary>
public sealed class IndexModel(PortalDbContext db) : PageModel
{
    public sealed record Row(Guid Id, string Title, string Reference, TaskSeverity Severity, WarningStatus Status, DateOnly DueDate, int Tasks, int Verified);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Rows = await QueryAsync(500, cancellationToken);

    public async Task<Microsoft.AspNetCore.Mvc.IActionResult> OnGetExcelAsync(CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(100_000, cancellationToken);
        var file = Spreadsheet.Write("Cảnh báo lỗ hổng",
            ["Cảnh báo", "Số hiệu", "Mức độ", "Trạng thái", "Hạn xử lý", "Hệ thống bị ảnh hưởng (nhiệm vụ)", "Đã xác minh"],
            rows.Select(r => (IReadOnlyList<object?>)[r.Title, r.Reference, r.Severity.Vietnamese(), r.Status == WarningStatus.Published ? "Đã phát hành" : "Bản nháp",
                Display.Date(r.DueDate), r.Tasks, r.Verified]));
        return File(file, Spreadsheet.ContentType, "canh-bao-lo-hong.xlsx");
    }

    private Task<List<Row>> QueryAsync(int limit, CancellationToken cancellationToken) =>
        db.VulnerabilityWarnings.AsNoTracking().OrderByDescending(w => w.CreatedAtUtc).Take(limit)
            .Select(w => new Row(w.Id, w.Title, w.Reference, w.Severity, w.Status, w.DueDate,
                db.RemediationTasks.Count(t => t.Source == TaskSource.VulnerabilityWarning && t.SourceId == w.Id),
                db.RemediationTasks.Count(t => t.Source == TaskSource.VulnerabilityWarning && t.SourceId == w.Id && t.Status == RemediationStatus.Verified)))
            .ToListAsync(cancellationToken);
}
