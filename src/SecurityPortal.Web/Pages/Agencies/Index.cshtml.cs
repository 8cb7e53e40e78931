using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Common;
using SecurityPortal.Web.Authorization;
using SecurityPortal.Web.Infrastructure;

namespace SecurityPortal.Web.Pages.Agencies;

/// <summary>The agency tree: depth-first under each parent, or a flat list of matches when searching.</summary>
public sealed class IndexModel(PortalDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = "kind")]
    public AgencyKind? Kind { get; set; }

    [BindProperty(SupportsGet = true, Name = "inactive")]
    public bool IncludeInactive { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public bool CanManage => User.ManagesAgencies();

    public sealed record Row(Guid Id, string Code, string Name, AgencyKind Kind, bool IsActive, int Depth, int Systems);

    public async Task OnGetAsync(CancellationToken cancellationToken) => Rows = await LoadAsync(cancellationToken);

    /// <summary>The list as shown (same filters, same scoping) as an Excel file.</summary>
    public async Task<IActionResult> OnGetExcelAsync([FromServices] TimeProvider clock, CancellationToken cancellationToken)
    {
        var rows = await LoadAsync(cancellationToken);
        var codes = await db.Agencies.AsNoTracking().VisibleTo(User).ToDictionaryAsync(a => a.Id, a => new { a.ShortName, ParentCode = db.Agencies.Where(p => p.Id == a.ParentId).Select(p => p.Code).FirstOrDefault() }, cancellationToken);
        var file = Spreadsheet.Write(
            "Cơ quan đơn vị",
            ["Mã định danh", "Tên đầy đủ", "Tên viết tắt", "Loại", "Mã cơ quan cấp trên", "Số hệ thống", "Trạng thái"],
            rows.Select(r => (IReadOnlyList<object?>)
            [
                r.Code, new string(' ', r.Depth * 2) + r.Name, codes[r.Id].ShortName, r.Kind.Vietnamese(), codes[r.Id].ParentCode, r.Systems,
                r.IsActive ? "Đang hoạt động" : "Đã ngừng",
            ]));
        var stamp = VietnamTime.Today(clock).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return File(file, Spreadsheet.ContentType, $"co-quan-don-vi-{stamp}.xlsx");
    }

    private async Task<IReadOnlyList<Row>> LoadAsync(CancellationToken cancellationToken)
    {
        var agencies = db.Agencies.AsNoTracking().VisibleTo(User);
        if (!IncludeInactive)
        {
            agencies = agencies.Where(a => a.IsActive);
        }

        var all = await agencies
            .Select(a => new
            {
                a.Id, a.Code, a.Name, a.Kind, a.IsActive, a.ParentId, a.SearchName,
                Systems = db.InformationSystems.Count(s => s.OwnerAgencyId == a.Id || s.OperatorAgencyId == a.Id),
            })
            .ToListAsync(cancellationToken);

        var term = SearchText.Normalize(Query);
        if (term.Length > 0 || Kind is not null)
        {
            return all.Where(a => (term.Length == 0 || a.SearchName.Contains(term, StringComparison.Ordinal)) && (Kind is null || a.Kind == Kind))
                .OrderBy(a => a.Name, StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), ignoreCase: true))
                .Select(a => new Row(a.Id, a.Code, a.Name, a.Kind, a.IsActive, 0, a.Systems))
                .ToList();
        }

        var ids = all.Select(a => a.Id).ToHashSet();
        var children = all.ToLookup(a => a.ParentId is { } p && ids.Contains(p) ? p : (Guid?)null);
        var rows = new List<Row>();
        var order = StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), ignoreCase: true);
        void Walk(Guid? parent, int depth)
        {
            foreach (var a in children[parent].OrderBy(a => a.Name, order))
            {
                rows.Add(new Row(a.Id, a.Code, a.Name, a.Kind, a.IsActive, depth, a.Systems));
                Walk(a.Id, depth + 1);
            }
        }

        Walk(null, 0);
        return rows;
    }
}
