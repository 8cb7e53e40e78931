namespace SecurityPortal.Web.Infrastructure;

/// <summary>CSV fields for spreadsheet users, safe against formula injection (OWASP "CSV injection").</summary>
public static class Csv
{
    private static readonly char[] FormulaStarts = ['=', '+', '-', '@', '\t', '\r'];

    public static string Field(string? value)
    {
        var text = value ?? string.Empty;
        if (text.Length > 0 && FormulaStarts.Contains(text[0]))
        {
            // A leading apostrophe makes Excel show the text instead of evaluating it.
            text = "'" + text;
        }

        // Always quoted: a spreadsheet that splits on ';' (a common Vietnamese setting) cannot cut the field open.
        return "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    /// <summary>
    /// Reads CSV text as a spreadsheet user saves it: fields separated by commas or, as Vietnamese Excel writes them,
    /// semicolons (whichever the first line has more of), quoted fields with doubled quotes and line breaks inside. Each
    /// record comes with the line it starts on; blank lines are dropped.
    /// </summary>
    public static IReadOnlyList<(int Line, string[] Cells)> Read(string text)
    {
        var firstLine = text.AsSpan(0, text.IndexOf('\n') is var end and >= 0 ? end : text.Length);
        var separator = firstLine.Count(';') > firstLine.Count(',') ? ';' : ',';
        var records = new List<(int Line, string[] Cells)>();
        var cells = new List<string>();
        var field = new System.Text.StringBuilder();
        var line = 1;
        var start = 1;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == separator)
            {
                cells.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                cells.Add(field.ToString());
                field.Clear();
                Add(records, start, cells);
                line++;
                start = line;
            }
            else
            {
                field.Append(c);
            }
        }

        cells.Add(field.ToString());
        Add(records, start, cells);
        return records;
    }

    private static void Add(List<(int Line, string[] Cells)> records, int line, List<string> cells)
    {
        if (cells.Any(c => !string.IsNullOrWhiteSpace(c)))
        {
            records.Add((line, cells.Select(c => c.Trim()).ToArray()));
        }

        cells.Clear();
    }
}
