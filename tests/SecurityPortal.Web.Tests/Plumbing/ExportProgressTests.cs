using System.Net;
using System.Text.Json;
using SecurityPortal.Domain.Common;
using SecurityPortal.Web.Infrastructure;

namespace SecurityPortal.Tests.Plumbing;

/// <summary>
/// List exports are streamed (no length known in advance, rows written as they are read) and report their progress to
/// the user who started them, and to nobody else.
/// </summary>
public sealed class ExportProgressTests : PortalTestBase
{
    [Fact]
    public async Task A_streamed_export_reports_its_rows_to_its_user_only()
    {
        var health = await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        var ward = await Factory.CreateAgencyAsync("SL-PBT", "Ủy ban nhân dân phường Bến Thủy");
        for (var i = 0; i < SpreadsheetDownload<object>.FlushEvery + 50; i++)
        {
            await Factory.CreateSystemAsync($"YT-{i:D3}", $"Cổng thông tin y tế {i:D3}", health.Id);
        }

        await Factory.CreateSystemAsync("PBT-1", "Cổng thông tin phường", ward.Id);
        await Factory.CreateUserAsync("yte@sl.vn", PortalRoles.AgencyOfficer, health.Id);
        await Factory.CreateUserAsync("phuong@sl.vn", PortalRoles.AgencyOfficer, ward.Id);
        var officer = await SignInAsync("yte@sl.vn");
        var token = Guid.NewGuid().ToString();

        var response = await officer.GetAsync($"/Systems?handler=Excel&{ExportProgress.QueryName}={token}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // A file built before it is sent has a Content-Length; a streamed one cannot (read before the property computes one).
        Assert.False(response.Content.Headers.Contains("Content-Length"), "the export was not streamed");
        var rows = await officer.GetExcelRowsAsync("/Systems?handler=Excel");
        Assert.Equal(SpreadsheetDownload<object>.FlushEvery + 50 + 1, rows.Count);
        Assert.DoesNotContain(rows, r => r.Contains("PBT-1"));

        var progress = await officer.GetAsync($"/Exports/Progress?token={token}");
        Assert.Equal(HttpStatusCode.OK, progress.StatusCode);
        using (var json = JsonDocument.Parse(await progress.Content.ReadAsStringAsync()))
        {
            Assert.True(json.RootElement.GetProperty("done").GetBoolean());
            Assert.False(json.RootElement.GetProperty("failed").GetBoolean());
            Assert.Equal(250, json.RootElement.GetProperty("written").GetInt32());
            Assert.Equal(250, json.RootElement.GetProperty("total").GetInt32());
        }

        // Another user holding the same token learns nothing; nor does a made-up or malformed token, nor anyone signed out.
        var other = await SignInAsync("phuong@sl.vn");
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/Exports/Progress?token={token}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/Exports/Progress?token={Guid.NewGuid()}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync("/Exports/Progress?token=%3Cscript%3E")).StatusCode);
        (await Anonymous().GetAsync($"/Exports/Progress?token={token}")).AssertRedirectsTo("/Account/Login");
    }
}
