using System.Reflection;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using SecurityPortal.Data;
using SecurityPortal.Data.Interceptors;
using SecurityPortal.Domain.Assessments;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Directives;
using SecurityPortal.Domain.Dossiers;
using SecurityPortal.Domain.Incidents;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Domain.Websites;

namespace SecurityPortal.Tests;

/// <summary>
/// Every page of the portal, generated from the routing table and the page handlers, with the records that open them:
/// the authorization matrix and the page crawls (over HTTP and in the browser) go through the portal with these.
/// <see cref="ArrangeAsync"/> makes two agencies with a record of each kind and one user per role;
/// <see cref="PoisonAsync"/> writes markup payloads into every free-text column.
/// </summary>
internal static class PortalCrawl
{
    /// <summary>The payload for columns long enough: a script element, an attribute break-out and an image with an error handler.</summary>
    internal const string LongPayload = "<script>alert('xss')</script>\"'><img src=x onerror=alert(1)>";

    /// <summary>The payload for short columns: an element with an event handler.</summary>
    internal const string ShortPayload = "<b onmouseover=alert(1)>x";

    private static readonly string[] NotFreeText = ["Json", "Fingerprint", "Sha256", "Url", "Search", "Normalized", "Hash", "Stamp", "Id", "ContentType", "Code", "Email", "Phone", "Key", "Token", "Xml", "Value", "Phrases", "Discriminator", "Counts", "Changes", "Culture", "Number", "Version", "Reference", "UserName"];

    /// <summary>The URLs that open a page: with the own and the foreign record for a page about a record, once otherwise.</summary>
    internal static List<(string Which, string Url)> Targets(Records records, string page, string template) =>
        template.Contains('{', StringComparison.Ordinal)
            ? records.For(page).Select(r => (r.Which, Fill(template, r.Id) + records.QueryFor(page, r.Which))).ToList()
            : Records.SystemScoped(page)
                ? [("own", $"/{template}?systemId={records.ByArea["Systems"].Own}"), ("foreign", $"/{template}?systemId={records.ByArea["Systems"].Foreign}")]
                : [("-", "/" + template)];

    /// <summary>
    /// The URL of every page (and, with <paramref name="handlers"/>, of every GET handler) for the records of both
    /// agencies; sign-out (it would end the crawl's session) and the error page (no stored data) left out.
    /// </summary>
    internal static IEnumerable<string> GetUrls(PortalFactory factory, Records records, bool handlers)
    {
        foreach (var (page, template, model) in Pages(factory))
        {
            if (page is "/Account/Logout" or "/Error")
            {
                continue;
            }

            foreach (var (_, url) in Targets(records, page, template))
            {
                foreach (var handler in handlers ? Handlers(model, "Get") : [string.Empty])
                {
                    yield return WithHandler(url, handler);
                }
            }
        }
    }

    internal static string WithHandler(string url, string handler) =>
        handler.Length == 0 ? url : $"{url}{(url.Contains('?', StringComparison.Ordinal) ? '&' : '?')}handler={handler}";

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
            if (page is "/Admin/Users/Edit" or "/Admin/Users/Tokens")
            {
                return [("user", OfficerId)];
            }

            if (page.StartsWith("/Dashboard/Agency", StringComparison.Ordinal) || area == "Agencies")
            {
                area = "Agencies";
            }

            if (page == "/Directives/Report")
            {
                area = "DirectiveReports";
            }

            if (page == "/Scans/Import")
            {
                area = "Systems"; // a scanner report for one system
            }

