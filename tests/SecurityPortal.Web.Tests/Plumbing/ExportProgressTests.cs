using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data.Exports;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Remediation;
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

/// <summary>A list longer than one export may write ends with a row that says so, and the progress says so too.</summary>
public sealed class ExportRowLimitTests : PortalTestBase
{
    protected override PortalFactory Configure(PortalFactory factory) => factory.With("Portal:ExportRowLimit", "5");

    [Fact]
    public async Task An_export_beyond_the_row_limit_ends_with_a_row_saying_the_list_goes_on()
    {
        var health = await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        for (var i = 0; i < 7; i++)
        {
            await Factory.CreateSystemAsync($"YT-{i}", $"Cổng thông tin y tế {i}", health.Id);
        }

        await Factory.CreateUserAsync("yte@sl.vn", PortalRoles.AgencyOfficer, health.Id);
        var officer = await SignInAsync("yte@sl.vn");
        var token = Guid.NewGuid();

        var rows = await officer.GetExcelRowsAsync($"/Systems?handler=Excel&{ExportProgress.QueryName}={token}");
        Assert.Equal(1 + 5 + 1, rows.Count);
        Assert.Equal("YT-4", rows[5][0]);
        Assert.Equal("Danh sách còn tiếp: mỗi lần xuất tối đa 5 dòng. Hãy lọc để xuất phần còn lại.", rows[^1][0]);

        using var json = JsonDocument.Parse(await officer.GetStringAsync($"/Exports/Progress?token={token}"));
        Assert.True(json.RootElement.GetProperty("truncated").GetBoolean());
        Assert.Equal(5, json.RootElement.GetProperty("written").GetInt32());
        Assert.Equal(5, json.RootElement.GetProperty("total").GetInt32());

        // Within the limit, no such row.
        var filtered = await officer.GetExcelRowsAsync("/Systems?handler=Excel&q=y+te+3");
        Assert.Equal(2, filtered.Count);

        // The task list chooses its rows before joining their names: the limit applies there too.
        var system = await Factory.WithDbAsync(db => db.InformationSystems.SingleAsync(s => s.Code == "YT-0"));
        await Factory.WithDbAsync(async db =>
        {
            for (var i = 0; i < 7; i++)
            {
                db.RemediationTasks.Add(new RemediationTask(system.Id, $"Vá lỗ hổng {i}", null, TaskSource.Other, null, null, null,
                    TaskSeverity.Medium, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(i), "seed", DateTime.UtcNow));
            }

            return await db.SaveChangesAsync();
        });
        var tasks = await officer.GetExcelRowsAsync("/Tasks?view=agency&handler=Excel");
        Assert.Equal(1 + 5 + 1, tasks.Count);
        Assert.Equal("Vá lỗ hổng 4", tasks[5][0]);
        Assert.StartsWith("Danh sách còn tiếp", tasks[^1][0], StringComparison.Ordinal);
    }
}

/// <summary>
/// Two instances of the portal on one database, as behind a balancer without sticky sessions: the export runs on one,
/// the progress page is asked on the other and answers from the database, still to the export's own user only.
/// </summary>
public sealed class ExportProgressAcrossInstancesTests : PortalTestBase
{
    private static async Task<HttpClient> SignInOnAsync(PortalFactory host, string email)
    {
        var client = host.CreateClient();
        var response = await client.PostFormAsync("/Account/Login", new() { ["Input.Email"] = email, ["Input.Password"] = PortalFactory.Password });
        response.AssertRedirectsTo("/");
        return client;
    }

    [Fact]
    public async Task An_export_on_one_instance_reports_its_rows_on_another_to_its_user_only()
    {
        var health = await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        var ward = await Factory.CreateAgencyAsync("SL-PBT", "Ủy ban nhân dân phường Bến Thủy");
        const int count = SpreadsheetDownload<object>.FlushEvery + 10;
        for (var i = 0; i < count; i++)
        {
            await Factory.CreateSystemAsync($"YT-{i:D3}", $"Cổng thông tin y tế {i:D3}", health.Id);
        }

        await Factory.CreateUserAsync("yte@sl.vn", PortalRoles.AgencyOfficer, health.Id);
        await Factory.CreateUserAsync("phuong@sl.vn", PortalRoles.AgencyOfficer, ward.Id);
        await using var second = new PortalFactory(Factory.Database);
        var onFirst = await SignInAsync("yte@sl.vn");
        var onSecond = await SignInOnAsync(second, "yte@sl.vn");
        var token = Guid.NewGuid();

        // Before the export, neither instance knows the token.
        Assert.Equal(HttpStatusCode.NotFound, (await onSecond.GetAsync($"/Exports/Progress?token={token}")).StatusCode);

        var rows = await onFirst.GetExcelRowsAsync($"/Systems?handler=Excel&{ExportProgress.QueryName}={token}");
        Assert.Equal(count + 1, rows.Count);

        using (var json = JsonDocument.Parse(await onSecond.GetStringAsync($"/Exports/Progress?token={token}")))
        {
            Assert.True(json.RootElement.GetProperty("done").GetBoolean());
            Assert.False(json.RootElement.GetProperty("failed").GetBoolean());
            Assert.Equal(count, json.RootElement.GetProperty("written").GetInt32());
            Assert.Equal(count, json.RootElement.GetProperty("total").GetInt32());
        }

        // A third user, on either instance, holding the same token learns nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await (await SignInOnAsync(second, "phuong@sl.vn")).GetAsync($"/Exports/Progress?token={token}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await SignInAsync("phuong@sl.vn")).GetAsync($"/Exports/Progress?token={token}")).StatusCode);

        // One row for the export, not one per flush; it is kept a day at most.
        var ticket = await Factory.WithDbAsync(db => db.ExportTickets.AsNoTracking().SingleAsync());
        Assert.Equal((token, ExportState.Done), (ticket.Token, ticket.State));
    }
}
