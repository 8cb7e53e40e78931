using DocumentFormat.OpenXml;
using Microsoft.EntityFrameworkCore;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace SecurityPortal.Web.Infrastructure;

/// <summary>
/// Reads and writes .xlsx (Office Open XML) workbooks. Written cells are inline strings or numbers, so nothing a
/// user typed is ever evaluated as a formula; reading is bounded so a crafted file cannot exhaust memory.
/// </summary>
public static class Spreadsheet
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>Upper bound of the characters read from one part (a sheet, the shared strings): a zip-bomb guard.</summary>
    public const long MaxCharactersInPart = 10_000_000;

    /// <summary>Cells beyond this column are ignored, whatever reference a crafted file gives them.</summary>
    public const int MaxColumns = 64;

    /// <summary>Rows per sheet; a larger file is refused with a message rather than read.</summary>
    public const int MaxRows = 20_000;

    /// <summary>A sheet read: its header row, then each row with its number as Excel shows it (blank rows are not in the file).</summary>
    public sealed record Sheet(string Name, IReadOnlyList<string> Header, IReadOnlyList<(int Number, string[] Cells)> Rows);

    /// <summary>A workbook that is readable but beyond the limits; the message is for the user.</summary>
    public sealed class LimitException : Exception
    {
        public LimitException(string message) : base(message)
        {
        }

        public LimitException()
        {
        }

        public LimitException(string message, Exception innerException) : base(message, innerException)
        {
        }
    }

    public static byte[] Write(string sheetName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows) =>
        Write([(sheetName, header, rows)]);

    /// <summary>
    /// A list's Excel export, streamed to the browser as its rows are read (<see cref="SpreadsheetDownload{T}"/>), up to
    /// the export row limit; <paramref name="matching"/> is the unordered query whose count (up to the limit) is the total
    /// its progress is shown against.
    /// </summary>
    public static Microsoft.AspNetCore.Mvc.IActionResult Download<T, TMatch>(
        string fileName, string sheetName, IReadOnlyList<string> header, IQueryable<T> rows, Func<T, IReadOnlyList<object?>> cells,
        IQueryable<TMatch> matching) =>
        Download(fileName, sheetName, header, take => rows.Take(take), cells, matching);

    /// <summary>
    /// The same, for a list whose rows are chosen before they are joined (the task list, the dossier queue):
    /// <paramref name="first"/> gives the query of the first N rows, N being the export row limit plus one.
    /// </summary>
    public static Microsoft.AspNetCore.Mvc.IActionResult Download<T, TMatch>(
        string fileName, string sheetName, IReadOnlyList<string> header, Func<int, IQueryable<T>> first, Func<T, IReadOnlyList<object?>> cells,
        IQueryable<TMatch> matching) =>
        new SpreadsheetDownload<T>(fileName, sheetName, header, first, cells, (limit, cancellationToken) => matching.Take(limit).CountAsync(cancellationToken));

    /// <summary>
    /// Reads every sheet: the first row is the header, blank rows are dropped, cells come back as text (dates
    /// typed as dates come back as yyyy-MM-dd). Throws <see cref="InvalidDataException"/> for a file that is not a
    /// readable workbook.
    /// </summary>
    public static IReadOnlyList<Sheet> Read(Stream stream, IReadOnlyCollection<string>? onlySheets = null)
    {
        try
        {
            using var document = SpreadsheetDocument.Open(stream, false, new OpenSettings { MaxCharactersInPart = MaxCharactersInPart });
            var workbook = document.WorkbookPart ?? throw new InvalidDataException("no workbook");
            var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList() ?? [];
            var dateStyles = DateStyleIndexes(workbook);
            var sheets = new List<Sheet>();
            foreach (var sheet in workbook.Workbook.Sheets?.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>() ?? [])
            {
                var name = sheet.Name?.Value ?? string.Empty;
                if ((onlySheets is not null && !onlySheets.Any(n => string.Equals(Domain.Common.SearchText.Normalize(n), Domain.Common.SearchText.Normalize(name), StringComparison.Ordinal)))
                    || sheet.Id?.Value is not { } id || workbook.GetPartById(id) is not WorksheetPart part)
                {
                    continue;
                }

                var rows = new List<(int Number, string[] Cells)>();
                foreach (var row in part.Worksheet.Descendants<Row>())
                {
                    if (rows.Count > MaxRows)
                    {
                        throw new LimitException($"trang «{name}» có hơn {MaxRows:N0} dòng; hãy chia thành nhiều tệp.");
                    }

                    var cells = new string[MaxColumns];
                    var used = 0;
                    foreach (var cell in row.Elements<Cell>())
                    {
                        var column = ColumnIndex(cell.CellReference?.Value) ?? used;
                        if (column is < 0 or >= MaxColumns)
                        {
                            continue;
                        }

                        cells[column] = CellText(cell, shared, dateStyles).Trim();
                        used = Math.Max(used, column + 1);
                    }

                    var number = row.RowIndex?.Value is { } index and <= int.MaxValue ? (int)index : rows.Count + 1;
                    rows.Add((number, cells.Take(used).Select(c => c ?? string.Empty).ToArray()));
                }

                var header = rows.Count > 0 ? rows[0].Cells : [];
                sheets.Add(new Sheet(name, header, rows.Skip(1).ToList()));
            }

            return sheets;
        }
        // Any other failure to read an untrusted file means it is not a workbook we can use.
        catch (Exception ex) when (ex is not (OutOfMemoryException or OperationCanceledException or LimitException))
        {
            throw new InvalidDataException("The file is not a readable .xlsx workbook.", ex);
        }
    }

    private static string CellText(Cell cell, List<string> shared, HashSet<uint> dateStyles)
    {
        var raw = cell.CellValue?.Text ?? cell.InnerText;
        if (cell.DataType?.Value == CellValues.SharedString)
        {
            return int.TryParse(raw, out var index) && index >= 0 && index < shared.Count ? shared[index] : string.Empty;
        }

        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText ?? string.Empty;
        }

        if (cell.StyleIndex?.Value is { } style && dateStyles.Contains(style)
            && double.TryParse(raw, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var serial)
            && serial is > 0 and < 2_958_466)
        {
            return DateTime.FromOADate(serial).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        }

        return raw;
    }

    /// <summary>Cell styles whose number format is a date (built-in 14–22, or a custom format with d, m and y).</summary>
    private static HashSet<uint> DateStyleIndexes(WorkbookPart workbook)
    {
        var result = new HashSet<uint>();
        var styles = workbook.WorkbookStylesPart?.Stylesheet;
        if (styles?.CellFormats is null)
        {
            return result;
        }

        var custom = styles.NumberingFormats?.Elements<NumberingFormat>()
            .Where(f => f.NumberFormatId?.Value is not null)
            .ToDictionary(f => f.NumberFormatId!.Value, f => f.FormatCode?.Value?.ToLowerInvariant() ?? string.Empty) ?? [];
        uint index = 0;
        foreach (var format in styles.CellFormats.Elements<CellFormat>())
        {
            var id = format.NumberFormatId?.Value ?? 0;
            if (id is >= 14 and <= 22 || (custom.TryGetValue(id, out var code) && code.Contains('d') && code.Contains('y')))
            {
                result.Add(index);
            }

            index++;
        }

        return result;
    }

    private static int? ColumnIndex(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        var column = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetter))
        {
            column = (column * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
            if (column > MaxColumns)
            {
                return MaxColumns;
            }
        }

        return column - 1;
    }

    /// <summary>Writes several sheets (the import templates have one per kind of row) to a byte array (<see cref="XlsxWriter"/>).</summary>
    public static byte[] Write(IReadOnlyList<(string Name, IReadOnlyList<string> Header, IEnumerable<IReadOnlyList<object?>> Rows)> sheets)
    {
        using var stream = new MemoryStream();
        using (var writer = new XlsxWriter(stream))
        {
            foreach (var (name, header, rows) in sheets)
            {
                writer.BeginSheet(name, header);
                foreach (var row in rows)
                {
                    writer.WriteRow(row);
                }
            }
        }

        return stream.ToArray();
    }
}
