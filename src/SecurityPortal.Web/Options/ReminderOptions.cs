using System.ComponentModel.DataAnnotations;

namespace SecurityPortal.Web.Options;

/// <summary>The <c>Notifications</c> configuration section: reminders and digests.</summary>
public sealed class ReminderOptions
{
    public const string SectionName = "Notifications";

    /// <summary>Run the background reminder scan (tests drive it by hand).</summary>
    public bool WorkerEnabled { get; set; } = true;

    [Range(1, 1_440, ErrorMessage = "Notifications:ScanMinutes phải từ 1 đến 1.440 phút.")]
    public int ScanMinutes { get; set; } = 15;

    /// <summary>Local hour (Asia/Ho_Chi_Minh) from which the day's digests go out.</summary>
    [Range(0, 23, ErrorMessage = "Notifications:DigestHour phải là một giờ từ 0 đến 23.")]
    public int DigestHour { get; set; } = 7;

    /// <summary>Warn this many hours before an incident reporting clock runs out.</summary>
    [Range(1, 72, ErrorMessage = "Notifications:IncidentWarningHours phải từ 1 đến 72 giờ.")]
    public int IncidentWarningHours { get; set; } = 6;
}
