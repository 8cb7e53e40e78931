using System.Net;
using System.Text.RegularExpressions;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Domain.Websites;

/// <summary>A registered component of the system, as the check compares it with what the site shows.</summary>
public sealed record RegisteredSoftware(string Product, string? Version);

/// <summary>
/// Recognises the software a website discloses: <c>Server</c>, <c>X-Powered-By</c>, <c>X-AspNet-Version</c>,
/// <c>X-AspNetMvc-Version</c>, the HTML <c>generator</c> meta tag, WordPress asset paths, and the well-known files
/// of WordPress, Joomla and Drupal. Each product has the names under which an inventory may list it.
/// </summary>
public static partial class SoftwareFingerprints
{
    /// <summary>The static files asked for besides the page: one GET each, read only in part.</summary>
    public static readonly IReadOnlyList<string> WellKnownPaths =
        ["/readme.html", "/administrator/manifests/files/joomla.xml", "/CHANGELOG.txt", "/core/CHANGELOG.txt"];

    /// <summary>
    /// Per product: the names an inventory uses for it (as whole words), and words that make a name another product
    /// of the same family ("Apache Tomcat" is not the Apache HTTP Server, "ASP.NET MVC" or "ASP.NET Core" is not ASP.NET).
    /// </summary>
    private static readonly (string Product, string[] Names, string[] Not)[] Products =
    [
        ("Apache HTTP Server", ["apache http server", "apache httpd", "httpd", "apache2", "apache"],
            ["tomcat", "kafka", "solr", "struts", "activemq", "cassandra", "spark", "zookeeper", "couchdb", "ofbiz", "airflow", "superset", "hadoop", "james", "derby", "ant", "maven", "log4j", "commons"]),
        ("nginx", ["nginx"], []),
        ("Microsoft IIS", ["microsoft iis", "iis", "internet information services"], []),
        ("LiteSpeed", ["litespeed"], []),
        ("PHP", ["php"], []),
        ("ASP.NET", ["asp.net", ".net framework"], ["mvc", "core", "web api", "webapi"]),
        ("ASP.NET MVC", ["asp.net mvc"], ["core"]),
        ("WordPress", ["wordpress"], []),
        ("Joomla", ["joomla"], []),
        ("Drupal", ["drupal"], []),
    ];

    /// <summary>
    /// <c>X-AspNet-Version</c> shows the CLR version (4.0.30319 for every ASP.NET 4.x, 2.0.50727 for 2.0–3.5), not the
    /// framework's: it discloses, but cannot contradict a registered version.
    /// </summary>
    public static bool IsRuntimeVersion(DetectedSoftware software) =>
        software.Product == "ASP.NET" && software.Version is "4.0.30319" or "2.0.50727";

    public static IReadOnlyList<DetectedSoftware> Detect(ProbeResult probe)
    {
        var found = new List<DetectedSoftware>();
        void Add(string product, string? version, string source)
        {
            version = string.IsNullOrWhiteSpace(version) ? null : version.Trim();
            var existing = found.FindIndex(f => f.Product == product);
            if (existing < 0)
            {
                found.Add(new DetectedSoftware(product, version, source));
            }
            else if (found[existing].Version is null && version is not null)
            {
                found[existing] = new DetectedSoftware(product, version, source);
            }
        }

        if (probe.Headers.TryGetValue("Server", out var server))
        {
            foreach (Match m in ProductToken().Matches(server))
            {
                var name = m.Groups["name"].Value;
                var product = name.ToLowerInvariant() switch
                {
                    "apache" => "Apache HTTP Server",
                    "nginx" => "nginx",
                    "microsoft-iis" => "Microsoft IIS",
                    "litespeed" => "LiteSpeed",
                    "php" => "PHP",
                    _ => null,
                };
                if (product is not null)
                {
                    Add(product, m.Groups["version"].Success ? m.Groups["version"].Value : null, "tiêu đề Server");
                }
            }
        }

        if (probe.Headers.TryGetValue("X-Powered-By", out var poweredBy))
        {
            foreach (Match m in ProductToken().Matches(poweredBy))
            {
                var name = m.Groups["name"].Value.ToLowerInvariant();
                var product = name switch { "php" => "PHP", "asp.net" => "ASP.NET", _ => null };
                if (product is not null)
                {
                    Add(product, m.Groups["version"].Success ? m.Groups["version"].Value : null, "tiêu đề X-Powered-By");
                }
            }
        }

        if (probe.Headers.TryGetValue("X-AspNet-Version", out var aspNet))
        {
            Add("ASP.NET", aspNet, "tiêu đề X-AspNet-Version");
        }

        if (probe.Headers.TryGetValue("X-AspNetMvc-Version", out var mvc))
        {
            Add("ASP.NET MVC", mvc, "tiêu đề X-AspNetMvc-Version");
        }

        var html = probe.Html ?? string.Empty;
        foreach (Match meta in MetaTag().Matches(html))
        {
            var tag = meta.Value;
            if (!GeneratorName().IsMatch(tag))
            {
                continue;
            }

            var content = MetaContent().Match(tag);
            if (!content.Success)
            {
                continue;
            }

            var text = WebUtility.HtmlDecode(content.Groups["v"].Value);
            var generator = GeneratorValue().Match(text);
            var product = generator.Groups["name"].Value.ToLowerInvariant() switch
            {
                "wordpress" => "WordPress",
                "joomla" => "Joomla",
                "drupal" => "Drupal",
                _ => null,
            };
            if (product is not null)
            {
                Add(product, generator.Groups["version"].Success ? generator.Groups["version"].Value : null, "thẻ meta generator");
            }
        }

        if (html.Contains("/wp-content/", StringComparison.OrdinalIgnoreCase) || html.Contains("/wp-includes/", StringComparison.OrdinalIgnoreCase))
        {
            Add("WordPress", null, "đường dẫn /wp-content/");
        }

        foreach (var file in probe.WellKnown.Where(p => p.StatusCode == 200 && !string.IsNullOrEmpty(p.Text)))
        {
            var text = file.Text!;
            switch (file.Path.ToLowerInvariant())
            {
                case "/readme.html" when text.Contains("WordPress", StringComparison.OrdinalIgnoreCase):
                    var wp = WordPressReadme().Match(text);
                    Add("WordPress", wp.Success ? wp.Groups["v"].Value : null, file.Path);
                    break;
                case "/administrator/manifests/files/joomla.xml":
                    var joomla = XmlVersion().Match(text);
                    if (joomla.Success)
                    {
                        Add("Joomla", joomla.Groups["v"].Value, file.Path);
                    }

                    break;
                case "/changelog.txt" or "/core/changelog.txt":
                    var drupal = DrupalChangelog().Match(text);
                    if (drupal.Success)
                    {
                        Add("Drupal", drupal.Groups["v"].Value, file.Path);
                    }

                    break;
            }
        }

        return found;
    }

