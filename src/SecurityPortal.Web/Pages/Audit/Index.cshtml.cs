using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Auditing;
using SecurityPortal.Domain.Common;
using SecurityPortal.Web.AuditTrail;

namespace SecurityPortal.Web.Pages.Audit;

/// <summary>Read-only view of the audit trail for administrators and auditors.</summary>
public sealed class IndexModel(PortalDbContext db, ChangeDescriber changes) : PageModel
{
    public const int PageSize = 50;

    /// <summary>Deep enough for any real search; keeps the row offset far from overflow.</summary>
    public const int MaxPage = 100_000;

    [BindProperty(SupportsGet = true, Name = "entity")]
    public string? EntityType { get; set; }

    [BindProperty(SupportsGet = true, Name = "action")]
    public string? Action { get; set; }

    [BindProperty(SupportsGet = true, Name = "user")]
    public string? UserName { get; set; }

    [BindProperty(SupportsGet = true, Name = "from")]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public DateOnly? To { get; set; }

    [BindProperty(SupportsGet = true, Name = Infrastructure.Pager.QueryName)]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<ChangeRow> Entries { get; private set; } = [];
    public int Total { get; private set; }
    public bool TotalCapped { get; private set; }
    public Infrastructure.Pager Pager => new(PageNumber, PageSize, Total, p => RouteFor(p), TotalCapped);
    public IReadOnlyList<SelectListItem> EntityTypes { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Clamp(PageNumber, 1, MaxPage);
        var query = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(EntityType))
        {
            query = query.Where(e => e.EntityType == EntityType);
        }

        if (Enum.TryParse<AuditAction>(Action, out var action))
        {
            query = query.Where(e => e.Action == action);
        }

        if (!string.IsNullOrWhiteSpace(UserName))
        {
            var name = UserName.Trim();
            query = query.Where(e => e.UserName != null && e.UserName.Contains(name));
        }

        if (From is { } from)
        {
            var start = VietnamTime.ToUtc(from.ToDateTime(TimeOnly.MinValue));
            query = query.Where(e => e.OccurredAtUtc >= start);
        }

        if (To is { } to)
        {
            var end = VietnamTime.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue));
            query = query.Where(e => e.OccurredAtUtc < end);
        }

        (Total, TotalCapped) = await Infrastructure.Pager.CountAsync(query, PageNumber, PageSize, cancellationToken);
        var entries = await query.OrderByDescending(e => e.OccurredAtUtc).ThenByDescending(e => e.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        Entries = await changes.DescribeAsync(entries, cancellationToken);
        // The filter lists what can be audited, taken from the model (no scan of the large trail), by Vietnamese name.
        EntityTypes = changes.EntityChoices().Select(t => new SelectListItem(t.Name, t.Value, t.Value == EntityType)).ToList();
    }

    public Dictionary<string, string> RouteFor(int page) => new()
    {
        ["entity"] = EntityType ?? string.Empty,
        ["action"] = Action ?? string.Empty,
        ["user"] = UserName ?? string.Empty,
        ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty,
        ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty,
        [Infrastructure.Pager.QueryName] = page.ToString(CultureInfo.InvariantCulture),
    };
}
