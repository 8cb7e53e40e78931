using System.Text;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Tests.Plumbing;

/// <summary>
/// The authorization matrix (ASVS 5.0 V8.1.1, V8.2.1, V8.2.2), generated from the routing table and the page handlers:
/// every page and every GET handler is requested as every role — for pages about a record, with a record of the
/// officer's own agency and one of another agency — and every POST handler is sent by each role that may not open
/// the page and, for another agency's record, by the officer. The answers are compared with
/// <c>authorization-matrix.txt</c>, the reviewed expectation: a new page, handler or role has no line there and fails
/// the test, as does any change of answer. Whatever the file says, two rules are checked on their own: another agency's
/// record never answers 200 to an officer, and a refused POST never succeeds.
/// To review a change: run with <c>PORTAL_MATRIX_WRITE=1</c>, read the diff of the file, commit it.
/// </summary>
public sealed class AuthorizationMatrixTests : PortalTestBase
{
    private static readonly string[] Roles = ["Anonymous", .. PortalRoles.All];

    /// <summary>Pages open to visitors (sign-in and language); their POSTs are part of signing in, not protected actions.</summary>
    private static readonly HashSet<string> AnonymousPages =
        ["/Account/Login", "/Account/LoginWith2fa", "/Account/LoginWithRecoveryCode", "/Account/Lockout", "/Account/AccessDenied", "/Culture"];

    [Fact]
    public async Task Every_page_and_handler_answers_every_role_as_reviewed()
    {
        var records = await PortalCrawl.ArrangeAsync(Factory);
        var clients = new Dictionary<string, HttpClient> { ["Anonymous"] = Anonymous() };
        foreach (var role in PortalRoles.All)
        {
            clients[role] = await SignInAsync(PortalCrawl.Email(role), PortalCrawl.NeedsKey(role) ? Totp.Key : null);
        }

        var tokens = new Dictionary<string, string>();
        foreach (var (role, client) in clients)
        {
            var page = await client.GetDocumentAsync(role == "Anonymous" ? "/Account/Login" : "/Notifications");
            tokens[role] = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        }

        var actual = new List<string>();
        var violations = new List<string>();
        foreach (var (page, template, type) in PortalCrawl.Pages(Factory))
        {
            if (page is "/Account/Logout" or "/Error")
            {
                continue; // signing out would end the clients' sessions; the error page is anonymous by design (AnonymousAccessTests)
            }

            var targets = PortalCrawl.Targets(records, page, template);
            var getHandlers = PortalCrawl.Handlers(type, "Get");
            var postHandlers = PortalCrawl.Handlers(type, "Post");
            foreach (var (which, url) in targets)
            {
                var opened = new Dictionary<string, string>();
                foreach (var role in Roles)
                {
                    foreach (var handler in getHandlers)
                    {
                        var response = await clients[role].GetAsync(PortalCrawl.WithHandler(url, handler));
                        var answer = Describe(response);
                        actual.Add($"GET  {page,-34} {Label(handler),-14} {which,-7} {role,-18} {answer}");
                        if (handler.Length == 0)
                        {
                            opened[role] = answer;
                        }

                        if (which == "foreign" && role == PortalRoles.AgencyOfficer && answer == "200")
                        {
                            violations.Add($"{page} {Label(handler)}: another agency's record answered 200 to an officer");
                        }
                    }
                }

                foreach (var role in Roles.Where(r => opened.GetValueOrDefault(r) != "200" || (which == "foreign" && r == PortalRoles.AgencyOfficer)))
                {
                    // Must be refused: a role the page itself turned away, and an officer on another agency's record.
                    var mustRefuse = !AnonymousPages.Contains(page)
                        && (opened.GetValueOrDefault(role) is "302 /Account/AccessDenied" or "302 /Account/Login" || (which == "foreign" && role == PortalRoles.AgencyOfficer));
                    foreach (var handler in postHandlers)
                    {
                        using var form = new FormUrlEncodedContent([new("__RequestVerificationToken", tokens[role])]);
                        var response = await clients[role].PostAsync(PortalCrawl.WithHandler(url, handler), form);
                        var answer = Describe(response);
                        actual.Add($"POST {page,-34} {Label(handler),-14} {which,-7} {role,-18} {answer}");
                        if (mustRefuse && answer is not ("404" or "400" or "403" or "302 /Account/AccessDenied" or "302 /Account/Login"))
                        {
                            violations.Add($"POST {page} {Label(handler)} as {role} ({which}) was not refused: {answer}");
                        }
                    }
                }
            }
        }

        Assert.True(violations.Count == 0, string.Join(Environment.NewLine, violations));
        Assert.True(actual.Count > 400, $"only {actual.Count} requests made");
        var file = Path.Combine(AsvsMatrixTests.RepositoryRoot(), "tests", "SecurityPortal.Web.Tests", "Plumbing", "authorization-matrix.txt");
        var text = new StringBuilder()
            .AppendLine("# Generated by AuthorizationMatrixTests; reviewed expectation. Columns: method, page, handler, record (own/foreign/-), role, answer.")
            .AppendLine("# 200 = shown; 302 /Account/Login = sign-in asked; 302 /Account/AccessDenied = refused by role; 404 = not found (out of scope).")
            .AppendJoin(Environment.NewLine, actual).AppendLine().ToString();
        if (Environment.GetEnvironmentVariable("PORTAL_MATRIX_WRITE") == "1")
        {
            await File.WriteAllTextAsync(file, text);
        }

        var expected = File.Exists(file) ? (await File.ReadAllLinesAsync(file)).Where(l => !l.StartsWith('#')).ToHashSet(StringComparer.Ordinal) : [];
        var missing = actual.Where(l => !expected.Contains(l)).ToList();
        var gone = expected.Where(l => l.Length > 0 && !actual.Contains(l)).ToList();
        Assert.True(missing.Count == 0 && gone.Count == 0,
            $"The matrix differs from authorization-matrix.txt.{Environment.NewLine}New or changed:{Environment.NewLine}{string.Join(Environment.NewLine, missing.Take(40))}"
            + $"{Environment.NewLine}No longer seen:{Environment.NewLine}{string.Join(Environment.NewLine, gone.Take(40))}");
    }

    private static string Label(string handler) => handler.Length == 0 ? "(page)" : handler;

    private static string Describe(HttpResponseMessage response)
    {
        var code = (int)response.StatusCode;
        if (code is 301 or 302 or 303 or 307 or 308 && response.Headers.Location is { } location)
        {
            var path = location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?', '#')[0];
            return "302 " + System.Text.RegularExpressions.Regex.Replace(path, "[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}", "{id}");
        }

        return code.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
