using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Domain.Warnings;

namespace SecurityPortal.Web.Pages.Warnings;

/// <summary>Warnings, newest first, with how many tasks each created and how many are closed.</summary>
public sealed class IndexModel(PortalDbContext db) : PageModel
{
    public sealed record Row(Guid Id, string Title, string Reference, TaskSeverity Severity, WarningStatus Status, DateOnly DueDate, int Tasks, int Verified);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Rows = await db.VulnerabilityWarnings.AsNoTracking().OrderByDescending(w => w.CreatedAtUtc).Take(500)
            .Select(w => new Row(w.Id, w.Title, w.Reference, w.Severity, w.Status, w.DueDate,
                db.RemediationTasks.Count(t => t.Source == TaskSource.VulnerabilityWarning && t.SourceId == w.Id),
                db.RemediationTasks.Count(t => t.Source == TaskSource.VulnerabilityWarning && t.SourceId == w.Id && t.Status == RemediationStatus.Verified)))
            .ToListAsync(cancellationToken);
}
