using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Notifications;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Web.Authorization;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Notifications;

namespace SecurityPortal.Web.Pages.Tasks;

/// <summary>
/// Remediation tasks: mine, my agency's board, or the province for reviewers — overdue first, then by due date, with
/// filters, an Excel export of what is shown, bulk verification and due-date changes for reviewers, and bulk reassignment
/// for reviewers and for officers (their agency's tasks, to the people of the task's agencies).
/// </summary>
public sealed class IndexModel(PortalDbContext db, Notifier notifier, TimeProvider clock, ILogger<IndexModel> logger) : PageModel
{
    /// <summary>At most this many tasks are acted on in one bulk action.</summary>
    public const int MaxRows = 500;
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "view")]
    public string? View { get; set; }

    [BindProperty(SupportsGet = true, Name = "status")]
    public RemediationStatus? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "severity")]
    public TaskSeverity? Severity { get; set; }

    [BindProperty(SupportsGet = true, Name = "source")]
    public TaskSource? Source { get; set; }

    [BindProperty(SupportsGet = true, Name = "overdue")]
    public bool Overdue { get; set; }

    [BindProperty(SupportsGet = true, Name = Pager.QueryName)]
    public int PageNumber { get; set; } = 1;

    [BindProperty]
    public List<Guid> Selected { get; set; } = [];

    [BindProperty]
    public DateOnly? NewDueDate { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    [BindProperty]
    public string? AssigneeId { get; set; }

    /// <summary>The people tasks can be reassigned to: for reviewers the active users of every agency, for officers those of their agency.</summary>
    public List<SelectListItem> People { get; private set; } = [];

    public sealed record Row(Guid Id, string Title, string SystemName, string AgencyName, TaskSeverity Severity, RemediationStatus Status, DateOnly DueDate, string? Assignee, TaskSource Source);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }

    /// <summary>True when <see cref="Total"/> is where counting stopped (<see cref="Pager.CountAsync"/>).</summary>
    public bool TotalCapped { get; private set; }
    public DateOnly Today { get; private set; }
    public bool IsReviewer => User.ReviewsTasks();

    /// <summary>Who selects tasks on this list: reviewers (every bulk action) and officers (reassignment only).</summary>
    public bool CanReassign => User.ReassignsTasks();

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public IActionResult OnGetExcel()
    {
        var matching = Matching();
        return Spreadsheet.Download($"nhiem-vu-khac-phuc-{Today:yyyyMMdd}.xlsx", "Nhiệm vụ khắc phục",
            ["Nhiệm vụ", "Hệ thống", "Cơ quan chủ quản", "Mức độ", "Trạng thái", "Hạn xử lý", "Quá hạn", "Giao cho", "Nguồn"],
            take => WithNames(InOrder(matching).Take(take)),
            r => [r.Title, r.SystemName, r.AgencyName, r.Severity.Vietnamese(), r.Status.Vietnamese(), Display.Date(r.DueDate),
                IsOverdue(r) ? "Có" : "", r.Assignee, r.Source.Vietnamese()],
            matching);
    }

    /// <summary>
    /// Reviewers verify several resolved tasks at once; each is checked as if verified alone: a warning's task against the
    /// warning's rule and the registry again. A mitigation is accepted only on the task's own page, with its reason.
    /// </summary>
    public async Task<IActionResult> OnPostVerifyAsync(CancellationToken cancellationToken)
    {
        var ids = Selected.Distinct().Take(MaxRows).ToList();
        var fromWarnings = await db.RemediationTasks.VisibleTo(db, User)
            .Where(t => ids.Contains(t.Id) && t.Source == TaskSource.VulnerabilityWarning && t.SourceId != null)
            .Select(t => new { t.SystemId, WarningId = t.SourceId!.Value }).Distinct().ToListAsync(cancellationToken);
        var warningIds = fromWarnings.Select(x => x.WarningId).Distinct().ToList();
        var systemIds = fromWarnings.Select(x => x.SystemId).Distinct().ToList();
        var warnings = await db.VulnerabilityWarnings.AsNoTracking().Where(w => warningIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, cancellationToken);
        var systems = await db.InformationSystems.AsNoTracking().Include(s => s.Components).Where(s => systemIds.Contains(s.Id))
            .ToDictionaryAsync(s => s.Id, cancellationToken);
        return await BulkAsync((task, actor, now) =>
        {
            if (task.Source == TaskSource.VulnerabilityWarning && task.SourceId is { } warningId && warnings.TryGetValue(warningId, out var warning) && systems.TryGetValue(task.SystemId, out var system))
            {
                warning.Verify(task, system, actor, Reason, acceptMitigation: false, now);
            }
            else
            {
                task.Verify(actor, Reason, now);
            }
        }, "xác minh", cancellationToken);
    }

    public Task<IActionResult> OnPostDueAsync(CancellationToken cancellationToken) =>
        BulkAsync((task, actor, now) => task.ChangeDueDate(actor, NewDueDate ?? throw new DomainException("Hãy chọn hạn mới."), Reason, Today, now), "đổi hạn", cancellationToken);

    /// <summary>
    /// Reviewers, and officers for the tasks they may act on, reassign several tasks to one person, who must belong to the
    /// owner or operating agency of every task's system (as on the task's own page); the person is notified once.
    /// </summary>
    public async Task<IActionResult> OnPostAssignAsync(CancellationToken cancellationToken)
    {
        var person = AssigneeId is { Length: > 0 } id
            ? await db.Users.AsNoTracking().Where(u => u.Id == id && u.IsActive && u.AgencyId != null)
                .Select(u => new { u.Id, u.FullName, AgencyId = u.AgencyId!.Value }).FirstOrDefaultAsync(cancellationToken)
            : null;
        if (person is null)
        {
            return await RefuseAsync("Hãy chọn người nhận việc (người dùng đang hoạt động của một cơ quan).", cancellationToken);
        }

        var ids = Selected.Distinct().Take(MaxRows).ToList();
        var agenciesBySystem = await db.RemediationTasks.Where(t => ids.Contains(t.Id))
            .Join(db.InformationSystems, t => t.SystemId, s => s.Id, (t, s) => new { s.Id, s.OwnerAgencyId, s.OperatorAgencyId })
            .Distinct().ToDictionaryAsync(s => s.Id, s => new[] { s.OwnerAgencyId, s.OperatorAgencyId }, cancellationToken);
        var assigned = new List<RemediationTask>();
        var result = await BulkAsync((task, actor, now) =>
        {
            if (!agenciesBySystem.TryGetValue(task.SystemId, out var agencies) || !agencies.Contains(person.AgencyId))
            {
                throw new DomainException($"{person.FullName} không thuộc cơ quan chủ quản hoặc đơn vị vận hành của hệ thống này.");
            }

            task.Assign(actor, person.Id, person.FullName, now);
            assigned.Add(task);
        }, "giao lại", cancellationToken, officersToo: true, notify: () =>
        {
            var titles = string.Join("; ", assigned.Take(5).Select(t => $"«{t.Title}»"));
            notifier.Add([person.Id], NotificationKind.TaskAssigned,
                $"Bạn được giao {assigned.Count} nhiệm vụ: {titles}{(assigned.Count > 5 ? "…" : "")}", "/Tasks?view=mine");
        });
        return result;
    }

    private async Task<IActionResult> BulkAsync(
        Action<RemediationTask, TaskActor, DateTime> apply, string what, CancellationToken cancellationToken, bool officersToo = false, Action? notify = null)
    {
        if (!(officersToo ? CanReassign : IsReviewer))
        {
            return Forbid();
        }

        Today = VietnamTime.Today(clock);
        var ids = Selected.Distinct().Take(MaxRows).ToList();
        if (ids.Count == 0)
        {
            return await RefuseAsync("Hãy chọn ít nhất một nhiệm vụ.", cancellationToken);
        }

        var tasks = await db.RemediationTasks.VisibleTo(db, User).Include(t => t.Entries).Where(t => ids.Contains(t.Id)).ToListAsync(cancellationToken);
        if (tasks.Count < ids.Count)
        {
            // Another agency's task (or one that does not exist) is not found: nothing is changed.
            return await RefuseAsync($"Chưa {what} nhiệm vụ nào: không tìm thấy {ids.Count - tasks.Count} nhiệm vụ đã chọn.", cancellationToken);
        }

        var systemIds = tasks.Select(t => t.SystemId).Distinct().ToList();
        var systems = await db.InformationSystems.AsNoTracking().Where(s => systemIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, cancellationToken);
        var refused = new List<string>();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var task in tasks)
        {
            try
            {
                // Each task is acted on as on its own page: the user as the task workflow sees them for its system.
                apply(task, User.TaskActorFor(systems[task.SystemId]), now);
            }
            catch (DomainException ex)
            {
                refused.Add($"«{task.Title}»: {ex.Message}");
                db.Entry(task).State = EntityState.Unchanged;
            }
        }

        // All or nothing: a refusal leaves every selected task as it was, says why, and keeps the selection and the typed text.
        if (refused.Count > 0)
        {
            return await RefuseAsync($"Chưa {what} nhiệm vụ nào. {string.Join(" ", refused.Take(10))}", cancellationToken);
        }

        notify?.Invoke();
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Bulk {What} of {Count} tasks", what, tasks.Count);
        TempData.Success($"Đã {what} {tasks.Count} nhiệm vụ.");
        return RedirectToPage(Here());
    }

    private async Task<IActionResult> RefuseAsync(string message, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        ModelState.AddModelError(string.Empty, message);
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Clamp(PageNumber, 1, 10_000);
        var matching = Matching();
        (Total, TotalCapped) = await Pager.CountAsync(matching, PageNumber, PageSize, cancellationToken);
        Rows = await WithNames(InOrder(matching).Skip((PageNumber - 1) * PageSize).Take(PageSize)).ToListAsync(cancellationToken);
        if (CanReassign)
        {
            var agencyId = IsReviewer ? null : User.OfficerAgencyId();
            People = await (from u in db.Users.AsNoTracking()
                            join a in db.Agencies on u.AgencyId equals a.Id
                            where u.IsActive && (agencyId == null || u.AgencyId == agencyId)
                            orderby a.Name, u.FullName
                            select new SelectListItem(u.FullName + " — " + a.Name, u.Id)).ToListAsync(cancellationToken);
        }
    }

    public bool IsOverdue(Row row) => RemediationTask.IsOverdueFor(row.Status, row.DueDate, Today);

    /// <summary>The tasks the filters keep, unordered: what the list counts.</summary>
    private IQueryable<RemediationTask> Matching()
    {
        Today = VietnamTime.Today(clock);
        View ??= User.SeesAllAgencies() ? "all" : "agency";
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        var tasks = db.RemediationTasks.AsNoTracking().VisibleTo(db, User);
        if (View == "mine")
        {
            tasks = tasks.Where(t => t.AssigneeId == userId);
        }

        tasks = Status is { } status
            ? tasks.Where(t => t.Status == status)
            : tasks.Where(t => t.Status != RemediationStatus.Verified && t.Status != RemediationStatus.Cancelled);
        if (Severity is { } severity)
        {
            tasks = tasks.Where(t => t.Severity == severity);
        }

        if (Source is { } source)
        {
            tasks = tasks.Where(t => t.Source == source);
        }

        var today = Today;
        if (Overdue)
        {
            tasks = tasks.Where(t => RemediationTask.ToWorkOn.Contains(t.Status) && t.DueDate < today);
        }

        return tasks;
    }

    /// <summary>
    /// List order — by due date, the earliest first, so overdue work comes first — as the indexes on the due date hold
    /// it. Skip and take from this query before <see cref="WithNames"/>: the page is then chosen from the tasks alone and
    /// only its rows are joined, whatever join order the planner would pick for the whole (docs/performance.md).
    /// </summary>
    private static IQueryable<RemediationTask> InOrder(IQueryable<RemediationTask> tasks) => tasks.OrderBy(t => t.DueDate).ThenBy(t => t.Id);

    /// <summary>The chosen tasks with their system and owner, in list order.</summary>
    private IQueryable<Row> WithNames(IQueryable<RemediationTask> chosen) =>
        from t in chosen
        join s in db.InformationSystems on t.SystemId equals s.Id
        join a in db.Agencies on s.OwnerAgencyId equals a.Id
        orderby t.DueDate, t.Id
        select new Row(t.Id, t.Title, s.Name, a.Name, t.Severity, t.Status, t.DueDate, t.AssigneeName, t.Source);

    public Pager Pager => new(PageNumber, PageSize, Total, page => new Dictionary<string, string>(Route(null))
    {
        [Pager.QueryName] = page.ToString(CultureInfo.InvariantCulture),
    }, TotalCapped);

    /// <summary>This list as it is shown (filters and page): where a bulk action posts and returns, so nothing selected drops out of view.</summary>
    public Dictionary<string, string> Here() => Pager.RouteFor(PageNumber);

    public Dictionary<string, string> Route(string? view) => new()
    {
        ["view"] = view ?? View ?? string.Empty,
        ["status"] = Status?.ToString() ?? string.Empty,
        ["severity"] = Severity?.ToString() ?? string.Empty,
        ["source"] = Source?.ToString() ?? string.Empty,
        ["overdue"] = Overdue ? "true" : string.Empty,
    };

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
