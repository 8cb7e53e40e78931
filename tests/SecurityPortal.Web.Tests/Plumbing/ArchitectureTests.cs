using System.Reflection;
using NetArchTest.Rules;
using SecurityPortal.Data;
using SecurityPortal.Data.PostgreSql;
using SecurityPortal.Data.Sqlite;
using SecurityPortal.Data.SqlServer;
using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Tests.Plumbing;

/// <summary>
/// The dependency rules of docs/decisions/0008-feature-folders-and-dependency-rules.md, read from the compiled assemblies:
/// the domain stands alone, the data layer never sees the web, features never see pages, and one page folder never
/// reaches into another. Each kind of rule has a self-check that points it at a dependency that does exist, so a rule
/// that silently matches nothing (a renamed namespace, a wrong prefix) fails instead of passing.
/// </summary>
/// <remarks>Touches no database: ./test.sh runs it in the SQLite pass only (Category=ProviderIndependent).</remarks>
[Trait("Category", "ProviderIndependent")]
public sealed class ArchitectureTests
{
    private const string Web = "SecurityPortal.Web";
    private const string PagesNamespace = Web + ".Pages";

    /// <summary>The folders of the web project that are not pages: they may use each other, never the pages.</summary>
    private static readonly string[] FeatureNamespaces =
    [
        Web + ".Api", Web + ".AuditTrail", Web + ".Authorization", Web + ".Calendar", Web + ".Documents", Web + ".Inbox", Web + ".Infrastructure",
        Web + ".Notifications",
        Web + ".Options", Web + ".Registry", Web + ".Reporting", Web + ".Signatures", Web + ".ViewComponents", Web + ".WebsiteWatch",
    ];

    /// <summary>The feature folders that plumbing (Infrastructure) does not use; only the composition root registers them.</summary>
    private static readonly string[] FeaturesBesidesPlumbing =
    [
        Web + ".AuditTrail", Web + ".Authorization", Web + ".Calendar", Web + ".Documents", Web + ".Inbox", Web + ".Notifications",
        Web + ".Registry", Web + ".Reporting", Web + ".Signatures", Web + ".ViewComponents", Web + ".WebsiteWatch",
    ];

    /// <summary>The one place in Infrastructure that may name every feature: it registers them (PortalServices.AddPortalServices).</summary>
    private const string CompositionRoot = Web + ".Infrastructure.PortalServices";

    private static readonly Assembly WebAssembly = typeof(Program).Assembly;

    public static TheoryData<string> Features => new(FeatureNamespaces);

    public static TheoryData<string> PageFolders => new(PageFolderNames());

    /// <summary>Every page folder (SecurityPortal.Web.Pages.X), found by reflection; a nested folder (Account.Manage) belongs to its parent.</summary>
    private static string[] PageFolderNames() =>
        [.. WebAssembly.GetTypes()
            .Select(t => t.Namespace)
            .OfType<string>()
            .Where(n => n.StartsWith(PagesNamespace + ".", StringComparison.Ordinal))
            .Select(n => n[(PagesNamespace.Length + 1)..].Split('.')[0])
            .Distinct()
            .Order(StringComparer.Ordinal)];

    [Fact]
    public void The_domain_references_only_the_framework_base_library()
    {
        var assembly = typeof(InformationSystem).Assembly;
        var others = assembly.GetReferencedAssemblies().Select(a => a.Name ?? string.Empty)
            .Where(name => name is not ("netstandard" or "mscorlib") && !name.StartsWith("System", StringComparison.Ordinal))
            .ToList();
        Assert.True(others.Count == 0, $"SecurityPortal.Domain references {string.Join(", ", others)}; it may reference System.* only.");
        AssertNoDependency(Types.InAssembly(assembly).ShouldNot(), ["SecurityPortal.Data", Web], "SecurityPortal.Domain");
    }

    [Fact]
    public void The_data_layer_and_its_providers_do_not_reference_the_web()
    {
        foreach (var assembly in new[]
                 {
                     typeof(PortalDbContext).Assembly, typeof(SqliteProvider).Assembly, typeof(PostgreSqlProvider).Assembly,
                     typeof(SqlServerProvider).Assembly,
                 })
        {
            var name = assembly.GetName().Name;
            Assert.DoesNotContain(assembly.GetReferencedAssemblies(), a => a.Name == WebAssembly.GetName().Name);
            AssertNoDependency(Types.InAssembly(assembly).ShouldNot(), [Web], name!);
        }
    }

