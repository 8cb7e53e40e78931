using Microsoft.EntityFrameworkCore;
using SecurityPortal.Domain.Classification;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Dossiers;
using static SecurityPortal.Tests.Dossiers.DossierTestKit;

namespace SecurityPortal.Tests.Dossiers;

/// <summary>
/// Issue 18 through the pages: the wizard shows only the questions that can change the level of this kind of system,
/// brings a question in when an answer opens it, and an internal system's dossier is submitted without the others.
/// </summary>
public sealed class DossierWizardQuestionsTests : PortalTestBase
{
    /// <summary>Questions an internal system is never asked (infrastructure scope, online public services, business lines, users, data subjects).</summary>
    private static readonly string[] NotForInternalSystems =
    [
        "Input.InfrastructureScope", "Input.OnlineServiceLevel", "Input.ConditionalBusinessLine", "Input.UserCount",
        "Input.BasicPersonalDataSubjects", "Input.SensitivePersonalDataSubjects", "Input.InternationalInfrastructureLink",
    ];

    [Fact]
    public async Task An_internal_systems_dossier_is_asked_only_what_applies_and_is_submitted_without_the_rest()
    {
        var health = await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        await Factory.CreateUserAsync("yte@sl.vn", PortalRoles.AgencyOfficer, health.Id);
        var system = await Factory.CreateSystemAsync("SYT-QLVB", "Hệ thống quản lý văn bản Sở Y tế", health.Id);
        var officer = await SignInAsync("yte@sl.vn");
        var created = await officer.PostFormAsync($"/Dossiers/Create?systemId={system.Id}", []);
        var id = Guid.Parse(created.Headers.Location!.OriginalString.Split('/')[3].Split('?')[0]);
        var step3 = $"/Dossiers/Wizard/{id}?step=3";

        var page = await officer.GetDocumentAsync(step3);
        var shown = page.QuerySelectorAll("#wizard-facts [name^='Input.']").Select(e => e.GetAttribute("name")).Distinct().ToList();
        // Decree 331: administrative procedures (Art. 13.2.b), 24/7 (Art. 14.2), national data (Art. 15.2), Prime Minister and framework.
        Assert.Equal(
            ["Input.HandlesAdministrativeProcedures", "Input.Requires24x7", "Input.CentralisedNationalData", "Input.DesignatedLevel", "Input.RiskFrameworkLevel"],
            shown);
        Assert.All(NotForInternalSystems, name => Assert.DoesNotContain(name, shown));
        Assert.DoesNotContain("Phạm vi của cơ sở hạ tầng thông tin", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        // «24/7» opens the national e-government question (Art. 14.2); the preview brings it in without saving.
        var preview = await officer.PostFormAsync($"{step3}&handler=Preview", new Dictionary<string, string> { ["Input.Requires24x7"] = "true" }, pageUrl: step3);
        var previewed = await preview.ParseAsync();
        Assert.NotNull(previewed.QuerySelector("#wizard-facts [name='Input.NationalEGovernmentSystem']"));
        Assert.NotNull(previewed.QuerySelector("#engine-result"));
        Assert.Null((await officer.GetDocumentAsync(step3)).QuerySelector("[name='Input.NationalEGovernmentSystem']"));

        // Only the questions shown are answered; the engine has what it needs and the dossier is submitted.
        (await officer.PostFormAsync(step3, new Dictionary<string, string>
        {
            ["Input.HandlesAdministrativeProcedures"] = "false", ["Input.Requires24x7"] = "false", ["Input.CentralisedNationalData"] = "false",
            ["Input.DesignatedLevel"] = "0", ["Input.RiskFrameworkLevel"] = "0", ["go"] = "next",
        })).AssertRedirectsTo($"/Dossiers/Wizard/{id}");
        (await officer.PostFormAsync($"/Dossiers/Wizard/{id}?step=4", new Dictionary<string, string> { ["Input.ProposedLevel"] = "2" }))
            .AssertRedirectsTo($"/Dossiers/Wizard/{id}");
        (await officer.PostFormAsync($"/Dossiers/Wizard/{id}?step=5", ContentAnswers(2))).AssertRedirectsTo($"/Dossiers/Wizard/{id}");
        foreach (var (kind, name, bytes) in new[] { ("Overview", "thuyet-minh.pdf", Pdf), ("Design", "thiet-ke.docx", Docx()), ("SecurityPlan", "phuong-an.pdf", Pdf) })
        {
            (await officer.UploadAsync(id, kind, name, bytes)).AssertRedirectsTo(Details(id));
        }

        var details = await officer.GetDocumentAsync(Details(id));
        Assert.Null(details.QuerySelector("#checklist"));
        var text = details.QuerySelector("main")!.TextContent;
        Assert.Contains(Fact.HandlesAdministrativeProcedures.Question(), text, StringComparison.Ordinal);
        Assert.DoesNotContain(Fact.InfrastructureScope.Question(), text, StringComparison.Ordinal);
        Assert.DoesNotContain(Fact.PersonalDataSubjects.Question(), text, StringComparison.Ordinal);
        (await officer.StepAsync(id, "Submit")).AssertRedirectsTo(Details(id));
        var dossier = await Factory.WithDbAsync(db => db.LevelDossiers.SingleAsync(d => d.Id == id));
        Assert.Equal(DossierState.Submitted, dossier.State);
        Assert.Equal(2, dossier.Evaluate().Level);
        Assert.True(dossier.Evaluate().IsComplete);
    }
}
