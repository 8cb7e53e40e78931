using System.Text;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Domain.Systems;

/// <summary>
/// A CPE 2.3 name in its formatted-string binding (NISTIR 7695): <c>cpe:2.3:part:vendor:product:version:update:edition:
/// language:sw_edition:target_sw:target_hw:other</c>, 13 fields separated by ":". A field is "*" (any), "-" (not
/// applicable) or a value whose letters, digits, "_", "-" and "." stand as they are and whose other signs are escaped
/// with "\"; an unescaped "*" or "?" is a wildcard and only at a value's start or end. Read case-insensitively and kept
/// in lower case. A CPE names a product by <see cref="Identity"/> (vendor and product).
/// </summary>
public sealed class CpeName
{
    public const int MaxLength = 500;

    private static readonly string[] FieldNames =
        ["part", "vendor", "product", "version", "update", "edition", "language", "sw_edition", "target_sw", "target_hw", "other"];

    private CpeName(IReadOnlyList<string> fields) => Fields = fields;

    /// <summary>The 11 attributes after "cpe:2.3:", as bound (escapes kept).</summary>
    public IReadOnlyList<string> Fields { get; }

    public string Part => Fields[0];
    public string Vendor => Fields[1];
    public string Product => Fields[2];
    public string Version => Fields[3];

    public string Identity => $"{Vendor}:{Product}";

    public static CpeName Parse(string? text) => TryParse(text, out var cpe, out var error) ? cpe : throw new DomainException(error);

    public static bool TryParse(string? text, out CpeName cpe, out string error)
    {
        cpe = null!;
        error = string.Empty;
        var value = text?.Trim() ?? string.Empty;
        if (value.Length == 0 || value.Length > MaxLength)
        {
            error = $"Tên CPE không được để trống, tối đa {MaxLength} ký tự.";
            return false;
        }

        if (!value.StartsWith("cpe:2.3:", StringComparison.OrdinalIgnoreCase))
        {
            error = $"Tên CPE «{Clip(value)}» phải theo dạng CPE 2.3 «cpe:2.3:a:nhà_cung_cấp:sản_phẩm:phiên_bản:*:*:*:*:*:*:*».";
            return false;
        }

        var fields = new List<string>();
        var current = new StringBuilder();
        for (var i = 8; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\\')
            {
                if (i + 1 >= value.Length || !IsEscapable(value[i + 1]))
                {
                    error = $"Tên CPE «{Clip(value)}»: dấu «\\» ở vị trí {i + 1} phải đứng trước một ký hiệu cần thoát.";
                    return false;
                }

                current.Append(c).Append(value[i + 1]);
                i++;
            }
            else if (c == ':')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        fields.Add(current.ToString());
        if (fields.Count != FieldNames.Length)
        {
            error = $"Tên CPE «{Clip(value)}» có {fields.Count + 2} thành phần; CPE 2.3 cần đúng 13 (cpe:2.3 và 11 thuộc tính, «*» cho thuộc tính không rõ).";
            return false;
        }

        for (var f = 0; f < fields.Count; f++)
        {
            fields[f] = fields[f].ToLowerInvariant();
            if (!ValidField(fields[f]))
            {
                error = $"Tên CPE «{Clip(value)}»: thuộc tính {FieldNames[f]} «{Clip(fields[f])}» không hợp lệ (chỉ chữ, số, «_», «-», «.», ký hiệu khác phải thoát bằng «\\»).";
                return false;
            }
        }

        if (fields[0] is not ("a" or "o" or "h" or "*" or "-"))
        {
            error = $"Tên CPE «{Clip(value)}»: loại (part) phải là a (ứng dụng), o (hệ điều hành) hoặc h (phần cứng).";
            return false;
        }

        cpe = new CpeName(fields);
        return true;
    }

    /// <summary>A CPE from the words of a form: spaces as "_", signs escaped, lower case; "*" for what is not known.</summary>
    public static CpeName From(char part, string vendor, string product, string? version) =>
        new([part.ToString(), Bind(vendor), Bind(product), string.IsNullOrWhiteSpace(version) ? "*" : Bind(version), "*", "*", "*", "*", "*", "*", "*"]);

    /// <summary>One attribute value bound as the formatted string writes it: ASCII only, so Vietnamese letters lose their marks ("Công ty" → "cong_ty").</summary>
    public static string Bind(string text)
    {
        var value = new StringBuilder();
        foreach (var c in SearchText.Normalize(text))
        {
            if (char.IsWhiteSpace(c))
            {
                value.Append('_');
            }
            else if (char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.')
            {
                value.Append(c);
            }
            else if (IsEscapable(c))
            {
                value.Append('\\').Append(c);
            }
        }

        return value.Length == 0 ? "*" : value.ToString();
    }

    /// <summary>An attribute's value with its escapes removed ("internet_explorer", "joomla!").</summary>
    public static string Unbind(string field)
    {
        var value = new StringBuilder();
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 1 < field.Length)
            {
                i++;
            }

            value.Append(field[i]);
        }

        return value.ToString();
    }

    public override string ToString() => "cpe:2.3:" + string.Join(':', Fields);

    /// <summary>Printable ASCII signs other than letters, digits and "_" are escaped in a value.</summary>
    private static bool IsEscapable(char c) => c is > ' ' and < '\u007f' && !char.IsAsciiLetterOrDigit(c) && c != '_';

    private static bool ValidField(string field)
    {
        if (field is "*" or "-")
        {
            return true;
        }

        if (field.Length == 0)
        {
            return false;
        }

        for (var i = 0; i < field.Length; i++)
        {
            var c = field[i];
            if (c == '\\')
            {
                i++;
            }
            else if (c is '*' or '?')
            {
                // Wildcards only at either end ("*ie", "8.?"), never alone in the middle.
                var atStart = field[..i].All(x => x is '*' or '?');
                var atEnd = field[(i + 1)..].All(x => x is '*' or '?');
                if (!atStart && !atEnd)
                {
                    return false;
                }
            }
            else if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }

    private static string Clip(string text) => BoundedText.Clip(text, 80);
}
