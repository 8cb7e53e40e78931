using System.IO.Compression;
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
        ["Input.InternationalInfrastructureLink"] = "false", ["Input.DesignatedLevel"] = "0",
    };

    public static Dictionary<string, string> ContentAnswers(int level) =>
        Domain.Dossiers.DossierContent.SectionList.Where(s => s.FromLevel <= level)
            .ToDictionary(s => $"Input.Content[{s.Field}]", s => $"Nội dung mục {s.Title}");

    public static Task<T> Db<T>(this PortalFactory factory, Func<PortalDbContext, Task<T>> work) => factory.WithDbAsync(work);
}
