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
}
