using System.IO.Compression;
using System.Net;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Tests.Dossiers;

/// <summary>Files and forms the dossier tests share.</summary>
internal static class DossierTestKit
{
    public static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"u8.ToArray();

    /// <summary>A real (small) Office Open XML package: a ZIP whose entries the store can read.</summary>
    public static byte[] Docx(int zeroBytes = 16)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var writer = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open()))
            {
                writer.Write("<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            }

            using var zeros = zip.CreateEntry("word/padding.bin", CompressionLevel.SmallestSize).Open();
            zeros.Write(new byte[zeroBytes]);
        }

        return buffer.ToArray();
    }

    /// <summary>Posts a file as the Attach page's form does, with its antiforgery token and concurrency stamp.</summary>
    public static Task<HttpResponseMessage> UploadAsync(this HttpClient client, Guid dossierId, string kind, string fileName, byte[] content) =>
        client.PostFileAsync($"/Dossiers/Attach/{dossierId}", new() { ["Kind"] = kind }, "Upload", fileName, content);

    /// <summary>The wizard's answers for an internal system with private information (level 2 under both decrees).</summary>
    public static Dictionary<string, string> Step3Answers(bool administrativeProcedures = false) => new()
    {
        ["Input.OnlineServiceLevel"] = "0", ["Input.ConditionalBusinessLine"] = "false", ["Input.UserCount"] = "300",
        ["Input.BasicPersonalDataSubjects"] = "300", ["Input.SensitivePersonalDataSubjects"] = "0",
        ["Input.HandlesAdministrativeProcedures"] = administrativeProcedures ? "true" : "false",
        ["Input.InfrastructureScope"] = nameof(InfrastructureScope.SingleOrganisation), ["Input.Requires24x7"] = "false",
        ["Input.NationalEGovernmentSystem"] = "false", ["Input.CentralisedNationalData"] = "false",
        ["Input.InternationalInfrastructureLink"] = "false", ["Input.DesignatedLevel"] = "0", ["Input.RiskFrameworkLevel"] = "0",
    };

    public static Dictionary<string, string> ContentAnswers(int level) =>
        Domain.Dossiers.DossierContent.SectionList.Where(s => s.FromLevel <= level)
            .ToDictionary(s => $"Input.Content[{s.Field}]", s => $"Nội dung mục {s.Title}");

    public static Task<T> Db<T>(this PortalFactory factory, Func<PortalDbContext, Task<T>> work) => factory.WithDbAsync(work);

    public static string Details(Guid id) => $"/Dossiers/Details/{id}";

    /// <summary>The dossier's current version, for posts a page would not offer this user (a forged request).</summary>
    public static Task<Dictionary<string, string>> CurrentStampAsync(this PortalFactory factory, Guid id) => factory.WithDbAsync(async db => new Dictionary<string, string>
    {
        ["ConcurrencyStamp"] = (await db.LevelDossiers.Where(d => d.Id == id).Select(d => d.ConcurrencyStamp).SingleAsync()).ToString(),
    });

    /// <summary>Posts one of the dossier page's step handlers with the page's token and hidden fields.</summary>
    public static Task<HttpResponseMessage> StepAsync(this HttpClient client, Guid id, string handler, Dictionary<string, string>? fields = null) =>
        client.PostFormAsync($"{Details(id)}?handler={handler}", fields ?? [], pageUrl: Details(id));

    /// <summary>Creates an empty dossier of a system through its page, as an officer would; returns its id.</summary>
    public static async Task<Guid> CreateDossierAsync(this HttpClient officer, Guid systemId)
    {
        var created = await officer.PostFormAsync($"/Dossiers/Create?systemId={systemId}", []);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return Guid.Parse(created.Headers.Location!.OriginalString.Split('/')[3].Split('?')[0]);
    }

    /// <summary>Creates a dossier through the pages and answers every wizard step as an officer would.</summary>
    public static async Task<Guid> PrepareDossierAsync(
        this HttpClient officer, InformationSystem system, int level, bool administrativeProcedures = false, string? justification = null)
    {
        var id = await officer.CreateDossierAsync(system.Id);
        string Step(int n) => $"/Dossiers/Wizard/{id}?step={n}";
        (await officer.PostFormAsync(Step(2), new Dictionary<string, string>
        {
            ["Input.FunctionKind"] = nameof(SystemFunctionKind.Internal), ["Input.InformationTypes"] = nameof(InformationTypes.Private), ["go"] = "next",
        })).AssertRedirectsTo($"/Dossiers/Wizard/{id}");
        (await officer.PostFormAsync(Step(3), Step3Answers(administrativeProcedures))).AssertRedirectsTo($"/Dossiers/Wizard/{id}");
        (await officer.PostFormAsync(Step(4), new Dictionary<string, string>
        {
            ["Input.ProposedLevel"] = level.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Input.ProposalJustification"] = justification ?? string.Empty,
        }))
            .AssertRedirectsTo($"/Dossiers/Wizard/{id}");
        (await officer.PostFormAsync(Step(5), ContentAnswers(level))).AssertRedirectsTo($"/Dossiers/Wizard/{id}");
        foreach (var (kind, name, bytes) in new[]
                 {
                     ("Overview", "thuyet-minh.pdf", Pdf), ("Design", "thiet-ke.docx", Docx()),
                     ("SecurityPlan", "phuong-an.pdf", Pdf),
                 })
        {
            (await officer.UploadAsync(id, kind, name, bytes)).AssertRedirectsTo(Details(id));
        }

        return id;
    }

    /// <summary>The review form's fields for one section: a verdict («Accepted», «NeedsChange» or none) and a comment.</summary>
    public static Dictionary<string, string> Verdict(string section, string? verdict, string comment = "")
    {
        var fields = new Dictionary<string, string> { [$"Sections[{section}].Comment"] = comment };
        if (verdict is not null)
        {
            fields[$"Sections[{section}].Verdict"] = verdict;
        }

        return fields;
    }

    /// <summary>Several dictionaries of form fields as one.</summary>
    public static Dictionary<string, string> Fields(params Dictionary<string, string>[] parts) =>
        parts.SelectMany(p => p).ToDictionary(p => p.Key, p => p.Value);
}
