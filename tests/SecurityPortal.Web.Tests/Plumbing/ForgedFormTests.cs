using System.Net;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Tests.Plumbing;

/// <summary>Forged requests the wapiti scan found answering 500 (scripts/scan.sh); each now gets a clear answer.</summary>
public sealed class ForgedFormTests : PortalTestBase
{
    [Fact]
    public async Task Unknown_handlers_missing_post_handlers_bad_checkboxes_and_odd_return_urls_are_answered_without_an_error()
    {
        var agency = await Factory.CreateAgencyAsync("SL-FORGE", "Sở Nội vụ");
        await Factory.CreateUserAsync("forge@tinh.vn", PortalRoles.AgencyOfficer, agency.Id);
        var system = await Factory.CreateSystemAsync("NV-WEB", "Cổng Sở Nội vụ", agency.Id);
        var client = await SignInAsync("forge@tinh.vn");
        var page = $"/Systems/Details/{system.Id}";

        Assert.Equal(HttpStatusCode.NotFound, (await client.PostFormAsync($"{page}?handler=%3Cscript%3E", [], page)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{page}?handler=Khong-co")).StatusCode); // a GET falls back to the page itself
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostFormAsync(page, [], page)).StatusCode);

        var forged = await client.PostFormAsync("/Incidents/Create", new()
        {
            ["Input.Kind"] = "Other", ["Input.Title"] = "Sự cố giả", ["Input.Serious"] = ";env;", ["Input.SystemIds"] = system.Id.ToString(),
        });
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        var form = await forged.ParseAsync();
        Assert.False(form.QuerySelector("#Input_Serious")!.HasAttribute("checked")); // the forged value is shown back as «not serious»
        Assert.Equal("Sự cố giả", form.QuerySelector("#Input_Title")!.GetAttribute("value"));

        var culture = await client.PostFormAsync("/Culture", new() { ["culture"] = "en-US", ["returnUrl"] = "/Systems?q=¿x" }, "/Systems");
        culture.AssertRedirectsTo("/");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(page)).StatusCode);
    }

    /// <summary>
    /// HTTP parameter pollution (ASVS 5.0 V15.3.7): the query string of a POST cannot add to, or override, what the form posted
    /// (<c>PostedValuesOnly</c>). Here the form leaves «serious» unticked and sends one system; the query tries to mark the report
    /// serious, rename it and add another agency's system.
    /// </summary>
    [Fact]
    public async Task Query_values_of_a_post_neither_override_nor_add_to_the_posted_form()
    {
        var agency = await Factory.CreateAgencyAsync("SL-HPP", "Sở Xây dựng");
        var other = await Factory.CreateAgencyAsync("SL-HPP2", "Sở Y tế");
        await Factory.CreateUserAsync("hpp@tinh.vn", PortalRoles.AgencyOfficer, agency.Id);
        var system = await Factory.CreateSystemAsync("XD-WEB", "Cổng Sở Xây dựng", agency.Id);
        var foreign = await Factory.CreateSystemAsync("YT-HIS", "Hệ thống bệnh viện", other.Id);
        var client = await SignInAsync("hpp@tinh.vn");
        var detected = SecurityPortal.Domain.Common.VietnamTime.FromUtc(DateTime.UtcNow.AddHours(-3)).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);

        var created = await client.PostFormAsync(
            $"/Incidents/Create?Input.Serious=true&Input.Title=Gi%E1%BA%A3+m%E1%BA%A1o&Input.SystemIds={foreign.Id}&Input.Description=t%E1%BB%AB+query",
            new()
            {
                ["Input.Kind"] = "Other", ["Input.Title"] = "Mất kết nối cổng thông tin", ["Input.DetectedAt"] = detected,
                ["Input.SystemIds"] = system.Id.ToString(),
            },
            pageUrl: "/Incidents/Create");
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        var incident = await Factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Incidents));
        Assert.Equal("Mất kết nối cổng thông tin", incident.Title);
        Assert.False(incident.Serious);
        Assert.True(string.IsNullOrEmpty(incident.Description));
    }
}
