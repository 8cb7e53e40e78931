using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Domain.Directives;

/// <summary>One agency's report as the progress counts it.</summary>
public sealed record ReportFacts(AgencyKind Kind, ReportState State, DateOnly Deadline, DateTime? FirstSubmittedAtUtc);

/// <summary>
/// The progress of a directive by kind of agency. <c>Reported</c>: the report was sent at least once; <c>OnTime</c>: first
/// sent on or before its deadline (Vietnam date); <c>Late</c>: first sent after it, or not sent and the deadline has passed;
/// <c>NotStarted</c>: nothing answered yet; <c>Completed</c>: every answer accepted.
/// </summary>
public sealed record ProgressRow(AgencyKind? Kind, int Agencies, int Reported, int OnTime, int Late, int NotStarted, int Completed);

public static class DirectiveProgress
{
    /// <summary>One row per kind present (ordered by kind), then the total (<see cref="ProgressRow.Kind"/> null).</summary>
    public static IReadOnlyList<ProgressRow> Count(IEnumerable<ReportFacts> reports, DateOnly today)
    {
        var list = reports.ToList();
        var rows = list.GroupBy(r => r.Kind).OrderBy(g => g.Key).Select(g => Row(g.Key, g.ToList(), today)).ToList();
        rows.Add(Row(null, list, today));
        return rows;
    }

    public static bool IsReported(ReportFacts report) => report.FirstSubmittedAtUtc is not null;

    public static bool IsOnTime(ReportFacts report) =>
        report.FirstSubmittedAtUtc is { } first && DateOnly.FromDateTime(VietnamTime.FromUtc(first)) <= report.Deadline;

    public static bool IsLate(ReportFacts report, DateOnly today) =>
        report.FirstSubmittedAtUtc is { } first ? DateOnly.FromDateTime(VietnamTime.FromUtc(first)) > report.Deadline : today > report.Deadline;

    private static ProgressRow Row(AgencyKind? kind, List<ReportFacts> reports, DateOnly today) => new(
        kind, reports.Count, reports.Count(IsReported), reports.Count(IsOnTime), reports.Count(r => IsLate(r, today)),
        reports.Count(r => r.State == ReportState.NotStarted), reports.Count(r => r.State == ReportState.Completed));
}

/// <summary>When the reminders of a directive's report fall due.</summary>
public static class DirectiveReminders
{
    /// <summary>Days between two reminders once the deadline has passed.</summary>
    public const int LateEveryDays = 7;

    /// <summary>Whether the agency still has to act on its report (not sent yet, or returned).</summary>
    public static bool AwaitsAgency(ReportState state) => state is ReportState.NotStarted or ReportState.InProgress or ReportState.Returned;

    /// <summary>
    /// After the deadline: the round of the late reminder due on <paramref name="today"/> (0 the day after the deadline, 1 a week
    /// later, …), each sent once; null while the deadline has not passed.
    /// </summary>
    public static int? LateRound(DateOnly deadline, DateOnly today) =>
        today <= deadline ? null : (today.DayNumber - deadline.DayNumber - 1) / LateEveryDays;
}
