using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.DependencyInjection;
using SecurityPortal.Data;
using SecurityPortal.Data.Interceptors;
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
    private const string Long = "<script>alert('xss')</script>\"'><img src=x onerror=alert(1)>";
    private const string Short = "<b onmouseover=alert(1)>x";
    private static readonly string[] NotFreeText = ["Json", "Fingerprint", "Sha256", "Url", "Search", "Normalized", "Hash", "Stamp", "Id", "ContentType", "Code", "Email", "Phone", "Key", "Token", "Xml", "Value", "Phrases", "Discriminator", "Counts", "Changes", "Culture", "Number", "Version", "Reference", "UserName"];
    private static readonly string[] Markers = ["<script>alert('xss')", "<img src=x onerror", "<b onmouseover"];

    /// <summary>Columns that are not free text: keys, hashes, stamps, machine formats, normalized copies, secrets.</summary>
    private static bool IsFreeText(IProperty property) =>
        property.ClrType == typeof(string)
        && !property.IsKey() && !property.IsForeignKey() && !property.IsConcurrencyToken
        && property.GetValueConverter() is null
        && (property.GetMaxLength() ?? int.MaxValue) >= Short.Length
        && !NotFreeText.Any(word => property.Name.Contains(word, StringComparison.Ordinal));

    [Fact]
    public async Task Markup_stored_in_every_free_text_field_is_shown_encoded_on_every_page()
    {
        var records = await AuthorizationMatrixTests.ArrangeAsync(Factory);
        await Factory.WithDbAsync(async db =>
        {
            var officer = await db.Users.SingleAsync(u => u.Email == AuthorizationMatrixTests.Email(PortalRoles.AgencyOfficer));
            db.Notifications.Add(new Notification(officer.Id, NotificationKind.Other, Long, "/", DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });
        var poisoned = await PoisonAsync();
        Assert.True(poisoned.Count >= 40, $"only {poisoned.Count} free-text values poisoned: {string.Join(", ", poisoned)}");

        var failures = new List<string>();
        var pagesChecked = 0;
        foreach (var role in new[] { PortalRoles.Administrator, PortalRoles.AgencyOfficer, PortalRoles.ProvincialReviewer })
        {
            var client = await SignInAsync(AuthorizationMatrixTests.Email(role), AuthorizationMatrixTests.NeedsKey(role) ? Totp.Key : null);
            foreach (var (page, template, type) in AuthorizationMatrixTests.Pages(Factory))
            {
                if (page is "/Account/Logout" or "/Error")
                {
                    continue;
                }

                foreach (var (_, url) in AuthorizationMatrixTests.Targets(records, page, template))
                {
                    foreach (var handler in AuthorizationMatrixTests.Handlers(type, "Get"))
                    {
                        var target = AuthorizationMatrixTests.WithHandler(url, handler);
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
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(pagesChecked > 100, $"only {pagesChecked} HTML pages checked");
        var shown = await (await SignInAsync(AuthorizationMatrixTests.Email(PortalRoles.AgencyOfficer))).GetStringAsync("/Notifications");
        Assert.Contains("&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;", shown, StringComparison.Ordinal); // present, and encoded
    }

    /// <summary>Writes a payload into every free-text column of every row, straight through EF Core (as a forged form would store it).</summary>
    private async Task<List<string>> PoisonAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var poisoned = new List<string>();
        foreach (var entityType in db.Model.GetEntityTypes().Where(t => !t.IsOwned() && t.ClrType.Namespace?.StartsWith("SecurityPortal.Domain", StringComparison.Ordinal) == true
                     || t.ClrType == typeof(SecurityPortal.Data.Identity.PortalUser)))
        {
            var columns = entityType.GetProperties().Where(IsFreeText).ToList();
            if (columns.Count == 0 || !AuditInterceptor.IsAudited(entityType.ClrType) && entityType.ClrType != typeof(Domain.Websites.WebsiteCheck))
            {
                continue;
            }

            var set = (IQueryable<object>)typeof(DbContext).GetMethods().Single(m => m.Name == nameof(DbContext.Set) && m.GetParameters().Length == 0)
                .MakeGenericMethod(entityType.ClrType).Invoke(db, null)!;
            foreach (var row in await set.ToListAsync())
            {
                var entry = db.Entry(row);
                foreach (var column in columns)
                {
                    var value = (column.GetMaxLength() ?? int.MaxValue) >= Long.Length ? Long : Short;
                    entry.Property(column.Name).CurrentValue = value;
                    poisoned.Add($"{entityType.ClrType.Name}.{column.Name}");
                }
            }
        }

        await db.SaveChangesAsync();
        return poisoned.Distinct().ToList();
    }
}
