using FluentValidation;

namespace SecurityPortal.Tests.Plumbing;

/// <summary>
/// ASVS 5.0 V2.1.1 and V2.1.2: docs/security/validation-rules.md names the rules of every data item. A validator, a validated
/// member or a domain type raising <c>DomainException</c> that the document does not name fails here.
/// </summary>
[Trait("Category", "ProviderIndependent")]
public sealed class ValidationRulesDocumentTests
{
    private static readonly string Root = AsvsMatrixTests.RepositoryRoot();
    private static readonly string Document = File.ReadAllText(Path.Combine(Root, "docs", "security", "validation-rules.md"));

    [Fact]
    public void Every_validator_its_members_and_every_domain_rule_are_in_the_document()
    {
        var missing = new List<string>();
        var validators = typeof(Web.Infrastructure.PortalServices).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false } && typeof(IValidator).IsAssignableFrom(t)).ToList();
        Assert.True(validators.Count >= 10, $"only {validators.Count} validators found");
        foreach (var type in validators)
        {
            var model = type.BaseType!.GetGenericArguments().Single();
            var heading = $"### `{model.FullName!["SecurityPortal.Web.".Length..].Replace('+', '.')}`";
            var start = Document.IndexOf(heading, StringComparison.Ordinal);
            if (start < 0)
            {
                missing.Add(heading);
                continue;
            }

            var next = Document.IndexOf("\n#", start + heading.Length, StringComparison.Ordinal);
            var section = next < 0 ? Document[start..] : Document[start..next];
            foreach (var member in Create(type).CreateDescriptor().GetMembersWithValidators().Select(m => m.Key).Where(m => m.Length > 0))
            {
                if (!section.Contains($"`{member}`", StringComparison.Ordinal))
                {
                    missing.Add($"{heading} {member}");
                }
            }
        }

        var domain = Path.Combine(Root, "src", "SecurityPortal.Domain");
        missing.AddRange(Directory.EnumerateFiles(domain, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)
                        && Path.GetFileNameWithoutExtension(f) != "DomainException"
                        && File.ReadAllText(f).Contains("new DomainException(", StringComparison.Ordinal))
            .Select(f => $"### `{Path.GetFileNameWithoutExtension(f)}`")
            .Where(h => !Document.Contains(h, StringComparison.Ordinal)));

        Assert.True(missing.Count == 0, "docs/security/validation-rules.md does not name: " + string.Join("; ", missing));
    }

    /// <summary>A validator built outside the host: its rules are declared in the constructor; services it only uses inside rules may be null.</summary>
    private static IValidator Create(Type type)
    {
        var constructor = type.GetConstructors().OrderBy(c => c.GetParameters().Length).First();
        var arguments = constructor.GetParameters().Select(p =>
            p.ParameterType == typeof(TimeProvider) ? TimeProvider.System
            : p.ParameterType.GetConstructor(Type.EmptyTypes) is not null ? Activator.CreateInstance(p.ParameterType)
            : null).ToArray();
        return (IValidator)constructor.Invoke(arguments);
    }
}
