using System.Linq.Expressions;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Assessments;
using SecurityPortal.Domain.Classification;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Directives;
using SecurityPortal.Domain.Dossiers;
using SecurityPortal.Domain.Incidents;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Domain.Reporting;
using SecurityPortal.Web.Authorization;
using SecurityPortal.Web.Reporting;

namespace SecurityPortal.Web.Inbox;

/// <summary>
/// «Việc của tôi»: what waits for the signed-in user, by role, oldest deadline first.
/// <list type="bullet">
/// <item>Agency officers, for their own agency only: dossiers returned to them, assessments to fill or returned, open tasks
/// assigned to them or to no one («chưa giao»), open tasks of vulnerability warnings, incidents whose reporting clock runs.</item>
/// <item>Provincial reviewers: dossiers to check, appraise or approve, assessments submitted or under review, resolved tasks
/// to verify (not those they resolved themselves), incidents not closed.</item>
/// <item>Leadership: the agencies with overdue work (one line each, with its counts) and the dossiers waiting for an approval.</item>
/// </list>
/// Every query starts from the aggregate's <c>VisibleTo</c> scope and only narrows it. The count (the menu's badge) runs the
/// same queries as the list, one COUNT each, and is kept for the request, so the home page counts nothing twice. Only
/// leadership's overdue agencies are counted differently on the badge: from the figures kept per agency
/// (<see cref="FigureRollup"/>: overdue tasks and dossiers of operating systems, the dashboard's own figures) instead of
/// going through every overdue task of the province on every page; the list counts the same things live.
/// </summary>
public sealed class PersonalInbox(PortalDbContext db, TimeProvider clock, ComplianceFigures figures)
{
    /// <summary>At most this many lines of one kind are listed; the count still counts them all.</summary>
    public const int MaxPerKind = 100;

    private int? _count;

    public async Task<int> CountAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (_count is { } known)
        {
            return known;
        }

        var today = VietnamTime.Today(clock);
        var count = 0;
        foreach (var source in Sources(user))
        {
            count += await source.CountAsync(cancellationToken);
        }

        if (user.IsLeadership())
        {
            await figures.EnsureKeptAsync(cancellationToken);
            count += await OverdueAgencies(user, today).CountAsync(cancellationToken);
        }