    [Theory]
    [MemberData(nameof(Features))]
    public void A_feature_does_not_use_the_pages(string feature)
    {
        var types = Types.InAssembly(WebAssembly).That().ResideInNamespace(feature);
        Assert.NotEmpty(types.GetTypes());
        AssertNoDependency(types.ShouldNot(), [PagesNamespace], feature);
    }

    [Fact]
    public void Plumbing_uses_no_feature_but_in_the_composition_root()
    {
        var result = Types.InAssembly(WebAssembly).That().ResideInNamespace(Web + ".Infrastructure")
            .ShouldNot().HaveDependencyOnAny(FeaturesBesidesPlumbing).GetResult();
        var offenders = Offenders(result).Where(name => !name.StartsWith(CompositionRoot, StringComparison.Ordinal)).ToList();
        Assert.True(offenders.Count == 0, $"Infrastructure uses a feature folder in {string.Join(", ", offenders)}; register features in {CompositionRoot} only.");
    }

    [Fact]
    public void Settings_use_nothing_else_of_the_web_project()
    {
        var others = FeatureNamespaces.Where(f => f != Web + ".Options").Append(PagesNamespace).ToArray();
        AssertNoDependency(Types.InAssembly(WebAssembly).That().ResideInNamespace(Web + ".Options").ShouldNot(), others, Web + ".Options");
    }

    [Theory]
    [MemberData(nameof(PageFolders))]
    public void A_page_folder_does_not_use_another_page_folder(string folder)
    {
        var own = $"{PagesNamespace}.{folder}";
        var others = PageFolderNames().Where(f => f != folder).Select(f => $"{PagesNamespace}.{f}")
            .Concat(RootPageTypes())
            .ToArray();
        AssertNoDependency(Types.InAssembly(WebAssembly).That().ResideInNamespace(own).ShouldNot(), others, own);
    }

    [Fact]
    public void The_rules_find_a_dependency_that_exists()
    {
        // Pages use features: a rule forbidding that must fail, naming the pages.
        var pages = Types.InAssembly(WebAssembly).That().ResideInNamespace(PagesNamespace + ".Dossiers")
            .ShouldNot().HaveDependencyOn(Web + ".Authorization").GetResult();
        Assert.False(pages.IsSuccessful);
        Assert.Contains(Offenders(pages), name => name.StartsWith(PagesNamespace + ".Dossiers.", StringComparison.Ordinal));

        // The composition root uses the features: the plumbing rule sees it (and lets it through by name only).
        var plumbing = Types.InAssembly(WebAssembly).That().ResideInNamespace(Web + ".Infrastructure")
            .ShouldNot().HaveDependencyOnAny(FeaturesBesidesPlumbing).GetResult();
        Assert.Contains(Offenders(plumbing), name => name.StartsWith(CompositionRoot, StringComparison.Ordinal));

        // The web references the data layer: the assembly rule's check, pointed the other way, fails.
        var web = Types.InAssembly(WebAssembly).ShouldNot().HaveDependencyOn("SecurityPortal.Data").GetResult();
        Assert.False(web.IsSuccessful);

        // The reflection finds the page folders, including a nested one's parent.
        var folders = PageFolderNames();
        Assert.Contains("Account", folders);
        Assert.Contains("Dossiers", folders);
        Assert.DoesNotContain("Manage", folders);
    }

    /// <summary>The types of the root Pages namespace (Index, Error, Culture): a page folder does not use them either.</summary>
    private static IEnumerable<string> RootPageTypes() =>
        WebAssembly.GetTypes().Where(t => t.Namespace == PagesNamespace && !t.IsNested).Select(t => t.FullName!);

    private static void AssertNoDependency(Conditions shouldNot, string[] forbidden, string subject)
    {
        var result = shouldNot.HaveDependencyOnAny(forbidden).GetResult();
        Assert.True(result.IsSuccessful, $"{subject} must not use {string.Join(", ", forbidden)}; it does in {string.Join(", ", Offenders(result))}.");
    }

    private static IEnumerable<string> Offenders(TestResult result) => result.FailingTypeNames ?? [];
}
