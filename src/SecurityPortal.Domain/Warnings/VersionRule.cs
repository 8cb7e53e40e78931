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
    }

    public string Product { get; }
    public IReadOnlyList<(string Op, SoftwareVersion Version)> Constraints { get; }
    public string Text { get; }
    public bool AllVersions => Constraints.Count == 0;

    public static VersionRule Parse(string? text)
    {
        var rule = (text ?? string.Empty).Trim();
        if (rule.Length is 0 or > 300)
        {
            throw new DomainException("Quy tắc phiên bản không được để trống (tối đa 300 ký tự), ví dụ «WordPress < 6.4.3» hoặc «Apache HTTP Server 2.4.0–2.4.58».");
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

    /// <summary>Whether a component (product name and version as registered) is hit.</summary>
    public RuleMatch Match(string product, string? version)
    {
        if (!SameProduct(Product, product))
        {
            return RuleMatch.No;
        }

        if (AllVersions)
        {
            return RuleMatch.Yes;
        }

        if (!SoftwareVersion.TryParse(version, out var parsed))
        {
            return RuleMatch.VersionUnknown;
        }

        return Constraints.All(c => c.Op switch
        {
            "<" => parsed < c.Version,
            "<=" => parsed <= c.Version,
            ">" => parsed > c.Version,
            ">=" => parsed >= c.Version,
            _ => parsed == c.Version,
        }) ? RuleMatch.Yes : RuleMatch.No;
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

    [GeneratedRegex(@"^(?<product>.+?)\s+v?(?<from>\d[\w.\-+]*?)\s*(?:–|—|\s-\s|\.\.)\s*v?(?<to>\d[\w.\-+]*)$", RegexOptions.CultureInvariant, 200)]
    private static partial Regex RangePattern();

    [GeneratedRegex(@"^(?<product>[^<>=]+?)\s*(?:(?<op><=|>=|<|>|==|=)\s*v?(?<version>[0-9][\w.\-+]*)\s*,?\s*)+$", RegexOptions.CultureInvariant, 200)]
    private static partial Regex ComparisonPattern();
}
