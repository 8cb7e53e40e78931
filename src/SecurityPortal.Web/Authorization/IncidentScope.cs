using System.Security.Claims;
using SecurityPortal.Domain.Incidents;

namespace SecurityPortal.Web.Authorization;

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

    /// <summary>How a clock reads now: "còn 5 giờ", "quá hạn 3 giờ", "đã ghi nhận đúng hạn".</summary>
    public static string Describe(ReportClock clock, DateTime nowUtc)
    {
        if (clock.IsDone)
        {
            return clock.IsLate(nowUtc) ? "Đã ghi nhận, trễ hạn" : "Đã ghi nhận đúng hạn";
        }

        var left = clock.Remaining(nowUtc);
        return left >= TimeSpan.Zero ? $"Còn {Math.Floor(left.TotalHours)} giờ {left.Minutes} phút" : $"Quá hạn {Math.Floor(-left.TotalHours)} giờ";
    }
}
