using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Websites;
using SecurityPortal.Web.Authorization;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Reporting;
using SecurityPortal.Web.WebsiteWatch;

namespace SecurityPortal.Web.Pages.Websites;

/// <summary>Every watched website the user may see — the province for reviewers, their agency for officers — worst first.</summary>
public sealed class IndexModel(PortalDbContext db, WebsiteWatchService watchService, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "health")]
    public SiteHealth? Health { get; set; }

    [BindProperty(SupportsGet = true, Name = "expiring")]
    public bool Expiring { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Query { get; set; }

    [BindProperty(SupportsGet = true, Name = Pager.QueryName)]
    public int PageNumber { get; set; } = 1;

    public sealed record Row(
        Guid Id, string Url, Guid SystemId, string SystemName, string AgencyName, SiteHealth Health, DateTime? LastCheckedUtc, int? ResponseMs,
        DateTime? CertificateNotAfterUtc, string FindingCodes, bool Alert);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public WebsiteFigures Figures { get; private set; } = new(0, 0, 0, 0, 0);
    public DateTime NowUtc { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        NowUtc = clock.GetUtcNow().UtcDateTime;
        PageNumber = Math.Clamp(PageNumber, 1, 10_000);
        await watchService.SyncIfNeededAsync(cancellationToken);
        var rows = Filtered();
        Total = await rows.CountAsync(cancellationToken);
        Rows = await rows.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        Figures = await WebsiteFigures.CountAsync(db.WatchedWebsites.VisibleTo(db, User), NowUtc, cancellationToken);
    }

    public IActionResult OnGetExcel()
    {
        NowUtc = clock.GetUtcNow().UtcDateTime;
        var rows = Filtered();
        return Spreadsheet.Download($"giam-sat-trang-web-{VietnamTime.Today(clock).ToString("yyyyMMdd", CultureInfo.InvariantCulture)}.xlsx", "Giám sát trang web",
            ["Địa chỉ", "Hệ thống", "Cơ quan chủ quản", "Tình trạng", "Kiểm tra lần cuối", "Thời gian phản hồi (ms)", "Chứng thư số hết hạn", "Vấn đề phát hiện"],
            rows,
            r => [r.Url, r.SystemName, r.AgencyName, r.Health.Vietnamese(), r.LastCheckedUtc is { } c ? Display.DateTime(c) : null, r.ResponseMs,
                r.CertificateNotAfterUtc is { } n ? Display.DateTime(n) : null, Codes(r.FindingCodes)],
            rows);
    }

    public Dictionary<string, string> RouteFor(int page) => new()
    {
        ["health"] = Health?.ToString() ?? string.Empty, ["expiring"] = Expiring ? "true" : string.Empty, ["q"] = Query ?? string.Empty,
        [Pager.QueryName] = page.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The kinds of finding of a site, in Vietnamese, for lists.</summary>
    public static string Codes(string codes) => string.Join("; ", codes.Split(',', StringSplitOptions.RemoveEmptyEntries)
        .Select(c => Enum.TryParse<FindingCode>(c, out var code) ? WebsiteText.Label(code) : c));

    private IQueryable<Row> Filtered()
    {
        var watches = db.WatchedWebsites.AsNoTracking().VisibleTo(db, User).Where(w => w.Active);
        if (Health is { } health && Enum.IsDefined(health))
        {
            watches = watches.Where(w => w.Health == health);
        }

        if (Expiring)
        {
            var limit = NowUtc.AddDays(30);
            watches = watches.Where(w => w.CertificateNotAfterUtc != null && w.CertificateNotAfterUtc <= limit);
        }

        var folded = SearchText.Normalize(Query);
        var rows = from w in watches
                   join s in db.InformationSystems on w.SystemId equals s.Id
                   join a in db.Agencies on s.OwnerAgencyId equals a.Id
                   select new { w, s, a };
        if (folded.Length > 0)
        {
            var text = Query!.Trim().ToLowerInvariant();
            rows = rows.Where(x => x.w.Url.ToLower().Contains(text) || x.s.SearchText.Contains(folded) || x.a.SearchName.Contains(folded));
        }

        return rows
            .OrderByDescending(x => x.w.AlertCheckId != null)
            .ThenByDescending(x => x.w.Health == SiteHealth.Critical).ThenByDescending(x => x.w.Health == SiteHealth.Warning)
            .ThenBy(x => x.a.Name).ThenBy(x => x.w.Url)
            .Select(x => new Row(x.w.Id, x.w.Url, x.s.Id, x.s.Name, x.a.Name, x.w.Health, x.w.LastCheckedUtc, x.w.ResponseMs, x.w.CertificateNotAfterUtc,
                x.w.FindingCodes, x.w.AlertCheckId != null));
    }
}
