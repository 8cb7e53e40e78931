using System.Globalization;
using SecurityPortal.Domain.Common;
using SecurityPortal.Web.Infrastructure;

namespace SecurityPortal.Web.Imports;

/// <summary>One problem found in an uploaded file, said where a user can find it.</summary>
public sealed record ImportIssue(string Sheet, int Row, string Column, string Message)
{
    public override string ToString() => Row > 0 ? $"Trang «{Sheet}», dòng {Row}, cột «{Column}»: {Message}" : $"Trang «{Sheet}»: {Message}";
}

/// <summary>
/// A sheet of an import file read by column names (matched without case or diacritics), with typed readers
/// that record a Vietnamese issue for every bad cell instead of throwing.
/// </summary>
public sealed class ImportSheet
{
    private readonly Dictionary<string, int> _columns;
    private readonly List<ImportIssue> _issues;

    private ImportSheet(string name, Spreadsheet.Sheet? sheet, IReadOnlyList<string> required, List<ImportIssue> issues)
    {
        Name = name;
        _issues = issues;
        _columns = new Dictionary<string, int>(StringComparer.Ordinal);
        if (sheet is null)
        {
            Rows = [];
            return;
        }

        for (var i = 0; i < sheet.Header.Count; i++)
        {
            _columns.TryAdd(Key(sheet.Header[i]), i);
        }

        foreach (var column in required.Where(c => !_columns.ContainsKey(Key(c))))
        {
            issues.Add(new ImportIssue(name, 1, column, "thiếu cột này ở dòng tiêu đề. Hãy dùng tệp mẫu."));
        }

        Exists = true;
        Rows = sheet.Rows
            .Select(r => new SheetRow(this, r.Cells, r.Number))
            .Where(r => !r.IsBlank)
            .ToList();
    }

    public string Name { get; }

    /// <summary>Whether the file has this sheet at all (an optional sheet that is absent changes nothing).</summary>
    public bool Exists { get; }
    public IReadOnlyList<SheetRow> Rows { get; }

    /// <summary>Finds the sheet by name; a required sheet that is missing is an issue.</summary>
    public static ImportSheet Open(IReadOnlyList<Spreadsheet.Sheet> sheets, string name, bool required, IReadOnlyList<string> requiredColumns, List<ImportIssue> issues)
    {
        var sheet = sheets.FirstOrDefault(s => Key(s.Name) == Key(name));
        if (sheet is null && required)
        {
            issues.Add(new ImportIssue(name, 0, string.Empty, "tệp không có trang tính này. Hãy dùng tệp mẫu."));
        }

        return new ImportSheet(name, sheet, sheet is null ? [] : requiredColumns, issues);
    }

    private static string Key(string text) => SearchText.Normalize(text).Replace("*", string.Empty, StringComparison.Ordinal).Trim();

    public sealed class SheetRow(ImportSheet sheet, string[] cells, int number)
    {
        public int Number { get; } = number;

        public bool IsBlank => cells.All(string.IsNullOrWhiteSpace);

        public string? Text(string column, int maxLength, bool required = false)
        {
            var value = sheet._columns.TryGetValue(Key(column), out var index) && index < cells.Length ? cells[index].Trim() : string.Empty;
            if (value.Length == 0)
            {
                if (required)
                {
                    Issue(column, "không được để trống.");
                }

                return null;
            }

            if (value.Length > maxLength)
            {
                Issue(column, $"dài {value.Length} ký tự, tối đa {maxLength}.");
                return null;
            }

            return value;
        }

        public int? WholeNumber(string column)
        {
            var text = Text(column, 20);
            if (text is null)
            {
                return null;
            }

            // "12.500" is how Vietnamese write twelve thousand five hundred; a comma would be a decimal.
            if (int.TryParse(text.Replace(".", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            Issue(column, $"'{text}' không phải là số nguyên không âm.");
            return null;
        }

        public bool? YesNo(string column)
        {
            var text = Text(column, 10);
            switch (text is null ? null : SearchText.Normalize(text))
            {
                case null:
                    return null;
                case "co" or "x" or "yes" or "true" or "1":
                    return true;
                case "khong" or "no" or "false" or "0":
                    return false;
                default:
                    Issue(column, $"'{text}' không hợp lệ; ghi «Có» hoặc «Không».");
                    return null;
            }
        }

        /// <summary>dd/MM/yyyy as Vietnamese users write it, yyyy-MM-dd, or a cell formatted as a date.</summary>
        public DateOnly? Date(string column)
        {
            var text = Text(column, 20);
            if (text is null)
            {
                return null;
            }

            if (VietnameseDate.TryParseDate(text, out var date))
            {
                return date;
            }

            Issue(column, $"'{text}' không phải ngày hợp lệ (dd/MM/yyyy).");
            return null;
        }

        /// <summary>A value of an enum, written as its Vietnamese name (or its code name).</summary>
        public T? Choice<T>(string column, Func<T, string> vietnamese, bool required = false) where T : struct, Enum
        {
            var text = Text(column, 100, required);
            if (text is null)
            {
                return null;
            }

            var key = SearchText.Normalize(text);
            foreach (var value in Enum.GetValues<T>())
            {
                if (SearchText.Normalize(vietnamese(value)) == key || string.Equals(value.ToString(), text, StringComparison.OrdinalIgnoreCase))
                {
                    return value;
                }
            }

            Issue(column, $"'{text}' không hợp lệ. Giá trị cho phép: {string.Join("; ", Enum.GetValues<T>().Select(vietnamese))}.");
            return null;
        }

        public void Issue(string column, string message) => sheet._issues.Add(new ImportIssue(sheet.Name, Number, column, message));
    }
}
