using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Notifications;
using SecurityPortal.Web.Infrastructure;

namespace SecurityPortal.Tests.Plumbing;

/// <summary>
/// One crawl of the whole portal, as the administrator, the officer, the provincial reviewer and leadership, for the
/// records of both agencies (<see cref="PortalCrawl"/>), with every free-text column of the model — found from the EF Core
/// model, not a hand list — filled with markup payloads first. Every page and every GET handler that returns HTML is
/// read once, and checked for what used to take a crawl each:
/// <list type="bullet">
/// <item>stored XSS (ASVS 5.0 V1.2.1, V1.3.x): no payload unencoded, and no page fails;</item>
/// <item>idempotent submissions (issue 8 item 7): every POST form carries its submission key (<see cref="SubmissionGuardFilter"/>);</item>
/// <item>links: every anchor has a target (the shared pager once wrote href="" on every list, which no test noticed);</item>
/// <item>limits (issue 17): every text field carries the server's maximum length as <c>maxlength</c>;</item>
/// <item>no inline style attribute, which the strict CSP (style-src 'self') would block in the browser;</item>
/// <item>every full page offers the sign-out button (ASVS 5.0 V7.4.4);</item>
/// <item>reading changes nothing: no GET of any page or handler writes an audit entry (ASVS 5.0 V3.5.3).</item>
/// </list>
/// </summary>
public sealed partial class PageCrawlTests : PortalTestBase
{
    /// <summary>The fields a person types free text into (not hidden, not checkboxes, not files).</summary>
    private const string TextFields =
        "input:not([type]), input[type=text], input[type=email], input[type=tel], input[type=url], input[type=search], input[type=password], textarea";

    private static readonly string[] Markers = ["<script>alert('xss')", "<img src=x onerror", "<b onmouseover"];

    [Fact]
    public async Task Stored_markup_is_shown_encoded_and_every_post_form_carries_its_key_and_every_link_a_target_on_every_page()
    {
        var records = await PortalCrawl.ArrangeAsync(Factory);
        await Factory.WithDbAsync(async db =>
        {
            var officer = await db.Users.SingleAsync(u => u.Email == PortalCrawl.Email(PortalRoles.AgencyOfficer));
            db.Notifications.Add(new Notification(officer.Id, NotificationKind.Other, PortalCrawl.LongPayload, "/", DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });
        var poisoned = await PortalCrawl.PoisonAsync(Factory);
        Assert.True(poisoned.Count >= 40, $"only {poisoned.Count} free-text values poisoned: {string.Join(", ", poisoned)}");

        var failures = new List<string>();
        var withoutKey = new List<string>();
        var withoutTarget = new List<string>();
        var withoutLimit = new SortedSet<string>(StringComparer.Ordinal);
        var withoutLogout = new List<string>();
        var writtenByGets = new List<string>();
        var (pagesChecked, forms, links) = (0, 0, 0);
        foreach (var role in new[] { PortalRoles.Administrator, PortalRoles.AgencyOfficer, PortalRoles.ProvincialReviewer, PortalRoles.Leadership })
        {
            var client = await SignInAsync(PortalCrawl.Email(role), PortalCrawl.NeedsKey(role) ? Totp.Key : null);
            var auditBefore = await Factory.CountAsync<SecurityPortal.Domain.Auditing.AuditEntry>();
            foreach (var target in PortalCrawl.GetUrls(Factory, records, handlers: true))
            {
                var response = await client.GetAsync(target);
                if (response.StatusCode >= HttpStatusCode.InternalServerError)
                {
                    failures.Add($"{role} {target}: {(int)response.StatusCode}");
                    continue;
                }

                if (response.Content.Headers.ContentType?.MediaType != "text/html")
                {
                    continue;
                }

                pagesChecked++;
                var html = await response.Content.ReadAsStringAsync();
                failures.AddRange(Markers.Where(m => html.Contains(m, StringComparison.OrdinalIgnoreCase)).Select(m => $"{role} {target}: «{m}» unencoded"));
                foreach (Match form in PostForm().Matches(html))
                {
                    forms++;
                    if (!form.Value.Contains($"name=\"{SubmissionGuardFilter.FieldName}\"", StringComparison.Ordinal))
                    {
                        withoutKey.Add($"{role} {target}: {form.Value[..Math.Min(120, form.Value.Length)]}");
                    }
                }

                var document = new AngleSharp.Html.Parser.HtmlParser().ParseDocument(html);
                if (html.Contains("<html", StringComparison.OrdinalIgnoreCase) && document.QuerySelector("form[action='/Account/Logout'] button[type=submit]") is null)
                {
                    withoutLogout.Add($"{role} {target}");
                }

                failures.AddRange(document.QuerySelectorAll("[style]").Select(e => $"{role} {target}: inline style on <{e.LocalName}> «{e.GetAttribute("style")}»"));
                foreach (var field in document.QuerySelectorAll(TextFields).Where(f => !f.HasAttribute("maxlength") && !f.HasAttribute("readonly")))
                {
                    withoutLimit.Add($"{new Uri(Factory.Server.BaseAddress, target).AbsolutePath.Split('/').Take(3).Aggregate((a, b) => a + "/" + b)}: {field.GetAttribute("name") ?? field.Id}");
                }

                foreach (var a in document.QuerySelectorAll("a"))
                {
                    links++;
                    if (string.IsNullOrWhiteSpace(a.GetAttribute("href")))
                    {
                        withoutTarget.Add($"{role} {target}: «{a.TextContent.Trim()}»");
                    }
                }
            }

            var auditAfter = await Factory.CountAsync<SecurityPortal.Domain.Auditing.AuditEntry>();
            if (auditAfter != auditBefore)
            {
                var written = await Factory.WithDbAsync(db => db.AuditEntries.OrderByDescending(e => e.OccurredAtUtc).Take(auditAfter - auditBefore)
                    .Select(e => e.EntityType + " " + e.Action + " " + e.Changes).ToListAsync());
                writtenByGets.Add($"{role}: {auditAfter - auditBefore} audit entries written by GET requests: {string.Join("; ", written)}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(withoutKey.Count == 0, "POST forms without a submission key:" + Environment.NewLine + string.Join(Environment.NewLine, withoutKey));
        Assert.True(withoutTarget.Count == 0, "Links without a target:" + Environment.NewLine + string.Join(Environment.NewLine, withoutTarget.Distinct()));
        Assert.True(withoutLimit.Count == 0, $"{withoutLimit.Count} text fields without maxlength:" + Environment.NewLine + string.Join(Environment.NewLine, withoutLimit));
        Assert.True(withoutLogout.Count == 0, "Pages without the sign-out button:" + Environment.NewLine + string.Join(Environment.NewLine, withoutLogout));
        Assert.True(writtenByGets.Count == 0, string.Join(Environment.NewLine, writtenByGets));
        Assert.True(pagesChecked > 100, $"only {pagesChecked} HTML pages checked");
        Assert.True(forms > 100, $"only {forms} forms seen");
        Assert.True(links > 1000, $"only {links} links seen");
        var shown = await (await SignInAsync(PortalCrawl.Email(PortalRoles.AgencyOfficer))).GetStringAsync("/Notifications");
        Assert.Contains("&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;", shown, StringComparison.Ordinal); // present, and encoded
    }

    [GeneratedRegex("<form[^>]*method=\"post\"[^>]*>.*?</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex PostForm();
}
