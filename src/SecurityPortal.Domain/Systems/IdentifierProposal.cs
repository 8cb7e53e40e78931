using SecurityPortal.Domain.Warnings;

namespace SecurityPortal.Domain.Systems;

/// <summary>
/// A best-effort purl and CPE for a component typed by hand, for the officer to confirm (nothing is saved by proposing).
/// The CPE uses the vendor and product names of the national vulnerability database for the products the warnings know
/// by alias («Apache HTTP Server» → apache:http_server), otherwise the words typed. A purl needs the package's ecosystem,
/// which a product name does not say: one is proposed only when the product is written as a package coordinate
/// («org.apache.logging.log4j:log4j-core» → maven, «@angular/core» → npm).
/// </summary>
public static class IdentifierProposal
{
    private static readonly (string Product, string CpeVendor, string CpeProduct)[] Known =
    [
        ("apache http server", "apache", "http_server"),
        ("nginx", "f5", "nginx"),
        ("openssl", "openssl", "openssl"),
        ("wordpress", "wordpress", "wordpress"),
        ("php", "php", "php"),
        ("mysql", "oracle", "mysql"),
        ("postgresql", "postgresql", "postgresql"),
        ("apache tomcat", "apache", "tomcat"),
        ("joomla", "joomla", "joomla\\!"),
        ("microsoft iis", "microsoft", "internet_information_services"),
        ("microsoft exchange server", "microsoft", "exchange_server"),
        ("microsoft sql server", "microsoft", "sql_server"),
        ("drupal", "drupal", "drupal"),
        ("openssh", "openbsd", "openssh"),
    ];

    public static (string? Purl, string? Cpe) For(ComponentKind kind, string? product, string? vendor, string? version)
    {
        if (string.IsNullOrWhiteSpace(product))
        {
            return (null, null);
        }

        var cleanVersion = string.IsNullOrWhiteSpace(version) ? null : version.Trim();
        var known = Known.FirstOrDefault(k => VersionRule.SameProduct(k.Product, product));
        var part = kind switch
        {
            ComponentKind.OperatingSystem => 'o',
            ComponentKind.ApplianceFirmware => 'h',
            _ => 'a',
        };
        var cpe = known.Product is not null
            ? $"cpe:2.3:{part}:{known.CpeVendor}:{known.CpeProduct}:{(cleanVersion is null ? "*" : CpeName.Bind(cleanVersion))}:*:*:*:*:*:*:*"
            : CpeName.From(part, string.IsNullOrWhiteSpace(vendor) ? product : vendor, product, cleanVersion).ToString();
        return (PurlOf(product.Trim(), cleanVersion), CpeName.TryParse(cpe, out var parsed, out _) ? parsed.ToString() : null);
    }

    private static string? PurlOf(string product, string? version)
    {
        string? text = null;
        var colon = product.Split(':');
        if (colon.Length == 2 && colon.All(p => p.Length > 0 && p.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_')) && colon[0].Contains('.', StringComparison.Ordinal))
        {
            text = $"pkg:maven/{colon[0]}/{colon[1]}";
        }
        else if (product.StartsWith('@') && product.Count(c => c == '/') == 1 && !product.Any(char.IsWhiteSpace))
        {
            text = $"pkg:npm/%40{product[1..]}";
        }

        if (text is null || !PackageUrl.TryParse(text, out var purl, out _))
        {
            return null;
        }

        return purl.WithVersion(version).ToString();
    }
}