            return ByArea.TryGetValue(area, out var ids)
                ? [("own", ids.Own.ToString()), ("foreign", ids.Foreign.ToString())]
                : [("none", Guid.Empty.ToString())]; // a province-wide record that does not exist: role gate first, then 404
        }
    }

    /// <summary>
    /// Two agencies (MX-A, the officer's own, and MX-B), a system of each with a dossier, an assessment, a task, an incident
    /// and a watched website, a directive sent to each with its report, and one user per role (<see cref="Email"/>; a two-factor key for the roles that need one).
    /// </summary>
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

            // A directive sent to each agency alone, with that agency's report.
            (Guid Directive, Guid Report) Send(Guid agencyId, string number)
            {
                var directive = new Directive(number, today, "UBND tỉnh", "Văn bản chỉ đạo thử", officerId, now);
                directive.AddAction("Rà soát các quy định", today.AddDays(30), "Báo cáo", null, null, today);
                directive.SetRecipients([agencyId]);
                directive.AttachSignedFile("van-ban.pdf", "application/pdf", 10, new string('0', 64), officerId, now);
                var (reports, _) = directive.Send(new Dictionary<Guid, RecipientFacts> { [agencyId] = new(Domain.Agencies.AgencyKind.Department, new HashSet<int>()) }, officerId, now);
                db.Add(directive);
                db.AddRange(reports);
                return (directive.Id, reports[0].Id);
            }

            var directiveA = Send(own.Id, "1/MX-A");
            var directiveB = Send(foreign.Id, "2/MX-B");
            var systems = await db.InformationSystems.Where(s => s.Id == ownSystem.Id || s.Id == foreignSystem.Id).ToListAsync();
            var a = Make(systems.Single(s => s.Id == ownSystem.Id));
            var b = Make(systems.Single(s => s.Id == foreignSystem.Id));
            await db.SaveChangesAsync();
            return (a, b, directiveA, directiveB);
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
            ["Directives"] = (ids.directiveA.Directive, ids.directiveB.Directive),
            ["DirectiveReports"] = (ids.directiveA.Report, ids.directiveB.Report),
        }, officerId, (ids.a.Item, ids.b.Item));
    }

    /// <summary>
    /// Writes a payload into every free-text column of every row, straight through EF Core (as a forged form would store it);
    /// returns the columns poisoned, as Entity.Property.
    /// </summary>
    internal static async Task<List<string>> PoisonAsync(PortalFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var poisoned = new List<string>();
        foreach (var entityType in db.Model.GetEntityTypes().Where(t => !t.IsOwned() && t.ClrType.Namespace?.StartsWith("SecurityPortal.Domain", StringComparison.Ordinal) == true
                     || t.ClrType == typeof(SecurityPortal.Data.Identity.PortalUser)))
        {
            var columns = entityType.GetProperties().Where(IsFreeText).ToList();
            // An owned part (an attachment's file) lives in its owner's row: its columns are the owner's.
            var owned = entityType.GetNavigations().Where(n => n.TargetEntityType.IsOwned())
                .SelectMany(n => n.TargetEntityType.GetProperties().Where(IsFreeText).Select(p => (Navigation: n.Name, Column: p)))
                .ToList();
            if (columns.Count + owned.Count == 0 || !AuditInterceptor.IsAudited(entityType.ClrType) && entityType.ClrType != typeof(WebsiteCheck))
            {
                continue;
            }

            var set = (IQueryable<object>)typeof(DbContext).GetMethods().Single(m => m.Name == nameof(DbContext.Set) && m.GetParameters().Length == 0)
                .MakeGenericMethod(entityType.ClrType).Invoke(db, null)!;
            foreach (var row in await set.ToListAsync())
            {
                var entry = db.Entry(row);
                foreach (var column in columns)
                {
                    var value = (column.GetMaxLength() ?? int.MaxValue) >= LongPayload.Length ? LongPayload : ShortPayload;
                    entry.Property(column.Name).CurrentValue = value;
                    poisoned.Add($"{entityType.ClrType.Name}.{column.Name}");
                }

                foreach (var (navigation, column) in owned)
                {
                    var value = (column.GetMaxLength() ?? int.MaxValue) >= LongPayload.Length ? LongPayload : ShortPayload;
                    entry.Reference(navigation).TargetEntry!.Property(column.Name).CurrentValue = value;
                    poisoned.Add($"{entityType.ClrType.Name}.{column.Name}");
                }
            }
        }

        await db.SaveChangesAsync();
        return poisoned.Distinct().ToList();
    }

    /// <summary>Columns that are not free text: keys, hashes, stamps, machine formats, normalized copies, secrets.</summary>
    private static bool IsFreeText(IProperty property) =>
        property.ClrType == typeof(string)
        && !property.IsKey() && !property.IsForeignKey() && !property.IsConcurrencyToken
        && property.GetValueConverter() is null
        && (property.GetMaxLength() ?? int.MaxValue) >= ShortPayload.Length
        && !NotFreeText.Any(word => property.Name.Contains(word, StringComparison.Ordinal));
}
