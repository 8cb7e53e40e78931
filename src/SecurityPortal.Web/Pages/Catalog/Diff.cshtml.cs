using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Catalog;
using SecurityPortal.Domain.Common;
using SecurityPortal.Web.Authorization;
using SecurityPortal.Web.Infrastructure;

namespace SecurityPortal.Web.Pages.Catalog;

/// <summary>Compares two versions (added, removed, changed requirements); a draft is published or discarded here.</summary>
public sealed class DiffModel(PortalDbContext db, ILogger<DiffModel> logger) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "from")]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public string? To { get; set; }

    public IReadOnlyList<CatalogVersion> Versions { get; private set; } = [];
    public CatalogVersion? Left { get; private set; }
    public CatalogVersion? Right { get; private set; }
    public CatalogDiff? Result { get; private set; }
    public bool CanManage => User.CanManageCatalog();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Versions = await db.CatalogVersions.AsNoTracking().OrderByDescending(v => v.EffectiveDate).ToListAsync(cancellationToken);
        From ??= Versions.FirstOrDefault(v => v.Status == CatalogStatus.Published && v.Code != To)?.Code;
        Left = await LoadAsync(From, cancellationToken);
        Right = await LoadAsync(To, cancellationToken);
        if (Left is not null && Right is not null)
        {
            Result = CatalogDiff.Compare(Left, Right);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken cancellationToken)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        var version = await db.CatalogVersions.Include(v => v.Requirements).FirstOrDefaultAsync(v => v.Code == To, cancellationToken);
        if (version is null)
        {
            return NotFound();
        }

        try
        {
            version.Publish();
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DomainException ex)
        {
            TempData.Error(ex.Message);
            return RedirectToPage(new { from = From, to = To });
        }

        logger.LogInformation("Catalog {Code} published", version.Code);
        TempData.Success($"Đã công bố danh mục {version.Code}.");
        return RedirectToPage("./Index", new { version = version.Code });
    }

    public async Task<IActionResult> OnPostDiscardAsync(CancellationToken cancellationToken)
    {
        if (!CanManage)
        {
            return Forbid();
        }

        var version = await db.CatalogVersions.FirstOrDefaultAsync(v => v.Code == To && v.Status == CatalogStatus.Draft, cancellationToken);
        if (version is null)
        {
            return NotFound();
        }

        db.CatalogVersions.Remove(version);
        await db.SaveChangesAsync(cancellationToken);
        TempData.Success($"Đã hủy bản dự thảo {version.Code}.");
        return RedirectToPage("./Index");
    }

    private Task<CatalogVersion?> LoadAsync(string? code, CancellationToken cancellationToken) =>
        code is null
            ? Task.FromResult<CatalogVersion?>(null)
            : db.CatalogVersions.AsNoTracking().Include(v => v.Requirements).ThenInclude(r => r.Levels).AsSplitQuery()
                .FirstOrDefaultAsync(v => v.Code == code, cancellationToken);
}
