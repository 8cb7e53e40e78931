using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using SecurityPortal.Domain.Auditing;
using SecurityPortal.Domain.Classification;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Dossiers;
using SecurityPortal.Domain.Incidents;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Web.AuditTrail;
using SecurityPortal.Web.Documents;
using SecurityPortal.Web.Pages.Dossiers;
using SecurityPortal.Web.Registry;
using SecurityPortal.Web.Reporting;

namespace SecurityPortal.Tests.Plumbing;

/// <summary>
/// The English interface covers every string (issue 17). The key of a translation is the Vietnamese text, so a key
/// without an English entry shows Vietnamese in the English interface, and nothing else would notice. Three sources of
/// keys: the literal keys of the web project's sources (<c>L["…"]</c>, <c>localizer["…"]</c>, the literals of a
/// conditional inside the brackets, <c>[Display(Name = "…")]</c>); the names the pages pass through the localizer from
/// code (every enum's <c>Vietnamese()</c> name, the role names, the change history's words and values, the dossier wizard's
/// steps, sections and questions, the level engine's criteria, Mẫu 08's labels, the incident clocks, the software alerts);
/// and the English file itself, none of whose entries may be left over when its key is no longer used.
/// </summary>
/// <remarks>Touches no database: ./test.sh runs it in the SQLite pass only (Category=ProviderIndependent).</remarks>
[Trait("Category", "ProviderIndependent")]
public sealed partial class EnglishCoverageTests
{
    private static readonly Lazy<IReadOnlyList<(string Key, string Where)>> SourceKeys = new(ScanSources);
    private static readonly string[] SourceFiles = ["*.cs", "*.cshtml"];
    private static readonly Lazy<IReadOnlyList<(string Key, string Where)>> CodeMessages = new(ScanCodeMessages);
    private static readonly string[] CodeProjects = ["SecurityPortal.Domain", "SecurityPortal.Web"];

    /// <summary>
    /// Where Vietnamese literals are not messages to the user, or stay Vietnamese by design: the statutory forms and their
    /// spreadsheets (issue 17: «the statutory Word/Excel forms stay Vietnamese»), the spreadsheets the importers read back
    /// by their Vietnamese sheet and column names, the mail composer (its Vietnamese half; the English half is written in
    /// English, and a notification's text is translated like any message), the
    /// operator's messages at start-up and on the command line, and the legal citations of the level engine's criteria.
    /// </summary>
    private static readonly string[] NotMessages =
    [
        "SecurityPortal.Web/Documents/", "SecurityPortal.Web/Reporting/", "SecurityPortal.Web/Notifications/MailQueueInterceptor.cs", "SecurityPortal.Web/Options/",
        "SecurityPortal.Web/Program.cs", "SecurityPortal.Web/Infrastructure/DatabaseSetup.cs", "SecurityPortal.Web/Infrastructure/StartupTasks.cs",
        "SecurityPortal.Web/Infrastructure/AdminCommand.cs", "SecurityPortal.Web/Infrastructure/DatabaseBackup.cs",
        "SecurityPortal.Web/Infrastructure/PortalConfigurationException.cs", "SecurityPortal.Web/Observability/TelemetrySetup.cs",
        "SecurityPortal.Domain/Classification/Decree85Criteria.cs",
        "SecurityPortal.Domain/Classification/Decree331Criteria.cs",
    ];

