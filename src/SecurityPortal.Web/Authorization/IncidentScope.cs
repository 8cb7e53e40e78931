using System.Security.Claims;
using SecurityPortal.Domain.Incidents;

namespace SecurityPortal.Web.Authorization;

/// <summary>The incident's rules: who sees an incident and who acts on it.</summary>
public static class IncidentScope
{
    /// <summary>Provincial roles see every incident; an officer those their agency reported.</summary>
    public static IQueryable<Incident> VisibleTo(this IQueryable<Incident> incidents, ClaimsPrincipal user)
    {
        if (user.SeesAllAgencies())
        {
            return incidents;
        }

        var agencyId = user.OfficerAgencyId();
        return agencyId is null ? incidents.Where(_ => false) : incidents.Where(i => i.AgencyId == agencyId);
    }

    /// <summary>Who acts on an incident (reports a stage, links a task): reviewers, and the officers of the agency that reported it.</summary>
    public static bool CanAct(this ClaimsPrincipal user, Incident incident) =>
        user.IsProvincialReviewer() || user.OfficerAgencyId() == incident.AgencyId;
}
