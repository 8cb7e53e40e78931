using System.Globalization;

namespace SecurityPortal.Domain.Systems;

/// <summary>
/// A version as products write them ("6.4.3", "2.4.58", "8.0.1-rc2", "v10", "2.4.58 (Ubuntu)"). Numeric parts
/// compare as numbers, so "5.8.3" &lt; "6.4.3" and "2.4.9" &lt; "2.4.58". A pre-release marker (alpha, beta,
/// rc, preview, dev, snapshot…) sorts before the release, "rc9" before "rc10". One letter right after the
/// numbers is a letter release, as OpenSSL numbers its fixes: "1.1.1" &lt; "1.1.1a" &lt; "1.1.1k" &lt; "1.1.1w". Any
/// other suffix — build metadata, a distribution's label — does not change the version, so a patched
/// "2.4.58-1ubuntu1" is not taken for something older than "2.4.58". A Debian epoch ("1:2.4.58") compares first;
/// "~" marks a pre-release ("1.0~rc1" &lt; "1.0"). Text that is not a version cannot be compared. This is the portal's
/// generic ordering; packages of a distribution compare with their own (<see cref="VersionComparer"/>).
/// </summary>
public sealed class SoftwareVersion : IComparable<SoftwareVersion>, IEquatable<SoftwareVersion>
{
    private SoftwareVersion(int epoch, int[] parts, char? letter, string suffix, string text)
    {
        Epoch = epoch;
        Parts = parts;
        Letter = letter;
        Suffix = suffix;
        Text = text;
    }

    /// <summary>The Debian/RPM epoch ("1" of "1:2.4.58"), 0 when none.</summary>
    public int Epoch { get; }

    public IReadOnlyList<int> Parts { get; }

    /// <summary>The letter release ("k" of "1.1.1k"), lower case; null for none.</summary>
    public char? Letter { get; }

    public string Suffix { get; }
    public string Text { get; }

