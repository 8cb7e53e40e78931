using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecurityPortal.Domain.Assessments;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Dossiers;
using SecurityPortal.Domain.Incidents;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Domain.Websites;

namespace SecurityPortal.Tests.Plumbing;

/// <summary>
/// The authorization matrix (ASVS 5.0 V8.1.1, V8.2.1, V8.2.2), generated from the routing table and the page handlers:
/// every page and every GET handler is requested as every role — for pages about a record, with a record of the
/// officer's own agency and one of another agency — and every POST handler is sent by each role that may not open
/// the page and, for another agency's record, by the officer. The answers are compared with
/// <c>authorization-matrix.txt</c>, the reviewed expectation: a new page, handler or role has no line there and fails
/// the test, as does any change of answer. Whatever the file says, two rules are checked on their own: another agency's
/// record never answers 200 to an officer, and a refused POST never succeeds.
/// To review a change: run with <c>PORTAL_MATRIX_WRITE=1</c>, read the diff of the file, commit it.
/// </summary>
public sealed class AuthorizationMatrixTests : PortalTestBase
{
    private static readonly string[] Roles = ["Anonymous", .. PortalRoles.All];

    /// <summary>Pages open to visitors (sign-in and language); their POSTs are part of signing in, not protected actions.</summary>
    private static readonly HashSet<string> AnonymousPages =
        ["/Account/Login", "/Account/LoginWith2fa", "/Account/LoginWithRecoveryCode", "/Account/Lockout", "/Account/AccessDenied", "/Culture"];

    [Fact]
    public async Task Every_page_and_handler_answers_every_role_as_reviewed()
    {
        var records = await ArrangeAsync(Factory);
        var clients = new Dictionary<string, HttpClient> { ["Anonymous"] = Anonymous() };
        foreach (var role in PortalRoles.All)
        {
            clients[role] = await SignInAsync(Email(role), NeedsKey(role) ? Totp.Key : null);
        }

        var tokens = new Dictionary<string, string>();
        foreach (var (role, client) in clients)
        {
            var page = await client.GetDocumentAsync(role == "Anonymous" ? "/Account/Login" : "/Notifications");
            tokens[role] = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        }

        var actual = new List<string>();
        var violations = new List<string>();
        foreach (var (page, template, type) in Pages(Factory))
        {
            if (page is "/Account/Logout" or "/Error")
            {
                continue; // signing out would end the clients' sessions; the error page is anonymous by design (AnonymousAccessTests)
            }

            var targets = Targets(records, page, template);
            var getHandlers = Handlers(type, "Get");
            var postHandlers = Handlers(type, "Post");
            foreach (var (which, url) in targets)
            {
                var opened = new Dictionary<string, string>();
                foreach (var role in Roles)
                {
                    foreach (var handler in getHandlers)
                    {
                        var response = await clients[role].GetAsync(WithHandler(url, handler));
                        var answer = Describe(response);
                        actual.Add($"GET  {page,-34} {Label(handler),-14} {which,-7} {role,-18} {answer}");
                        if (handler.Length == 0)
                        {
                            opened[role] = answer;
                        }

                        if (which == "foreign" && role == PortalRoles.AgencyOfficer && answer == "200")
                        {
                            violations.Add($"{page} {Label(handler)}: another agency's record answered 200 to an officer");
                        }
                    }
                }

                foreach (var role in Roles.Where(r => opened.GetValueOrDefault(r) != "200" || (which == "foreign" && r == PortalRoles.AgencyOfficer)))
                {
                    // Must be refused: a role the page itself turned away, and an officer on another agency's record.
                    var mustRefuse = !AnonymousPages.Contains(page)
                        && (opened.GetValueOrDefault(role) is "302 /Account/AccessDenied" or "302 /Account/Login" || (which == "foreign" && role == PortalRoles.AgencyOfficer));
                    foreach (var handler in postHandlers)
                    {
                        using var form = new FormUrlEncodedContent([new("__RequestVerificationToken", tokens[role])]);
                        var response = await clients[role].PostAsync(WithHandler(url, handler), form);
                        var answer = Describe(response);
                        actual.Add($"POST {page,-34} {Label(handler),-14} {which,-7} {role,-18} {answer}");
                        if (mustRefuse && answer is not ("404" or "400" or "403" or "302 /Account/AccessDenied" or "302 /Account/Login"))
                        {
                            violations.Add($"POST {page} {Label(handler)} as {role} ({which}) was not refused: {answer}");
                        }
                    }
                }
            }
        }

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        Assert.True(actual.Count > 400, $"only {actual.Count} requests made");
        var file = Path.Combine(AsvsMatrixTests.RepositoryRoot(), "tests", "SecurityPortal.Web.Tests", "Plumbing", "authorization-matrix.txt");
        var text = new StringBuilder()
            .AppendLine("# Generated by AuthorizationMatrixTests; reviewed expectation. Columns: method, page, handler, record (own/foreign/-), role, answer.")
            .AppendLine("# 200 = shown; 302 /Account/Login = sign-in asked; 302 /Account/AccessDenied = refused by role; 404 = not found (out of scope).")
            .AppendJoin(Environment.NewLine, actual).AppendLine().ToString();
        if (Environment.GetEnvironmentVariable("PORTAL_MATRIX_WRITE") == "1")
        {
            await File.WriteAllTextAsync(file, text);
        }

        var expected = File.Exists(file) ? (await File.ReadAllLinesAsync(file)).Where(l => !l.StartsWith('#')).ToHashSet(StringComparer.Ordinal) : [];
        var missing = actual.Where(l => !expected.Contains(l)).ToList();
        var gone = expected.Where(l => l.Length > 0 && !actual.Contains(l)).ToList();
        Assert.True(missing.Count == 0 && gone.Count == 0,
            $"The matrix differs from authorization-matrix.txt.{Environment.NewLine}New or changed:{Environment.NewLine}{string.Join(Environment.NewLine, missing.Take(40))}"
            + $"{Environment.NewLine}No longer seen:{Environment.NewLine}{string.Join(Environment.NewLine, gone.Take(40))}");
    }

