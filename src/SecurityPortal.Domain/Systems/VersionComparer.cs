using System.Globalization;

namespace SecurityPortal.Domain.Systems;

/// <summary>How a version is ordered: the portal's generic reading, or a distribution's own.</summary>
public enum VersionScheme
{
    /// <summary><see cref="SoftwareVersion"/>: numbers, letter releases, pre-releases; a package revision is ignored.</summary>
    Generic,

    /// <summary>dpkg's ordering of <c>[epoch:]upstream[-revision]</c>, "~" before anything (Debian, Ubuntu packages).</summary>
    Debian,

    /// <summary>rpm's ordering of <c>[epoch:]version[-release]</c> (RHEL, SUSE, Fedora packages).</summary>
    Rpm,
}

/// <summary>
/// Compares version texts in one <see cref="VersionScheme"/>. Every comparer is a total order on strings: a text that
/// is not a version in the scheme (empty, no number) sorts before every version, and such texts compare ordinally
/// among themselves. Equality is "compares as 0", with hash codes to match.
/// </summary>
public sealed class VersionComparer : IComparer<string?>, IEqualityComparer<string?>
{
    public static readonly VersionComparer Generic = new(VersionScheme.Generic);
    public static readonly VersionComparer Debian = new(VersionScheme.Debian);
    public static readonly VersionComparer Rpm = new(VersionScheme.Rpm);

    private VersionComparer(VersionScheme scheme) => Scheme = scheme;

    public VersionScheme Scheme { get; }

    public static VersionComparer For(VersionScheme scheme) => scheme switch
    {
        VersionScheme.Debian => Debian,
        VersionScheme.Rpm => Rpm,
        _ => Generic,
    };

    /// <summary>The scheme of a package URL type ("deb", "rpm", "apk" and the rest: generic).</summary>
    public static VersionScheme SchemeOfPurlType(string? type) => type?.ToLowerInvariant() switch
    {
        "deb" => VersionScheme.Debian,
        "rpm" => VersionScheme.Rpm,
        _ => VersionScheme.Generic,
    };

    public bool IsVersion(string? text) => Scheme switch
    {
        VersionScheme.Generic => SoftwareVersion.TryParse(text, out _),
        _ => PackageVersion.TryParse(text, out _),
    };

    public int Compare(string? x, string? y)
    {
        var left = IsVersion(x);
        var right = IsVersion(y);
        if (!left || !right)
        {
            return left == right ? string.CompareOrdinal(x?.Trim() ?? string.Empty, y?.Trim() ?? string.Empty) : left ? 1 : -1;
        }

        return Scheme switch
        {
            VersionScheme.Generic => Math.Sign(SoftwareVersion.Parse(x!).CompareTo(SoftwareVersion.Parse(y!))),
            _ => PackageVersion.Compare(PackageVersion.Parse(x!), PackageVersion.Parse(y!), Scheme),
        };
    }

    public bool Equals(string? x, string? y) => Compare(x, y) == 0;

    public int GetHashCode(string? obj)
    {
        if (!IsVersion(obj))
        {
            return (obj?.Trim() ?? string.Empty).GetHashCode(StringComparison.Ordinal);
        }

        return Scheme switch
        {
            VersionScheme.Generic => SoftwareVersion.Parse(obj!).GetHashCode(),
            _ => PackageVersion.Parse(obj!).HashCode(Scheme),
        };
    }

    /// <summary><c>[epoch:]upstream[-revision]</c> as dpkg and rpm split it.</summary>
    private sealed record PackageVersion(long Epoch, string Upstream, string Revision)
    {
        public static bool TryParse(string? text, out PackageVersion version)
        {
            version = null!;
            var trimmed = text?.Trim() ?? string.Empty;

            // "2.4.58-1ubuntu1 (Ubuntu)": what follows the version is not part of it.
            var space = trimmed.IndexOf(' ', StringComparison.Ordinal);
            if (space > 0)
            {
                trimmed = trimmed[..space];
            }

            var epoch = 0L;
            var colon = trimmed.IndexOf(':', StringComparison.Ordinal);
            if (colon >= 0)
            {
                if (colon is 0 or > 9 || !long.TryParse(trimmed[..colon], NumberStyles.None, CultureInfo.InvariantCulture, out epoch))
                {
                    return false;
                }

                trimmed = trimmed[(colon + 1)..];
            }

            var dash = trimmed.LastIndexOf('-');
            var upstream = dash > 0 ? trimmed[..dash] : trimmed;
            var revision = dash > 0 ? trimmed[(dash + 1)..] : string.Empty;
            if (upstream.Length == 0 || !char.IsAsciiDigit(upstream[0]) || (dash > 0 && revision.Length == 0))
            {
                return false;
            }

            version = new PackageVersion(epoch, upstream, revision);
            return true;
        }

        public static PackageVersion Parse(string text) => TryParse(text, out var v) ? v : throw new FormatException($"'{text}' is not a package version.");

