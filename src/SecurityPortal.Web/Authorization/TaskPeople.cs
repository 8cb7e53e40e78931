using System.Security.Claims;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Web.Infrastructure.Identity;

namespace SecurityPortal.Web.Authorization;

/// <summary>The remediation task's rules: who acts on a task, who reviews tasks, who opens tasks for other agencies.</summary>
public static class TaskPeople
{
    /// <summary>Reviewers verify resolved tasks and act on the task list in bulk.</summary>
    public static bool ReviewsTasks(this ClaimsPrincipal user) => user.IsProvincialReviewer();

    /// <summary>
    /// Who reassigns tasks from the task list: reviewers, and agency officers (each task is then checked as on its own page,
    /// <see cref="TaskActorFor"/>, so an officer reassigns only their agency's tasks).
    /// </summary>
    public static bool ReassignsTasks(this ClaimsPrincipal user) => user.ReviewsTasks() || user.OfficerAgencyId() is not null;

    /// <summary>Opening tasks in other agencies' systems from a finding (a warning, outdated software): reviewers and administrators.</summary>
    public static bool OpensTasksAcrossAgencies(this ClaimsPrincipal user) => user.IsProvincialStaff();

    /// <summary>The user as the task workflow sees them, for one system.</summary>
    public static TaskActor TaskActorFor(this ClaimsPrincipal user, InformationSystem system) => new(
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? string.Empty,
        user.DisplayName(),
        user.IsProvincialReviewer(),
        user.OfficerAgencyId() is { } agencyId && (agencyId == system.OwnerAgencyId || agencyId == system.OperatorAgencyId));

    /// <summary>Who a task of this system may be assigned to: the active users of its owner and operating agencies.</summary>
    public static Task<List<SelectListItem>> AssigneesAsync(PortalDbContext db, InformationSystem system, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking()
            .Where(u => u.IsActive && (u.AgencyId == system.OwnerAgencyId || u.AgencyId == system.OperatorAgencyId))
            .OrderBy(u => u.FullName)
            .Select(u => new SelectListItem(u.FullName + " (" + u.Email + ")", u.Id))
            .ToListAsync(cancellationToken);
}
