using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Domain.Websites;

/// <summary>
/// A page's title and a fingerprint of its visible text, to notice a defacement without storing the page. The text
/// is normalised (scripts, styles, comments and tags removed, entities decoded, diacritics folded, digits dropped so
/// dates and counters do not count as change), cut into overlapping three-word shingles, and summarised as a MinHash
/// signature of 64 values. The share of equal values estimates how much of the text two versions have in common.
/// </summary>
public static partial class PageFingerprint
{
    public const int SignatureLength = 64;

    public static string? Title(string? html)
    {
        if (string.IsNullOrEmpty(html))
        {
            return null;
        }

        var match = TitleTag().Match(html);
        if (!match.Success)
        {
            return null;
        }

        var title = Whitespace().Replace(WebUtility.HtmlDecode(match.Groups["t"].Value), " ").Trim();
        return title.Length == 0 ? null : BoundedText.Clip(title, 300);
    }

    /// <summary>The visible text, folded to lower-case ASCII words without digits.</summary>
    public static string NormalizedText(string? html)
    {
        if (string.IsNullOrEmpty(html))
        {
            return string.Empty;
        }

        var text = Invisible().Replace(html, " ");
        text = Tag().Replace(text, " ");
        text = WebUtility.HtmlDecode(text);
        text = SearchText.Normalize(text);
        var words = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            words.Append(char.IsLetter(c) ? c : ' ');
        }

        return Whitespace().Replace(words.ToString(), " ").Trim();
    }

    /// <summary>The MinHash signature of the page's text as hexadecimal (64 × 8 characters); empty text gives null.</summary>
    public static string? Compute(string? html)
    {
        var words = NormalizedText(html).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0)
        {
            return null;
        }

        var shingles = new HashSet<uint>();
        var width = Math.Min(3, words.Length);
        for (var i = 0; i + width <= words.Length; i++)
        {
            shingles.Add(Fnv(string.Join(' ', words, i, width)));
        }

        var signature = new StringBuilder(SignatureLength * 8);
        for (var k = 0; k < SignatureLength; k++)
        {
            var seed = (uint)(k * 0x9E3779B1u) ^ 0x85EBCA6Bu;
            var min = uint.MaxValue;
            foreach (var shingle in shingles)
            {
                var h = Mix(shingle ^ seed);
                if (h < min)
                {
                    min = h;
                }
            }

            signature.Append(min.ToString("x8", CultureInfo.InvariantCulture));
        }

        return signature.ToString();
    }

    /// <summary>Estimated share of text in common, 0–1; null when either side has no text.</summary>
    public static double? Similarity(string? a, string? b)
    {
        if (a is null || b is null || a.Length != SignatureLength * 8 || b.Length != SignatureLength * 8)
        {
            return null;
        }

        var equal = 0;
        for (var k = 0; k < SignatureLength; k++)
        {
            if (a.AsSpan(k * 8, 8).SequenceEqual(b.AsSpan(k * 8, 8)))
            {
                equal++;
            }
        }

        return (double)equal / SignatureLength;
    }

    /// <summary>The configured defacement phrases found in the page's text (compared folded: "Hacked By" = "hacked by").</summary>
    public static IReadOnlyList<string> PhrasesIn(string? html, IEnumerable<string> phrases)
    {
        var text = " " + NormalizedText(html) + " ";
        // "hacked by" and "hacked by:" fold to the same words: one phrase, named by its folded form.
        return phrases
            .Select(NormalizedText)
            .Where(folded => folded.Length > 0 && text.Contains(" " + folded + " ", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    private static uint Fnv(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return hash;
    }

    private static uint Mix(uint x)
    {
        x ^= x >> 16;
        x *= 0x7FEB352Du;
        x ^= x >> 15;
        x *= 0x846CA68Bu;
        x ^= x >> 16;
        return x;
    }

    [GeneratedRegex(@"<title[^>]*>(?<t>.*?)</title>", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant, 500)]
    private static partial Regex TitleTag();

    [GeneratedRegex(@"<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->", RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant, 2000)]
    private static partial Regex Invisible();

    [GeneratedRegex(@"<[^>]*>", RegexOptions.CultureInvariant, 2000)]
    private static partial Regex Tag();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant, 2000)]
    private static partial Regex Whitespace();
}
