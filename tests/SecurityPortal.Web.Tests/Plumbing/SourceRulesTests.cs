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

    /// <summary>
    /// Outgoing TLS (ASVS 5.0 V12.3.2): nothing but the website watch decides about a server's certificate itself. Mail
    /// (MailKit), OTLP export and the database drivers keep their default validation; the watch's two callbacks accept a
    /// certificate only to report on it, and it sends such a site nothing but GETs (WebsiteWatchTests).
    /// </summary>
    [Fact]
    public void Only_the_website_watch_overrides_certificate_validation()
    {
        // Reviewed: the watch's handler and its own handshake; the SQL Server design-time factory, which only builds migrations
        // (it never connects).
        var reviewed = new[]
        {
            "SecurityPortal.Web/WebsiteWatch/WebsiteWatchSetup.cs:", "SecurityPortal.Web/WebsiteWatch/WebsiteProber.cs:",
            "SecurityPortal.Data.SqlServer/DesignTimeFactory.cs:",
        };
        var offending = Scan(["*.cs", "*.json"], OverridesCertificateValidation())
            .Where(f => !reviewed.Any(r => f.StartsWith(r, StringComparison.Ordinal))).ToList();
        Assert.True(offending.Count == 0, "Certificate validation overridden: " + string.Join("; ", offending));
    }

    /// <summary>
    /// Prototype pollution (ASVS 5.0 V15.3.6): the portal's own scripts merge no objects and never touch a prototype, so no
    /// key from a page or a JSON value can reach Object.prototype; the vendored libraries are at versions after their known
    /// prototype-pollution fixes (jQuery 3.4.0's $.extend, Chart.js 2.9.4's options merge).
    /// </summary>
    [Fact]
    public void Own_scripts_merge_no_objects_and_vendored_libraries_are_past_their_prototype_pollution_fixes()
    {
        var js = Path.Combine(AsvsMatrixTests.RepositoryRoot(), "src", "SecurityPortal.Web", "wwwroot", "js");
        var offending = Directory.EnumerateFiles(js, "*.js", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (f, i, line)))
            .Where(x => MergesObjects().IsMatch(x.line))
            .Select(x => $"{Path.GetFileName(x.f)}:{x.i + 1}: {x.line.Trim()}").ToList();
        Assert.True(offending.Count == 0, "Object merging or prototype access in wwwroot/js: " + string.Join("; ", offending));

        var lib = Path.Combine(AsvsMatrixTests.RepositoryRoot(), "src", "SecurityPortal.Web", "wwwroot", "lib");
        Version Banner(string file, string pattern) =>
            Version.Parse(Regex.Match(File.ReadAllText(Path.Combine(lib, file))[..2000], pattern).Groups[1].Value);
        Assert.True(Banner("jquery/jquery.min.js", @"jQuery v(\d+\.\d+\.\d+)") >= new Version(3, 4, 0));
        Assert.True(Banner("chart.js/chart.umd.min.js", @"Chart\.js v(\d+\.\d+\.\d+)") >= new Version(2, 9, 4));
    }

    [Fact]
    public void The_rules_find_what_they_forbid()
    {
        Assert.Matches(OverridesCertificateValidation(), "client.ServerCertificateValidationCallback = (s, c, h, e) => true;");
        Assert.Matches(OverridesCertificateValidation(), "client.CheckCertificateRevocation = false;");
        Assert.Matches(OverridesCertificateValidation(), "\"Portal\": \"Server=db;TrustServerCertificate=True\"");
        Assert.Matches(MergesObjects(), "var options = $.extend(true, {}, defaults, JSON.parse(text));");
        Assert.Matches(MergesObjects(), "Object.assign(target, source);");
        Assert.Matches(MergesObjects(), "var merged = { ...defaults, ...given };");
        Assert.Matches(MergesObjects(), "if (key === '__proto__') { continue; }");
        Assert.Matches(MergesObjects(), "Object.setPrototypeOf(a, b);");
        Assert.DoesNotMatch(MergesObjects(), "var build = Object.prototype.hasOwnProperty.call(builders, kind) ? builders[kind] : null;");
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

    [GeneratedRegex(@"(?:Server|Remote)CertificateValidationCallback|ServerCertificateCustomValidationCallback|DangerousAcceptAnyServerCertificateValidator|CheckCertificateRevocation\s*=\s*false|TrustServerCertificate\s*=\s*true|Trust Server Certificate\s*=\s*true|SslMode\s*=\s*Disable", RegexOptions.IgnoreCase)]
    private static partial Regex OverridesCertificateValidation();

    [GeneratedRegex(@"__proto__|\bObject\.(?:assign|setPrototypeOf|defineProperty)\s*\(|\.extend\s*\(|\.\.\.\s*[A-Za-z_$]|\.prototype\s*\[|\.prototype\.\w+\s*=[^=]")]
    private static partial Regex MergesObjects();

    [GeneratedRegex(@"\bIsInRole\s*\(")]
    private static partial Regex AsksForRole();

    [GeneratedRegex(@"Html\.Raw\s*\(|new\s+(?:Microsoft\.AspNetCore\.Html\.)?HtmlString\s*\(|MarkupString")]
    private static partial Regex BypassesEncoding();

    [GeneratedRegex(@"\b(?:FromSqlRaw|ExecuteSqlRaw(?:Async)?|SqlQueryRaw|FromSql|ExecuteSql(?:Async)?|SqlQuery)\s*[<(]|\bnew\s+(?:Sql|Npgsql|Sqlite)Command\s*\(|\.CommandText\s*=")]
    private static partial Regex RawSql();
}
