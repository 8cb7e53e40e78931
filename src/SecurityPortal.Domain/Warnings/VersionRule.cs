using System.Text.RegularExpressions;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Domain.Warnings;

/// <summary>Whether a component is hit by a rule.</summary>
public enum RuleMatch
{
    No,
    Yes,

    /// <summary>The product matches but its version is unknown or unreadable: a person must check.</summary>
    VersionUnknown,
}

/// <summary>
/// The affected products of a warning, as reviewers write them: "WordPress &lt; 6.4.3", "Apache HTTP Server
/// 2.4.0–2.4.58", "OpenSSL &gt;= 3.0.0, &lt; 3.0.7", or a product alone (every version). Versions compare
/// semantically (<see cref="SoftwareVersion"/>); product names match across spelling and vendor naming differences.
/// A rule may instead name a package by its purl («pkg:deb/debian/openssl», type, namespace and name) or a product by
/// its CPE 2.3 name (vendor and product), followed by the same comparisons or by OSV-style events
/// («introduced 3.0.0 fixed 3.0.7», «introduced 0 last_affected 1.2.3»); such a rule reaches only components that carry
/// the identifier, and a deb or rpm package's versions compare as dpkg or rpm does (<see cref="VersionComparer"/>).
/// </summary>
public sealed partial class VersionRule
{
    private static readonly IReadOnlyList<string[]> Aliases =
    [
        ["apache http server", "apache httpd", "httpd", "apache web server", "apache2"],
        ["microsoft iis", "iis", "internet information services"],
        ["microsoft exchange server", "exchange server", "microsoft exchange"],
        ["microsoft sql server", "sql server", "mssql"],
        ["microsoft windows server", "windows server"],
        ["nginx", "nginx web server"],
        ["php", "php runtime"],
        ["mysql", "mysql server", "oracle mysql"],
        ["postgresql", "postgres"],
        ["openssl", "openssl library"],
        ["apache tomcat", "tomcat"],
        ["joomla", "joomla!"],
        ["wordpress", "wordpress cms", "wp"],
    ];

    private VersionRule(string product, IReadOnlyList<(string Op, SoftwareVersion Version)> constraints, string text)
    {
        Product = product;
        Constraints = constraints;
        Text = text;
        Comparer = VersionComparer.Generic;
        Bounds = [.. constraints.Select(c => (c.Op, c.Version.Text))];
    }

    private VersionRule(PackageUrl? purl, CpeName? cpe, IReadOnlyList<(string Op, string Version)> bounds, IReadOnlyList<OsvRange> ranges, string text)
    {
        Purl = purl;
        Cpe = cpe;
        Product = purl is not null ? purl.Identity : CpeName.Unbind(cpe!.Vendor) + " " + CpeName.Unbind(cpe.Product);
        Constraints = [];
        Bounds = bounds;
        Ranges = ranges;
        Text = text;
        Comparer = VersionComparer.For(VersionComparer.SchemeOfPurlType(purl?.Type));
    }

    public string Product { get; }

    /// <summary>The comparisons of a product rule, read generically.</summary>
    public IReadOnlyList<(string Op, SoftwareVersion Version)> Constraints { get; }

    /// <summary>The package a purl rule targets (its version and qualifiers are not used), or null.</summary>
    public PackageUrl? Purl { get; }

    /// <summary>The product a CPE rule targets (vendor and product; a version other than «*» means that version only), or null.</summary>
    public CpeName? Cpe { get; }

    /// <summary>OSV-style ranges: each <c>introduced</c> up to its <c>fixed</c> (excluded) or <c>last_affected</c> (included).</summary>
    public IReadOnlyList<OsvRange> Ranges { get; } = [];

    public string Text { get; }
    public bool AllVersions => Bounds.Count == 0 && Ranges.Count == 0;

    private IReadOnlyList<(string Op, string Version)> Bounds { get; }
    private VersionComparer Comparer { get; }

