namespace SecurityPortal.Domain.Common;

/// <summary>The name an uploaded file is shown and downloaded under: never a path, never empty, never too long.</summary>
public static class UploadName
{
    public const int MaxLength = 200;

    /// <summary>
    /// Only the bare name is kept, whatever the uploader's path separator; control characters (CR, LF, NUL, …) and quotes
    /// become «_» so no header, log line or page can be broken by a name (ASVS 5.0 V5.4.2); a long name keeps its end (the
    /// extension). Letters of any script, Vietnamese included, are kept as they are.
    /// </summary>
    public static string Clean(string? fileName, string fallback)
    {
        var safe = new string((fileName ?? string.Empty).Select(c => char.IsControl(c) || c is '"' || char.GetUnicodeCategory(c) is System.Globalization.UnicodeCategory.Format ? '_' : c).ToArray());
        var name = Path.GetFileName(safe.Replace('\\', '/').Trim()).Trim('.', ' ');
        if (name.Length == 0)
        {
            return fallback;
        }

        return name.Length > MaxLength ? name[^MaxLength..] : name;
    }
}
