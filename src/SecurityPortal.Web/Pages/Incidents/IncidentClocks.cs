using Microsoft.Extensions.Localization;
using SecurityPortal.Domain.Incidents;

namespace SecurityPortal.Web.Pages.Incidents;

public static class IncidentClocks
{
    /// <summary>How a clock reads now, in the user's language: "còn 5 giờ 10 phút", "quá hạn 3 giờ", "đã ghi nhận đúng hạn".</summary>
    public static string Describe(ReportClock clock, DateTime nowUtc, IStringLocalizer localizer)
    {
        if (clock.IsDone)
        {
            return clock.IsLate(nowUtc) ? localizer["Đã ghi nhận, trễ hạn"] : localizer["Đã ghi nhận đúng hạn"];
        }

        var left = clock.Remaining(nowUtc);
        return left >= TimeSpan.Zero
            ? localizer["Còn {0} giờ {1} phút", Math.Floor(left.TotalHours), left.Minutes]
            : localizer["Quá hạn {0} giờ", Math.Floor(-left.TotalHours)];
    }
}