        _count = count;
        return count;
    }

    public async Task<InboxList> ListAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var today = VietnamTime.Today(clock);
        var items = new List<InboxItem>();
        var count = 0;
        foreach (var source in Sources(user))
        {
            var rows = await source.OrderBy(r => r.Due).ThenBy(r => r.Id).Take(MaxPerKind + 1).ToListAsync(cancellationToken);
            count += rows.Count > MaxPerKind ? await source.CountAsync(cancellationToken) : rows.Count;
            items.AddRange(rows.Take(MaxPerKind).Select(ItemOf));
        }

        if (user.IsLeadership())
        {
            var agencies = await OverdueByAgencyAsync(user, today, cancellationToken);
            count += agencies.Count;
            items.AddRange(agencies);
        }

        _count = count;
        var ordered = items.OrderBy(i => i.Due ?? DateOnly.MaxValue).ThenBy(i => i.Kind).ThenBy(i => i.Title, StringComparer.Ordinal).ToList();
        return new InboxList(ordered, count, today);
    }

    /// <summary>The user's kinds of work, each one query; a user with several roles gets each role's, never the same record twice.</summary>
    private IEnumerable<IQueryable<Row>> Sources(ClaimsPrincipal user)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty;
        var officerAgency = user.OfficerAgencyId();
        if (officerAgency is { } agencyId)
        {
            // The officer's own agency only, even for someone who also holds a provincial role: the scope, narrowed.
            var systems = db.InformationSystems.VisibleTo(user).Where(s => s.OwnerAgencyId == agencyId || s.OperatorAgencyId == agencyId);
            yield return Dossiers(user, systems.Where(s => s.OwnerAgencyId == agencyId), [DossierState.Returned, DossierState.NeedsRevision], OwnerRecordedLevels);
            yield return Assessments(user, systems, [AssessmentState.Draft, AssessmentState.Returned]);
            yield return Tasks(user, systems, InboxKind.Task, t => RemediationTask.ToWorkOn.Contains(t.Status)
                && t.Source != TaskSource.VulnerabilityWarning && (t.AssigneeId == userId || t.AssigneeId == null));
            yield return Tasks(user, systems, InboxKind.Warning, t => RemediationTask.ToWorkOn.Contains(t.Status) && t.Source == TaskSource.VulnerabilityWarning);
            yield return Incidents(db.Incidents.VisibleTo(user).Where(i => i.AgencyId == agencyId && i.Status != IncidentStatus.Closed
                && (i.FullReportAtUtc == null || (i.Serious && i.InitialNoticeAtUtc == null))), InboxKind.IncidentClock);
            yield return DirectiveReports(user, r => r.AgencyId == agencyId
                && (r.State == ReportState.NotStarted || r.State == ReportState.InProgress || r.State == ReportState.Returned), InboxKind.DirectiveToAnswer);
        }

        if (user.IsProvincialReviewer())
        {
            var systems = db.InformationSystems.VisibleTo(user);
            yield return Dossiers(user, systems, [DossierState.Submitted, DossierState.UnderAppraisal, DossierState.AwaitingApproval], exceptAwaitingLevels: OwnerRecordedLevels);
            yield return Assessments(user, systems, [AssessmentState.Submitted, AssessmentState.UnderReview]);
            yield return Tasks(user, systems, InboxKind.TaskToVerify, t => t.Status == RemediationStatus.Resolved && t.ResolvedById != userId);
            var incidents = db.Incidents.VisibleTo(user).Where(i => i.Status != IncidentStatus.Closed);
            yield return Incidents(officerAgency is { } own ? incidents.Where(i => i.AgencyId != own) : incidents, InboxKind.IncidentToFollow);
            yield return DirectiveReports(user, r => r.State == ReportState.Submitted, InboxKind.DirectiveToReview);
        }
        else if (user.IsLeadership())
        {
            yield return Dossiers(user, db.InformationSystems.VisibleTo(user), [DossierState.AwaitingApproval]);
        }
    }

    /// <summary>The levels whose approval only the owner agency's officers record (level 3): theirs to do, not the reviewers'.</summary>
    private static readonly int?[] OwnerRecordedLevels = DossierRoute.All.Where(r => r.Approver == Approver.Owner && !r.ProvinceRecordsDecision)
        .SelectMany(r => Enumerable.Range(r.MinLevel, r.MaxLevel - r.MinLevel + 1)).Select(l => (int?)l).ToArray();

    /// <summary>
    /// Dossiers in the given states, minus those awaiting approval at <paramref name="exceptAwaitingLevels"/>, plus those
    /// awaiting approval at <paramref name="awaitingLevels"/> that the user neither created nor submitted (the decision is theirs to record).
    /// </summary>
    private IQueryable<Row> Dossiers(
        ClaimsPrincipal user, IQueryable<InformationSystem> systems, DossierState[] states, int?[]? awaitingLevels = null, int?[]? exceptAwaitingLevels = null)
    {
        var awaiting = awaitingLevels ?? [];
        var except = exceptAwaitingLevels ?? [];
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty;
        return from d in db.LevelDossiers.VisibleTo(db, user)
               join s in systems on d.SystemId equals s.Id
               join a in db.Agencies on s.OwnerAgencyId equals a.Id
               where (states.Contains(d.State) && !(d.State == DossierState.AwaitingApproval && except.Contains(d.ProposedLevel)))
                   || (d.State == DossierState.AwaitingApproval && awaiting.Contains(d.ProposedLevel) && d.CreatedById != userId && d.SubmittedById != userId)
               select new Row
               {
                   Kind = d.State == DossierState.Submitted ? InboxKind.DossierToCheck
                       : d.State == DossierState.UnderAppraisal ? InboxKind.DossierToAppraise
                       : d.State == DossierState.AwaitingApproval ? InboxKind.DossierToApprove
                       : InboxKind.DossierReturned,
                   Id = d.Id,
                   Title = s.Name,
                   SystemName = s.Name,
                   AgencyName = a.Name,
                   Due = d.QueueOrder, // the current step's legal deadline; DateOnly.MaxValue when it has none
                   RuleSet = d.RuleSet,
                   Level = d.ProposedLevel,
                   State = d.State,
               };
    }

    private IQueryable<Row> Assessments(ClaimsPrincipal user, IQueryable<InformationSystem> systems, AssessmentState[] states) =>
        from x in db.Assessments.VisibleTo(db, user)
        join s in systems on x.SystemId equals s.Id
        join a in db.Agencies on s.OwnerAgencyId equals a.Id
        from c in db.Campaigns.Where(c => c.Id == x.CampaignId).DefaultIfEmpty()
        where states.Contains(x.State)
        select new Row
        {
            Kind = x.State == AssessmentState.Draft ? InboxKind.AssessmentToFill
                : x.State == AssessmentState.Returned ? InboxKind.AssessmentReturned
                : InboxKind.AssessmentToReview,
            Id = x.Id,
            Title = s.Name,
            SystemName = s.Name,
            AgencyName = a.Name,
            Cycle = x.Cycle,
            Due = c == null ? DateOnly.MaxValue : c.Deadline, // the campaign's deadline, when the assessment belongs to one
        };

    private IQueryable<Row> Tasks(ClaimsPrincipal user, IQueryable<InformationSystem> systems, InboxKind kind, Expression<Func<RemediationTask, bool>> which) =>
        from t in db.RemediationTasks.VisibleTo(db, user).Where(which)
        join s in systems on t.SystemId equals s.Id
        join a in db.Agencies on s.OwnerAgencyId equals a.Id
        select new Row
        {
            Kind = kind,
            Id = t.Id,
            Title = t.Title,
            SystemName = s.Name,
            AgencyName = a.Name,
            Due = t.DueDate,
            Unassigned = t.AssigneeId == null,
        };

    private IQueryable<Row> Incidents(IQueryable<Incident> incidents, InboxKind kind) =>
        from i in incidents
        join a in db.Agencies on i.AgencyId equals a.Id
        select new Row
        {
            Kind = kind,
            Id = i.Id,
            Title = i.Title,
            AgencyName = a.Name,
            Due = DateOnly.MaxValue, // from the clocks, below
            DetectedAtUtc = i.DetectedAtUtc,
            NoticePending = i.Serious && i.InitialNoticeAtUtc == null,
            ReportPending = i.FullReportAtUtc == null,
        };

    /// <summary>Agencies' reports on the directives still followed (sent, not closed): due on the report's deadline.</summary>
    private IQueryable<Row> DirectiveReports(ClaimsPrincipal user, Expression<Func<DirectiveReport, bool>> which, InboxKind kind) =>
        from r in db.DirectiveReports.VisibleTo(user).Where(which)
        join d in db.Directives on r.DirectiveId equals d.Id
        join a in db.Agencies on r.AgencyId equals a.Id
        where d.State == DirectiveState.Sent
        select new Row
        {
            Kind = kind,
            Id = r.Id,
            Title = d.Number + " · " + d.Subject,
            AgencyName = a.Name,
            Due = r.Deadline,
        };

    /// <summary>The line of a row; an incident's deadline is its first running clock's (24 h notice, then 72 h report), in Vietnam time.</summary>
    private static InboxItem ItemOf(Row row)
    {
        DateOnly? due = row.Due == DateOnly.MaxValue ? null : row.Due;
        if (row.DetectedAtUtc is { } detected)
        {
            var clock = row.NoticePending ? Incident.InitialNoticeWithin : row.ReportPending ? Incident.FullReportWithin : (TimeSpan?)null;
            due = clock is { } within ? DateOnly.FromDateTime(VietnamTime.FromUtc(detected + within)) : null;
        }

        var unassigned = row.Unassigned && row.Kind is InboxKind.Task or InboxKind.Warning;
        var basis = row.State is { } state ? DossierRoute.Basis(row.RuleSet ?? RuleSet.Decree331, row.Level, state) : null;
        return new InboxItem(row.Kind, row.Id, row.Title, row.SystemName, row.AgencyName, due, unassigned, row.Cycle, null) { Basis = basis };
    }

    /// <summary>Open tasks past their due date on operating systems, by the owner agency of their system (as the figures count them).</summary>
    private IQueryable<AgencyDue> OverdueTasks(ClaimsPrincipal user, DateOnly today) =>
        from t in db.RemediationTasks.VisibleTo(db, user)
        join s in db.InformationSystems.VisibleTo(user) on t.SystemId equals s.Id
        where RemediationTask.ToWorkOn.Contains(t.Status) && t.DueDate < today && s.Lifecycle == LifecycleStatus.Operating
        select new AgencyDue { AgencyId = s.OwnerAgencyId, Due = t.DueDate };

    /// <summary>Dossiers of operating systems whose current step is past its legal deadline (as the figures count them).</summary>
    private IQueryable<AgencyDue> OverdueDossiers(ClaimsPrincipal user, DateOnly today) =>
        from d in db.LevelDossiers.VisibleTo(db, user)
        join s in db.InformationSystems.VisibleTo(user) on d.SystemId equals s.Id
        where d.QueueOrder < today && s.Lifecycle == LifecycleStatus.Operating
        select new AgencyDue { AgencyId = s.OwnerAgencyId, Due = d.QueueOrder };

    /// <summary>Campaign assessments still with the agency after the campaign's deadline.</summary>
    private IQueryable<AgencyDue> OverdueAssessments(ClaimsPrincipal user, DateOnly today) =>
        from x in db.Assessments.VisibleTo(db, user)
        join s in db.InformationSystems.VisibleTo(user) on x.SystemId equals s.Id
        join c in db.Campaigns on x.CampaignId equals (Guid?)c.Id
        where (x.State == AssessmentState.Draft || x.State == AssessmentState.Returned) && c.Deadline < today
        select new AgencyDue { AgencyId = s.OwnerAgencyId, Due = c.Deadline };

    /// <summary>
    /// The agencies with any overdue work: what leadership's count counts, one query. Overdue tasks and dossiers come from
    /// the kept figures (counted for today: the caller makes sure of it), so the badge reads a few thousand kept rows at
    /// most instead of every overdue task; they count what <see cref="OverdueTasks"/> and <see cref="OverdueDossiers"/> list.
    /// </summary>
    private IQueryable<Agency> OverdueAgencies(ClaimsPrincipal user, DateOnly today)
    {
        var kept = db.FigureRollups.Where(r => r.OverdueTasks > 0 || r.DossiersOverdue > 0).Select(r => r.AgencyId);
        var assessments = OverdueAssessments(user, today).Select(x => x.AgencyId);
        return db.Agencies.VisibleTo(user).Where(a => kept.Contains(a.Id) || assessments.Contains(a.Id));
    }

    private async Task<List<InboxItem>> OverdueByAgencyAsync(ClaimsPrincipal user, DateOnly today, CancellationToken cancellationToken)
    {
        var tasks = await GroupAsync(OverdueTasks(user, today), cancellationToken);
        var dossiers = await GroupAsync(OverdueDossiers(user, today), cancellationToken);
        var assessments = await GroupAsync(OverdueAssessments(user, today), cancellationToken);
        var ids = tasks.Keys.Union(dossiers.Keys).Union(assessments.Keys).ToList();
        var names = await db.Agencies.AsNoTracking().VisibleTo(user).Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, a.Name })
            .ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        return names.Select(agency =>
        {
            var groups = new[] { tasks, dossiers, assessments }.Select(g => g.GetValueOrDefault(agency.Key)).ToList();
            var oldest = groups.OfType<AgencyGroup>().Min(g => g.Oldest);
            var counts = new OverdueCounts(groups[0]?.Count ?? 0, groups[1]?.Count ?? 0, groups[2]?.Count ?? 0);
            return new InboxItem(InboxKind.OverdueAgency, agency.Key, agency.Value, null, agency.Value, oldest, false, null, counts);
        }).ToList();
    }

    private static Task<Dictionary<Guid, AgencyGroup>> GroupAsync(IQueryable<AgencyDue> overdue, CancellationToken cancellationToken) =>
        overdue.GroupBy(x => x.AgencyId).Select(g => new AgencyGroup(g.Key, g.Count(), g.Min(x => x.Due))).ToDictionaryAsync(g => g.AgencyId, cancellationToken);

    private sealed record AgencyGroup(Guid AgencyId, int Count, DateOnly Oldest);

    private sealed class AgencyDue
    {
        public Guid AgencyId { get; init; }
        public DateOnly Due { get; init; }
    }

    /// <summary>One line as the database returns it (member-initialised, so the query can still be ordered and counted).</summary>
    private sealed class Row
    {
        public InboxKind Kind { get; init; }
        public Guid Id { get; init; }
        public string Title { get; init; } = string.Empty;
        public string? SystemName { get; init; }
        public string AgencyName { get; init; } = string.Empty;
        public int? Cycle { get; init; }
        public DateOnly Due { get; init; }
        public bool Unassigned { get; init; }
        public DateTime? DetectedAtUtc { get; init; }
        public bool NoticePending { get; init; }
        public bool ReportPending { get; init; }
        public RuleSet? RuleSet { get; init; }
        public int? Level { get; init; }
        public DossierState? State { get; init; }
    }
}
