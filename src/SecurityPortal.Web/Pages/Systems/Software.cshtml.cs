using System.Globalization;
using System.Text;
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

/// <summary>
/// Cross-agency software search for provincial staff: "which systems run product X below version Y".
/// The product name matches without case or diacritics; versions compare semantically in memory, because
/// no provider can order "2.4.9" before "2.4.58" in SQL.
/// </summary>
public sealed class SoftwareModel(PortalDbContext db, RegistryOptions registry, TimeProvider clock) : PageModel
{
    public const int MaxRows = 5_000;

    [BindProperty(SupportsGet = true, Name = "product")]
    public string? Product { get; set; }

    [BindProperty(SupportsGet = true, Name = "below")]
    public string? Below { get; set; }

    [BindProperty(SupportsGet = true, Name = "decommissioned")]
    public bool IncludeDecommissioned { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public string? Problem { get; private set; }
    public bool Truncated { get; private set; }

    public sealed record Row(
        Guid SystemId, string SystemCode, string SystemName, string OwnerName, LifecycleStatus Lifecycle, string Product, string? Vendor,
        string? Version, DateOnly? EndOfLife, DateOnly? LastPatched, ComponentAlert Alert, bool VersionUnknown);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await SearchAsync(cancellationToken);

    /// <summary>The same rows as the page, as CSV that Excel opens with Vietnamese intact (UTF-8 with BOM).</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        await SearchAsync(cancellationToken);
        if (Problem is not null)
        {
            return Page();
        }

        var csv = new StringBuilder();
        csv.AppendLine("Mã hệ thống,Tên hệ thống,Cơ quan chủ quản,Trạng thái,Sản phẩm,Nhà cung cấp,Phiên bản,Hết hỗ trợ,Vá gần nhất,Cảnh báo");
        foreach (var r in Rows)
        {
            csv.AppendLine(string.Join(',', new[]
            {
                r.SystemCode, r.SystemName, r.OwnerName, r.Lifecycle.Vietnamese(), r.Product, r.Vendor ?? string.Empty, r.Version ?? string.Empty,
                r.EndOfLife is { } eol ? Display.Date(eol) : string.Empty, r.LastPatched is { } patched ? Display.Date(patched) : string.Empty,
                SoftwareComponents.AlertText(r.Alert),
            }.Select(Csv.Field)));
        }

        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv.ToString())).ToArray();
        var stamp = VietnamTime.Today(clock).ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        return File(bytes, "text/csv; charset=utf-8", $"phan-mem-{stamp}.csv");
    }

    private async Task SearchAsync(CancellationToken cancellationToken)
    {
        var product = SearchText.Normalize(Product);
        if (product.Length == 0)
        {
            return;
        }

        SoftwareVersion? below = null;
        if (!string.IsNullOrWhiteSpace(Below) && !SoftwareVersion.TryParse(Below, out below))
        {
            Problem = $"'{Below}' không phải là số phiên bản (ví dụ hợp lệ: 6.4.3 hoặc 2.4.58).";
            return;
        }

        var systems = db.InformationSystems.AsNoTracking().VisibleTo(User);
        if (!IncludeDecommissioned)
        {
            systems = systems.Where(s => s.Lifecycle != LifecycleStatus.Decommissioned);
        }

        var candidates = await db.SoftwareComponents.AsNoTracking()
            .Where(c => c.NormalizedProduct.Contains(product))
            .Join(systems, c => c.SystemId, s => s.Id, (c, s) => new { c, s })
            .OrderBy(x => x.s.Name).ThenBy(x => x.c.Product)
            .Take(MaxRows + 1)
            .Select(x => new
            {
                x.s.Id, x.s.Code, x.s.Name, x.s.Lifecycle, x.c.Product, x.c.Vendor, x.c.Version, x.c.EndOfLife, x.c.LastPatched,
                Owner = db.Agencies.Where(a => a.Id == x.s.OwnerAgencyId).Select(a => a.Name).First(),
            })
            .ToListAsync(cancellationToken);
        Truncated = candidates.Count > MaxRows;

        var today = VietnamTime.Today(clock);
        var rows = new List<Row>();
        foreach (var x in candidates.Take(MaxRows))
        {
            var parsed = SoftwareVersion.TryParse(x.Version, out var version) ? version : null;
            // A version that cannot be read is listed when a bound is given: nobody can say it is safe.
            if (below is not null && parsed is not null && parsed >= below)
            {
                continue;
            }

            rows.Add(new Row(x.Id, x.Code, x.Name, x.Owner, x.Lifecycle, x.Product, x.Vendor, x.Version, x.EndOfLife, x.LastPatched,
                SoftwareComponent.AlertFor(x.EndOfLife, x.LastPatched, today, registry.MaxDaysSincePatch), parsed is null));
        }

        Rows = rows;
    }
}
