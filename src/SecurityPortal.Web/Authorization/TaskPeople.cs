using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Web.Infrastructure.Identity;

namespace SecurityPortal.Web.Authorization;

public static class TaskPeople
{
    /// <summary>The user as the task workflow sees them, for one system.</summary>
    public static TaskActor TaskActorFor(this ClaimsPrincipal user, InformationSystem system) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty,
        user.DisplayName(),
        user.IsInRole(PortalRoles.ProvincialReviewer),
        user.OfficerAgencyId() is { } agencyId && (agencyId == system.OwnerAgencyId || agencyId == system.OperatorAgencyId));

    /// <summary>Who a task of this system may be assigned to: the active users of its owner and operating agencies.</summary>
    public static Task<List<SelectListItem>> AssigneesAsync(PortalDbContext db, InformationSystem system, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking()
            .Where(u => u.IsActive && (u.AgencyId == system.OwnerAgencyId || u.AgencyId == system.OperatorAgencyId))
            .OrderBy(u => u.FullName)
            .Select(u => new SelectListItem(u.FullName + " (" + u.Email + ")", u.Id))
            .ToListAsync(cancellationToken);
}
