using System.Text;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Domain.Systems;

/// <summary>
/// A package URL (purl) as the purl specification writes it: <c>pkg:type/namespace/name@version?qualifiers#subpath</c>.
/// <see cref="TryParse"/> validates and normalizes (type lower case; the namespace and name of the types whose registry
/// ignores case lower case too; pypi's "_" as "-"); <see cref="ToString"/> gives the canonical form. A purl names a
/// package by <see cref="Identity"/> (type, namespace, name), whatever its version and qualifiers.
/// </summary>
public sealed class PackageUrl
{
    public const int MaxLength = 500;

    private static readonly HashSet<string> CaseInsensitiveTypes = ["bitbucket", "composer", "deb", "github", "hex", "npm", "pypi", "apk", "golang"];

    private PackageUrl(string type, string? ns, string name, string? version, IReadOnlyList<KeyValuePair<string, string>> qualifiers, string? subpath)
    {
        Type = type;
        Namespace = ns;
        Name = name;
        Version = version;
        Qualifiers = qualifiers;
        Subpath = subpath;
    }

    public string Type { get; }
    public string? Namespace { get; }
    public string Name { get; }
    public string? Version { get; }
    public IReadOnlyList<KeyValuePair<string, string>> Qualifiers { get; }
    public string? Subpath { get; }

    /// <summary>The package whatever its version: "type/namespace/name" in canonical form.</summary>
    public string Identity => Namespace is null ? $"{Type}/{Encode(Name)}" : $"{Type}/{EncodeSegments(Namespace)}/{Encode(Name)}";

    public static PackageUrl Parse(string? text) =>
        TryParse(text, out var purl, out var error) ? purl : throw new DomainException(error);

    public static bool TryParse(string? text, out PackageUrl purl, out string error)
    {
        purl = null!;
        error = string.Empty;
        var rest = text?.Trim() ?? string.Empty;
        if (rest.Length == 0 || rest.Length > MaxLength)
        {
            error = $"Định danh gói (purl) không được để trống, tối đa {MaxLength} ký tự.";
            return false;
        }

        if (!rest.StartsWith("pkg:", StringComparison.OrdinalIgnoreCase))
        {
            error = $"Định danh gói «{Clip(rest)}» phải bắt đầu bằng «pkg:», ví dụ pkg:npm/lodash@4.17.21.";
            return false;
        }

        if (rest.Where((c, i) => c == '%' && (i + 2 >= rest.Length || !char.IsAsciiHexDigit(rest[i + 1]) || !char.IsAsciiHexDigit(rest[i + 2]))).Any())
        {
            error = $"Định danh gói «{Clip(rest)}»: dấu «%» phải đi cùng hai chữ số thập lục phân (ví dụ %40 cho @).";
            return false;
        }

        if (rest.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            error = $"Định danh gói «{Clip(rest)}» không được chứa khoảng trắng (mã hóa thành %20).";
            return false;
        }

        string? subpath = null;
        var hash = rest.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            var segments = rest[(hash + 1)..].Split('/').Where(s => s.Length > 0 && s != "." && s != "..").Select(Decode).ToList();
            subpath = segments.Count == 0 || segments.Any(s => s is null) ? null : string.Join('/', segments);
            rest = rest[..hash];
        }

        var qualifiers = new List<KeyValuePair<string, string>>();
        var question = rest.IndexOf('?', StringComparison.Ordinal);
        if (question >= 0)
        {
            foreach (var pair in rest[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
            {
                var equals = pair.IndexOf('=', StringComparison.Ordinal);
                var key = equals > 0 ? pair[..equals].ToLowerInvariant() : string.Empty;
                var value = equals > 0 ? Decode(pair[(equals + 1)..]) : null;
                if (key.Length == 0 || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_') || char.IsAsciiDigit(key[0]))
                {
                    error = $"Định danh gói «{Clip(text!)}»: tham số «{Clip(pair)}» không hợp lệ (dạng khóa=giá trị).";
                    return false;
                }

                if (qualifiers.Any(q => q.Key == key))
                {
                    error = $"Định danh gói «{Clip(text!)}»: tham số «{key}» lặp lại.";
                    return false;
                }

                if (!string.IsNullOrEmpty(value))
                {
                    qualifiers.Add(new(key, value));
                }
            }

            rest = rest[..question];
        }

        rest = rest[4..].TrimStart('/');
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        var type = slash > 0 ? rest[..slash].ToLowerInvariant() : string.Empty;
        if (type.Length == 0 || !char.IsAsciiLetter(type[0]) || !type.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '+' or '-'))
        {
            error = $"Định danh gói «{Clip(text!)}» thiếu loại gói hợp lệ (npm, maven, pypi, deb, rpm, nuget, generic…).";
            return false;
        }

        rest = rest[(slash + 1)..].Trim('/');
        string? version = null;
        var at = rest.LastIndexOf('@');
        if (at >= 0 && rest.IndexOf('/', at) < 0)
        {
            version = Decode(rest[(at + 1)..]);
            if (string.IsNullOrEmpty(version))
            {
                error = $"Định danh gói «{Clip(text!)}»: phiên bản sau «@» bị trống.";
                return false;
            }

            rest = rest[..at];
        }

        var parts = rest.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Decode).ToList();
        if (parts.Count == 0 || parts.Any(p => string.IsNullOrEmpty(p) || p.Contains('/', StringComparison.Ordinal)))
        {
            error = $"Định danh gói «{Clip(text!)}» thiếu tên gói hoặc có ký tự mã hóa sai.";
            return false;
        }

        var name = parts[^1]!;
        var ns = parts.Count > 1 ? string.Join('/', parts.Take(parts.Count - 1)) : null;
        if (CaseInsensitiveTypes.Contains(type))
        {
            name = name.ToLowerInvariant();
            ns = ns?.ToLowerInvariant();
        }

        if (type == "pypi")
        {
            name = name.Replace('_', '-');
        }

        qualifiers.Sort((a, b) => string.CompareOrdinal(a.Key, b.Key));
        purl = new PackageUrl(type, ns, name, version, qualifiers, subpath);
        return true;
    }

    /// <summary>The canonical text, as the specification builds it.</summary>
    public override string ToString()
    {
        var text = new StringBuilder("pkg:").Append(Identity);
        if (Version is not null)
        {
            text.Append('@').Append(Encode(Version));
        }

        if (Qualifiers.Count > 0)
        {
            text.Append('?').AppendJoin('&', Qualifiers.Select(q => $"{q.Key}={Encode(q.Value, keepColonAndSlash: true)}"));
        }

        if (Subpath is not null)
        {
            text.Append('#').Append(EncodeSegments(Subpath));
        }

        return text.ToString();
    }

    /// <summary>The same package at another version.</summary>
    public PackageUrl WithVersion(string? version) => new(Type, Namespace, Name, string.IsNullOrWhiteSpace(version) ? null : version.Trim(), Qualifiers, Subpath);

    private static string EncodeSegments(string path) => string.Join('/', path.Split('/').Select(s => Encode(s)));

    private static string Encode(string value, bool keepColonAndSlash = false)
    {
        var text = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '~' || (c == ':') || (keepColonAndSlash && c == '/'))
            {
                text.Append(c);
            }
            else
            {
                text.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }

    private static string? Decode(string value)
    {
        try
        {
            return Uri.UnescapeDataString(value) is var decoded && !decoded.Contains('\0', StringComparison.Ordinal) ? decoded : null;
        }
        catch (UriFormatException)
        {
            return null;
        }
    }

    private static string Clip(string text) => BoundedText.Clip(text, 80);
}
