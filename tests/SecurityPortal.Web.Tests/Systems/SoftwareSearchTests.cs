using System.Net;
using System.Text;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Tests.Systems;

public sealed class SoftwareSearchTests : PortalTestBase
{
    private async Task ArrangeAsync()
    {
        var health = await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        var school = await Factory.CreateAgencyAsync("SL-THPT", "Trường THPT Sông Lam");
        await Factory.WithDbAsync(async db =>
        {
            void Add(string code, string name, Guid agency, string product, string version, LifecycleStatus status = LifecycleStatus.Operating)
            {
                var system = new InformationSystem(code, name, agency, agency);
                system.ChangeLifecycle(status, null);
                system.AddComponent(ComponentKind.Cms, product, null, version).LastPatched = new DateOnly(2026, 11, 1);
                db.InformationSystems.Add(system);
            }

            Add("SYT-WEB", "Trang thông tin Sở Y tế", health.Id, "WordPress", "5.8.3");
            Add("THPT-WEB", "=HYPERLINK(\"http://evil\")", school.Id, "wordpress", "6.4.3");
            Add("THPT-OLD", "Website cũ của trường", school.Id, "WordPress", "4.9.1", LifecycleStatus.Decommissioned);
            Add("SYT-HIS", "Phần mềm bệnh viện", health.Id, "WordPress", "bản tùy biến");
            Add("SYT-DRU", "Cổng tin Drupal", health.Id, "Drupal", "9.5.11");
            return await db.SaveChangesAsync();
        });
        await Factory.CreateUserAsync("td@sl.vn", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
    }

    [Fact]
    public async Task A_reviewer_finds_every_system_below_a_version_across_agencies()
    {
        await ArrangeAsync();
        var client = await SignInAsync("td@sl.vn", Totp.Key);
        var page = await client.GetDocumentAsync("/Systems/Software?product=wordpress&below=6.4.3");
        var text = page.QuerySelector("table")!.TextContent;
        Assert.Contains("SYT-WEB", text, StringComparison.Ordinal);
        Assert.Contains("SYT-HIS", text, StringComparison.Ordinal);
        Assert.Contains("không đọc được", text, StringComparison.Ordinal);
        Assert.DoesNotContain("THPT-WEB", text, StringComparison.Ordinal);
        Assert.DoesNotContain("THPT-OLD", text, StringComparison.Ordinal);
        Assert.DoesNotContain("SYT-DRU", text, StringComparison.Ordinal);

        var withOld = await client.GetDocumentAsync("/Systems/Software?product=WORDPRESS&below=6.4.3&decommissioned=true");
        Assert.Contains("THPT-OLD", withOld.QuerySelector("table")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_csv_export_opens_in_Excel_with_Vietnamese_and_cannot_run_formulas()
    {
        await ArrangeAsync();
        var client = await SignInAsync("td@sl.vn", Totp.Key);
        var response = await client.GetAsync("/Systems/Software?handler=Csv&product=wordpress");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.DispositionType, StringComparison.Ordinal);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var lines = Encoding.UTF8.GetString(bytes[3..]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(l => l.Split('\n', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.StartsWith("Mã hệ thống,Tên hệ thống,Cơ quan chủ quản", lines[0], StringComparison.Ordinal);
        Assert.Equal(4, lines.Count);
        Assert.Contains(lines, l => l.Contains("\"'=HYPERLINK(\"\"http://evil\"\")\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_version_that_is_not_a_version_is_explained_and_officers_cannot_search_the_province()
    {
        await ArrangeAsync();
        var client = await SignInAsync("td@sl.vn", Totp.Key);
        var page = await client.GetDocumentAsync("/Systems/Software?product=wordpress&below=moi-nhat");
        Assert.Contains("không phải là số phiên bản", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("moi-nhat", page.QuerySelector("#below")!.GetAttribute("value"));

        var agency = await Factory.CreateAgencyAsync("SL-X", "Đơn vị X");
        await Factory.CreateUserAsync("x@sl.vn", PortalRoles.AgencyOfficer, agency.Id);
        var officer = await SignInAsync("x@sl.vn");
        (await officer.GetAsync("/Systems/Software?product=wordpress")).AssertRedirectsTo("/Account/AccessDenied");
    }
}
