using SecurityPortal.Domain.Incidents;

namespace SecurityPortal.Web.Pages.Incidents;

public static class IncidentClocks
{
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
