namespace SecurityPortal.Domain.Common;

/// <summary>The name an uploaded file is shown and downloaded under: never a path, never empty, never too long.</summary>
public static class UploadName
{
    public const int MaxLength = 200;

    /// <summary>Only the bare name is kept, whatever the uploader's path separator; a long name keeps its end (the extension).</summary>
    public static string Clean(string? fileName, string fallback)
    {
        var name = Path.GetFileName((fileName ?? string.Empty).Replace('\\', '/').Trim()).Trim('.', ' ');
        if (name.Length == 0)
        {
            return fallback;
        }

        return name.Length > MaxLength ? name[^MaxLength..] : name;
    }
}
