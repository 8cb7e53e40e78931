using System.Text.RegularExpressions;

namespace SecurityPortal.Tests.Plumbing;

/// <summary>
/// Rules on the source that a reviewer would otherwise have to remember (ASVS 5.0 V1.2.1, V1.2.4): Razor output is
/// always encoded — no <c>Html.Raw</c>, no hand-made <c>HtmlString</c>/<c>MarkupString</c> — and no SQL is written as
/// text outside the generated migrations: every query goes through LINQ, so input can never become SQL.
/// </summary>
/// <remarks>Touches no database: ./test.sh runs it in the SQLite pass only (Category=ProviderIndependent).</remarks>
[Trait("Category", "ProviderIndependent")]
public sealed partial class SourceRulesTests
{
    [Fact]
    public void No_page_or_class_bypasses_html_encoding()
    {
        var offending = Scan(["*.cshtml", "*.cs"], BypassesEncoding());
        Assert.True(offending.Count == 0, "Unencoded output: " + string.Join("; ", offending));
    }

    [Fact]
    public void No_sql_is_built_as_text_outside_the_migrations()
    {
        // Reviewed exceptions: QueryStatistics runs one constant PRAGMA/ANALYZE statement on SQLite; FigureRollupKeeper.LockAsync
        // takes the figures' transaction locks (pg_advisory_xact_lock, sp_getapplock) with constant statements whose agency
        // keys are parameters (ExecuteSqlAsync turns the interpolated values into DbParameters).
        var reviewed = new[] { "SecurityPortal.Data/QueryStatistics.cs:", "SecurityPortal.Web/Reporting/FigureRollupKeeper.cs:" };
        var offending = Scan(["*.cs"], RawSql())
            .Where(f => !f.Contains("/Migrations/", StringComparison.Ordinal) && !reviewed.Any(r => f.StartsWith(r, StringComparison.Ordinal))).ToList();
        Assert.True(offending.Count == 0, "Raw SQL: " + string.Join("; ", offending));
    }

    [Fact]
    public void Only_the_authorization_rules_and_the_menu_ask_for_roles()
    {
        // Authorization in one place per aggregate (ADR 0009): pages and views call the aggregate's rule. The layout's
        // menu mirrors the folder policies of PortalServices (who may open a page at all), which are roles by nature.
        var offending = Scan(["*.cs", "*.cshtml"], AsksForRole())
            .Where(f => !f.StartsWith("SecurityPortal.Web/Authorization/", StringComparison.Ordinal)
                        && !f.StartsWith("SecurityPortal.Web/Pages/Shared/_Layout.cshtml:", StringComparison.Ordinal)).ToList();
        Assert.True(offending.Count == 0, "A role asked for outside src/SecurityPortal.Web/Authorization/: " + string.Join("; ", offending));
    }

    [Fact]
    public void The_rules_find_what_they_forbid()
    {
        Assert.Matches(AsksForRole(), "if (User.IsInRole(PortalRoles.Administrator))");
        Assert.Matches(BypassesEncoding(), "<div>@Html.Raw(Model.Description)</div>");
        Assert.Matches(BypassesEncoding(), "return new HtmlString(text);");
        Assert.Matches(RawSql(), "db.Database.ExecuteSqlRaw(\"DELETE FROM x WHERE id = \" + id);");
        Assert.Matches(RawSql(), "db.Systems.FromSqlRaw(sql)");
        Assert.DoesNotMatch(BypassesEncoding(), "<div>@Model.Description</div>");
    }

    private static List<string> Scan(string[] patterns, Regex rule)
    {
        var src = Path.Combine(AsvsMatrixTests.RepositoryRoot(), "src");
        return patterns
            .SelectMany(p => Directory.EnumerateFiles(src, p, SearchOption.AllDirectories))
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => rule.IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(src, x.f)}:{x.i + 1}")
            .ToList();
    }

    [GeneratedRegex(@"\bIsInRole\s*\(")]
    private static partial Regex AsksForRole();

    [GeneratedRegex(@"Html\.Raw\s*\(|new\s+(?:Microsoft\.AspNetCore\.Html\.)?HtmlString\s*\(|MarkupString")]
    private static partial Regex BypassesEncoding();

    [GeneratedRegex(@"\b(?:FromSqlRaw|ExecuteSqlRaw(?:Async)?|SqlQueryRaw|FromSql|ExecuteSql(?:Async)?|SqlQuery)\s*[<(]|\bnew\s+(?:Sql|Npgsql|Sqlite)Command\s*\(|\.CommandText\s*=")]
    private static partial Regex RawSql();
}
