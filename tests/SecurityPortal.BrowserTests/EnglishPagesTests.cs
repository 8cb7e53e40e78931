using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SecurityPortal.Domain.Calendar;
using SecurityPortal.Domain.Classification;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Dossiers;
using SecurityPortal.Domain.Incidents;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Tests.Browser;

/// <summary>
/// Issue 17, «English covers every string», as people meet it: an officer and a reviewer switch the portal to English
/// with the layout's language switch and open the main lists and details pages. On each page at most 2% of the visible
/// words may carry Vietnamese diacritics. Everything the test seeds is named without diacritics, so what is left is the
/// portal's own text; names from the settings (the province, the reviewing body) and legal citations (NĐ-CP) are the
/// exceptions.
/// </summary>
[Trait("Category", "Browser")]
public sealed partial class EnglishPagesTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    /// <summary>Words that stay Vietnamese in English: the language switch's own name, and decree numbers (85/2016/NĐ-CP).</summary>
    private static readonly HashSet<string> Kept = new(["Tiếng", "Việt", "NĐ"], StringComparer.Ordinal);

    /// <summary>The sheets the importers read back by their Vietnamese names, quoted as such on the import page.</summary>
    private static readonly string[] ImportSheetNames = ["«Cơ quan»", "«Hệ thống»", "«Địa chỉ»", "«Phần mềm»"];

    [GeneratedRegex(@"[\p{L}\p{M}]+")]
    private static partial Regex Word();

    [Fact]
    public async Task An_officer_and_a_reviewer_read_the_main_pages_in_English()
    {
        var (agency, system, dossier, task, incident) = await SeedAsync();

        var (page, problems) = await fixture.NewPageAsync();
        await fixture.SignInAsync(page, "officer@english.test");
        await SwitchToEnglishAsync(page);
        var officerReport = await ReadAsync(page, "officer",
        [
            "/", "/Systems", $"/Systems/Details/{system}", $"/Agencies/Details/{agency}", "/Dossiers", $"/Dossiers/Details/{dossier}",
            "/Tasks", $"/Tasks/Details/{task}", "/Incidents", $"/Incidents/Details/{incident}", "/Assessments", "/Notifications",
            "/Notifications/Preferences", "/Systems/Create", "/Incidents/Create", "/Account/Manage",
        ]);

        // A form refused by the server reads in English: its summary and the messages beside the fields (model binding,
        // validators and domain rules all write Vietnamese; the page puts them into English). Submitted without the
        // browser's own checks (form.submit() skips them), then with them (their messages come from the same file).
        await page.GotoAsync("/Systems/Create");
        await page.Locator("main form[method=post]").Last.EvaluateAsync("f => f.submit()");
        await page.Locator(".validation-summary-errors").WaitForAsync();
        var serverErrors = await page.Locator(".validation-summary-errors, .field-validation-error").AllInnerTextsAsync();
        await page.GotoAsync("/Incidents/Create");
        await page.Locator("main form[method=post] button[type=submit]").Last.ClickAsync();
        try
        {
            await page.Locator(".validation-summary-errors").WaitForAsync(new() { Timeout = 10_000 });
        }
        finally
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath("40-english-errors"), FullPage = true });
        }

        var clientErrors = await page.Locator(".field-validation-error, .validation-summary-errors").AllInnerTextsAsync();
        var errorText = string.Join(" ", serverErrors.Concat(clientErrors));
        Assert.True(serverErrors.Count > 1 && clientErrors.Count > 0, $"errors shown: {serverErrors.Count} by the server, {clientErrors.Count} in the browser");
        Assert.True(!errorText.Any(c => c > 127 && char.IsLetter(c)), "Vietnamese in the English error messages: " + errorText);

        var (review, reviewProblems) = await fixture.NewPageAsync();
        await fixture.SignInAsync(review, "reviewer@english.test", Totp.Key);
        await SwitchToEnglishAsync(review);
        var reviewerReport = await ReadAsync(review, "reviewer",
        [
            "/", "/Agencies", $"/Agencies/Details/{agency}", "/Systems", $"/Systems/Details/{system}", "/Dossiers", $"/Dossiers/Details/{dossier}",
            "/Tasks", $"/Tasks/Details/{task}", "/Incidents", $"/Incidents/Details/{incident}", "/Warnings", "/Websites", "/Assessments",
            "/Campaigns", "/Dashboard", "/Dashboard/Ranking", "/Reports/Annual", "/Warnings/Create", "/Tasks/Outdated", "/Systems/Software",
            "/Imports", "/Catalog",
        ]);

        var (admin, adminProblems) = await fixture.NewPageAsync();
        await fixture.SignInAsync(admin, "admin@english.test", Totp.Key);
        await SwitchToEnglishAsync(admin);
        // The audit log is left out: it shows the values as they were recorded (names, the catalog's wording, role names).
        var adminReport = await ReadAsync(admin, "admin", ["/Admin/Users", "/Admin/Calendar", "/Admin/Mail"]);

        var failures = officerReport.Concat(reviewerReport).Concat(adminReport).ToList();
        Assert.True(failures.Count == 0, "Pages with Vietnamese in English:\n" + string.Join("\n", failures));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(reviewProblems.Count == 0, string.Join("\n", reviewProblems));
        Assert.True(adminProblems.Count == 0, string.Join("\n", adminProblems));
    }

    /// <summary>Chooses English in the layout's switch (it submits itself) and waits for the page to come back in English.</summary>
    private static async Task SwitchToEnglishAsync(IPage page)
    {
        await page.Locator("#culture-select").SelectOptionAsync("en-US");
        await page.Locator("html[lang=en]").WaitForAsync();
    }

    /// <summary>Opens each page and returns a line for each where more than 2% of the visible words carry diacritics.</summary>
    private async Task<List<string>> ReadAsync(IPage page, string who, string[] paths)
    {
        var failures = new List<string>();
        var names = NamesFromConfiguration();
        foreach (var path in paths)
        {
            var response = await page.GotoAsync(path);
            Assert.True(response?.Ok == true, $"{who} {path}: {response?.Status}");
            Assert.Equal("en", await page.Locator("html").GetAttributeAsync("lang"));
            // Content marked as Vietnamese (lang="vi": the catalog's legal wording, quoted from Circular 12/2022) is not read.
            var shown = await page.EvaluateAsync<string>(
                "() => { const vi = [...document.querySelectorAll('body [lang=vi]')]; vi.forEach(e => e.hidden = true); const t = document.body.innerText; vi.forEach(e => e.hidden = false); return t; }");
            var text = names.Aggregate(shown, (t, name) => t.Replace(name, " ", StringComparison.Ordinal));
            var words = Word().Matches(text).Select(m => m.Value).ToList();
            var vietnamese = words.Where(w => !Kept.Contains(w) && w.Any(c => c > 127)).ToList();
            if (vietnamese.Count > words.Count * 0.02)
            {
                failures.Add($"{who} {path}: {vietnamese.Count}/{words.Count} words: {string.Join(' ', vietnamese.Distinct())}");
            }
        }

        await page.ScreenshotAsync(new PageScreenshotOptions { Path = BrowserFixture.ScreenshotPath($"40-english-{who}"), FullPage = true });
        return failures;
    }

    /// <summary>
    /// Names that come from the settings, like the agencies' names: the province, the reviewing body, and the province's
    /// committee (the issuer of its Mẫu 08); and the import sheets' names.
    /// </summary>
    private string[] NamesFromConfiguration()
    {
        var portal = fixture.Factory.Services.GetRequiredService<PortalOptions>();
        return [portal.ReviewingBodyName, "Ủy ban nhân dân " + char.ToLowerInvariant(portal.ProvinceName[0]) + portal.ProvinceName[1..], portal.ProvinceName, .. ImportSheetNames];
    }

    /// <summary>An agency with an officer, a reviewer, a system, a submitted dossier, a task and an incident, all named in plain ASCII.</summary>
    private async Task<(Guid Agency, Guid System, Guid Dossier, Guid Task, Guid Incident)> SeedAsync()
    {
        var agency = await fixture.Factory.CreateAgencyAsync("SL-ENG", "Department of Testing");
        var officer = await fixture.Factory.CreateUserAsync("officer@english.test", PortalRoles.AgencyOfficer, agency.Id);
        var reviewer = await fixture.Factory.CreateUserAsync("reviewer@english.test", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
        await fixture.Factory.CreateUserAsync("admin@english.test", PortalRoles.Administrator, authenticatorKey: Totp.Key);
        var system = await fixture.Factory.CreateSystemAsync("ENG-PORTAL", "Testing Portal", agency.Id);
        var today = VietnamTime.Today(TimeProvider.System);
        var now = DateTime.UtcNow;
        var dossier = await fixture.Factory.WithDbAsync(async db =>
        {
            foreach (var user in await db.Users.Where(u => u.Email!.EndsWith("@english.test")).ToListAsync())
            {
                user.FullName = user.Id == officer.Id ? "Olivia Officer" : user.Id == reviewer.Id ? "Rupert Reviewer" : "Ada Admin";
            }

            var actor = new DossierActor(officer.Id, "Olivia Officer", false, true);
            var dossier = LevelDossier.Start(await db.InformationSystems.SingleAsync(s => s.Id == system.Id), actor, today, now, null);
            dossier.SetFacts(new ClassificationFacts
            {
                FunctionKind = SystemFunctionKind.Internal, InformationTypes = InformationTypes.Private | InformationTypes.Public,
                OnlineServiceLevel = 0, ConditionalBusinessLine = false, UserCount = 300, BasicPersonalDataSubjects = 0, SensitivePersonalDataSubjects = 0,
                HandlesAdministrativeProcedures = false, InfrastructureScope = InfrastructureScope.SingleOrganisation, Requires24x7 = false,
                NationalEGovernmentSystem = false, CentralisedNationalData = false, InternationalInfrastructureLink = false, DesignatedLevel = 0, RiskFrameworkLevel = 0,
            });
            dossier.Propose(2, null);
            dossier.SetContent(DossierContent.FromSections(DossierContent.SectionList.ToDictionary(s => s.Field, s => (string?)"Described in the design")));
            foreach (var kind in DossierRoute.For(2).RequiredToSubmit)
            {
                dossier.AddAttachment(actor, kind, "design.pdf", "application/pdf", 2048, new string('a', 64), now);
            }

            dossier.Submit(actor, new WorkingDays([]), today, now);
            db.LevelDossiers.Add(dossier);
            await db.SaveChangesAsync();
            return dossier.Id;
        });
        var task = new RemediationTask(system.Id, "Update the web server", "Apply the vendor patch", TaskSource.Other, null, null, null,
            TaskSeverity.High, today.AddDays(5), officer.Id, now, "Olivia Officer");
        var incident = new Incident(agency.Id, IncidentKind.Malware, "Malware on the web server", "Found by the antivirus", now.AddHours(-2),
            serious: true, "Server isolated", [system.Id], officer.Id, now);
        await fixture.Factory.WithDbAsync(db =>
        {
            db.RemediationTasks.Add(task);
            db.Incidents.Add(incident);
            return db.SaveChangesAsync();
        });
        return (agency.Id, system.Id, dossier, task.Id, incident.Id);
    }
}
