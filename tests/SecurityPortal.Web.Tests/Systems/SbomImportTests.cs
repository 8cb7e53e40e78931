using System.Net;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Tests.Imports;

namespace SecurityPortal.Tests.Systems;

public sealed class SbomImportTests : PortalTestBase
{
    private Agency _health = null!;
    private InformationSystem _system = null!;

    private async Task ArrangeAsync()
    {
        _health = await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        var other = await Factory.CreateAgencyAsync("SL-SGD", "Sở Giáo dục");
        await Factory.CreateUserAsync("yte@sl.vn", PortalRoles.AgencyOfficer, _health.Id);
        await Factory.CreateUserAsync("giaoduc@sl.vn", PortalRoles.AgencyOfficer, other.Id);
        _system = await Factory.CreateSystemAsync("SYT-CTTDT", "Cổng thông tin Sở Y tế", _health.Id, s =>
        {
            s.AddComponent(ComponentKind.Library, "log4j-core", "Apache", "2.14.1");
            s.AddComponent(ComponentKind.Cms, "WordPress", null, "6.4.3");
        });
    }

    private static byte[] Bom() => SbomFixtures.CycloneDxJson("1.5",
        ("library", "log4j-core", "2.17.1", "pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1", null),
        ("library", "jackson-databind", "2.15.3", "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.15.3", null),
        ("operating-system", "Debian", "12", null, "cpe:2.3:o:debian:debian_linux:12:*:*:*:*:*:*:*"));

