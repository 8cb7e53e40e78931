using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Dossiers;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Web.Authorization;
using SecurityPortal.Web.Infrastructure;

namespace SecurityPortal.Web.Pages.Dossiers;

/// <summary>
/// The classification queue: dossiers sorted by their legal deadline (overdue first), with filters; and, for people
/// who prepare dossiers, the systems that have neither an approved level nor an open dossier.
/// </summary>
public sealed class IndexModel(PortalDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 25;
    public const int ExportLimit = 100_000;

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

    public sealed record Row(Guid Id, Guid SystemId, string SystemName, string OwnerName, int? ProposedLevel, DossierState State, DateOnly? Due, DateOnly CreatedOn, string RuleSet);

    public sealed record Unclassified(Guid Id, string Name, string OwnerName);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public IReadOnlyList<Unclassified> WithoutDossier { get; private set; } = [];
    public int Total { get; private set; }
    public DateOnly Today { get; private set; }
    public Shared.AgencyFilter? AgencyChoice { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Clamp(PageNumber, 1, 10_000);
        var withDue = Filtered();
        Total = await withDue.CountAsync(cancellationToken);
        var rows = await withDue.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        Rows = rows.Select(r => new Row(r.Id, r.SystemId, r.SystemName, r.OwnerName, r.ProposedLevel, r.State, r.Due, r.CreatedOn, Domain.Classification.ClassificationText.Citation(r.RuleSet))).ToList();

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
            ? await Shared.AgencyFilter.LoadAsync("Cơ quan", db.Agencies, AgencyId, AgencyQuery, cancellationToken)
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
    });

    /// <summary>Every dossier the filters keep (not only the page shown), as Excel.</summary>
    public async Task<IActionResult> OnGetExcelAsync(CancellationToken cancellationToken)
    {
        var rows = await Filtered().Take(ExportLimit).ToListAsync(cancellationToken);
        var file = Spreadsheet.Write("Hồ sơ cấp độ",
            ["Hệ thống", "Cơ quan chủ quản", "Cấp độ đề xuất", "Trạng thái", "Hạn bước hiện tại", "Quá hạn", "Ngày lập", "Căn cứ"],
            rows.Select(r => (IReadOnlyList<object?>)[r.SystemName, r.OwnerName, r.ProposedLevel, r.State.Vietnamese(), r.Due is { } d ? Display.Date(d) : null,
                r.Due is { } due && due < Today ? "Có" : "", Display.Date(r.CreatedOn), Domain.Classification.ClassificationText.Citation(r.RuleSet)]));
        return File(file, Spreadsheet.ContentType, $"ho-so-cap-do-{Today:yyyyMMdd}.xlsx");
    }

    /// <summary>The dossiers the filters keep, in queue order: the page and the Excel export read the same query.</summary>
    private IQueryable<QueueRow> Filtered()
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

        var query = from d in dossiers
                    join s in db.InformationSystems on d.SystemId equals s.Id
                    join a in db.Agencies on s.OwnerAgencyId equals a.Id
                    select new { d, s, a };
        if (AgencyId is { } agencyId)
        {
            query = query.Where(x => x.s.OwnerAgencyId == agencyId || x.s.OperatorAgencyId == agencyId);
        }
        else if (Shared.AgencyFilter.Matching(db.Agencies, AgencyQuery) is { } matching)
        {
            query = query.Where(x => matching.Contains(x.s.OwnerAgencyId) || matching.Contains(x.s.OperatorAgencyId));
        }

        // The current step's deadline, as LevelDossier.DueDate computes it, in a form the database can sort on.
        var withDue = query.Select(x => new QueueRow
        {
            Id = x.d.Id, SystemId = x.s.Id, SystemName = x.s.Name, OwnerName = x.a.Name, ProposedLevel = x.d.ProposedLevel, State = x.d.State,
            CreatedOn = x.d.CreatedOn, CreatedAtUtc = x.d.CreatedAtUtc, RuleSet = x.d.RuleSet,
            Due = x.d.State == DossierState.Submitted ? x.d.CompletenessDue
                : x.d.State == DossierState.UnderAppraisal ? x.d.AppraisalDue
                : x.d.State == DossierState.AwaitingApproval ? x.d.ApprovalDue
                : null,
        });
        if (Overdue)
        {
            var today = Today;
            withDue = withDue.Where(x => x.Due != null && x.Due < today);
        }

        return withDue.OrderBy(x => x.Due == null).ThenBy(x => x.Due).ThenByDescending(x => x.CreatedAtUtc);
    }

    private sealed class QueueRow
    {
        public Guid Id { get; init; }
        public Guid SystemId { get; init; }
        public string SystemName { get; init; } = string.Empty;
        public string OwnerName { get; init; } = string.Empty;
        public int? ProposedLevel { get; init; }
        public DossierState State { get; init; }
        public DateOnly? Due { get; init; }
        public DateOnly CreatedOn { get; init; }
        public DateTime CreatedAtUtc { get; init; }
        public Domain.Classification.RuleSet RuleSet { get; init; }
    }
}