    public static bool TryParse(string? text, out SoftwareVersion version)
    {
        version = null!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var trimmed = text.Trim();
        var epoch = 0;
        var start = trimmed.StartsWith('v') || trimmed.StartsWith('V') ? 1 : 0;
        var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
        if (colon is > 0 and <= 9 && trimmed[..colon].All(char.IsAsciiDigit) && colon + 1 < trimmed.Length && char.IsAsciiDigit(trimmed[colon + 1]))
        {
            epoch = int.Parse(trimmed[..colon], NumberStyles.None, CultureInfo.InvariantCulture);
            start = colon + 1;
        }

        var end = start;
        while (end < trimmed.Length && (char.IsAsciiDigit(trimmed[end]) || trimmed[end] == '.'))
        {
            end++;
        }

        var numeric = trimmed[start..end].TrimEnd('.');
        if (numeric.Length == 0 || numeric.Contains("..", StringComparison.Ordinal))
        {
            return false;
        }

        var parts = new List<int>();
        foreach (var piece in numeric.Split('.'))
        {
            if (!int.TryParse(piece, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            parts.Add(value);
        }

        // One letter alone right after the numbers ("1.1.1k", "1.1.1k-fips"), not a word ("5.7ubuntu") nor a pre-release ("1.0a1").
        char? letter = null;
        if (end < trimmed.Length && char.IsAsciiLetter(trimmed[end]) && (end + 1 == trimmed.Length || !char.IsAsciiLetterOrDigit(trimmed[end + 1])))
        {
            letter = char.ToLowerInvariant(trimmed[end]);
            end++;
        }

        var rest = trimmed[end..];
        var tilde = rest.StartsWith('~') && rest.Length > 1;
        var suffix = rest.StartsWith('+') ? string.Empty : rest.TrimStart('-', '_', ' ', '~').ToLowerInvariant();
        version = new SoftwareVersion(epoch, [.. parts], letter, tilde || IsPreRelease(suffix) ? suffix : string.Empty, trimmed);
        return true;
    }

    public static SoftwareVersion Parse(string text) =>
        TryParse(text, out var version) ? version : throw new FormatException($"'{text}' is not a version.");

    public int CompareTo(SoftwareVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        if (Epoch != other.Epoch)
        {
            return Epoch.CompareTo(other.Epoch);
        }

        for (var i = 0; i < Math.Max(Parts.Count, other.Parts.Count); i++)
        {
            var left = i < Parts.Count ? Parts[i] : 0;
            var right = i < other.Parts.Count ? other.Parts[i] : 0;
            if (left != right)
            {
                return left.CompareTo(right);
            }
        }

        // "1.1.1" is older than "1.1.1a", "1.1.1k" older than "1.1.1w".
        var byLetter = (Letter ?? '\0').CompareTo(other.Letter ?? '\0');
        if (byLetter != 0)
        {
            return byLetter;
        }

        // "1.0" is newer than "1.0-rc1"; two pre-releases compare by label, then by number ("rc9" < "rc10").
        return (Suffix.Length == 0, other.Suffix.Length == 0) switch
        {
            (true, true) => 0,
            (true, false) => 1,
            (false, true) => -1,
            _ => ComparePreRelease(Suffix, other.Suffix),
        };
    }

    private static readonly string[] PreReleaseMarkers = ["alpha", "beta", "rc", "pre", "preview", "dev", "snapshot", "milestone", "cr", "ea"];

    private static bool IsPreRelease(string suffix) =>
        suffix.Length > 0
        && (PreReleaseMarkers.Any(m => suffix.StartsWith(m, StringComparison.Ordinal))
            || (suffix.Length > 1 && (suffix[0] is 'a' or 'b' or 'm') && char.IsAsciiDigit(suffix[1])));

    private static int ComparePreRelease(string left, string right)
    {
        var (leftLabel, leftNumber) = SplitLabel(left);
        var (rightLabel, rightNumber) = SplitLabel(right);
        var byLabel = string.CompareOrdinal(leftLabel, rightLabel);
        return byLabel != 0 ? byLabel : leftNumber.CompareTo(rightNumber);
    }

    private static (string Label, long Number) SplitLabel(string suffix)
    {
        var letters = new string(suffix.TakeWhile(c => !char.IsAsciiDigit(c)).ToArray()).Trim('.', '-', '_', ' ', '~');
        var digits = new string(suffix.SkipWhile(c => !char.IsAsciiDigit(c)).TakeWhile(char.IsAsciiDigit).ToArray());
        return (letters, long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0);
    }

    public bool Equals(SoftwareVersion? other) => other is not null && CompareTo(other) == 0;

    public override bool Equals(object? obj) => obj is SoftwareVersion other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Epoch);
        foreach (var part in Parts.Reverse().SkipWhile(p => p == 0))
        {
            hash.Add(part);
        }

        hash.Add(Letter);
        hash.Add(Suffix.Length == 0);

        // Equal pre-releases have the same label and number ("rc1", "rc.1", "rc01").
        var (label, number) = SplitLabel(Suffix);
        hash.Add(label);
        hash.Add(number);
        return hash.ToHashCode();
    }

    public override string ToString() => Text;

    public static bool operator <(SoftwareVersion? left, SoftwareVersion? right) => Compare(left, right) < 0;
    public static bool operator >(SoftwareVersion? left, SoftwareVersion? right) => Compare(left, right) > 0;
    public static bool operator <=(SoftwareVersion? left, SoftwareVersion? right) => Compare(left, right) <= 0;
    public static bool operator >=(SoftwareVersion? left, SoftwareVersion? right) => Compare(left, right) >= 0;

    /// <summary>Null sorts first, as <see cref="Comparer{T}.Default"/> does.</summary>
    private static int Compare(SoftwareVersion? left, SoftwareVersion? right) =>
        left is null ? (right is null ? 0 : -1) : left.CompareTo(right);
    public static bool operator ==(SoftwareVersion? left, SoftwareVersion? right) => left?.Equals(right) ?? right is null;
    public static bool operator !=(SoftwareVersion? left, SoftwareVersion? right) => !(left == right);
}
