using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Web.Authorization;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Options;
using SecurityPortal.Web.Registry;

namespace SecurityPortal.Web.Pages.Systems;

public sealed class IndexModel(PortalDbContext db, RegistryOptions registry, TimeProvider clock) : PageModel
{
    public const int PageSize = 25;
    public const int MaxPage = 10_000;

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "agency")]
    public Guid? AgencyId { get; set; }

    [BindProperty(SupportsGet = true, Name = "agencyq")]
    public string? AgencyQuery { get; set; }

    [BindProperty(SupportsGet = true, Name = "kind")]
    public SystemFunctionKind? Kind { get; set; }

    /// <summary>An approved level 1–5, or 0 for "no approved level yet".</summary>
    [BindProperty(SupportsGet = true, Name = "level")]
    public int? Level { get; set; }

    [BindProperty(SupportsGet = true, Name = "status")]
    public LifecycleStatus? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "flagged")]
    public bool Flagged { get; set; }

    [BindProperty(SupportsGet = true, Name = "sort")]
    public string? Sort { get; set; }

    [BindProperty(SupportsGet = true, Name = Pager.QueryName)]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public bool TotalCapped { get; private set; }
    public Pager Pager => new(PageNumber, PageSize, Total, p => RouteFor(p), TotalCapped);
    public AgencyFilter AgencyChoice { get; private set; } = new("Cơ quan, đơn vị", null, null, []);
    public bool CanRegister => User.CanRegisterSystems();

    public sealed record Row(
        Guid Id, string Code, string Name, string OwnerName, string OperatorName, SystemFunctionKind Kind,
        LifecycleStatus Lifecycle, int? ApprovedLevel, int FlaggedComponents, int Endpoints);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Clamp(PageNumber, 1, MaxPage);
        var matching = Matching();
        (Total, TotalCapped) = await Pager.CountAsync(matching, PageNumber, PageSize, cancellationToken);
        Rows = await Project(Ordered(matching).Skip((PageNumber - 1) * PageSize).Take(PageSize)).ToListAsync(cancellationToken);
        AgencyChoice = await AgencyFilter.LoadAsync("Cơ quan, đơn vị", db.Agencies.VisibleTo(User), AgencyId, AgencyQuery, cancellationToken);
    }

    /// <summary>The current filtered list (every page, same scoping) as an Excel file.</summary>
    public IActionResult OnGetExcel()
    {
        var matching = Matching();
        var stamp = VietnamTime.Today(clock).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return Spreadsheet.Download($"he-thong-thong-tin-{stamp}.xlsx", "Hệ thống thông tin",
            ["Mã hệ thống", "Tên hệ thống", "Cơ quan chủ quản", "Đơn vị vận hành", "Loại hệ thống", "Cấp độ đã phê duyệt", "Trạng thái", "Số địa chỉ", "Phần mềm cần xử lý"],
            Project(Ordered(matching)),
            r => [r.Code, r.Name, r.OwnerName, r.OperatorName, r.Kind.Vietnamese(), r.ApprovedLevel, r.Lifecycle.Vietnamese(), r.Endpoints, r.FlaggedComponents],
            matching);
    }

    /// <summary>The systems the filters keep, unordered: what the list counts.</summary>
    private IQueryable<InformationSystem> Matching()
    {
        var systems = db.InformationSystems.AsNoTracking().VisibleTo(User);
        if (SearchText.Normalize(Query) is { Length: > 0 } term)
        {
            systems = systems.Where(s => s.SearchText.Contains(term));
        }

        if (AgencyId is { } agencyId)
        {
            systems = systems.Where(s => s.OwnerAgencyId == agencyId || s.OperatorAgencyId == agencyId);
        }
        else if (AgencyFilter.Matching(db.Agencies, AgencyQuery) is { } matching)
        {
            systems = systems.Where(s => matching.Contains(s.OwnerAgencyId) || matching.Contains(s.OperatorAgencyId));
        }

        if (Kind is { } kind)
        {
            systems = systems.Where(s => s.FunctionKind == kind);
        }

        if (Level is 0)
        {
            systems = systems.Where(s => s.ApprovedLevel == null);
        }
        else if (Level is { } level)
        {
            systems = systems.Where(s => s.ApprovedLevel == level);
        }

        if (Status is { } status)
        {
            systems = systems.Where(s => s.Lifecycle == status);
        }

        if (Flagged)
        {
            var needsAttention = NeedsAttention();
            systems = systems.Where(s => db.SoftwareComponents.Where(c => c.SystemId == s.Id).Any(needsAttention));
        }

        return systems;
    }

    /// <summary>The list's order; by name (the default) and by code it comes from an index, so a page reads its own rows.</summary>
    private IQueryable<InformationSystem> Ordered(IQueryable<InformationSystem> systems) =>
        Sort switch
        {
            "code" => systems.OrderBy(s => s.Code),
            "level" => systems.OrderByDescending(s => s.ApprovedLevel).ThenBy(s => s.Name),
            "status" => systems.OrderBy(s => s.Lifecycle).ThenBy(s => s.Name),
            _ => systems.OrderBy(s => s.Name).ThenBy(s => s.Code),
        };

    private IQueryable<Row> Project(IQueryable<InformationSystem> systems)
    {
        var needsAttention = NeedsAttention();
        return systems.Select(s => new Row(
            s.Id, s.Code, s.Name,
            db.Agencies.Where(a => a.Id == s.OwnerAgencyId).Select(a => a.Name).First(),
            db.Agencies.Where(a => a.Id == s.OperatorAgencyId).Select(a => a.Name).First(),
            s.FunctionKind, s.Lifecycle, s.ApprovedLevel,
            db.SoftwareComponents.Where(c => c.SystemId == s.Id).Count(needsAttention),
            db.SystemEndpoints.Count(e => e.SystemId == s.Id)));
    }

    private System.Linq.Expressions.Expression<Func<SoftwareComponent, bool>> NeedsAttention() =>
        SystemQueries.NeedsAttention(VietnamTime.Today(clock), registry.MaxDaysSincePatch);

    public Dictionary<string, string> RouteFor(int page, string? sort = null) => new()
    {
        ["q"] = Query ?? string.Empty,
        ["agency"] = AgencyId?.ToString() ?? string.Empty,
        ["agencyq"] = AgencyQuery ?? string.Empty,
        ["kind"] = Kind?.ToString() ?? string.Empty,
        ["level"] = Level?.ToString(CultureInfo.InvariantCulture) ?? string.Empty,
        ["status"] = Status?.ToString() ?? string.Empty,
        ["flagged"] = Flagged ? "true" : string.Empty,
        ["sort"] = sort ?? Sort ?? string.Empty,
        [Pager.QueryName] = page.ToString(CultureInfo.InvariantCulture),
    };
}
