using System.Security.Claims;

namespace SecurityPortal.Web.Authorization;

/// <summary>
/// The self-assessment's rules. Who sees an assessment is its system's scope (<see cref="AgencyScope.VisibleTo{T}"/>), who
/// answers it is who may edit the system (<see cref="AgencyScope.CanEdit"/>); these are the provincial side's.
/// </summary>
public static class AssessmentScope
{
    /// <summary>Reviewers take a submitted assessment into review and accept or return it.</summary>
    public static bool ReviewsAssessments(this ClaimsPrincipal user) => user.IsProvincialReviewer();

    /// <summary>Reviewers and administrators launch an assessment campaign for the province.</summary>
    public static bool CanLaunchCampaigns(this ClaimsPrincipal user) => user.IsProvincialStaff();
}
