using SecurityPortal.Domain.Calendar;
using SecurityPortal.Domain.Incidents;

namespace SecurityPortal.Domain.Notifications;

/// <summary>When reminders fall due. Pure rules, so they can be checked day by day across weekends and holidays.</summary>
public static class Reminders
{
    /// <summary>Reminders before a task's due date, in calendar days.</summary>
    public static readonly IReadOnlyList<int> DueSoonDays = [7, 3, 1];

    /// <summary>
    /// The reminder to send for a task due on <paramref name="dueDate"/>, as seen on <paramref name="today"/>: the most urgent
    /// of the 7/3/1-day reminders whose day has come, or null. A reminder whose day is not a working day is sent on the
    /// working day before it (a task due on Monday is reminded on Friday, not on Sunday); a reminder the portal missed
    /// (it was down) is sent late only while the task is not yet due, and only the most urgent one.
    /// </summary>
    public static int? DueSoon(DateOnly dueDate, DateOnly today, WorkingDays calendar)
    {
        if (today >= dueDate)
        {
            return null;
        }

        int? due = null;
        foreach (var days in DueSoonDays)
        {
            if (SendDay(dueDate.AddDays(-days), calendar) <= today)
            {
                due = due is null ? days : Math.Min(due.Value, days);
            }
        }

        return due;
    }

    /// <summary>The day a reminder meant for <paramref name="nominal"/> is sent: that day or the working day before it.</summary>
    public static DateOnly SendDay(DateOnly nominal, WorkingDays calendar)
    {
        var day = nominal;
        for (var guard = 0; guard < 31 && !calendar.IsWorkingDay(day); guard++)
        {
            day = day.AddDays(-1);
        }

        return day;
    }

    /// <summary>The daily digest of overdue tasks goes out on working days only, once the morning hour has come.</summary>
    public static bool OverdueDigestDue(DateTime nowLocal, WorkingDays calendar, int hour) =>
        calendar.IsWorkingDay(DateOnly.FromDateTime(nowLocal)) && nowLocal.Hour >= hour;

    /// <summary>An incident clock about to run out (within <paramref name="warnBefore"/>) or already late; null when nothing is to say.</summary>
    public static ClockAlert? ForClock(ReportClock clock, DateTime nowUtc, TimeSpan warnBefore) =>
        clock.IsDone ? null
        : nowUtc > clock.DueUtc ? ClockAlert.Late
        : clock.DueUtc - nowUtc <= warnBefore ? ClockAlert.Soon
        : null;
}

public enum ClockAlert
{
    Soon,
    Late,
}
