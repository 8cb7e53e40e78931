using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Assessments;
using SecurityPortal.Web.Reporting;

namespace SecurityPortal.Web.Pages.Dashboard;

/// <summary>The leadership dashboard: headline figures, charts with table views, filters, and the way to the ranking.</summary>
public sealed class IndexModel(PortalDbContext db, ComplianceFigures figures, TimeProvider clock) : PageModel
{
    public static readonly int[] Periods = [30, 90, 180, 365];

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "kind")]
    public AgencyKind? Kind { get; set; }

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "parent")]
    public Guid? ParentId { get; set; }

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "level")]
    public int? Level { get; set; }

    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true, Name = "period")]
    public int Period { get; set; } = 90;

    public FigureSet Set { get; private set; } = null!;
    public IReadOnlyList<(string Code, string Title, ScoreLine Line)> Groups { get; private set; } = [];
    public IReadOnlyList<TrendPoint> Trend { get; private set; } = [];
    public List<SelectListItem> Parents { get; private set; } = [];
    public WebsiteFigures? Websites { get; private set; }

    /// <summary>The directives still followed, with how many agencies have reported (the small card).</summary>
    public IReadOnlyList<OpenDirective> OpenDirectives { get; private set; } = [];

    public FigureFilter Filter => new(Kind is { } k && Enum.IsDefined(k) ? k : null, ParentId, Level is >= 1 and <= 5 ? Level : null, null,
        Periods.Contains(Period) ? Period : 90);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var filter = Filter;
        var data = await figures.DashboardAsync(filter, cancellationToken);
        (Set, Groups, Trend, Websites) = (data.Set, data.Groups, data.Trend, data.Websites);
        OpenDirectives = await DirectiveFigures.OpenAsync(db, Domain.Common.VietnamTime.Today(clock), cancellationToken);
        var parentIds = db.Agencies.Where(a => a.ParentId != null).Select(a => a.ParentId);
        Parents = await db.Agencies.AsNoTracking().Where(a => a.IsActive && parentIds.Contains(a.Id)).OrderBy(a => a.Name)
            .Select(a => new SelectListItem(a.Name, a.Id.ToString())).ToListAsync(cancellationToken);
    }

    /// <summary>Chart data for dashboard.js, as a data attribute (no inline script under the CSP).</summary>
    public string ChartJson(string kind)
    {
        var f = Set.Total;
        object data = kind switch
        {
            "levels" => new { labels = new[] { "Cấp độ 1", "Cấp độ 2", "Cấp độ 3", "Cấp độ 4", "Cấp độ 5", "Chưa phê duyệt" }, values = new[] { f.ByLevel[1], f.ByLevel[2], f.ByLevel[3], f.ByLevel[4], f.ByLevel[5], f.Systems - f.WithApprovedLevel } },
            "approval" => new { labels = new[] { "Đã phê duyệt", "Hồ sơ đang xử lý", "Hồ sơ đang soạn, bị trả lại", "Chưa có hồ sơ" }, values = new[] { f.WithApprovedLevel, f.DossierInProgress, f.DossierDraft, f.NoDossier } },
            "groups" => new { labels = Groups.Select(g => g.Title).ToArray(), values = Groups.Select(g => g.Line.Percent ?? 0m).ToArray() },
            _ => new
            {
                labels = Trend.Select(t => t.Day.ToString("MM/yyyy", CultureInfo.InvariantCulture)).ToArray(),
                approved = Trend.Select(t => t.ApprovedShare).ToArray(),
                score = Trend.Select(t => t.AverageScore).ToArray(),
                open = Trend.Select(t => t.OpenTasks).ToArray(),
                overdue = Trend.Select(t => t.OverdueTasks).ToArray(),
            },
        };
        return JsonSerializer.Serialize(data);
    }
}