    public static VersionRule Parse(string? text)
    {
        var rule = (text ?? string.Empty).Trim();
        if (rule.Length is 0 or > 300)
        {
            throw new DomainException("Quy tắc phiên bản không được để trống (tối đa 300 ký tự), ví dụ «WordPress < 6.4.3» hoặc «Apache HTTP Server 2.4.0–2.4.58».");
        }

        if (rule.StartsWith("pkg:", StringComparison.OrdinalIgnoreCase) || rule.StartsWith("cpe:", StringComparison.OrdinalIgnoreCase))
        {
            return ParseIdentifierRule(rule);
        }

        var range = RangePattern().Match(rule);
        if (range.Success)
        {
            var from = Version(range.Groups["from"].Value, rule);
            var to = Version(range.Groups["to"].Value, rule);
            if (from > to)
            {
                throw new DomainException($"Khoảng phiên bản «{rule}» không hợp lệ: {from} lớn hơn {to}.");
            }

            return new VersionRule(ProductName(range.Groups["product"].Value, rule), [(">=", from), ("<=", to)], rule);
        }

        var comparison = ComparisonPattern().Match(rule);
        if (comparison.Success)
        {
            var constraints = comparison.Groups["op"].Captures
                .Zip(comparison.Groups["version"].Captures, (op, version) => (op.Value, Version(version.Value, rule)))
                .ToList();
            return new VersionRule(ProductName(comparison.Groups["product"].Value, rule), constraints, rule);
        }

        if (rule.Any(c => c is '<' or '>' or '=' or '–'))
        {
            throw new DomainException($"Không đọc được quy tắc «{rule}». Dùng dạng «Sản phẩm < 6.4.3», «Sản phẩm >= 2.0, < 2.4.58» hoặc «Sản phẩm 2.4.0–2.4.58».");
        }

        return new VersionRule(ProductName(rule, rule), [], rule);
    }

    /// <summary>Whether a component (product name and version as registered) is hit by a product rule; an identifier rule needs <see cref="Match(string, string?, string?, string?)"/>.</summary>
    public RuleMatch Match(string product, string? version) => Match(product, version, null, null);

    /// <summary>Whether a component (product name, version, purl and CPE as registered) is hit.</summary>
    public RuleMatch Match(string product, string? version, string? purl, string? cpe)
    {
        if (!Covers(product, purl, cpe))
        {
            return RuleMatch.No;
        }

        if (AllVersions)
        {
            return RuleMatch.Yes;
        }

        // A package's own version when the inventory has none.
        if (string.IsNullOrWhiteSpace(version) && Purl is not null && purl is not null && PackageUrl.TryParse(purl, out var p, out _))
        {
            version = p.Version;
        }

        if (!Comparer.IsVersion(version))
        {
            return RuleMatch.VersionUnknown;
        }

        var inBounds = Bounds.All(c => Comparer.Compare(version, c.Version) switch
        {
            var x when c.Op == "<" => x < 0,
            var x when c.Op == "<=" => x <= 0,
            var x when c.Op == ">" => x > 0,
            var x when c.Op == ">=" => x >= 0,
            var x => x == 0,
        });
        var inRange = Ranges.Count == 0 || Ranges.Any(r =>
            (r.Introduced is null || Comparer.Compare(version, r.Introduced) >= 0)
            && (r.Fixed is null || Comparer.Compare(version, r.Fixed) < 0)
            && (r.LastAffected is null || Comparer.Compare(version, r.LastAffected) <= 0));
        return inBounds && inRange ? RuleMatch.Yes : RuleMatch.No;
    }

    /// <summary>Whether the rule is about this component at all, whatever its version: same product, same package or same CPE product.</summary>
    public bool Covers(string product, string? purl, string? cpe)
    {
        if (Purl is not null)
        {
            return purl is not null && PackageUrl.TryParse(purl, out var p, out _) && p.Identity == Purl.Identity;
        }

        if (Cpe is not null)
        {
            return cpe is not null && CpeName.TryParse(cpe, out var c, out _) && c.Identity == Cpe.Identity;
        }

        return SameProduct(Product, product);
    }

