using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Calendar;
using SecurityPortal.Domain.Common;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Imports;

namespace SecurityPortal.Web.Calendar;

/// <summary>What importing a day does to the calendar.</summary>
public enum CalendarChange
{
    Added,
    Changed,
    Removed,
}

/// <summary>One line of the preview: the day as the file gives it (or as it is, for a removal), and the entry it replaces.</summary>
public sealed record CalendarImportLine(CalendarChange Change, DateOnly Date, string Name, CalendarDayKind Kind, bool IsProvisional, CalendarDay? Current);

/// <summary>
/// A year of the holiday calendar from a small CSV or Excel file (columns «Ngày» dd/MM/yyyy, «Tên», «Loại» nghỉ / làm bù,
/// «Dự kiến» optional): the file is the year's calendar, so a day of that year missing from it is removed. The plan is
/// computed from the file and the database as they are; applying it is one save (all or nothing, audited by the
/// interceptor), and a file that matches the calendar plans nothing.
/// </summary>
public sealed class CalendarImport
{
    public const int MaxBytes = 256 * 1024;
    public const int MaxRows = 400;
    public const string DateColumn = "Ngày";
    public const string NameColumn = "Tên";
    public const string KindColumn = "Loại";
    public const string ProvisionalColumn = "Dự kiến";
    private const string SheetName = "Lịch";
    private static readonly byte[] ZipSignature = [0x50, 0x4B, 0x03, 0x04];

    private CalendarImport(int year, List<ImportIssue> issues, List<CalendarImportLine> lines, int unchanged)
    {
        Year = year;
        Issues = issues;
        Lines = lines;
        Unchanged = unchanged;
    }

    public int Year { get; }
    public IReadOnlyList<ImportIssue> Issues { get; }
    public IReadOnlyList<CalendarImportLine> Lines { get; }
    public int Unchanged { get; }
    public bool CanApply => Issues.Count == 0 && Lines.Count > 0;

