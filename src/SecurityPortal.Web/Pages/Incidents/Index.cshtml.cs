using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Incidents;
using SecurityPortal.Web.Authorization;
using SecurityPortal.Web.Infrastructure;

namespace SecurityPortal.Web.Pages.Incidents;

/// <summary>Incidents the user may see, open ones first, each with its most pressing clock.</summary>
public sealed class IndexModel(PortalDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<Incident> Incidents { get; private set; } = [];
    public IReadOnlyDictionary<Guid, string> Agencies { get; private set; } = new Dictionary<Guid, string>();
    public DateTime NowUtc { get; private set; }
    public bool CanReport => User.CanRegisterSystems();

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(500, cancellationToken);

    /// <summary>The incidents the user may see, with their clocks, as Excel.</summary>
    public async Task<Microsoft.AspNetCore.Mvc.IActionResult> OnGetExcelAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(100_000, cancellationToken);
        var file = Spreadsheet.Write("Sự cố",
            ["Sự cố", "Loại", "Cơ quan báo cáo", "Phát hiện lúc", "Nghiêm trọng", "Trạng thái", "Thông báo ban đầu", "Báo cáo đầy đủ"],
            Incidents.Select(i => (IReadOnlyList<object?>)[i.Title, i.Kind.Vietnamese(), Agencies.GetValueOrDefault(i.AgencyId), Display.DateTime(i.DetectedAtUtc),
                i.Serious ? "Có" : "", i.Status.Vietnamese(), i.InitialNoticeAtUtc is { } n ? Display.DateTime(n) : null, i.FullReportAtUtc is { } f ? Display.DateTime(f) : null]));
        return File(file, Spreadsheet.ContentType, "su-co.xlsx");
    }

    private async Task LoadAsync(int limit, CancellationToken cancellationToken)
    {
        NowUtc = clock.GetUtcNow().UtcDateTime;
        Incidents = await db.Incidents.AsNoTracking().VisibleTo(User)
            .OrderBy(i => i.Status == IncidentStatus.Closed).ThenByDescending(i => i.DetectedAtUtc)
            .Take(limit).ToListAsync(cancellationToken);
        var ids = Incidents.Select(i => i.AgencyId).Distinct().ToList();
        Agencies = await db.Agencies.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
    }
}