    [Fact]
    public void Every_literal_key_of_the_web_project_has_English()
    {
        var english = EnglishEntries();
        var missing = SourceKeys.Value.Where(k => !english.ContainsKey(k.Key)).Select(k => $"«{k.Key}» ({k.Where})").Distinct().ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} keys without English in {ResxPath}: " + string.Join("; ", missing));
    }

    [Fact]
    public void Every_name_the_pages_show_through_the_localizer_has_English()
    {
        var english = EnglishEntries();
        var missing = ShownNames().Where(n => !english.ContainsKey(n.Key)).Select(n => $"«{n.Key}» ({n.Source})").Distinct().ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} names without English in {ResxPath}: " + string.Join("; ", missing));
    }

    [Fact]
    public void Every_message_the_code_writes_in_Vietnamese_has_English()
    {
        var english = EnglishEntries();
        // A step named inside a sentence («không thể xác minh») may use the button's entry («Xác minh»): PortalMessages.Entry.
        static string OtherCase(string k) => k.Length == 0 ? k : (char.IsLower(k[0]) ? char.ToUpperInvariant(k[0]) : char.ToLowerInvariant(k[0])) + k[1..];
        var missing = CodeMessages.Value.Where(m => !english.ContainsKey(m.Key) && !english.ContainsKey(OtherCase(m.Key)))
            .Select(m => $"«{m.Key}» ({m.Where})").Distinct().ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} messages without English in {ResxPath}: " + string.Join("; ", missing));
    }

    [Fact]
    public void The_message_scanner_reads_every_form_of_literal()
    {
        const string source = """"
            // «không phải khóa» in a comment
            throw new DomainException("Một"); var x = 'đ'; M(@"Hai ""trích""", $"Ba {a} và {(b ? "không" : "")} {{x}}");
            /* "không phải khóa" */ M($@"Bốn {c:dd/MM/yyyy}", "ascii only", "Năm\n");
            """";
        Assert.Equal(["Một", "Hai \"trích\"", "không", "Ba {0} và {1} {x}", "Bốn {0}", "Năm\n"], VietnameseLiterals(source).ToList());
    }

    [Fact]
    public void No_English_entry_is_left_over()
    {
        var used = SourceKeys.Value.Select(k => k.Key).Concat(ShownNames().Select(n => n.Key)).Concat(CodeMessages.Value.Select(m => m.Key))
            .ToHashSet(StringComparer.Ordinal);
        var stale = EnglishEntries().Keys.Where(k => !used.Contains(k)).Select(k => $"«{k}»").ToList();
        Assert.True(stale.Count == 0, $"{stale.Count} entries of {ResxPath} whose key no page uses any more: " + string.Join("; ", stale));
    }

    [Fact]
    public void Every_English_entry_is_unique_ignoring_case_filled_in_and_keeps_the_placeholders()
    {
        var entries = Entries().ToList();
        // The resource compiler compares names ignoring case and keeps the first («Quá hạn» hides «quá hạn»): give one of
        // them other words.
        var duplicates = entries.GroupBy(e => e.Key, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .Select(g => string.Join(" = ", g.Select(e => $"«{e.Key}»"))).ToList();
        Assert.True(duplicates.Count == 0, "Entries whose keys differ only in case, or not at all: " + string.Join("; ", duplicates));
        var empty = entries.Where(e => string.IsNullOrWhiteSpace(e.Value)).Select(e => $"«{e.Key}»").ToList();
        Assert.True(empty.Count == 0, "Entries without English: " + string.Join("; ", empty));
        var placeholders = entries.Where(e => !Placeholders(e.Key).SequenceEqual(Placeholders(e.Value))).Select(e => $"«{e.Key}» → «{e.Value}»").ToList();
        Assert.True(placeholders.Count == 0, "English that drops or adds a {n} placeholder: " + string.Join("; ", placeholders));
    }

    [Fact]
    public void The_scanner_reads_every_form_of_key()
    {
        const string source = """
            <h1>@L["Một"]</h1> @L["Hai {0}", L["Ba"]] @(x ? L["Bốn"].Value : "không phải khóa")
            @L[group.Kind == RequirementKind.Management ? "Năm" : "Sáu"] @L[k.Vietnamese()] @L[Foo("không phải khóa")]
            localizer["Bảy \"trích\""] URL["không phải khóa"] Model.L["không phải khóa"] @L[$"không phải {khóa}"]
            [Display(Name = "Tám")] <input placeholder="@L["Chín, mười"]" />
            """;
        Assert.Equal(["Một", "Hai {0}", "Ba", "Bốn", "Năm", "Sáu", "Bảy \"trích\"", "Chín, mười", "Tám"], Keys(source).ToList());
    }

    private static string ResxPath => Path.Combine("src", "SecurityPortal.Web", "Resources", "Infrastructure.SharedResource.en.resx");

    private static IEnumerable<(string Key, string Value)> Entries() =>
        XDocument.Load(Path.Combine(AsvsMatrixTests.RepositoryRoot(), ResxPath)).Root!.Elements("data")
            .Select(d => ((string)d.Attribute("name")!, (string?)d.Element("value") ?? string.Empty));

    private static Dictionary<string, string> EnglishEntries() =>
        Entries().GroupBy(e => e.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);

    private static IEnumerable<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal);

    private static List<(string Key, string Where)> ScanSources()
    {
        var web = Path.Combine(AsvsMatrixTests.RepositoryRoot(), "src", "SecurityPortal.Web");
        return [.. SourceFiles
            .SelectMany(p => Directory.EnumerateFiles(web, p, SearchOption.AllDirectories))
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .SelectMany(f => Keys(File.ReadAllText(f)).Select(k => (k, Path.GetRelativePath(web, f))))];
    }

    /// <summary>The literal keys of one source file: the literals of each localizer call's first argument, then the display names.</summary>
    private static IEnumerable<string> Keys(string text) =>
        LocalizerCall().Matches(text).SelectMany(m => FirstArgumentLiterals(text, m.Index + m.Length))
            .Concat(DisplayName().Matches(text).Select(m => Regex.Unescape(m.Groups[1].Value)));

    /// <summary>The string literals of the argument that starts at <paramref name="i"/>, outside any call or index inside it.</summary>
    private static List<string> FirstArgumentLiterals(string text, int i)
    {
        var found = new List<string>();
        var depth = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"')
            {
                var verbatim = i > 0 && text[i - 1] == '@';
                var interpolated = i > 0 && text[i - 1] == '$';
                var literal = new StringBuilder();
                for (i++; i < text.Length; i++)
                {
                    if (verbatim ? text[i] == '"' && i + 1 < text.Length && text[i + 1] == '"' : text[i] == '\\')
                    {
                        literal.Append(text, i, 2);
                        i++;
                    }
                    else if (text[i] == '"')
                    {
                        break;
                    }
                    else
                    {
                        literal.Append(text[i]);
                    }
                }

                if (depth == 0 && !interpolated)
                {
                    found.Add(verbatim ? literal.Replace("\"\"", "\"").ToString() : Regex.Unescape(literal.ToString()));
                }
            }
            else if (c is '(' or '[' or '{')
            {
                depth++;
            }
            else if (c is ')' or ']' or '}')
            {
                if (depth-- == 0)
                {
                    break;
                }
            }
            else if (c == ',' && depth == 0)
            {
                break;
            }

            i++;
        }

        return found;
    }

    /// <summary>The Vietnamese literals of the domain's and the web project's C# code, but for <see cref="NotMessages"/>.</summary>
    private static List<(string Key, string Where)> ScanCodeMessages()
    {
        var src = Path.Combine(AsvsMatrixTests.RepositoryRoot(), "src");
        return [.. CodeProjects
            .SelectMany(p => Directory.EnumerateFiles(Path.Combine(src, p), "*.cs", SearchOption.AllDirectories))
            .Select(f => (File: f, Relative: Path.GetRelativePath(src, f).Replace('\\', '/')))
            .Where(f => !f.Relative.Contains("/bin/", StringComparison.Ordinal) && !f.Relative.Contains("/obj/", StringComparison.Ordinal)
                && !NotMessages.Any(n => f.Relative.StartsWith(n, StringComparison.Ordinal)))
            .SelectMany(f => VietnameseLiterals(File.ReadAllText(f.File)).Select(k => (k, f.Relative)))];
    }

    /// <summary>
    /// The string literals of a C# source that hold a Vietnamese letter, as the text they write: escapes resolved, and an
    /// interpolated literal as its template, each hole a placeholder in order («Dòng {0}: {1}»). Literals inside a hole are
    /// read as literals of their own. Comments and character literals are skipped.
    /// </summary>
    private static IEnumerable<string> VietnameseLiterals(string text)
    {
        var found = new List<string>();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '/' && i + 1 < text.Length && text[i + 1] is '/' or '*')
            {
                var end = text[i + 1] == '/' ? text.IndexOf('\n', i) : text.IndexOf("*/", i + 2, StringComparison.Ordinal) + 1;
                i = end <= 0 ? text.Length : end + 1;
            }
            else if (text[i] == '\'')
            {
                i = text[i + 1] == '\\' ? text.IndexOf('\'', i + 3) + 1 : i + 3;
            }
            else if (text[i] == '"')
            {
                i = ReadLiteral(text, i, found);
            }
            else
            {
                i++;
            }
        }

        return found.Where(f => f.Any(c => c > 127 && char.IsLetter(c)));
    }

    /// <summary>Reads the literal whose opening quote is at <paramref name="start"/>; adds it (and those in its holes) to <paramref name="found"/>; returns the index after it.</summary>
    private static int ReadLiteral(string text, int start, List<string> found)
    {
        var prefix = text[Math.Max(0, start - 2)..start];
        var verbatim = prefix.EndsWith('@') || prefix == "@$";
        var interpolated = prefix.EndsWith('$') || prefix == "$@";
        var literal = new StringBuilder();
        var holes = 0;
        var i = start + 1;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == '"' && verbatim && i + 1 < text.Length && text[i + 1] == '"')
            {
                literal.Append('"');
                i += 2;
            }
            else if (c == '"')
            {
                i++;
                break;
            }
            else if (c == '\\' && !verbatim)
            {
                var escape = text[i + 1] == 'u' ? 6 : 2;
                literal.Append(Regex.Unescape(text.Substring(i, escape)));
                i += escape;
            }
            else if (interpolated && c is '{' or '}' && i + 1 < text.Length && text[i + 1] == c)
            {
                literal.Append(c);
                i += 2;
            }
            else if (interpolated && c == '{')
            {
                literal.Append('{').Append(holes++).Append('}');
                var depth = 0;
                for (i++; i < text.Length; i++)
                {
                    if (text[i] == '"')
                    {
                        i = ReadLiteral(text, i, found) - 1;
                    }
                    else if (text[i] == '\'')
                    {
                        i = text[i + 1] == '\\' ? text.IndexOf('\'', i + 3) : i + 2;
                    }
                    else if (text[i] is '(' or '[' or '{')
                    {
                        depth++;
                    }
                    else if (text[i] is ')' or ']' or '}' && depth-- == 0)
                    {
                        break;
                    }
                }

                i++;
            }
            else
            {
                literal.Append(c);
                i++;
            }
        }

        found.Add(literal.ToString());
        return i;
    }

    /// <summary>What the pages pass to the localizer from code, each with where it comes from.</summary>
    private static IEnumerable<(string Key, string Source)> ShownNames()
    {
        // Every enum's Vietnamese name (and a dossier state's Mẫu 08 status), in the domain and in the web project.
        var names = new[] { typeof(Entity).Assembly, typeof(ChangeDescriber).Assembly }
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsAbstract: true, IsSealed: true })
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
            .Where(m => m.Name is "Vietnamese" or "ReportStatus" && m.ReturnType == typeof(string) && m.GetParameters() is [{ ParameterType.IsEnum: true }]);
        foreach (var method in names)
        {
            foreach (var value in Enum.GetValues(method.GetParameters()[0].ParameterType))
            {
                yield return ((string)method.Invoke(null, [value])!, $"{method.DeclaringType!.Name}.{method.Name}({value})");
            }
        }

        foreach (var role in PortalRoles.All)
        {
            yield return (PortalRoles.DisplayName(role), $"PortalRoles.DisplayName({role})");
        }

        foreach (var word in AuditVocabulary.Words)
        {
            yield return (word, nameof(AuditVocabulary));
        }

        foreach (var word in ChangeDescriber.ValueWords)
        {
            yield return (word, nameof(ChangeDescriber.ValueWords));
        }

        yield return (ChangeDescriber.SystemActor, nameof(ChangeDescriber.SystemActor));
        yield return (ChangeDescriber.TooLong, nameof(ChangeDescriber.TooLong));
        foreach (var action in Enum.GetValues<AuditAction>())
        {
            yield return (ChangeDescriber.ActionName(action), $"ChangeDescriber.ActionName({action})");
        }

        foreach (var step in Enumerable.Range(1, 5))
        {
            yield return (DossierInput.StepTitle(step), $"DossierInput.StepTitle({step})");
        }

        foreach (var level in Enumerable.Range(1, 5))
        {
            yield return (DossierRoute.For(level).RequestForm, $"DossierRoute.For({level}).RequestForm");
        }

        foreach (var form in DossierDocuments.DecisionForms)
        {
            yield return (form, "DossierDocuments.DecisionForms on Dossiers/Details");
        }

        foreach (var section in DossierContent.SectionList)
        {
            yield return (section.Title, $"DossierContent.{section.Field}");
            yield return (section.Help, $"DossierContent.{section.Field}");
        }

        foreach (var criterion in Decree85Criteria.All.Concat(Decree331Criteria.All))
        {
            yield return (criterion.Text, $"{criterion.Citation}");
        }

        foreach (var fact in Enum.GetValues<Fact>())
        {
            yield return (fact.Question(), $"ClassificationText.Question({fact})");
        }

        foreach (var label in DossierDocuments.Mau08Counts.Concat(DossierDocuments.Mau08Columns).Concat(DossierDocuments.OwnerFields).Concat(DossierDocuments.UnitFields)
                     .Concat([DossierDocuments.Mau08OwnerHeading, DossierDocuments.Mau08UnitHeading]))
        {
            yield return (label, "Mẫu 08 on Reports/Annual");
        }

        yield return (AnnualReportBuilder.PeriodicCheck, nameof(AnnualReportBuilder.PeriodicCheck));
        yield return (AnnualReportBuilder.BeforeUseCheck, nameof(AnnualReportBuilder.BeforeUseCheck));
        yield return (AnnualReportBuilder.BothChecks, nameof(AnnualReportBuilder.BothChecks));
        foreach (var alert in Enum.GetValues<ComponentAlert>().Where(a => a != ComponentAlert.None))
        {
            yield return (SoftwareComponents.AlertText(alert), $"SoftwareComponents.AlertText({alert})");
        }

        var now = DateTime.UtcNow;
        var incident = new Incident(Guid.NewGuid(), default, "Sự cố", null, now, serious: true, null, [Guid.NewGuid()], "reporter", now);
        foreach (var clock in incident.Clocks())
        {
            yield return (clock.Name, "Incident.Clocks()");
        }

        // The dossier's answers as the review shows them: unanswered, and answered with the industrial-control questions.
        var answered = new ClassificationFacts
        {
            FunctionKind = SystemFunctionKind.IndustrialControl, InformationTypes = Enum.GetValues<InformationTypes>().Aggregate((a, b) => a | b),
            NationalSecurityHarm = NationalSecurityHarm.Harm, OnlineServiceLevel = 0, ConditionalBusinessLine = true, UserCount = 1000,
            BasicPersonalDataSubjects = 10, SensitivePersonalDataSubjects = 0, HandlesAdministrativeProcedures = false,
            InfrastructureScope = InfrastructureScope.SectorOrProvince, Requires24x7 = true, NationalEGovernmentSystem = false,
            IndustrialControlClass = ConstructionWorkClass.ClassI, ServesNationalSecurityWork = false, CentralisedNationalData = false,
            InternationalInfrastructureLink = false, DesignatedLevel = 0, RiskFrameworkLevel = 0,
        };
        // Every step's rows, unanswered and answered; what the officer typed, dates and figures are shown as they are.
        var officer = new DossierActor("officer", "Cán bộ", IsReviewer: false, IsOwnerOfficer: true);
        var system = new InformationSystem("HTTT-EN", "Hệ thống", Guid.NewGuid(), Guid.NewGuid());
        var blank = LevelDossier.Start(system, officer, new DateOnly(2026, 12, 7), now, null);
        var filled = LevelDossier.Start(system, officer, new DateOnly(2026, 12, 7), now, new DateOnly(2026, 1, 1));
        filled.SetFacts(answered);
        filled.Propose(Math.Min((filled.Evaluate().Level ?? 1) + 1, 5), "Lý do");
        foreach (var row in new[] { blank, filled }.SelectMany(d => Enumerable.Range(1, 4).SelectMany(step => DossierSections.AnswerRows(d, step))))
        {
            yield return (row.Question, "DossierSections.AnswerRows");
            foreach (var part in row.Verbatim ? [] : row.Parts)
            {
                yield return (part, "DossierSections.AnswerRows");
            }
        }
    }

    [GeneratedRegex(@"(?<![\w.])(?:L|localizer)\[")]
    private static partial Regex LocalizerCall();

    [GeneratedRegex("""Display\(Name\s*=\s*"((?:[^"\\]|\\.)*)"(?:\s*[,)])""")]
    private static partial Regex DisplayName();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
