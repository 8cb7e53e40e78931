using System.Security.Claims;
using SecurityPortal.Data;
using SecurityPortal.Domain.Directives;

namespace SecurityPortal.Web.Authorization;

/// <summary>
/// The directive's rules: reviewers write, send and review; an agency sees only the directives sent to it and only its own
/// report (another agency's report answers "not found"); its officers answer and submit it.
/// </summary>
public static class DirectiveScope
{
    /// <summary>Reviewers record and send directives and accept or return the agencies' answers.</summary>
    public static bool ManagesDirectives(this ClaimsPrincipal user) => user.IsProvincialReviewer();

    /// <summary>Provincial roles see every directive sent (drafts: the province's staff); an officer those sent to their agency.</summary>
    public static IQueryable<Directive> VisibleTo(this IQueryable<Directive> directives, PortalDbContext db, ClaimsPrincipal user)
    {
        if (user.SeesAllAgencies())
        {
            return user.IsProvincialStaff() ? directives : directives.Where(d => d.State != DirectiveState.Draft);
        }

        var reports = db.DirectiveReports.VisibleTo(user).Select(r => r.DirectiveId);
        return directives.Where(d => d.State != DirectiveState.Draft && reports.Contains(d.Id));
    }

    /// <summary>Provincial roles see every agency's report; an officer their own agency's.</summary>
    public static IQueryable<DirectiveReport> VisibleTo(this IQueryable<DirectiveReport> reports, ClaimsPrincipal user)
    {
        if (user.SeesAllAgencies())
        {
            return reports;
        }

        var agencyId = user.OfficerAgencyId();
        return agencyId is null ? reports.Where(_ => false) : reports.Where(r => r.AgencyId == agencyId);
    }

    /// <summary>Who answers and submits a report: the officers of the agency it belongs to.</summary>
    public static bool AnswersFor(this ClaimsPrincipal user, DirectiveReport report) => user.OfficerAgencyId() == report.AgencyId;
}
