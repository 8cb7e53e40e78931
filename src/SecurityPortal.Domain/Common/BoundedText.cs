namespace SecurityPortal.Domain.Common;

/// <summary>Free text as the domain keeps it: trimmed, blank as null, refused beyond its limit with a Vietnamese message.</summary>
public static class BoundedText
{
    public static string? Optional(string? text, int max, string name) => string.IsNullOrWhiteSpace(text)
        ? null
        : text.Trim().Length > max ? throw new DomainException($"{name} tối đa {max} ký tự.") : text.Trim();

    /// <summary>Text the portal composes itself (a task title from a requirement), cut to fit with an ellipsis.</summary>
    public static string Clip(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
