using System.Net;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Tests.Imports;

namespace SecurityPortal.Tests.Api;

/// <summary>
/// The authorization matrix of the API: every /api/v1 route × every role × an own and a foreign record, with the answer
/// the pages give for the same record (another agency's record is 404, a role the pages refuse is 403). The table must
/// name every route the portal maps under /api/v1, so a new endpoint cannot be added without its rows.
/// </summary>
public sealed class ApiAuthorizationTests : PortalTestBase
{
    private const string Own = "own";
    private const string Foreign = "foreign";

    /// <summary>Method, route, role, record, expected status. «own» is the officer's agency's system; «foreign» another agency's.</summary>
    private static readonly (string Method, string Route, string Role, string Record, HttpStatusCode Status)[] Matrix = Build();

    private static (string, string, string, string, HttpStatusCode)[] Build()
    {
        var rows = new List<(string, string, string, string, HttpStatusCode)>();
        foreach (var role in PortalRoles.All)
        {
            var officer = role == PortalRoles.AgencyOfficer;
            var provincial = role is PortalRoles.Administrator or PortalRoles.ProvincialReviewer or PortalRoles.Leadership or PortalRoles.Auditor;
            rows.Add(("GET", "api/v1/systems", role, "-", HttpStatusCode.OK));
            rows.Add(("GET", "api/v1/tasks", role, "-", HttpStatusCode.OK));
            rows.Add(("GET", "api/v1/warnings", role, "-", provincial ? HttpStatusCode.OK : HttpStatusCode.Forbidden));
            foreach (var record in new[] { Own, Foreign })
            {
                var sees = provincial || record == Own;
                rows.Add(("GET", "api/v1/systems/{id:guid}", role, record, sees ? HttpStatusCode.OK : HttpStatusCode.NotFound));
                rows.Add(("GET", "api/v1/systems/{id:guid}/components", role, record, sees ? HttpStatusCode.OK : HttpStatusCode.NotFound));
                // As on the SBOM page: only an officer of the owning agency imports; anyone else gets 404.
                rows.Add(("POST", "api/v1/systems/{id:guid}/sbom", role, record, officer && record == Own ? HttpStatusCode.OK : HttpStatusCode.NotFound));
                // As on the scanner report pages: reviewers for any system, an officer for their agency's (404 for another's); other roles 403.
                rows.Add(("POST", "api/v1/scan-reports", role, record,
                    role == PortalRoles.ProvincialReviewer || (officer && record == Own) ? HttpStatusCode.OK : officer ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden));
            }
        }

        return [.. rows];
    }

    [Fact]
    public async Task Every_api_route_answers_each_role_for_its_own_and_a_foreign_record_as_the_pages_do()
    {
        var health = await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        var education = await Factory.CreateAgencyAsync("SL-SGD", "Sở Giáo dục");
        var own = await Factory.CreateSystemAsync("SYT-HIS", "Hệ thống HIS", health.Id, s => s.AddComponent(ComponentKind.Library, "log4j-core", "Apache", "2.14.1"));
        var foreign = await Factory.CreateSystemAsync("SGD-QLT", "Quản lý trường học", education.Id, s => s.AddComponent(ComponentKind.Cms, "WordPress", null, "6.4.3"));
        await Factory.WithDbAsync(db =>
        {
            var created = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc);
            db.RemediationTasks.Add(new RemediationTask(own.Id, "Vá log4j", null, TaskSource.Other, null, null, null, TaskSeverity.High, new DateOnly(2026, 12, 31), "seed", created));
            db.RemediationTasks.Add(new RemediationTask(foreign.Id, "Cập nhật WordPress", null, TaskSource.Other, null, null, null, TaskSeverity.High, new DateOnly(2026, 12, 31), "seed", created));
            return db.SaveChangesAsync();
        });

        var secrets = new Dictionary<string, string>();
        foreach (var role in PortalRoles.All)
        {
            var email = $"{role.ToLowerInvariant()}@sl.vn";
            await Factory.CreateUserAsync(email, role, role == PortalRoles.AgencyOfficer ? health.Id : null, ApiTestKit.AuthenticatorKey);
            secrets[role] = (await Factory.CreateTokenAsync(email)).Secret;
        }

        // The table names every API route the portal maps, and nothing else.
        var mapped = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/v1/", StringComparison.Ordinal) == true && e.RoutePattern.RawText.TrimStart('/') != "api/v1/openapi.json")
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText!.TrimStart('/')}"))
            .ToHashSet(StringComparer.Ordinal);
        Assert.Equal(mapped.Order(StringComparer.Ordinal), Matrix.Select(r => $"{r.Method} {r.Route}").Distinct().Order(StringComparer.Ordinal));

        var bom = SbomFixtures.CycloneDxJson("1.5", ("library", "log4j-core", "2.17.1", "pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1", null));
        var report = Imports.Scanners.ScanFixtures.Trivy("app:1", "container_image", new Imports.Scanners.ScanFixtures.Package("CVE-2024-0001", "a", "1", "2", "HIGH", 7.0, null));
        var failures = new List<string>();
        foreach (var (method, route, role, record, expected) in Matrix)
        {
            var id = record == Foreign ? foreign.Id : own.Id;
            var scan = route == "api/v1/scan-reports";
            var url = "/" + route.Replace("{id:guid}", id.ToString(), StringComparison.Ordinal) + (scan ? $"?systemId={id}&dryRun=true" : method == "POST" ? "?dryRun=true" : string.Empty);
            var client = Factory.ApiClient(secrets[role]);
            var response = method == "POST" ? await client.PostAsync(url, ApiTestKit.Body(scan ? report : bom)) : await client.GetAsync(url);
            if (response.StatusCode != expected)
            {
                failures.Add($"{method} {route} {role} {record}: {(int)response.StatusCode}, expected {(int)expected}");
            }
            else if (expected != HttpStatusCode.OK)
            {
                await response.AssertProblemAsync(expected);
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));

        // Lists: the officer sees their agency's system and task only; a provincial role sees both.
        var officer = Factory.ApiClient(secrets[PortalRoles.AgencyOfficer]);
        var systems = await (await officer.GetAsync("/api/v1/systems")).JsonAsync();
        Assert.Equal([own.Id], systems.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetGuid()));
        var tasks = await (await officer.GetAsync("/api/v1/tasks")).JsonAsync();
        Assert.Equal(["Vá log4j"], tasks.GetProperty("items").EnumerateArray().Select(t => t.GetProperty("title").GetString()));
        var components = await (await officer.GetAsync($"/api/v1/systems/{own.Id}/components")).JsonAsync();
        Assert.Equal(["log4j-core"], components.EnumerateArray().Select(c => c.GetProperty("product").GetString()));
        var reviewer = await (await Factory.ApiClient(secrets[PortalRoles.ProvincialReviewer]).GetAsync("/api/v1/tasks")).JsonAsync();
        Assert.Equal(2, reviewer.GetProperty("items").GetArrayLength());
        // The dry runs above wrote nothing.
        Assert.Equal("2.14.1", await Factory.WithDbAsync(db => Task.FromResult(db.SoftwareComponents.Single(c => c.SystemId == own.Id).Version)));
    }
}
