using System.Globalization;
using System.Text;

namespace SecurityPortal.Domain.Common;

/// <summary>
/// Folds Vietnamese text for diacritic-insensitive search ("Hà Nội" → "ha noi"). Stored in a
/// normalized column so every provider compares plain lower-case ASCII the same way.
/// </summary>
public static class SearchText
{
    public static string Normalize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return string.Empty;
        }

        var decomposed = text.Trim().Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        var lastWasSpace = false;
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var folded = c switch
            {
                'đ' or 'Đ' => 'd',
                _ => char.ToLowerInvariant(c),
            };
            if (char.IsWhiteSpace(folded))
            {
                if (!lastWasSpace)
                {
                    builder.Append(' ');
                }

                lastWasSpace = true;
                continue;
            }

            lastWasSpace = false;
            builder.Append(folded);
        }

        return builder.ToString();
    }
}
