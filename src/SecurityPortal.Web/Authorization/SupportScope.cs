using System.Security.Claims;
using SecurityPortal.Domain.Support;
using SecurityPortal.Web.Infrastructure.Identity;

namespace SecurityPortal.Web.Authorization;

/// <summary>
/// The support request's rules: an agency's officers open requests and see their agency's (another agency's request answers
/// "not found"); the provincial unit (reviewers) sees and handles every one; leadership, auditors and administrators read them.
/// </summary>
public static class SupportScope
{
    /// <summary>Who opens a request: an officer, for their own agency.</summary>
    public static bool OpensSupportRequests(this ClaimsPrincipal user) => user.OfficerAgencyId() is not null;

    /// <summary>Who handles requests (accepts, assigns, resolves, turns them into incidents or tasks): the provincial reviewers.</summary>
    public static bool HandlesSupportRequests(this ClaimsPrincipal user) => user.IsProvincialReviewer();

    /// <summary>Provincial roles see every request; an officer their agency's.</summary>
    public static IQueryable<SupportRequest> VisibleTo(this IQueryable<SupportRequest> requests, ClaimsPrincipal user)
    {
        if (user.SeesAllAgencies())
        {
            return requests;
        }

        var agencyId = user.OfficerAgencyId();
        return agencyId is null ? requests.Where(_ => false) : requests.Where(r => r.AgencyId == agencyId);
    }

    /// <summary>The user as an actor on one request: the provincial unit, or an officer of the requesting agency.</summary>
    public static SupportActor SupportActorFor(this ClaimsPrincipal user, SupportRequest request) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty, user.DisplayName(), user.HandlesSupportRequests(),
            user.OfficerAgencyId() == request.AgencyId);
}
