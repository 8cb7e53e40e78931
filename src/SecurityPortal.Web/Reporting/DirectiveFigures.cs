using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Directives;

namespace SecurityPortal.Web.Reporting;

/// <summary>One directive still followed, with its progress over every recipient (<see cref="DirectiveProgress"/>).</summary>
public sealed record OpenDirective(Guid Id, string Number, string Subject, DateOnly? Deadline, ProgressRow Total);

/// <summary>The directives the province still follows (sent, not closed), for the dashboard's card and the directive list.</summary>
public static class DirectiveFigures
{
    /// <summary>The progress of one directive by kind of agency, the total last.</summary>
    public static async Task<IReadOnlyList<ProgressRow>> ProgressAsync(PortalDbContext db, Guid directiveId, DateOnly today, CancellationToken cancellationToken) =>
        DirectiveProgress.Count(await FactsAsync(db, [directiveId], cancellationToken), today);

    public static async Task<IReadOnlyList<OpenDirective>> OpenAsync(PortalDbContext db, DateOnly today, CancellationToken cancellationToken)
    {
        var directives = await db.Directives.AsNoTracking().Where(d => d.State == DirectiveState.Sent)
            .OrderBy(d => d.SentAtUtc).Select(d => new { d.Id, d.Number, d.Subject, Deadline = d.Actions.Max(a => (DateOnly?)a.Deadline) })
            .Take(20).ToListAsync(cancellationToken);
        var ids = directives.Select(d => d.Id).ToList();
        var facts = (await (from r in db.DirectiveReports.AsNoTracking()
                            join a in db.Agencies on r.AgencyId equals a.Id
                            where ids.Contains(r.DirectiveId)
                            select new { r.DirectiveId, a.Kind, r.State, r.Deadline, r.FirstSubmittedAtUtc }).ToListAsync(cancellationToken))
            .ToLookup(r => r.DirectiveId, r => new ReportFacts(r.Kind, r.State, r.Deadline, r.FirstSubmittedAtUtc));
        return [.. directives.Select(d => new OpenDirective(d.Id, d.Number, d.Subject, d.Deadline, DirectiveProgress.Count(facts[d.Id], today)[^1]))];
    }

    private static async Task<List<ReportFacts>> FactsAsync(PortalDbContext db, IReadOnlyCollection<Guid> directiveIds, CancellationToken cancellationToken) =>
        (await (from r in db.DirectiveReports.AsNoTracking()
                join a in db.Agencies on r.AgencyId equals a.Id
                where directiveIds.Contains(r.DirectiveId)
                select new { a.Kind, r.State, r.Deadline, r.FirstSubmittedAtUtc }).ToListAsync(cancellationToken))
            .Select(r => new ReportFacts(r.Kind, r.State, r.Deadline, r.FirstSubmittedAtUtc)).ToList();
}
