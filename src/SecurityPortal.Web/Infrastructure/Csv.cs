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
}
