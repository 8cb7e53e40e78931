using System.Net;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Notifications;

namespace SecurityPortal.Tests.Plumbing;

/// <summary>
/// Stored XSS (ASVS 5.0 V1.2.1, V1.3.x): every free-text column of the model — found from the EF Core model, not a
/// hand list — is filled with markup payloads, then every page and every GET handler that returns HTML is opened as an
/// administrator and as the officer, for the records of both agencies. No response may contain a payload unencoded,
/// and none may fail.
/// </summary>
public sealed class StoredXssTests : PortalTestBase
{
    private static readonly string[] Markers = ["<script>alert('xss')", "<img src=x onerror", "<b onmouseover"];

    [Fact]
    public async Task Markup_stored_in_every_free_text_field_is_shown_encoded_on_every_page()
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
        var pagesChecked = 0;
        foreach (var role in new[] { PortalRoles.Administrator, PortalRoles.AgencyOfficer, PortalRoles.ProvincialReviewer })
        {
            var client = await SignInAsync(PortalCrawl.Email(role), PortalCrawl.NeedsKey(role) ? Totp.Key : null);
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
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(pagesChecked > 100, $"only {pagesChecked} HTML pages checked");
        var shown = await (await SignInAsync(PortalCrawl.Email(PortalRoles.AgencyOfficer))).GetStringAsync("/Notifications");
        Assert.Contains("&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;", shown, StringComparison.Ordinal); // present, and encoded
    }
}
