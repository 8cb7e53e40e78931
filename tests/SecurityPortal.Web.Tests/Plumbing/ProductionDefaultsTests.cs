using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SecurityPortal.Domain.Common;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Tests.Plumbing;

/// <summary>
/// What the released portal does in Production unless the operator says otherwise (issue 20): the demo province is refused
/// (ASVS 5.0 V15.2.3), every role must use two-factor (V6.3.3; a phased deployment lists the roles instead), and a breached-
/// password corpus that is configured but missing stops the start (V6.2.12). Each case composes the portal as Program does.
/// </summary>
[Trait("Category", "ProviderIndependent")]
public sealed class ProductionDefaultsTests
{
    [Fact]
    public void The_demo_province_is_refused_in_Production_unless_explicitly_allowed()
    {
        var error = Assert.Throws<PortalConfigurationException>(() => Compose("Production", new() { ["Seed:Demo"] = "true" }));
        Assert.StartsWith("Seed:Demo = true", error.Message, StringComparison.Ordinal);
        Assert.Contains("Seed:AllowDemoInProduction", error.Message, StringComparison.Ordinal);

        using (Compose("Production", new() { ["Seed:Demo"] = "true", ["Seed:AllowDemoInProduction"] = "true" }))
        {
        }

        using (Compose("Testing", new() { ["Seed:Demo"] = "true" }))
        {
        }

        using (Compose("Production", new() { ["Seed:Demo"] = "false" }))
        {
        }
    }

    [Fact]
    public void Two_factor_is_required_of_every_role_in_Production_and_of_the_listed_roles_when_phased_in()
    {
        var officer = Principal(PortalRoles.AgencyOfficer);
        var administrator = Principal(PortalRoles.Administrator);
        foreach (var role in PortalRoles.All)
        {
            Assert.True(Security("Production", []).RoleRequiresTwoFactor(Principal(role)), role);
        }

        var phased = Security("Production", new() { ["Security:TwoFactorForEveryRole"] = "false" });
        Assert.False(phased.RoleRequiresTwoFactor(officer));
        Assert.True(phased.RoleRequiresTwoFactor(administrator));

        // Test hosts and benchmarks keep the listed roles unless they ask; Development's demo turns enforcement off.
        Assert.False(Security("Testing", []).RoleRequiresTwoFactor(officer));
        Assert.True(Security("Testing", new() { ["Security:TwoFactorForEveryRole"] = "true" }).RoleRequiresTwoFactor(officer));
        Assert.False(Security("Development", []).RoleRequiresTwoFactor(administrator));
    }

    [Fact]
    public void A_breached_password_corpus_that_is_configured_but_missing_stops_the_start()
    {
        var missing = Path.Combine(Path.GetTempPath(), "securityportal-tests", $"khong-co-{Guid.NewGuid():N}.txt");
        var error = Assert.Throws<PortalConfigurationException>(() => Compose("Testing", new() { ["Security:BreachedPasswordsFile"] = missing }));
        Assert.StartsWith("Security:BreachedPasswordsFile: không tìm thấy tệp", error.Message, StringComparison.Ordinal);
    }

    private static SecurityOptions Security(string environment, Dictionary<string, string?> settings)
    {
        using var app = Compose(environment, settings);
        return app.Services.GetRequiredService<SecurityOptions>();
    }

    private static ClaimsPrincipal Principal(string role) =>
        new(new ClaimsIdentity([new Claim(ClaimTypes.Role, role)], "test"));

    private static WebApplication Compose(string environment, Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = environment,
            ContentRootPath = Path.Combine(AsvsMatrixTests.RepositoryRoot(), "src", "SecurityPortal.Web"),
        });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddPortalServices();
        return builder.Build();
    }
}