    /// <summary>A digest of the plan: the confirmation applies only the plan the administrator saw.</summary>
    public string Fingerprint => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n",
        Lines.Select(l => $"{l.Change}|{l.Date:yyyy-MM-dd}|{l.Name}|{l.Kind}|{l.IsProvisional}|{l.Current?.ConcurrencyStamp}")))));

    public int Count(CalendarChange change) => Lines.Count(l => l.Change == change);

    /// <summary>Reads the file and compares it with the calendar of <paramref name="year"/>; never throws for a bad file.</summary>
    public static async Task<CalendarImport> PlanAsync(PortalDbContext db, int year, byte[] content, CancellationToken cancellationToken)
    {
        var issues = new List<ImportIssue>();
        var rows = Read(content, issues);
        var wanted = rows is null ? [] : Check(rows, year, issues);
        var first = new DateOnly(year, 1, 1);
        var last = new DateOnly(year, 12, 31);
        var current = await db.CalendarDays.Where(d => d.Date >= first && d.Date <= last).ToDictionaryAsync(d => d.Date, cancellationToken);
        if (issues.Count > 0)
        {
            return new CalendarImport(year, issues, [], 0);
        }

        var lines = new List<CalendarImportLine>();
        var unchanged = 0;
        foreach (var day in wanted)
        {
            if (!current.TryGetValue(day.Date, out var existing))
            {
                lines.Add(day with { Change = CalendarChange.Added });
            }
            else if (existing.Name != day.Name || existing.Kind != day.Kind || existing.IsProvisional != day.IsProvisional)
            {
                lines.Add(day with { Change = CalendarChange.Changed, Current = existing });
            }
            else
            {
                unchanged++;
            }
        }

        var inFile = wanted.Select(d => d.Date).ToHashSet();
        lines.AddRange(current.Values.Where(d => !inFile.Contains(d.Date))
            .Select(d => new CalendarImportLine(CalendarChange.Removed, d.Date, d.Name, d.Kind, d.IsProvisional, d)));
        return new CalendarImport(year, issues, lines.OrderBy(l => l.Date).ToList(), unchanged);
    }

    /// <summary>Applies the plan on the tracked entities it was computed from; the caller saves once.</summary>
    public void Apply(PortalDbContext db)
    {
        foreach (var line in Lines)
        {
            switch (line.Change)
            {
                case CalendarChange.Added:
                    db.CalendarDays.Add(new CalendarDay(line.Date, line.Name, line.Kind, line.IsProvisional));
                    break;
                case CalendarChange.Changed:
                    line.Current!.Change(line.Name, line.Kind, line.IsProvisional);
                    break;
                default:
                    db.CalendarDays.Remove(line.Current!);
                    break;
            }
        }
    }

    /// <summary>The file as rows under column names: an Excel workbook (its first sheet) or UTF-8 CSV text.</summary>
    private static ImportSheet? Read(byte[] content, List<ImportIssue> issues)
    {
        Spreadsheet.Sheet sheet;
        if (content.AsSpan().StartsWith(ZipSignature))
        {
            try
            {
                using var stream = new MemoryStream(content, writable: false);
                var sheets = Spreadsheet.Read(stream);
                var first = sheets.Count > 0 ? sheets[0] : null;
                sheet = new Spreadsheet.Sheet(SheetName, first?.Header ?? [], first?.Rows ?? []);
            }
            catch (Exception ex) when (ex is InvalidDataException or Spreadsheet.LimitException)
            {
                issues.Add(new ImportIssue(SheetName, 0, string.Empty, "tệp không phải bảng tính Excel (.xlsx) đọc được. Hãy lưu lại bằng Excel dưới dạng .xlsx hoặc CSV UTF-8."));
                return null;
            }
        }
        else
        {
            string text;
            try
            {
                text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(content).TrimStart('\uFEFF');
            }
            catch (DecoderFallbackException)
            {
                issues.Add(new ImportIssue(SheetName, 0, string.Empty, "tệp CSV không ở bảng mã UTF-8. Trong Excel, chọn lưu dưới dạng «CSV UTF-8 (Comma delimited)»."));
                return null;
            }

            if (text.Contains('\0', StringComparison.Ordinal))
            {
                issues.Add(new ImportIssue(SheetName, 0, string.Empty, "tệp không phải CSV hay bảng tính Excel (.xlsx)."));
                return null;
            }

            var records = Csv.Read(text);
            sheet = new Spreadsheet.Sheet(SheetName, records.Count > 0 ? records[0].Cells : [], records.Skip(1).ToList());
        }

        if (sheet.Rows.Count > MaxRows)
        {
            issues.Add(new ImportIssue(SheetName, 0, string.Empty, $"tệp có {sheet.Rows.Count} dòng; lịch một năm không quá {MaxRows} dòng."));
            return null;
        }

        return ImportSheet.Open([sheet], SheetName, required: true, [DateColumn, NameColumn, KindColumn], issues);
    }

    /// <summary>Every line checked, every problem recorded with its line; the days of a clean file.</summary>
    private static List<CalendarImportLine> Check(ImportSheet sheet, int year, List<ImportIssue> issues)
    {
        if (issues.Count > 0)
        {
            return [];
        }

        if (sheet.Rows.Count == 0)
        {
            issues.Add(new ImportIssue(SheetName, 0, string.Empty, "tệp không có dòng dữ liệu nào dưới dòng tiêu đề."));
            return [];
        }

        var days = new List<CalendarImportLine>();
        var seen = new Dictionary<DateOnly, int>();
        foreach (var row in sheet.Rows)
        {
            var date = row.Text(DateColumn, 20, required: true) is null ? null : row.Date(DateColumn);

            var name = row.Text(NameColumn, CalendarDay.NameMaxLength, required: true);
            var kind = Kind(row);
            var provisional = row.YesNo(ProvisionalColumn) ?? false;
            if (date is not { } day)
            {
                continue;
            }

            if (day.Year != year)
            {
                row.Issue(DateColumn, $"ngày {Display.Date(day)} không thuộc năm {year}.");
                continue;
            }

            if (!seen.TryAdd(day, row.Number))
            {
                row.Issue(DateColumn, $"ngày {Display.Date(day)} đã có ở dòng {seen[day]}.");
                continue;
            }

            if (name is null || kind is null)
            {
                continue;
            }

            try
            {
                _ = new CalendarDay(day, name, kind.Value, provisional);
                days.Add(new CalendarImportLine(CalendarChange.Added, day, name.Trim(), kind.Value, provisional, null));
            }
            catch (DomainException ex)
            {
                row.Issue(KindColumn, ex.Message);
            }
        }

        return days;
    }

    /// <summary>«nghỉ» or «làm bù» (also «ngày nghỉ», «ngày làm bù»), without regard to case or diacritics.</summary>
    private static CalendarDayKind? Kind(ImportSheet.SheetRow row)
    {
        var text = row.Text(KindColumn, 50, required: true);
        switch (text is null ? null : SearchText.Normalize(text))
        {
            case null:
                return null;
            case "nghi" or "ngay nghi":
                return CalendarDayKind.DayOff;
            case "lam bu" or "ngay lam bu":
                return CalendarDayKind.MakeUpWorkingDay;
            default:
                row.Issue(KindColumn, $"'{text}' không hợp lệ; ghi «nghỉ» hoặc «làm bù».");
                return null;
        }
    }
}
