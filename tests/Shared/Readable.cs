using System.Text.RegularExpressions;

namespace SecurityPortal.Tests;

/// <summary>What a page a person reads must not show (an id) and how it shows a moment (dd/MM/yyyy HH:mm, Vietnam time).</summary>
public static partial class Readable
{
    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", RegexOptions.IgnoreCase)]
    public static partial Regex Guid();

    [GeneratedRegex(@"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}$")]
    public static partial Regex VietnamDateTime();
}
