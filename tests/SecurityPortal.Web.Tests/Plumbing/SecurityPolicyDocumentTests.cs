using System.Text.Json;
using SecurityPortal.Web.Options;
using SecurityPortal.Web.Pages.Admin.Users;

namespace SecurityPortal.Tests.Plumbing;

/// <summary>
/// docs/security/policies.md (the documents ASVS 5.0 asks for: V6.1.1, V7.1.1, V7.1.2, V11.1.2, …) states the portal's
/// figures; a change of a default that leaves the document behind fails here.
/// </summary>
[Trait("Category", "ProviderIndependent")]
public sealed class SecurityPolicyDocumentTests
{
    private static readonly string Root = AsvsMatrixTests.RepositoryRoot();
    private static readonly string Document = File.ReadAllText(Path.Combine(Root, "docs", "security", "policies.md"));

    [Fact]
    public void The_policy_document_states_the_defaults_the_portal_runs_with()
    {
        var security = new SecurityOptions();
        var expected = new List<string>
        {
            $"`Security:LockoutMaxFailedAttempts` = {security.LockoutMaxFailedAttempts}",
            $"`Security:LockoutMinutes` = {security.LockoutMinutes}",
            $"`Security:IdleTimeoutMinutes` = {security.IdleTimeoutMinutes}",
            $"`Security:AbsoluteTimeoutHours` = {security.AbsoluteTimeoutHours}",
            $"`Security:MaxSessionsPerUser` = {security.MaxSessionsPerUser}",
            $"password ≥ {security.PasswordMinLength} characters",
        };

        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "src", "SecurityPortal.Web", "appsettings.json")));
        foreach (var limit in settings.RootElement.GetProperty("RateLimits").EnumerateObject())
        {
            expected.Add($"`RateLimits:{limit.Name}` = {limit.Value.GetInt32()}");
        }

        var files = new FileStoreOptions();
        expected.Add($"`Files:MaxBytes` = {files.MaxBytes / 1024 / 1024} MB");
        expected.Add($"`Files:MaxUnpackedBytes` = {files.MaxUnpackedBytes / 1024 / 1024} MB");

        // The temporary password's strength, computed from its alphabet and length.
        var bits = (int)Math.Floor(TemporaryPassword.Length * Math.Log2(TemporaryPassword.Alphabet.Distinct().Count()));
        Assert.True(bits >= 128, $"a temporary password carries {bits} bits, under ASVS V11.5.1's 128");
        expected.Add($"{TemporaryPassword.Length} random characters ({bits} bits)");

        var missing = expected.Where(e => !Document.Contains(e, StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "docs/security/policies.md does not say: " + string.Join("; ", missing));
    }

    [Fact]
    public void Every_requirement_the_document_answers_points_back_to_it_from_the_matrix()
    {
        var answered = System.Text.RegularExpressions.Regex.Matches(Document, @"V\d+\.\d+\.\d+").Select(m => m.Value).Distinct().ToList();
        Assert.NotEmpty(answered);
        var rows = Web.Infrastructure.Csv.Read(File.ReadAllText(Path.Combine(Root, "docs", "security", "asvs-l2.csv")))
            .Select(r => r.Cells.ToList()).Skip(1).ToDictionary(r => r[0], r => string.Join(" ", r.Skip(4)));
        var notLinked = answered.Where(id => !rows.TryGetValue(id, out var text) || !text.Contains("policies.md", StringComparison.Ordinal)).ToList();
        Assert.True(notLinked.Count == 0, "rows answered by docs/security/policies.md that do not name it: " + string.Join(", ", notLinked));
    }
}
