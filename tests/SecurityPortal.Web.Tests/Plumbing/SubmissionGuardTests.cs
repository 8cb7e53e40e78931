using System.Net;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Incidents;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Web.Infrastructure;

namespace SecurityPortal.Tests.Plumbing;

/// <summary>
/// Idempotent submissions (issue 8 item 7): the same form sent twice — one after the other (refresh, retry after a
/// time-out) or at the same moment (double click) — creates one record, and the repeat is answered with the first
/// one's page; a refused form can be corrected and sent again. That every POST form of every page carries its key is
/// checked by the crawl of <see cref="PageCrawlTests"/>.
/// </summary>
public sealed class SubmissionGuardTests : PortalTestBase
{
    private string _detected = string.Empty;
    private Guid _systemId;

    private async Task<HttpClient> ArrangeAsync()
    {
        var agency = await Factory.CreateAgencyAsync("SL-SXD", "Sở Xây dựng");
        await Factory.CreateUserAsync("xd@sl.vn", PortalRoles.AgencyOfficer, agency.Id);
        _systemId = (await Factory.CreateSystemAsync("SXD-WEB", "Cổng Sở Xây dựng", agency.Id)).Id;
        _detected = VietnamTime.FromUtc(DateTime.UtcNow.AddHours(-1)).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture);
        return await SignInAsync("xd@sl.vn");
    }

    /// <summary>The incident form as the browser would send it: its own antiforgery token and submission key.</summary>
    private async Task<Func<string, FormUrlEncodedContent>> IncidentFormAsync(HttpClient officer)
    {
        var page = await officer.GetDocumentAsync("/Incidents/Create");
        var form = page.QuerySelector("main form[method=post]")!;
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var key = form.QuerySelector($"input[name={SubmissionGuardFilter.FieldName}]")?.GetAttribute("value");
        Assert.False(string.IsNullOrEmpty(key), "the form carries no submission key");
        return title => new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, [SubmissionGuardFilter.FieldName] = key!,
            ["Input.Kind"] = nameof(IncidentKind.Other), ["Input.Title"] = title, ["Input.DetectedAt"] = _detected,
            ["Input.SystemIds"] = _systemId.ToString(),
        });
    }

    [Fact]
    public async Task A_form_sent_again_after_it_succeeded_creates_nothing_more_and_shows_the_first_result()
    {
        var officer = await ArrangeAsync();
        var form = await IncidentFormAsync(officer);

        var first = await officer.PostAsync("/Incidents/Create", form("Máy chủ thư bị dò mật khẩu"));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var again = await officer.PostAsync("/Incidents/Create", form("Máy chủ thư bị dò mật khẩu"));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal(1, await Factory.CountAsync<Incident>());
        var shown = await officer.GetDocumentAsync(again.Headers.Location!.OriginalString);
        Assert.Contains("đã được gửi trước đó", shown.Body!.TextContent, StringComparison.Ordinal);

        // A new form (a fresh key) is a new incident.
        var next = await IncidentFormAsync(officer);
        Assert.Equal(HttpStatusCode.Redirect, (await officer.PostAsync("/Incidents/Create", next("Sự cố thứ hai"))).StatusCode);
        Assert.Equal(2, await Factory.CountAsync<Incident>());
    }

    [Fact]
    public async Task A_double_click_sends_the_form_twice_at_once_and_one_record_is_made()
    {
        var officer = await ArrangeAsync();
        for (var round = 0; round < 3; round++)
        {
            var form = await IncidentFormAsync(officer);
            var answers = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => officer.PostAsync("/Incidents/Create", form($"Lần bấm đúp {round}"))));
            Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
            Assert.Single(answers.Select(a => a.Headers.Location!.OriginalString).Distinct());
            Assert.Equal(round + 1, await Factory.CountAsync<Incident>());
        }
    }

    [Fact]
    public async Task A_refused_form_keeps_its_key_free_so_the_corrected_form_is_accepted()
    {
        var officer = await ArrangeAsync();
        var form = await IncidentFormAsync(officer);

        var refused = await officer.PostAsync("/Incidents/Create", form(string.Empty));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal(0, await Factory.CountAsync<Incident>());
        var accepted = await officer.PostAsync("/Incidents/Create", form("Tiêu đề đã sửa"));
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal("Tiêu đề đã sửa", (await Factory.WithDbAsync(db => db.Incidents.SingleAsync())).Title);
    }

    [Fact]
    public async Task A_comment_sent_twice_on_a_task_page_is_added_once_and_the_repeat_is_told_so()
    {
        var officer = await ArrangeAsync();
        var taskId = await Factory.WithDbAsync(async db =>
        {
            var task = new RemediationTask(_systemId, "Cập nhật bản vá máy chủ", null, TaskSource.Other, null, null, null, TaskSeverity.High,
                DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30), "seed", DateTime.UtcNow);
            db.RemediationTasks.Add(task);
            await db.SaveChangesAsync();
            return task.Id;
        });
        var url = $"/Tasks/Details/{taskId}";
        var page = await officer.GetDocumentAsync(url);
        var form = page.QuerySelectorAll("main form[method=post]").Single(f => (f.GetAttribute("action") ?? string.Empty).Contains("handler=Comment", StringComparison.Ordinal));
        var fields = form.QuerySelectorAll("input[type=hidden][name]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? string.Empty);
        fields[form.QuerySelector("textarea")!.GetAttribute("name")!] = "Đã vá xong, chờ kiểm tra.";
        (await officer.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields))).AssertRedirectsTo(url);
        Assert.Contains("Đã vá xong", (await officer.GetDocumentAsync(url)).Body!.TextContent, StringComparison.Ordinal);

        // The refresh: the same form again. Answered as already done, not as a conflict with the first (its stamp is stale now).
        (await officer.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields))).AssertRedirectsTo(url);
        Assert.Contains("đã được gửi trước đó", (await officer.GetDocumentAsync(url)).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1, await Factory.WithDbAsync(db => db.RemediationTasks.Where(t => t.Id == taskId).SelectMany(t => t.Entries).CountAsync(e => e.Action == TaskAction.Commented)));
    }
}