    /// <summary>The registered component that is this product, if any (by the names an inventory uses for it).</summary>
    public static RegisteredSoftware? Match(DetectedSoftware detected, IEnumerable<RegisteredSoftware> inventory)
    {
        var known = Products.FirstOrDefault(p => p.Product == detected.Product);
        var names = known.Names ?? [SearchText.Normalize(detected.Product)];
        var not = known.Not ?? [];
        // Among the entries naming the product, the one with the most specific (longest) matching name, then the shortest entry.
        return inventory
            .Select(r => (Registered: r, Name: SearchText.Normalize(r.Product)))
            .Where(r => !not.Any(w => ContainsWord(r.Name, w)))
            .Select(r => (r.Registered, r.Name, Best: names.Where(n => ContainsWord(r.Name, n)).Select(n => n.Length).DefaultIfEmpty(0).Max()))
            .Where(r => r.Best > 0)
            .OrderByDescending(r => r.Best).ThenBy(r => r.Name.Length)
            .Select(r => r.Registered)
            .FirstOrDefault();
    }

    /// <summary>"5.8" and "5.8.0" are the same release; "5.8" and "5.8.1" are not. Unparseable versions compare as text.</summary>
    public static bool SameVersion(string shown, string registered)
    {
        if (SoftwareVersion.TryParse(shown, out var a) && SoftwareVersion.TryParse(registered, out var b))
        {
            return a.Equals(b);
        }

        return string.Equals(shown.Trim(), registered.Trim(), StringComparison.OrdinalIgnoreCase);
    }

    private static bool ContainsWord(string text, string word)
    {
        var index = text.IndexOf(word, StringComparison.Ordinal);
        while (index >= 0)
        {
            var before = index == 0 || !char.IsLetterOrDigit(text[index - 1]);
            var end = index + word.Length;
            var after = end == text.Length || !char.IsLetterOrDigit(text[end]);
            if (before && after)
            {
                return true;
            }

            index = text.IndexOf(word, index + 1, StringComparison.Ordinal);
        }

        return false;
    }

    [GeneratedRegex(@"(?<name>[A-Za-z][A-Za-z0-9.\-]*)(?:/(?<version>[0-9][0-9A-Za-z.\-]*))?", RegexOptions.CultureInvariant, 200)]
    private static partial Regex ProductToken();

    [GeneratedRegex(@"<meta\b[^>]*>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 500)]
    private static partial Regex MetaTag();

    [GeneratedRegex(@"\bname\s*=\s*[""']?generator[""'\s/>]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    private static partial Regex GeneratorName();

    [GeneratedRegex(@"\bcontent\s*=\s*(?:""(?<v>[^""]*)""|'(?<v>[^']*)')", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    private static partial Regex MetaContent();

    [GeneratedRegex(@"^\s*(?<name>WordPress|Joomla|Drupal)!?(?:\s*-[^0-9]*)?(?:\s+(?<version>[0-9][0-9.]*))?", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    private static partial Regex GeneratorValue();

    [GeneratedRegex(@"Version\s+(?<v>[0-9]+(?:\.[0-9]+)+)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    private static partial Regex WordPressReadme();

    [GeneratedRegex(@"<version>\s*(?<v>[0-9]+(?:\.[0-9]+)+)\s*</version>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 200)]
    private static partial Regex XmlVersion();

    [GeneratedRegex(@"Drupal\s+(?<v>[0-9]+(?:\.[0-9]+)+)", RegexOptions.CultureInvariant, 200)]
    private static partial Regex DrupalChangelog();
}
