using System.Text.RegularExpressions;

namespace SecurityPortal.Tests.Plumbing;

/// <summary>
/// docs/security/asvs-l2.csv is the traceability matrix of ASVS 5.0.0 Level 1+2 (253 requirements). It may not drift:
/// every row has a status; a «pass» names at least one test; every named test exists as a [Fact] or [Theory] of its
/// class in tests/; «n/a», «deployment» and «open» say why.
/// </summary>
/// <remarks>Touches no database: ./test.sh runs it in the SQLite pass only (Category=ProviderIndependent).</remarks>
[Trait("Category", "ProviderIndependent")]
public sealed partial class AsvsMatrixTests
{
    private static readonly string[] Header = ["req_id", "level", "chapter", "status", "control", "tests", "note"];
    private static readonly HashSet<string> Statuses = ["pass", "n/a", "open", "deployment"];

    [Fact]
    public void Every_requirement_has_a_status_and_every_named_test_exists()
    {
        var root = RepositoryRoot();
        var rows = Web.Infrastructure.Csv.Read(File.ReadAllText(Path.Combine(root, "docs", "security", "asvs-l2.csv"))).Select(r => r.Cells.ToList()).ToList();
        Assert.Equal(Header, rows[0]);
        var body = rows.Skip(1).ToList();
        Assert.Equal(253, body.Count);
        Assert.Equal(body.Count, body.Select(r => r[0]).Distinct(StringComparer.Ordinal).Count());

        var tests = KnownTests(Path.Combine(root, "tests"));
        var problems = new List<string>();
        foreach (var row in body)
        {
            var (id, level, status, named, note) = (row[0], row[1], row[3], row[5], row[6]);
            if (!IdPattern().IsMatch(id) || level is not ("1" or "2"))
            {
                problems.Add($"{id}: id or level «{level}» is not an ASVS L1/L2 requirement");
            }

            if (!Statuses.Contains(status))
            {
                problems.Add($"{id}: status «{status}» is not one of {string.Join(", ", Statuses)}");
            }

            var names = named.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (status == "pass" && names.Length == 0)
            {
                problems.Add($"{id}: «pass» without a test");
            }

            if (status is "n/a" or "deployment" or "open" && string.IsNullOrWhiteSpace(note))
            {
                problems.Add($"{id}: «{status}» without a reason");
            }

            problems.AddRange(names.Where(n => !tests.Contains(n)).Select(n => $"{id}: test {n} does not exist"));
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void A_row_naming_a_test_that_does_not_exist_is_caught()
    {
        var tests = KnownTests(Path.Combine(RepositoryRoot(), "tests"));
        Assert.Contains($"{nameof(AsvsMatrixTests)}.{nameof(Every_requirement_has_a_status_and_every_named_test_exists)}", tests);
        Assert.DoesNotContain($"{nameof(AsvsMatrixTests)}.No_such_test", tests);
        Assert.DoesNotContain($"{nameof(AsvsMatrixTests)}.{nameof(KnownTests)}", tests); // a helper is not a test
    }

    /// <summary>Every «Class.Method» whose method carries [Fact] or [Theory], read from the test sources (top-level classes: nested helpers are indented).</summary>
    private static HashSet<string> KnownTests(string testsRoot)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(testsRoot, "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                                 && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            string? currentClass = null;
            var attributed = false;
            foreach (var line in File.ReadLines(file))
            {
                if (ClassPattern().Match(line) is { Success: true } type)
                {
                    currentClass = type.Groups["name"].Value;
                }

                if (TestAttribute().IsMatch(line))
                {
                    attributed = true;
                    continue;
                }

                if (attributed && MethodPattern().Match(line) is { Success: true } method && currentClass is not null)
                {
                    known.Add($"{currentClass}.{method.Groups["name"].Value}");
                    attributed = false;
                }
                else if (attributed && MemberStart().IsMatch(line))
                {
                    attributed = false; // the attribute belonged to something else (attribute arguments may span lines)
                }
            }
        }

        return known;
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SecurityPortal.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("SecurityPortal.sln not found above " + AppContext.BaseDirectory);
    }

    [GeneratedRegex(@"^V\d+\.\d+\.\d+$")]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^(?:(?:public|internal|private|sealed|static|abstract|partial)\s+)*class\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex ClassPattern();

    [GeneratedRegex(@"^\s*\[(?:[A-Za-z]*Fact|Theory)\b")]
    private static partial Regex TestAttribute();

    [GeneratedRegex(@"^\s*(?:public|private|internal|protected)\s")]
    private static partial Regex MemberStart();

    [GeneratedRegex(@"^\s*public\s+(?:async\s+)?(?:Task|void|ValueTask)\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)\s*\(")]
    private static partial Regex MethodPattern();
}
