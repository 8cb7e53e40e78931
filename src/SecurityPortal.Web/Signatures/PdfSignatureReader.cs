using System.Formats.Asn1;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace SecurityPortal.Web.Signatures;

/// <summary>One signature found in a PDF: its byte range, the CMS bytes of /Contents and what its dictionary says.</summary>
public sealed record PdfSignatureField(long[] ByteRange, byte[] Cms, string? SubFilter, DateTime? DictionaryTimeUtc)
{
    /// <summary>Where the signed bytes end: the revision of the file this signature covers.</summary>
    public long End => ByteRange[2] + ByteRange[3];
}

/// <summary>What <see cref="PdfSignatureReader"/> found: the signatures (in revision order), the CRLs of a /DSS, or why the file could not be read.</summary>
public sealed record PdfSignatureScan(IReadOnlyList<PdfSignatureField> Signatures, IReadOnlyList<byte[]> DssCrls, string? Problem);

/// <summary>
/// A small, bounded reader of the signature dictionaries of a PDF: it looks for every /ByteRange array, requires the gap it
/// leaves to be exactly the /Contents hex string (so the dictionary cannot point elsewhere), and reads /SubFilter and /M from
/// the same object. Revocation data is read from a document security store (/DSS /CRLs, uncompressed or FlateDecode streams).
/// It never follows more than a few references, caps every count and size, and never throws on a crafted file: a file it
/// cannot read gives a <see cref="PdfSignatureScan.Problem"/>. Signature dictionaries inside compressed object streams are
/// not found (signing tools never put them there: the byte offsets must be fixed).
/// </summary>
public static class PdfSignatureReader
{
    /// <summary>At most this many signatures are verified in one file.</summary>
    public const int MaxSignatures = 10;

    /// <summary>At most this many /ByteRange keys are looked at (a file full of them is refused).</summary>
    private const int MaxByteRangeKeys = 50;

    /// <summary>The largest /Contents (hex characters): 1 MB of hex is 512 KB of CMS, far more than any real signature.</summary>
    private const int MaxContentsHex = 1024 * 1024;

    /// <summary>How far from /ByteRange the rest of the signature dictionary is looked for.</summary>
    private const int DictionaryWindow = 16 * 1024;

    private const int MaxCrls = 50;
    private const int MaxCrlBytes = 4 * 1024 * 1024;

    public const string TooManySignatures = "tệp có quá nhiều chữ ký";
    public const string MalformedSignature = "cấu trúc chữ ký trong tệp không hợp lệ";

    public static PdfSignatureScan Read(byte[] pdf)
    {
        var signatures = new List<PdfSignatureField>();
        var keys = Occurrences(pdf, "/ByteRange"u8).Take(MaxByteRangeKeys + 1).ToList();
        if (keys.Count > MaxByteRangeKeys)
        {
            return new PdfSignatureScan([], [], TooManySignatures);
        }

        foreach (var at in keys)
        {
            if (!TryReadRange(pdf, at + "/ByteRange".Length, out var range))
            {
                continue;
            }

            if (!SaneRange(pdf, range, out var cms))
            {
                return new PdfSignatureScan([], [], MalformedSignature);
            }

            var (subFilter, time) = ReadDictionary(pdf, at, range);
            signatures.Add(new PdfSignatureField(range, cms, subFilter, time));
            if (signatures.Count > MaxSignatures)
            {
                return new PdfSignatureScan([], [], TooManySignatures);
            }
        }

        signatures.Sort((a, b) => a.End.CompareTo(b.End));
        return new PdfSignatureScan(signatures, signatures.Count == 0 ? [] : ReadDssCrls(pdf), null);
    }

    /// <summary>The bytes a signature covers: the two ranges of its /ByteRange, joined.</summary>
    public static byte[] SignedBytes(byte[] pdf, PdfSignatureField signature)
    {
        var r = signature.ByteRange;
        var content = new byte[r[1] + r[3]];
        Array.Copy(pdf, r[0], content, 0, r[1]);
        Array.Copy(pdf, r[2], content, r[1], r[3]);
        return content;
    }

