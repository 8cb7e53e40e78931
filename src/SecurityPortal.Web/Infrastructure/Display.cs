using System.Globalization;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Web.Infrastructure;

/// <summary>How dates and times are shown: dd/MM/yyyy, in Asia/Ho_Chi_Minh, whatever the UI language.</summary>
public static class Display
{
    public static string DateTime(DateTime utc) =>
        VietnamTime.FromUtc(utc).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A file size as people read it: "820 B", "14,5 KB", "3,2 MB" (Vietnamese decimal comma).</summary>
    public static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.#", CultureInfo.GetCultureInfo("vi-VN")) + " KB",
        _ => (bytes / 1024.0 / 1024.0).ToString("0.#", CultureInfo.GetCultureInfo("vi-VN")) + " MB",
    };

    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>A count as Vietnamese readers write it, whatever the UI language: 120.000.</summary>
    public static string Number(long value) => value.ToString("N0", Vietnamese);

    /// <summary>An optional text, or «—» when it was left empty (an empty value must not shift the rows of a list).</summary>
    public static string Text(params string?[] parts) =>
        string.Join(" ", parts.Where(p => !string.IsNullOrWhiteSpace(p))) is { Length: > 0 } text ? text : "—";

    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
}