    private static VersionRule ParseIdentifierRule(string rule)
    {
        var space = rule.IndexOfAny([' ', '\t']);
        var identifier = space < 0 ? rule : rule[..space];
        var rest = space < 0 ? string.Empty : rule[space..].Trim();
        PackageUrl? purl = null;
        CpeName? cpe = null;
        if (identifier.StartsWith("pkg:", StringComparison.OrdinalIgnoreCase))
        {
            purl = PackageUrl.Parse(identifier);
            if (purl.Version is not null)
            {
                throw new DomainException($"Quy tắc «{rule}»: không ghi phiên bản trong purl; ghi khoảng phiên bản sau nó, ví dụ «{purl.WithVersion(null)} introduced 0 fixed {purl.Version}».");
            }
        }
        else
        {
            cpe = CpeName.Parse(identifier);
            if (cpe.Vendor is "*" or "-" || cpe.Product is "*" or "-")
            {
                throw new DomainException($"Quy tắc «{rule}»: tên CPE phải có nhà cung cấp và sản phẩm.");
            }
        }

        var comparer = VersionComparer.For(VersionComparer.SchemeOfPurlType(purl?.Type));
        string Checked(string version) => comparer.IsVersion(version)
            ? version
            : throw new DomainException($"Không đọc được phiên bản «{version}» trong quy tắc «{rule}».");

        var bounds = new List<(string Op, string Version)>();
        var ranges = new List<OsvRange>();
        if (cpe is not null && cpe.Version is not ("*" or "-") && rest.Length == 0)
        {
            bounds.Add(("=", Checked(CpeName.Unbind(cpe.Version))));
        }
        else if (rest.Length > 0 && char.IsAsciiLetter(rest[0]))
        {
            var words = rest.Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length % 2 != 0)
            {
                throw new DomainException($"Quy tắc «{rule}»: mỗi sự kiện introduced, fixed, last_affected cần một phiên bản.");
            }

            for (var i = 0; i < words.Length; i += 2)
            {
                var kind = words[i].ToLowerInvariant();
                var version = words[i + 1];
                switch (kind)
                {
                    case "introduced":
                        ranges.Add(new OsvRange(version == "0" ? null : Checked(version), null, null));
                        break;
                    case "fixed" or "last_affected" when ranges.Count > 0 && ranges[^1] is { Fixed: null, LastAffected: null } open:
                        if (open.Introduced is not null && comparer.Compare(version, open.Introduced) < 0)
                        {
                            throw new DomainException($"Quy tắc «{rule}»: {kind} {version} đứng trước introduced {open.Introduced}.");
                        }

                        ranges[^1] = kind == "fixed" ? open with { Fixed = Checked(version) } : open with { LastAffected = Checked(version) };
                        break;
                    default:
                        throw new DomainException($"Quy tắc «{rule}»: «{words[i]} {version}» không hợp lệ; dùng «introduced X» rồi «fixed Y» hoặc «last_affected Y».");
                }
            }
        }
        else if (rest.Length > 0)
        {
            var comparison = BoundsPattern().Match(rest);
            if (!comparison.Success)
            {
                throw new DomainException($"Không đọc được quy tắc «{rule}». Sau purl hoặc CPE ghi «< 2.17.1», «>= 2.0, < 2.17.1» hoặc «introduced 2.0 fixed 2.17.1».");
            }

            bounds.AddRange(comparison.Groups["op"].Captures.Zip(comparison.Groups["version"].Captures, (op, version) => (op.Value, Checked(version.Value))));
        }

        return new VersionRule(purl, cpe, bounds, ranges, rule);
    }

    /// <summary>Same product: equal once folded, one name's words contained in the other's, or known aliases.</summary>
    public static bool SameProduct(string a, string b)
    {
        var x = SearchText.Normalize(a);
        var y = SearchText.Normalize(b);
        if (x.Length == 0 || y.Length == 0)
        {
            return false;
        }

        if (x == y || Aliases.Any(group => group.Contains(x) && group.Contains(y)))
        {
            return true;
        }

        var wordsX = x.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var wordsY = y.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return wordsX.All(wordsY.Contains) || wordsY.All(wordsX.Contains);
    }

    private static string ProductName(string text, string rule)
    {
        var product = text.Trim().TrimEnd(',', ':').Trim();
        return product.Length == 0
            ? throw new DomainException($"Quy tắc «{rule}» thiếu tên sản phẩm.")
            : product;
    }

    private static SoftwareVersion Version(string text, string rule) =>
        SoftwareVersion.TryParse(text.Trim(), out var version)
            ? version
            : throw new DomainException($"Không đọc được phiên bản «{text.Trim()}» trong quy tắc «{rule}».");

    [GeneratedRegex(@"^(?:(?<op><=|>=|<|>|==|=)\s*(?<version>[0-9][\w.\-+:~^]*)\s*,?\s*)+$", RegexOptions.CultureInvariant, 200)]
    private static partial Regex BoundsPattern();

    [GeneratedRegex(@"^(?<product>.+?)\s+v?(?<from>\d[\w.\-+]*?)\s*(?:–|—|\s-\s|\.\.)\s*v?(?<to>\d[\w.\-+]*)$", RegexOptions.CultureInvariant, 200)]
    private static partial Regex RangePattern();

    [GeneratedRegex(@"^(?<product>[^<>=]+?)\s*(?:(?<op><=|>=|<|>|==|=)\s*v?(?<version>[0-9][\w.\-+]*)\s*,?\s*)+$", RegexOptions.CultureInvariant, 200)]
    private static partial Regex ComparisonPattern();
}

/// <summary>One OSV range: affected from <see cref="Introduced"/> (null: from the first version) up to <see cref="Fixed"/> (excluded) or <see cref="LastAffected"/> (included).</summary>
public sealed record OsvRange(string? Introduced, string? Fixed, string? LastAffected);
