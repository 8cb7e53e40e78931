namespace SecurityPortal.Domain.Calendar;

/// <summary>
/// Legal deadlines counted in working days (ngày làm việc): Monday to Friday, except public holidays and the
/// days off the Government announces (Tết, compensatory days). Weekend days that the Government declares as
/// working days (làm bù) count as working days.
/// </summary>
public sealed class WorkingDays(IEnumerable<DateOnly> daysOff, IEnumerable<DateOnly>? extraWorkingDays = null)
{
    private readonly HashSet<DateOnly> _daysOff = [.. daysOff];
    private readonly HashSet<DateOnly> _extraWorkingDays = [.. extraWorkingDays ?? []];

    public bool IsWorkingDay(DateOnly day) =>
        _extraWorkingDays.Contains(day) || (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !_daysOff.Contains(day));

    /// <summary>
    /// The due date of a time limit of <paramref name="count"/> working days starting the day after
    /// <paramref name="start"/> (the day of receipt does not count).
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var day = start;
        for (var counted = 0; counted < count;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }

        return day;
    }

    /// <summary>
    /// The last day of a time limit of <paramref name="count"/> calendar days (ngày) starting the day after
    /// <paramref name="start"/> (Civil Code 2015, Art. 147(1)); when that day is a weekly day off or a public holiday the
    /// limit ends on the next working day (Art. 148(5)). A Saturday declared a working day (làm bù) ends the limit itself.
    /// </summary>
    public DateOnly AddCalendarDays(DateOnly start, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var day = start.AddDays(count);
        while (!IsWorkingDay(day))
        {
            day = day.AddDays(1);
        }

        return day;
    }

    /// <summary>Working days from the day after <paramref name="from"/> up to and including <paramref name="to"/>.</summary>
    public int Between(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
        {
            if (IsWorkingDay(day))
            {
                count++;
            }
        }

        return count;
    }
}
