using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Catalog;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Web.Pages.Catalog;

/// <summary>The requirement catalog: browse a version by level and group, search without diacritics, export as JSON.</summary>
public sealed class IndexModel(PortalDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "version")]
    public string? VersionCode { get; set; }

    [BindProperty(SupportsGet = true, Name = "level")]
    public int Level { get; set; } = 3;

    [BindProperty(SupportsGet = true, Name = "group")]
    public string? GroupCode { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    public IReadOnlyList<CatalogVersion> Versions { get; private set; } = [];
    public CatalogVersion? Version { get; private set; }
    public IReadOnlyList<(CatalogGroup Group, IReadOnlyList<CatalogRequirement> Requirements)> Groups { get; private set; } = [];
    public int Count { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Level = Math.Clamp(Level, 1, 5);
        Versions = await db.CatalogVersions.AsNoTracking().OrderByDescending(v => v.EffectiveDate).ToListAsync(cancellationToken);
        Version = await LoadAsync(VersionCode ?? Versions.FirstOrDefault(v => v.Status == CatalogStatus.Published)?.Code, cancellationToken);
        if (Version is null)
        {
            return;
        }

        var query = SearchText.Normalize(Query ?? string.Empty);
        var requirements = Version.ApplicableTo(Level)
            .Where(r => GroupCode is null || r.GroupCode == GroupCode)
            .Where(r => query.Length == 0 || SearchText.Normalize($"{r.Code} {r.Title} {r.Text} {r.ForLevel(Level)?.Text}").Contains(query, StringComparison.Ordinal))
            .ToList();
        Count = requirements.Count;
        Groups = Version.Groups.OrderBy(g => g.Order)
            .Select(g => (g, (IReadOnlyList<CatalogRequirement>)requirements.Where(r => r.GroupCode == g.Code).ToList()))
            .Where(g => g.Item2.Count > 0)
            .ToList();
    }

    /// <summary>The version as the JSON file it can be imported from.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var version = await LoadAsync(VersionCode, cancellationToken);
        return version is null
            ? NotFound()
            : File(CatalogDocument.From(version).ToJson(), "application/json", $"danh-muc-{version.Code}.json");
    }

    /// <summary>The version as an Excel workbook, which can be edited and imported as a new version.</summary>
    public async Task<IActionResult> OnGetExportExcelAsync(CancellationToken cancellationToken)
    {
        var version = await LoadAsync(VersionCode, cancellationToken);
        return version is null
            ? NotFound()
            : File(CatalogWorkbook.Write(CatalogDocument.From(version)), Infrastructure.Spreadsheet.ContentType, $"danh-muc-{version.Code}.xlsx");
    }

    private Task<CatalogVersion?> LoadAsync(string? code, CancellationToken cancellationToken) =>
        code is null
            ? Task.FromResult<CatalogVersion?>(null)
            : db.CatalogVersions.AsNoTracking()
                .Include(v => v.Groups).Include(v => v.Requirements).ThenInclude(r => r.Levels)
                .AsSplitQuery()
                .FirstOrDefaultAsync(v => v.Code == code, cancellationToken);
}
