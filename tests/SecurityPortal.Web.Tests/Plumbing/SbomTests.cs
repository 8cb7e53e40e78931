using System.Text.Json;
using System.Xml.Linq;

namespace SecurityPortal.Tests.Plumbing;

/// <summary>
/// ASVS 5.0 V15.1.2: docs/security/sbom.cdx.json (CycloneDX, written by scripts/sbom.py from the restore's
/// project.assets.json files and the banners of wwwroot/lib) lists every package the portal is built from. A package
/// added, removed or upgraded without running the script fails here.
/// </summary>
[Trait("Category", "ProviderIndependent")]
public sealed class SbomTests
{
    private static readonly string Root = AsvsMatrixTests.RepositoryRoot();

    [Fact]
    public void The_sbom_names_every_pinned_package_every_restored_package_and_every_vendored_library_at_its_version()
    {
        using var sbom = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "docs", "security", "sbom.cdx.json")));
        Assert.Equal("CycloneDX", sbom.RootElement.GetProperty("bomFormat").GetString());
        var components = sbom.RootElement.GetProperty("components").EnumerateArray()
            .Select(c => c.GetProperty("purl").GetString()!).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var pinned = XDocument.Load(Path.Combine(Root, "Directory.Packages.props")).Descendants("PackageVersion")
            .Select(p => $"pkg:nuget/{p.Attribute("Include")!.Value}@{p.Attribute("Version")!.Value}").ToList();
        Assert.NotEmpty(pinned);
        var missing = pinned.Where(p => !components.Contains(p)).ToList();

        // Everything the last restore resolved for the portal's own projects (the test runs after the build).
        foreach (var assets in Directory.GetFiles(Path.Combine(Root, "src"), "project.assets.json", SearchOption.AllDirectories))
        {
            using var json = JsonDocument.Parse(File.ReadAllText(assets));
            missing.AddRange(json.RootElement.GetProperty("libraries").EnumerateObject()
                .Where(l => l.Value.GetProperty("type").GetString() == "package")
                .Select(l => $"pkg:nuget/{l.Name.Replace('/', '@')}").Where(p => !components.Contains(p)));
        }

        foreach (var (name, file) in new[] { ("jquery", "jquery/jquery.min.js"), ("bootstrap", "bootstrap/js/bootstrap.bundle.min.js"), ("chart.js", "chart.js/chart.umd.min.js") })
        {
            var banner = File.ReadAllText(Path.Combine(Root, "src", "SecurityPortal.Web", "wwwroot", "lib", file))[..400];
            if (!components.Any(c => c.StartsWith($"pkg:npm/{name}@", StringComparison.Ordinal) && banner.Contains("v" + c.Split('@')[1], StringComparison.Ordinal)))
            {
                missing.Add($"pkg:npm/{name} (the version of wwwroot/lib/{file})");
            }
        }

        Assert.True(missing.Count == 0, "Not in docs/security/sbom.cdx.json (run scripts/sbom.py after a build): " + string.Join(", ", missing.Distinct()));
    }
}