    [Fact]
    public async Task An_officer_previews_a_cyclonedx_file_confirms_it_and_the_same_file_again_changes_nothing()
    {
        await ArrangeAsync();
        var client = await SignInAsync("yte@sl.vn");
        var details = await client.GetDocumentAsync($"/Systems/Details/{_system.Id}");
        Assert.NotNull(details.QuerySelector($"a[href='/Systems/Sbom/{_system.Id}']"));

        var upload = await client.PostFileAsync($"/Systems/Sbom/{_system.Id}", [], "Upload", "bom.json", Bom());
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        var previewUrl = upload.Headers.Location!.OriginalString;
        var preview = await client.GetDocumentAsync(previewUrl);
        var text = preview.Body!.TextContent;
        Assert.Contains("CycloneDX 1.5 JSON", text, StringComparison.Ordinal);
        Assert.Contains("Thêm mới: 2", text, StringComparison.Ordinal);
        Assert.Contains("Bỏ khỏi danh mục: 1", text, StringComparison.Ordinal);
        Assert.Contains("Đổi phiên bản: 1", text, StringComparison.Ordinal);
        var rows = preview.QuerySelectorAll("#sbom-changes tbody tr").Select(r => string.Join("|", r.QuerySelectorAll("td").Select(td => td.TextContent.Trim()))).ToList();
        Assert.Contains("Đổi phiên bản|log4j-core|2.14.1|2.17.1|pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1", rows);
        Assert.Contains("Bỏ|WordPress|6.4.3||", rows);
        Assert.Equal(2, await Factory.WithDbAsync(db => db.SoftwareComponents.CountAsync(c => c.SystemId == _system.Id)));

        var confirm = await client.PostFormAsync(previewUrl, []);
        confirm.AssertRedirectsTo($"/Systems/Details/{_system.Id}");
        var components = await Factory.WithDbAsync(db => db.SoftwareComponents.Where(c => c.SystemId == _system.Id).OrderBy(c => c.Product).ToListAsync());
        Assert.Equal(["Debian", "jackson-databind", "log4j-core"], components.Select(c => c.Product));
        var log4j = components.Single(c => c.Product == "log4j-core");
        Assert.Equal(("2.17.1", "pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1", "Apache"), (log4j.Version, log4j.Purl, log4j.Vendor));
        Assert.Equal(ComponentKind.OperatingSystem, components.Single(c => c.Product == "Debian").Kind);
        Assert.True(await Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.UserName == "yte@sl.vn" && e.EntityType == "SoftwareComponent")));

        // The same draft confirmed again (a double click) and the same file uploaded again change nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostFormAsync(previewUrl, [], pageUrl: $"/Systems/Sbom/{_system.Id}")).StatusCode);
        var again = await client.PostFileAsync($"/Systems/Sbom/{_system.Id}", [], "Upload", "bom.json", Bom());
        var secondPreview = await client.GetDocumentAsync(again.Headers.Location!.OriginalString);
        Assert.Contains("không có thay đổi nào", secondPreview.Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(secondPreview.QuerySelector("main form[method=post]"));
        Assert.Equal(3, await Factory.WithDbAsync(db => db.SoftwareComponents.CountAsync(c => c.SystemId == _system.Id)));
    }

    [Fact]
    public async Task A_file_with_problems_lists_each_by_path_and_a_forced_confirmation_writes_nothing()
    {
        await ArrangeAsync();
        var client = await SignInAsync("yte@sl.vn");
        var bad = SbomFixtures.CycloneDxJson("1.6",
            ("library", "lodash", "4.17.21", "pkg:npm/lodash@4.17.21", null),
            ("library", "jquery", "3.4.1", "jquery@3.4.1", null));
        var upload = await client.PostFileAsync($"/Systems/Sbom/{_system.Id}", [], "Upload", "bom.json", bad);
        var previewUrl = upload.Headers.Location!.OriginalString;
        var preview = await client.GetDocumentAsync(previewUrl);
        var issue = Assert.Single(preview.QuerySelectorAll("#sbom-issues tbody tr"));
        Assert.Contains("$.components[1].purl", issue.TextContent, StringComparison.Ordinal);
        Assert.Contains("pkg:", issue.TextContent, StringComparison.Ordinal);
        Assert.Null(preview.QuerySelector("main form[method=post]"));

        var forced = await client.PostFormAsync(previewUrl, new Dictionary<string, string> { ["ConcurrencyStamp"] = Guid.Empty.ToString() }, pageUrl: $"/Systems/Sbom/{_system.Id}");
        Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
        Assert.Equal(["WordPress", "log4j-core"], await Factory.WithDbAsync(db => db.SoftwareComponents.Where(c => c.SystemId == _system.Id).OrderBy(c => c.Product).Select(c => c.Product).ToListAsync()));
    }

    [Fact]
    public async Task Another_agencys_officer_a_reviewer_and_another_users_draft_all_get_404()
    {
        await ArrangeAsync();
        await Factory.CreateUserAsync("td@sl.vn", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
        var owner = await SignInAsync("yte@sl.vn");
        var upload = await owner.PostFileAsync($"/Systems/Sbom/{_system.Id}", [], "Upload", "bom.json", Bom());
        var previewUrl = upload.Headers.Location!.OriginalString;

        var foreign = await SignInAsync("giaoduc@sl.vn");
        Assert.Equal(HttpStatusCode.NotFound, (await foreign.GetAsync($"/Systems/Sbom/{_system.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await foreign.GetAsync(previewUrl)).StatusCode);
        var ownPage = (await Factory.CreateSystemAsync("SGD-QL", "Quản lý trường học", (await Factory.WithDbAsync(db => db.Agencies.SingleAsync(a => a.Code == "SL-SGD"))).Id)).Id;
        var post = await foreign.PostFileAsync($"/Systems/Sbom/{ownPage}", [], "Upload", "bom.json", Bom());
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);
        var confirmForeign = await foreign.PostFormAsync(previewUrl, [], pageUrl: $"/Systems/Sbom/{ownPage}");
        Assert.Equal(HttpStatusCode.NotFound, confirmForeign.StatusCode);

        var reviewer = await SignInAsync("td@sl.vn", Totp.Key);
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.GetAsync($"/Systems/Sbom/{_system.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await reviewer.GetAsync(previewUrl)).StatusCode);
        Assert.Equal(2, await Factory.WithDbAsync(db => db.SoftwareComponents.CountAsync(c => c.SystemId == _system.Id)));
    }

    [Fact]
    public async Task A_post_to_another_agencys_system_is_404_and_stores_no_draft()
    {
        await ArrangeAsync();
        var foreign = await SignInAsync("giaoduc@sl.vn");
        var own = await Factory.CreateSystemAsync("SGD-QL", "Quản lý trường học", (await Factory.WithDbAsync(db => db.Agencies.SingleAsync(a => a.Code == "SL-SGD"))).Id);
        var page = await foreign.GetDocumentAsync($"/Systems/Sbom/{own.Id}");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new ByteArrayContent(Bom()), "Upload", "bom.json" } };
        Assert.Equal(HttpStatusCode.NotFound, (await foreign.PostAsync($"/Systems/Sbom/{_system.Id}", form)).StatusCode);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.ImportDrafts.CountAsync()));
    }

    [Fact]
    public async Task A_change_to_the_inventory_after_the_preview_asks_for_a_new_look_before_anything_is_written()
    {
        await ArrangeAsync();
        var client = await SignInAsync("yte@sl.vn");
        var upload = await client.PostFileAsync($"/Systems/Sbom/{_system.Id}", [], "Upload", "bom.json", Bom());
        var previewUrl = upload.Headers.Location!.OriginalString;
        var preview = await client.GetDocumentAsync(previewUrl);
        var stamp = preview.QuerySelector("input[name=ConcurrencyStamp]")!.GetAttribute("value")!;

        await Factory.WithDbAsync(async db =>
        {
            var system = await db.InformationSystems.Include(s => s.Components).SingleAsync(s => s.Id == _system.Id);
            system.AddComponent(ComponentKind.Database, "PostgreSQL", null, "15.4");
            return await db.SaveChangesAsync();
        });

        var stale = await client.PostFormAsync(previewUrl, new Dictionary<string, string> { ["ConcurrencyStamp"] = stamp });
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var page = await stale.ParseAsync();
        Assert.Contains("vừa được người khác thay đổi", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Bỏ khỏi danh mục: 2", page.Body.TextContent, StringComparison.Ordinal);
        Assert.Equal(3, await Factory.WithDbAsync(db => db.SoftwareComponents.CountAsync(c => c.SystemId == _system.Id)));

        (await client.PostFormAsync(previewUrl, [])).AssertRedirectsTo($"/Systems/Details/{_system.Id}");
        Assert.Equal(3, await Factory.WithDbAsync(db => db.SoftwareComponents.CountAsync(c => c.SystemId == _system.Id && c.Product != "PostgreSQL")));
    }

    [Fact]
    public async Task An_empty_upload_keeps_the_page_with_a_vietnamese_message()
    {
        await ArrangeAsync();
        var client = await SignInAsync("yte@sl.vn");
        var response = await client.PostFileAsync($"/Systems/Sbom/{_system.Id}", [], "Upload", "bom.json", []);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Vui lòng chọn tệp SBOM", (await response.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_form_proposes_identifiers_without_saving_and_refuses_an_invalid_purl_keeping_what_was_typed()
    {
        await ArrangeAsync();
        var client = await SignInAsync("yte@sl.vn");
        var edit = await client.GetDocumentAsync($"/Systems/Edit/{_system.Id}");
        // What the browser would post: every field as shown, checked boxes only, without the identifiers.
        var fields = edit.QuerySelectorAll("main form[method=post] input[name^='Input.'], main form[method=post] select[name^='Input.']")
            .Where(i => i.GetAttribute("type") != "checkbox" || i.HasAttribute("checked"))
            .Select(i => new KeyValuePair<string, string>(i.GetAttribute("name")!, i.TagName == "SELECT"
                ? i.QuerySelector("option[selected]")?.GetAttribute("value") ?? i.QuerySelector("option")!.GetAttribute("value")!
                : i.GetAttribute("value") ?? string.Empty))
            .Where(f => !f.Key.EndsWith(".Purl", StringComparison.Ordinal) && !f.Key.EndsWith(".Cpe", StringComparison.Ordinal))
            .ToList();

        var proposed = await client.PostFormAsync($"/Systems/Edit/{_system.Id}?handler=Propose", fields, pageUrl: $"/Systems/Edit/{_system.Id}");
        Assert.Equal(HttpStatusCode.OK, proposed.StatusCode);
        var page = await proposed.ParseAsync();
        Assert.Contains("Đã đề xuất định danh cho 2 thành phần", page.Body!.TextContent, StringComparison.Ordinal);
        var cpes = page.QuerySelectorAll("input[name$='.Cpe']").Select(i => i.GetAttribute("value")).Where(v => !string.IsNullOrEmpty(v)).ToList();
        Assert.Contains("cpe:2.3:a:wordpress:wordpress:6.4.3:*:*:*:*:*:*:*", cpes);
        Assert.Contains("cpe:2.3:a:apache:log4j-core:2.14.1:*:*:*:*:*:*:*", cpes);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.SoftwareComponents.CountAsync(c => c.Cpe != null)));

        var index = page.QuerySelectorAll("input[name$='.Product']").First(i => i.GetAttribute("value") == "WordPress").GetAttribute("name")!.Replace(".Product", string.Empty, StringComparison.Ordinal);
        var bad = fields.Where(f => !f.Key.StartsWith(index + ".", StringComparison.Ordinal) || !f.Key.EndsWith("Purl", StringComparison.Ordinal))
            .Append(new($"{index}.Purl", "wordpress@6.4.3")).ToList();
        var refused = await client.PostFormAsync($"/Systems/Edit/{_system.Id}", bad);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedPage = await refused.ParseAsync();
        Assert.Contains("phải bắt đầu bằng «pkg:»", refusedPage.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("wordpress@6.4.3", refusedPage.QuerySelector($"input[name='{index}.Purl']")!.GetAttribute("value"));

        var good = fields.Append(new($"{index}.Purl", "pkg:composer/johnpbloch/wordpress@6.4.3")).Append(new($"{index}.Cpe", "cpe:2.3:a:wordpress:wordpress:6.4.3:*:*:*:*:*:*:*")).ToList();
        (await client.PostFormAsync($"/Systems/Edit/{_system.Id}", good)).AssertRedirectsTo($"/Systems/Details/{_system.Id}");
        var wordpress = await Factory.WithDbAsync(db => db.SoftwareComponents.SingleAsync(c => c.Product == "WordPress"));
        Assert.Equal(("pkg:composer/johnpbloch/wordpress@6.4.3", "cpe:2.3:a:wordpress:wordpress:6.4.3:*:*:*:*:*:*:*"), (wordpress.Purl, wordpress.Cpe));
    }
}