        public static int Compare(PackageVersion a, PackageVersion b, VersionScheme scheme)
        {
            if (a.Epoch != b.Epoch)
            {
                return a.Epoch.CompareTo(b.Epoch);
            }

            Func<string, string, int> compare = scheme == VersionScheme.Rpm ? RpmCompare : DpkgCompare;
            var byUpstream = compare(a.Upstream, b.Upstream);
            return byUpstream != 0 ? byUpstream : compare(a.Revision, b.Revision);
        }

        /// <summary>Equal versions have equal hashes: dpkg equality keeps every non-digit; rpm's keeps letters, "~" and "^".</summary>
        public int HashCode(VersionScheme scheme)
        {
            bool Kept(char c) => scheme == VersionScheme.Rpm ? char.IsAsciiLetter(c) || c is '~' or '^' : !char.IsAsciiDigit(c);
            return System.HashCode.Combine(Epoch, new string(Upstream.Where(Kept).ToArray()), new string(Revision.Where(Kept).ToArray()));
        }
    }

    /// <summary>dpkg's verrevcmp: non-digit runs compare by character, "~" before everything, letters before other signs; digit runs as numbers.</summary>
    internal static int DpkgCompare(string a, string b)
    {
        static int Order(string s, int i) => i >= s.Length ? 0
            : char.IsAsciiDigit(s[i]) ? 0
            : char.IsAsciiLetter(s[i]) ? s[i]
            : s[i] == '~' ? -1
            : s[i] + 256;

        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            while ((i < a.Length && !char.IsAsciiDigit(a[i])) || (j < b.Length && !char.IsAsciiDigit(b[j])))
            {
                var ac = Order(a, i);
                var bc = Order(b, j);
                if (ac != bc)
                {
                    return Math.Sign(ac - bc);
                }

                i++;
                j++;
            }

            while (i < a.Length && a[i] == '0')
            {
                i++;
            }

            while (j < b.Length && b[j] == '0')
            {
                j++;
            }

            var firstDifference = 0;
            while (i < a.Length && j < b.Length && char.IsAsciiDigit(a[i]) && char.IsAsciiDigit(b[j]))
            {
                if (firstDifference == 0)
                {
                    firstDifference = a[i] - b[j];
                }

                i++;
                j++;
            }

            if (i < a.Length && char.IsAsciiDigit(a[i]))
            {
                return 1;
            }

            if (j < b.Length && char.IsAsciiDigit(b[j]))
            {
                return -1;
            }

            if (firstDifference != 0)
            {
                return Math.Sign(firstDifference);
            }
        }

        return 0;
    }

    /// <summary>rpm's rpmvercmp: alphanumeric segments, separators ignored, "~" before anything, "^" after the version but before more.</summary>
    internal static int RpmCompare(string a, string b)
    {
        if (string.Equals(a, b, StringComparison.Ordinal))
        {
            return 0;
        }

        int i = 0, j = 0;
        while (i < a.Length || j < b.Length)
        {
            while (i < a.Length && !char.IsAsciiLetterOrDigit(a[i]) && a[i] is not ('~' or '^'))
            {
                i++;
            }

            while (j < b.Length && !char.IsAsciiLetterOrDigit(b[j]) && b[j] is not ('~' or '^'))
            {
                j++;
            }

            var ta = i < a.Length && a[i] == '~';
            var tb = j < b.Length && b[j] == '~';
            if (ta || tb)
            {
                if (!ta)
                {
                    return 1;
                }

                if (!tb)
                {
                    return -1;
                }

                i++;
                j++;
                continue;
            }

            var ca = i < a.Length && a[i] == '^';
            var cb = j < b.Length && b[j] == '^';
            if (ca || cb)
            {
                if (i >= a.Length)
                {
                    return -1;
                }

                if (j >= b.Length)
                {
                    return 1;
                }

                if (!ca)
                {
                    return 1;
                }

                if (!cb)
                {
                    return -1;
                }

                i++;
                j++;
                continue;
            }

            if (i >= a.Length || j >= b.Length)
            {
                break;
            }

            var numeric = char.IsAsciiDigit(a[i]);
            Func<char, bool> inSegment = numeric ? char.IsAsciiDigit : char.IsAsciiLetter;
            var endA = i;
            while (endA < a.Length && inSegment(a[endA]))
            {
                endA++;
            }

            var endB = j;
            while (endB < b.Length && inSegment(b[endB]))
            {
                endB++;
            }

            if (endB == j)
            {
                // A numeric segment is newer than an alphabetic one.
                return numeric ? 1 : -1;
            }

            var segA = a[i..endA];
            var segB = b[j..endB];
            int byValue;
            if (numeric)
            {
                segA = segA.TrimStart('0');
                segB = segB.TrimStart('0');
                byValue = segA.Length != segB.Length ? segA.Length.CompareTo(segB.Length) : string.CompareOrdinal(segA, segB);
            }
            else
            {
                byValue = string.CompareOrdinal(segA, segB);
            }

            if (byValue != 0)
            {
                return Math.Sign(byValue);
            }

            i = endA;
            j = endB;
        }

        var restA = i < a.Length;
        var restB = j < b.Length;
        return restA == restB ? 0 : restA ? 1 : -1;
    }
}
