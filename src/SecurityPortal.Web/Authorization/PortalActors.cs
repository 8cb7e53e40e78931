using System.Security.Claims;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Web.Authorization;

/// <summary>
/// The role facts the aggregates' rules are built from. Pages do not ask for roles themselves: they call the rule of
/// the aggregate they act on (<see cref="AgencyScope"/>, <see cref="TaskPeople"/>, <see cref="IncidentScope"/>, …).
/// </summary>
public static class PortalActors
{
    /// <summary>The province's own staff: provincial reviewers and administrators.</summary>
    public static bool IsProvincialStaff(this ClaimsPrincipal user) =>
        user.IsInRole(PortalRoles.Administrator) || user.IsInRole(PortalRoles.ProvincialReviewer);

    /// <summary>A provincial reviewer (cán bộ thẩm định): reviews dossiers, assessments and tasks.</summary>
    public static bool IsProvincialReviewer(this ClaimsPrincipal user) => user.IsInRole(PortalRoles.ProvincialReviewer);

    /// <summary>Leadership (lãnh đạo): follows what is overdue and the approvals waiting for a decision; changes nothing.</summary>
    public static bool IsLeadership(this ClaimsPrincipal user) => user.IsInRole(PortalRoles.Leadership);
}
