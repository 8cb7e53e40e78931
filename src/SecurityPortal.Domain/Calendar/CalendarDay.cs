using SecurityPortal.Domain.Common;

namespace SecurityPortal.Domain.Calendar;

public enum CalendarDayKind
{
    /// <summary>A public holiday or a day off the Government announces (Tết, compensatory day).</summary>
    DayOff,

    /// <summary>A Saturday or Sunday declared a working day in exchange (làm bù).</summary>
    MakeUpWorkingDay,
}

/// <summary>The Vietnamese names of the calendar's day kinds, as the calendar page shows them.</summary>
public static class CalendarDayKindText
{
    public static string Vietnamese(this CalendarDayKind kind) => kind == CalendarDayKind.DayOff ? "Ngày nghỉ" : "Ngày làm bù";
}

/// <summary>One exception to the Monday–Friday week, maintained by administrators.</summary>
public sealed class CalendarDay : Entity
{
    public const int NameMaxLength = 200;

    private CalendarDay()
    {
        Name = string.Empty;
    }

    public CalendarDay(DateOnly date, string name, CalendarDayKind kind, bool isProvisional)
    {
        Date = date;
        Name = string.Empty;
        Change(name, kind, isProvisional);
    }

    /// <summary>A new name, kind or provisional flag for the same date (an import that corrects the day), checked as a new day is.</summary>
    public void Change(string name, CalendarDayKind kind, bool isProvisional)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException("Vui lòng nhập tên ngày nghỉ (ví dụ: Tết Nguyên đán).");
        }

        if (name.Trim().Length > NameMaxLength)
        {
            throw new DomainException($"Tên không được dài quá {NameMaxLength} ký tự.");
        }

        if (kind == CalendarDayKind.MakeUpWorkingDay && Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
        {
            throw new DomainException("Ngày làm bù phải là thứ Bảy hoặc Chủ nhật.");
        }

        Name = name.Trim();
        Kind = kind;
        IsProvisional = isProvisional;
    }

    public DateOnly Date { get; private set; }
    public string Name { get; private set; }
    public CalendarDayKind Kind { get; private set; }

    /// <summary>Seeded from the expected calendar and not yet checked against the Government's notice.</summary>
    public bool IsProvisional { get; set; }

    public static WorkingDays ToWorkingDays(IEnumerable<CalendarDay> days)
    {
        var list = days.ToList();
        return new WorkingDays(
            list.Where(d => d.Kind == CalendarDayKind.DayOff).Select(d => d.Date),
            list.Where(d => d.Kind == CalendarDayKind.MakeUpWorkingDay).Select(d => d.Date));
    }
}