    /// <summary>Whether only whitespace (and a final %%EOF comment's line ends) follows <paramref name="end"/>.</summary>
    public static bool NothingAfter(byte[] pdf, long end)
    {
        for (var i = end; i < pdf.Length; i++)
        {
            if (!IsWhite(pdf[i]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool TryReadRange(byte[] pdf, int from, out long[] range)
    {
        range = new long[4];
        var i = SkipWhite(pdf, from);
        if (i >= pdf.Length || pdf[i] != '[')
        {
            return false;
        }

        i++;
        for (var n = 0; n < 4; n++)
        {
            i = SkipWhite(pdf, i);
            var start = i;
            long value = 0;
            while (i < pdf.Length && i - start < 12 && pdf[i] is >= (byte)'0' and <= (byte)'9')
            {
                value = (value * 10) + (pdf[i] - '0');
                i++;
            }

            if (i == start || (i < pdf.Length && pdf[i] is >= (byte)'0' and <= (byte)'9'))
            {
                return false;
            }

            range[n] = value;
        }

        i = SkipWhite(pdf, i);
        return i < pdf.Length && pdf[i] == ']';
    }

    /// <summary>The range starts the file, leaves a gap that is exactly a hex string, and ends inside the file.</summary>
    private static bool SaneRange(byte[] pdf, long[] r, out byte[] cms)
    {
        cms = [];
        var gapStart = r[0] + r[1];
        if (r[0] != 0 || r[1] <= 0 || r[2] <= gapStart + 1 || r[3] < 0 || r[2] + r[3] > pdf.Length || r[2] - gapStart - 2 > MaxContentsHex)
        {
            return false;
        }

        if (pdf[gapStart] != '<' || pdf[r[2] - 1] != '>')
        {
            return false;
        }

        var hex = new StringBuilder((int)(r[2] - gapStart));
        for (var i = gapStart + 1; i < r[2] - 1; i++)
        {
            var b = pdf[i];
            if (char.IsAsciiHexDigit((char)b))
            {
                hex.Append((char)b);
            }
            else if (!IsWhite(b))
            {
                return false;
            }
        }

        if (hex.Length % 2 == 1)
        {
            hex.Append('0');
        }

        var bytes = Convert.FromHexString(hex.ToString());
        // /Contents is padded with zeros after the DER value: keep the value only.
        try
        {
            if (!AsnDecoder.TryReadEncodedValue(bytes, AsnEncodingRules.BER, out _, out _, out _, out var consumed))
            {
                return false;
            }

            cms = bytes[..consumed];
            return true;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    /// <summary>/SubFilter and /M of the object holding the /ByteRange, the hex gap left out.</summary>
    private static (string? SubFilter, DateTime? Time) ReadDictionary(byte[] pdf, int at, long[] range)
    {
        var before = Math.Max(0, at - DictionaryWindow);
        var objStart = LastIndexOf(pdf, " obj"u8, before, at);
        var start = objStart < 0 ? before : objStart;
        var gapEnd = (int)range[2];
        var limit = (int)Math.Min(pdf.Length, (long)gapEnd + DictionaryWindow);
        var objEnd = IndexOf(pdf, "endobj"u8, gapEnd, limit);
        var end = objEnd < 0 ? limit : objEnd;
        var gapStart = (int)(range[0] + range[1]);
        var text = Latin1(pdf, start, Math.Max(start, Math.Min(gapStart, end))) + " " + Latin1(pdf, Math.Min(gapEnd, end), end);
        return (NameAfter(text, "/SubFilter"), DateAfter(text, "/M"));
    }

    private static string? NameAfter(string text, string key)
    {
        var i = text.IndexOf(key, StringComparison.Ordinal);
        if (i < 0)
        {
            return null;
        }

        var j = i + key.Length;
        while (j < text.Length && IsWhite((byte)text[j]))
        {
            j++;
        }

        if (j >= text.Length || text[j] != '/')
        {
            return null;
        }

        var k = j + 1;
        while (k < text.Length && k - j < 64 && !IsWhite((byte)text[k]) && "/<>[]()".IndexOf(text[k], StringComparison.Ordinal) < 0)
        {
            k++;
        }

        return text[(j + 1)..k];
    }

    /// <summary>A PDF date «(D:YYYYMMDDHHmmSS+07'00')» after the key (the key followed by space or a parenthesis, not /MDP…).</summary>
    private static DateTime? DateAfter(string text, string key)
    {
        var from = 0;
        while ((from = text.IndexOf(key, from, StringComparison.Ordinal)) >= 0)
        {
            var j = from + key.Length;
            from = j;
            if (j < text.Length && (text[j] == '(' || IsWhite((byte)text[j])))
            {
                while (j < text.Length && IsWhite((byte)text[j]))
                {
                    j++;
                }

                var close = j < text.Length && text[j] == '(' ? text.IndexOf(')', j) : -1;
                return close > j && close - j < 64 ? ParsePdfDate(text[(j + 1)..close]) : null;
            }
        }

        return null;
    }

    internal static DateTime? ParsePdfDate(string value)
    {
        var s = value.StartsWith("D:", StringComparison.Ordinal) ? value[2..] : value;
        if (s.Length < 14 || !DateTime.TryParseExact(s[..14], "yyyyMMddHHmmss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        var zone = s[14..].Replace("'", string.Empty, StringComparison.Ordinal);
        var offset = TimeSpan.Zero;
        if (zone.Length >= 5 && zone[0] is '+' or '-'
            && int.TryParse(zone[1..3], NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            && int.TryParse(zone[3..5], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            && hours < 24 && minutes < 60)
        {
            offset = new TimeSpan(hours, minutes, 0) * (zone[0] == '-' ? -1 : 1);
        }

        // A crafted year 0001 or 9999 with an offset would leave the calendar.
        return local.Ticks - offset.Ticks is var ticks && ticks >= DateTime.MinValue.Ticks && ticks <= DateTime.MaxValue.Ticks
            ? new DateTime(ticks, DateTimeKind.Utc)
            : null;
    }

    /// <summary>The CRLs of the document security store: every «/CRLs [n 0 R …]» array, each reference to a stream object.</summary>
    private static List<byte[]> ReadDssCrls(byte[] pdf)
    {
        var crls = new List<byte[]>();
        foreach (var at in Occurrences(pdf, "/CRLs"u8))
        {
            var i = SkipWhite(pdf, at + "/CRLs".Length);
            if (i >= pdf.Length || pdf[i] != '[')
            {
                continue;
            }

            var close = IndexOf(pdf, "]"u8, i, Math.Min(pdf.Length, i + 4096));
            if (close < 0)
            {
                continue;
            }

            var parts = Latin1(pdf, i + 1, close).Split((char[])[' ', '\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries);
            for (var p = 0; p + 2 < parts.Length && crls.Count < MaxCrls; p += 3)
            {
                if (parts[p + 2] == "R" && int.TryParse(parts[p], NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                    && int.TryParse(parts[p + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var generation)
                    && StreamOf(pdf, number, generation) is { } crl)
                {
                    crls.Add(crl);
                }
            }
        }

        return crls;
    }

    /// <summary>The decoded data of the stream object «n g obj» (its last definition: the newest revision), or null.</summary>
    private static byte[]? StreamOf(byte[] pdf, int number, int generation)
    {
        var header = Encoding.ASCII.GetBytes($"{number} {generation} obj");
        var at = -1;
        foreach (var found in Occurrences(pdf, header))
        {
            if (found == 0 || IsWhite(pdf[found - 1]))
            {
                at = found;
            }
        }

        if (at < 0)
        {
            return null;
        }

        var streamAt = IndexOf(pdf, "stream"u8, at, Math.Min(pdf.Length, at + 4096));
        if (streamAt < 0)
        {
            return null;
        }

        var dictionary = Latin1(pdf, at, streamAt);
        var lengthAt = dictionary.IndexOf("/Length", StringComparison.Ordinal);
        if (lengthAt < 0)
        {
            return null;
        }

        var digits = new string(dictionary[(lengthAt + 7)..].TrimStart().TakeWhile(char.IsAsciiDigit).Take(9).ToArray());
        var rest = dictionary[(lengthAt + 7)..].TrimStart()[digits.Length..].TrimStart();
        if (digits.Length == 0 || rest.Length > 0 && char.IsAsciiDigit(rest[0]) || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
        {
            return null; // an indirect /Length is not followed
        }

        var data = streamAt + "stream".Length;
        if (data < pdf.Length && pdf[data] == '\r')
        {
            data++;
        }

        if (data < pdf.Length && pdf[data] == '\n')
        {
            data++;
        }

        if (length > MaxCrlBytes || (long)data + length > pdf.Length)
        {
            return null;
        }

        var raw = pdf.AsSpan(data, length).ToArray();
        if (!dictionary.Contains("/Filter", StringComparison.Ordinal))
        {
            return raw;
        }

        if (NameAfter(dictionary, "/Filter") != "FlateDecode")
        {
            return null;
        }

        try
        {
            using var input = new ZLibStream(new MemoryStream(raw), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[8192];
            int read;
            while ((read = input.Read(buffer)) > 0)
            {
                if (output.Length + read > MaxCrlBytes)
                {
                    return null;
                }

                output.Write(buffer, 0, read);
            }

            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static IEnumerable<int> Occurrences(byte[] pdf, byte[] needle)
    {
        var from = 0;
        while (from < pdf.Length)
        {
            var i = pdf.AsSpan(from).IndexOf(needle);
            if (i < 0)
            {
                yield break;
            }

            yield return from + i;
            from += i + needle.Length;
        }
    }

    private static IEnumerable<int> Occurrences(byte[] pdf, ReadOnlySpan<byte> needle) => Occurrences(pdf, needle.ToArray());

    private static int IndexOf(byte[] pdf, ReadOnlySpan<byte> needle, int from, int to)
    {
        if (from >= to)
        {
            return -1;
        }

        var i = pdf.AsSpan(from, to - from).IndexOf(needle);
        return i < 0 ? -1 : from + i;
    }

    private static int LastIndexOf(byte[] pdf, ReadOnlySpan<byte> needle, int from, int to)
    {
        if (from >= to)
        {
            return -1;
        }

        var i = pdf.AsSpan(from, to - from).LastIndexOf(needle);
        return i < 0 ? -1 : from + i;
    }

    private static string Latin1(byte[] pdf, int from, int to) => to <= from ? string.Empty : Encoding.Latin1.GetString(pdf, from, to - from);

    private static int SkipWhite(byte[] pdf, int i)
    {
        while (i < pdf.Length && IsWhite(pdf[i]))
        {
            i++;
        }

        return i;
    }

    private static bool IsWhite(byte b) => b is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t' or (byte)'\f' or 0;
}
