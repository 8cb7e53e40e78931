namespace SecurityPortal.Tests.Plumbing;

/// <summary>
/// Audit completeness (issue 8 item 9): every POST handler of the portal — found from the page routes, not a hand
/// list — must have been seen by <see cref="AuditWitness"/>, somewhere in the web suite on SQLite or PostgreSQL,
/// writing audit entries all under the actor who made the request; the witness fails any request whose entries name
/// someone else. The handlers that change nothing audited are listed below, each with its reason. A new handler that
/// no test exercises, or that changes data without an audit entry, fails this test.
/// </summary>
[Trait("Category", "AuditCoverage")]
public sealed class AuditCompletenessTests : PortalTestBase
{
    /// <summary>Handlers that store nothing audited, and why (reviewed).</summary>
    internal static readonly Dictionary<string, string> Exempt = new(StringComparer.Ordinal)
    {
        ["/Account/Login (page)"] = "anonymous: the witness sees signed-in users only; failed counts and lock-outs are audited on the user row with no actor (LoginTests)",
        ["/Account/LoginWith2fa (page)"] = "anonymous, as sign-in",
        ["/Account/LoginWithRecoveryCode (page)"] = "anonymous, as sign-in",
        ["/Account/Logout (page)"] = "ends the session: the cookie is cleared and the sign-out logged; no stored data changes",
        ["/Culture (page)"] = "sets the language cookie only",
        ["/Error (page)"] = "the error page; stores nothing",
        ["/Systems/Create AddRows"] = "adds empty component and address rows to the form shown again; stores nothing",
        ["/Systems/Edit AddRows"] = "as on Systems/Create",
        ["/Systems/Create Propose"] = "fills blank purl/CPE fields of the form shown again with proposals for the officer to check; stores nothing",
        ["/Systems/Edit Propose"] = "as on Systems/Create",
        ["/Systems/Sbom (page)"] = "keeps the uploaded SBOM as a draft for its preview (ImportDraft: not audited, deleted after a day); the confirmation, Systems/SbomPreview, writes the audited changes",
        ["/Scans/Import (page)"] = "keeps the uploaded scanner report as a draft for its preview (ImportDraft: not audited, deleted after a day); the confirmation, Scans/Preview, writes the audited tasks and findings",
        ["/Warnings/Feeds/Index (page)"] = "keeps the uploaded OSV archive or NVD file as a draft for its preview (ImportDraft: not audited, deleted after a day); the confirmation, Warnings/Feeds/Preview, writes the audited vulnerability records",
        ["/Admin/Calendar/Import (page)"] = "keeps the uploaded calendar file as a draft for its preview (ImportDraft: not audited, deleted after a day); the confirmation, its Confirm handler, writes the audited days",
        ["/Imports/Index (page)"] = "keeps the uploaded spreadsheet as a draft for its preview (ImportDraft: not audited, deleted after a day); the confirmation, Imports/Preview, writes the audited changes",
        ["/Admin/Mail/Index Retry"] = "puts given-up mails back in the mail queue: message plumbing (OutboxMail, not audited); each attempt stays on the row",
        ["/Dossiers/Wizard Preview"] = "computes the engine's answer for the facts typed; saves nothing",
        ["/Notifications/Index Open"] = "marks an in-app notification read: message plumbing, not audited (AuditInterceptor.ExcludedTypes)",
        ["/Notifications/Index ReadAll"] = "as Open",
    };

    [AuditCoverageFact]
    public void Every_post_handler_was_seen_writing_its_audit_entries_under_the_right_actor()
    {
        var directory = Environment.GetEnvironmentVariable(AuditWitness.DirectoryVariable);
        Assert.False(string.IsNullOrEmpty(directory), $"{AuditWitness.DirectoryVariable} is not set");
        var lines = Directory.GetFiles(directory!, "witness-*.tsv").SelectMany(File.ReadAllLines)
            .Select(l => l.Split('\t')).Where(l => l.Length == 3).ToList();
        Assert.True(lines.Count > 0, $"no witness file in {directory}");

        var handlers = PortalCrawl.Pages(Factory)
            .SelectMany(p => PortalCrawl.Handlers(p.Model, "Post").Select(h => $"{p.Page} {(h.Length == 0 ? "(page)" : h)}"))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        var audited = lines.Where(l => l[1] == "audited").Select(l => l[0]).ToHashSet(StringComparer.Ordinal);
        var wrongActor = lines.Where(l => l[1] == "wrong-actor").Select(l => $"{l[0]}: {l[2]}").Distinct().ToList();
        var unseen = handlers.Where(h => !audited.Contains(h) && !Exempt.ContainsKey(h)).ToList();
        var staleExemptions = Exempt.Keys.Where(k => !handlers.Contains(k)).ToList();

        Assert.True(wrongActor.Count == 0, "audit entries under another actor: " + string.Join("; ", wrongActor));
        Assert.True(unseen.Count == 0, $"{unseen.Count} of {handlers.Count} POST handlers never seen writing an audit entry: {string.Join("; ", unseen)}");
        Assert.True(staleExemptions.Count == 0, "exemptions for handlers that no longer exist: " + string.Join("; ", staleExemptions));
    }
}
