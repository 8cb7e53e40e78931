using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Dossiers;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Web.Authorization;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Registry;

namespace SecurityPortal.Web.Pages.Dossiers;

/// <summary>
/// The classification queue: dossiers sorted by their legal deadline (overdue first), with filters; and, for people
/// who prepare dossiers, the systems that have neither an approved level nor an open dossier.
/// </summary>
public sealed class IndexModel(PortalDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 25;

    [BindProperty(SupportsGet = true, Name = "state")]
    public DossierState? State { get; set; }

    /// <summary>"open" (default): every state but approved and rejected; "all": everything.</summary>
    [BindProperty(SupportsGet = true, Name = "scope")]
    public string? Scope { get; set; }

    [BindProperty(SupportsGet = true, Name = "level")]
    public int? Level { get; set; }

    [BindProperty(SupportsGet = true, Name = "agency")]
    public Guid? AgencyId { get; set; }

    [BindProperty(SupportsGet = true, Name = "agencyq")]
    public string? AgencyQuery { get; set; }

    [BindProperty(SupportsGet = true, Name = "overdue")]
    public bool Overdue { get; set; }

    [BindProperty(SupportsGet = true, Name = Pager.QueryName)]
    public int PageNumber { get; set; } = 1;

    public sealed record Row(Guid Id, Guid SystemId, string SystemName, string OwnerName, int? ProposedLevel, DossierState State, DateOnly? Due, DateOnly CreatedOn, string RuleSet, DeadlineBasis? Basis);

    public sealed record Unclassified(Guid Id, string Name, string OwnerName);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<Unclassified> WithoutDossier { get; private set; } = [];
    public int Total { get; private set; }
    public bool TotalCapped { get; private set; }
    public DateOnly Today { get; private set; }
    public AgencyFilter? AgencyChoice { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Clamp(PageNumber, 1, 10_000);
        var matching = Matching();
        (Total, TotalCapped) = await Pager.CountAsync(matching, PageNumber, PageSize, cancellationToken);
        var rows = await WithNames(InOrder(matching).Skip((PageNumber - 1) * PageSize).Take(PageSize)).ToListAsync(cancellationToken);
        Rows = rows.Select(r => new Row(r.Id, r.SystemId, r.SystemName, r.OwnerName, r.ProposedLevel, r.State, r.Due, r.CreatedOn, Domain.Classification.ClassificationText.Citation(r.RuleSet),
            DossierRoute.Basis(r.RuleSet, r.ProposedLevel, r.State))).ToList();

        if (User.CanRegisterSystems())
        {
            var open = db.LevelDossiers.Where(d => d.State != DossierState.Approved && d.State != DossierState.Rejected).Select(d => d.SystemId);
            WithoutDossier = await (from s in db.InformationSystems.AsNoTracking().VisibleTo(User)
                                    join a in db.Agencies on s.OwnerAgencyId equals a.Id
                                    where s.ApprovedLevel == null && s.Lifecycle != LifecycleStatus.Decommissioned && !open.Contains(s.Id)
                                    orderby a.Name, s.Name
                                    select new Unclassified(s.Id, s.Name, a.Name)).Take(200).ToListAsync(cancellationToken);
        }

        AgencyChoice = User.SeesAllAgencies()
            ? await AgencyFilter.LoadAsync("Cơ quan", db.Agencies, AgencyId, AgencyQuery, cancellationToken)
            : null;
    }

    public Pager Pager => new(PageNumber, PageSize, Total, page => new Dictionary<string, string>
    {
        ["state"] = State?.ToString() ?? string.Empty,
        ["scope"] = Scope ?? string.Empty,
        ["level"] = Level?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
        ["agency"] = AgencyId?.ToString() ?? string.Empty,
        ["overdue"] = Overdue ? "true" : string.Empty,
        [Pager.QueryName] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }, TotalCapped);

    /// <summary>Every dossier the filters keep (not only the page shown), as Excel.</summary>
    public IActionResult OnGetExcel()
    {
        var matching = Matching();
        return Spreadsheet.Download($"ho-so-cap-do-{Today:yyyyMMdd}.xlsx", "Hồ sơ cấp độ",
            ["Hệ thống", "Cơ quan chủ quản", "Cấp độ đề xuất", "Trạng thái", "Hạn bước hiện tại", "Căn cứ thời hạn", "Quá hạn", "Ngày lập", "Căn cứ"],
            take => WithNames(InOrder(matching).Take(take)),
            r => [r.SystemName, r.OwnerName, r.ProposedLevel, r.State.Vietnamese(), r.Due is { } d ? Display.Date(d) : null,
                DossierRoute.Basis(r.RuleSet, r.ProposedLevel, r.State) is { } basis ? basis.Citation ?? basis.Rule : null, r.Due is { } due && due < Today ? "Có" : "", Display.Date(r.CreatedOn), Domain.Classification.ClassificationText.Citation(r.RuleSet)],
            matching);
    }

    /// <summary>
    /// The dossiers the filters keep, unordered: what the queue counts. No join unless an agency is chosen: reading each
    /// dossier's system row to count cost more than the rest of the page at P10 (docs/performance.md).
    /// </summary>
    private IQueryable<LevelDossier> Matching()
    {
        Today = VietnamTime.Today(clock);
        var dossiers = db.LevelDossiers.AsNoTracking().VisibleTo(db, User);
        if (State is { } state)
        {
            dossiers = dossiers.Where(d => d.State == state);
        }
        else if (Scope != "all")
        {
            dossiers = dossiers.Where(d => d.State != DossierState.Approved && d.State != DossierState.Rejected);
        }

        if (Level is { } level)
        {
            dossiers = dossiers.Where(d => d.ProposedLevel == level);
        }

        if (Overdue)
        {
            // QueueOrder is the current step's deadline (DateOnly.MaxValue when it has none, never before today).
            var today = Today;
            dossiers = dossiers.Where(d => d.QueueOrder < today);
        }

        if (AgencyId is { } agencyId)
        {
            var systems = db.InformationSystems.Where(s => s.OwnerAgencyId == agencyId || s.OperatorAgencyId == agencyId).Select(s => s.Id);
            dossiers = dossiers.Where(d => systems.Contains(d.SystemId));
        }
        else if (AgencyFilter.Matching(db.Agencies, AgencyQuery) is { } matching)
        {
            var systems = db.InformationSystems.Where(s => matching.Contains(s.OwnerAgencyId) || matching.Contains(s.OperatorAgencyId)).Select(s => s.Id);
            dossiers = dossiers.Where(d => systems.Contains(d.SystemId));
        }

        return dossiers;
    }

    /// <summary>
    /// Queue order — the current step's deadline, overdue first, those without one last, then the newest — as the
    /// queue indexes hold it: the page and the Excel export read the same query.
    /// </summary>
    private static IQueryable<LevelDossier> InOrder(IQueryable<LevelDossier> dossiers) =>
        dossiers.OrderBy(d => d.QueueOrder).ThenByDescending(d => d.CreatedAtUtc).ThenBy(d => d.Id);

    /// <summary>
    /// The chosen dossiers (skip and take from <see cref="InOrder"/> first, so the page is chosen from the dossiers alone
    /// and only its rows are joined) with their system and owner, in queue order.
    /// </summary>
    private IQueryable<QueueRow> WithNames(IQueryable<LevelDossier> dossiers) =>
        from d in dossiers
        join s in db.InformationSystems on d.SystemId equals s.Id
        join a in db.Agencies on s.OwnerAgencyId equals a.Id
        orderby d.QueueOrder, d.CreatedAtUtc descending, d.Id
        select new QueueRow
        {
            Id = d.Id, SystemId = s.Id, SystemName = s.Name, OwnerName = a.Name, ProposedLevel = d.ProposedLevel,
            State = d.State, CreatedOn = d.CreatedOn, RuleSet = d.RuleSet, QueueOrder = d.QueueOrder,
        };

    private sealed class QueueRow
    {
        public Guid Id { get; init; }
        public Guid SystemId { get; init; }
        public string SystemName { get; init; } = string.Empty;
        public string OwnerName { get; init; } = string.Empty;
        public int? ProposedLevel { get; init; }
        public DossierState State { get; init; }
        public DateOnly QueueOrder { get; init; }
        public DateOnly? Due => QueueOrder == DateOnly.MaxValue ? null : QueueOrder;
        public DateOnly CreatedOn { get; init; }
        public Domain.Classification.RuleSet RuleSet { get; init; }
    }
}
