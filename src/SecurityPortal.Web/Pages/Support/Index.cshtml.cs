using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Support;
using SecurityPortal.Web.Authorization;
using SecurityPortal.Web.Notifications;

namespace SecurityPortal.Web.Pages.Support;

/// <summary>
/// The support requests the user may see: an officer their agency's, the provincial roles every one, filtered by state, urgency,
/// overdue and assignee; open requests first, the earliest due first.
/// </summary>
public sealed class IndexModel(PortalDbContext db, Notifier notifier, TimeProvider clock) : PageModel
{
    public const int MaxRows = 500;

    /// <summary>The assignee filter's value for «requests nobody handles yet».</summary>
    public const string Unassigned = "none";

    public sealed record Row(Guid Id, string Title, string Agency, string? System, SupportCategory Category, SupportUrgency Urgency, SupportState State,
        DateTime DueAtUtc, string? Assignee);

    [BindProperty(SupportsGet = true)]
    public SupportState? State { get; set; }

    [BindProperty(SupportsGet = true)]
    public SupportUrgency? Urgency { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Overdue { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Assignee { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public List<SelectListItem> Reviewers { get; private set; } = [];
    public DateTime NowUtc { get; private set; }
    public bool CanOpen => User.OpensSupportRequests();
    public bool SeesAll => User.SeesAllAgencies();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        NowUtc = clock.GetUtcNow().UtcDateTime;
        var query = db.SupportRequests.AsNoTracking().VisibleTo(User);
        if (State is { } state)
        {
            query = query.Where(r => r.State == state);
        }

        if (Urgency is { } urgency)
        {
            query = query.Where(r => r.Urgency == urgency);
        }

        if (Overdue)
        {
            var now = NowUtc;
            query = query.Where(r => SupportRequest.Open.Contains(r.State) && r.DueAtUtc < now);
        }

        if (SeesAll && !string.IsNullOrEmpty(Assignee))
        {
            query = Assignee == Unassigned ? query.Where(r => r.AssigneeId == null) : query.Where(r => r.AssigneeId == Assignee);
        }

        Rows = await (from r in query
                      join a in db.Agencies on r.AgencyId equals a.Id
                      join s in db.InformationSystems on r.SystemId equals s.Id into systems
                      from s in systems.DefaultIfEmpty()
                      orderby r.State == SupportState.Closed, r.State == SupportState.Resolved, r.DueAtUtc
                      select new Row(r.Id, r.Title, a.Name, s == null ? null : s.Name, r.Category, r.Urgency, r.State, r.DueAtUtc, r.AssigneeName))
            .Take(MaxRows).ToListAsync(cancellationToken);
        if (SeesAll)
        {
            var reviewerIds = await notifier.ReviewerIdsAsync(cancellationToken);
            Reviewers = await db.Users.AsNoTracking().Where(u => reviewerIds.Contains(u.Id)).OrderBy(u => u.FullName)
                .Select(u => new SelectListItem(u.FullName, u.Id, u.Id == Assignee)).ToListAsync(cancellationToken);
        }
    }

    public bool IsOverdue(Row row) => SupportRequest.IsOverdueFor(row.State, row.DueAtUtc, NowUtc);
}