    /// <summary>The URLs that open a page: with the own and the foreign record for a page about a record, once otherwise.</summary>
    internal static List<(string Which, string Url)> Targets(Records records, string page, string template) =>
        template.Contains('{', StringComparison.Ordinal)
            ? records.For(page).Select(r => (r.Which, Fill(template, r.Id) + records.QueryFor(page, r.Which))).ToList()
            : Records.SystemScoped(page)
                ? [("own", $"/{template}?systemId={records.ByArea["Systems"].Own}"), ("foreign", $"/{template}?systemId={records.ByArea["Systems"].Foreign}")]
                : [("-", "/" + template)];

    internal static string WithHandler(string url, string handler) =>
        handler.Length == 0 ? url : $"{url}{(url.Contains('?', StringComparison.Ordinal) ? '&' : '?')}handler={handler}";

    private static string Label(string handler) => handler.Length == 0 ? "(page)" : handler;

    private static string Describe(HttpResponseMessage response)
    {
        var code = (int)response.StatusCode;
        if (code is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location)
        {
            var path = location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?', '#')[0];
            return "302 " + System.Text.RegularExpressions.Regex.Replace(path, "[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}", "{id}");
        }

        return code.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    internal static IEnumerable<(string Page, string Template, Type Model)> Pages(PortalFactory factory) =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Descriptor: e.Metadata.GetMetadata<CompiledPageActionDescriptor>()))
            .Where(e => e.Descriptor is not null)
            .Select(e => (e.Descriptor!.ViewEnginePath, e.Endpoint.RoutePattern.RawText ?? string.Empty, e.Descriptor.ModelTypeInfo?.AsType() ?? typeof(PageModel)))
            .GroupBy(e => e.ViewEnginePath).Select(g => g.OrderByDescending(e => e.Item2.Length).First())
            .OrderBy(e => e.ViewEnginePath, StringComparer.Ordinal);

    /// <summary>The handler names of a page model for one method ("" is the page itself), from its OnGet…/OnPost… methods.</summary>
    internal static List<string> Handlers(Type model, string method)
    {
        var names = model.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Select(m => m.Name)
            .Where(n => n.StartsWith("On" + method, StringComparison.Ordinal))
            .Select(n => n["On".Length..][method.Length..])
            .Select(n => n.EndsWith("Async", StringComparison.Ordinal) ? n[..^"Async".Length] : n)
            .Distinct(StringComparer.Ordinal)
            .OrderBy(n => n, StringComparer.Ordinal)
            .ToList();
        if (method == "Get" && !names.Contains(string.Empty))
        {
            names.Insert(0, string.Empty);
        }

        return names;
    }

    internal static string Fill(string template, string id)
    {
        var pattern = RoutePatternFactory.Parse(template);
        return "/" + string.Join('/', pattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
        {
            RoutePatternLiteralPart l => l.Content,
            RoutePatternParameterPart => id,
            _ => string.Empty,
        }))));
    }

    internal static string Email(string role) => $"{role.ToLowerInvariant()}@matrix.vn";

    internal static bool NeedsKey(string role) => role is PortalRoles.Administrator or PortalRoles.ProvincialReviewer;

    internal sealed record Records(Dictionary<string, (Guid Own, Guid Foreign)> ByArea, string OfficerId, (Guid Own, Guid Foreign) Items)
    {
        /// <summary>Pages that start from a system given in the query (a new dossier, assessment or task for it).</summary>
        public static bool SystemScoped(string page) => page is "/Assessments/Create" or "/Dossiers/Create" or "/Tasks/Create";

        /// <summary>The evidence page names the assessment and one of its items.</summary>
        public string QueryFor(string page, string which) => page == "/Assessments/Evidence"
            ? $"?itemId={(which == "own" ? Items.Own : Items.Foreign)}"
            : string.Empty;

        public IEnumerable<(string Which, string Id)> For(string page)
        {
            var area = page.Split('/')[1];
            if (page == "/Admin/Users/Edit")
            {
                return [("user", OfficerId)];
            }

            if (page.StartsWith("/Dashboard/Agency", StringComparison.Ordinal) || area == "Agencies")
            {
                area = "Agencies";
            }

            return ByArea.TryGetValue(area, out var ids)
                ? [("own", ids.Own.ToString()), ("foreign", ids.Foreign.ToString())]
                : [("none", Guid.Empty.ToString())]; // a province-wide record that does not exist: role gate first, then 404
        }
    }

    internal static async Task<Records> ArrangeAsync(PortalFactory factory)
    {
        var own = await factory.CreateAgencyAsync("MX-A", "Sở A");
        var foreign = await factory.CreateAgencyAsync("MX-B", "Sở B");
        string officerId = string.Empty;
        foreach (var role in PortalRoles.All)
        {
            var user = await factory.CreateUserAsync(Email(role), role, role == PortalRoles.AgencyOfficer ? own.Id : null, NeedsKey(role) ? Totp.Key : null);
            if (role == PortalRoles.AgencyOfficer)
            {
                officerId = user.Id;
            }
        }

        var ownSystem = await factory.CreateSystemAsync("MX-A-WEB", "Cổng A", own.Id, s => s.AddEndpoint("https://a.matrix.test/", true));
        var foreignSystem = await factory.CreateSystemAsync("MX-B-WEB", "Cổng B", foreign.Id, s => s.AddEndpoint("https://b.matrix.test/", true));
        var now = DateTime.UtcNow;
        var today = VietnamTime.Today(TimeProvider.System);
        var ids = await factory.WithDbAsync(async db =>
        {
            var catalog = await db.CatalogVersions.Include(v => v.Requirements).ThenInclude(r => r.Levels).AsSplitQuery().FirstAsync(v => v.Status == Domain.Catalog.CatalogStatus.Published);
            var officer = new DossierActor(officerId, "Cán bộ", false, true);
            (Guid Dossier, Guid Assessment, Guid Item, Guid Task, Guid Incident, Guid Website) Make(Domain.Systems.InformationSystem system)
            {
                var dossier = LevelDossier.Start(system, officer, today, now, null);
                var assessment = Assessment.Start(system, catalog, today.Year, 2, false, officerId, now);
                var task = new RemediationTask(system.Id, "Vá phần mềm", null, TaskSource.Other, null, null, null, TaskSeverity.Medium, today.AddDays(30), officerId, now);
                var incident = new Incident(system.OwnerAgencyId, IncidentKind.Other, "Sự cố thử", null, now.AddHours(-1), false, null, [system.Id], officerId, now);
                var website = new WatchedWebsite(system.Id, system.OwnerAgencyId == own.Id ? "https://a.matrix.test/" : "https://b.matrix.test/", now);
                db.AddRange(dossier, assessment, task, incident, website);
                return (dossier.Id, assessment.Id, assessment.Items[0].Id, task.Id, incident.Id, website.Id);
            }

            var systems = await db.InformationSystems.Where(s => s.Id == ownSystem.Id || s.Id == foreignSystem.Id).ToListAsync();
            var a = Make(systems.Single(s => s.Id == ownSystem.Id));
            var b = Make(systems.Single(s => s.Id == foreignSystem.Id));
            await db.SaveChangesAsync();
            return (a, b);
        });

        return new Records(new Dictionary<string, (Guid, Guid)>
        {
            ["Agencies"] = (own.Id, foreign.Id),
            ["Systems"] = (ownSystem.Id, foreignSystem.Id),
            ["Dossiers"] = (ids.a.Dossier, ids.b.Dossier),
            ["Assessments"] = (ids.a.Assessment, ids.b.Assessment),
            ["Tasks"] = (ids.a.Task, ids.b.Task),
            ["Incidents"] = (ids.a.Incident, ids.b.Incident),
            ["Websites"] = (ids.a.Website, ids.b.Website),
        }, officerId, (ids.a.Item, ids.b.Item));
    }
}
