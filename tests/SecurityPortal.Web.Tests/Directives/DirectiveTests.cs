using System.Net;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Directives;
using SecurityPortal.Domain.Notifications;

namespace SecurityPortal.Tests.Directives;

/// <summary>
/// A directive from the reviewer's form to the agencies' reports and back: created with its signed file and sent to a picked
/// list, answered by two agencies with evidence and the head's confirmation, one accepted and one returned; scoping (another
/// agency's report is "not found"), roles, bad input kept with a Vietnamese message, stale answers, the Excel export and the
/// audit trail.
/// </summary>
public sealed class DirectiveTests : PortalTestBase
{
    private static readonly byte[] Pdf = Dossiers.DossierTestKit.Pdf;

    [Fact]
    public async Task A_reviewer_sends_a_directive_two_agencies_answer_with_evidence_one_is_accepted_and_one_returned()
    {
        var health = await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        var ward = await Factory.CreateAgencyAsync("SL-PBT", "Ủy ban nhân dân phường Bến Thủy", AgencyKind.CommuneCommittee);
        var school = await Factory.CreateAgencyAsync("SL-THPT", "Trường THPT Lam Sơn", AgencyKind.School);
        await Factory.CreateUserAsync("yte@sl.vn", PortalRoles.AgencyOfficer, health.Id);
        await Factory.CreateUserAsync("phuong@sl.vn", PortalRoles.AgencyOfficer, ward.Id);
        await Factory.CreateUserAsync("truong@sl.vn", PortalRoles.AgencyOfficer, school.Id);
        await Factory.CreateUserAsync("td@sl.vn", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
        var today = VietnamTime.Today(TimeProvider.System);
        static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        // Wrong role: an officer cannot open the form, let alone post it.
        var healthOfficer = await SignInAsync("yte@sl.vn");
        (await healthOfficer.GetAsync("/Directives/Create")).AssertRedirectsTo("/Account/AccessDenied");

        // Bad input: the typed text stays, with a Vietnamese message; nothing is stored.
        var reviewer = await SignInAsync("td@sl.vn", Totp.Key);
        var bad = await reviewer.PostFormAsync("/Directives/Create", new()
        {
            ["Input.Number"] = "1250/UBND-KGVX", ["Input.IssuedOn"] = Iso(today), ["Input.Issuer"] = "UBND tỉnh Sông Lam", ["Input.Subject"] = "",
            ["Input.Actions[0].Text"] = "Rà soát các quy định an toàn thông tin", ["Input.Actions[0].Deadline"] = Iso(today.AddDays(30)),
            ["Input.Recipients"] = "Picked", ["Input.AgencyIds"] = health.Id.ToString(),
        });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        var badPage = await bad.ParseAsync();
        Assert.Contains("Hãy nhập trích yếu của văn bản.", badPage.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("1250/UBND-KGVX", badPage.QuerySelector("#Input_Number")!.GetAttribute("value"));
        Assert.Equal("Rà soát các quy định an toàn thông tin", badPage.QuerySelector("#Input_Actions_0__Text")!.TextContent.Trim());
        Assert.Equal(0, await Factory.CountAsync<Directive>());

        var created = await PostMultipartAsync(reviewer, "/Directives/Create", "#directive-form", "/Directives/Create",
        [
            new("Input.Number", "1250/UBND-KGVX"), new("Input.IssuedOn", Iso(today)), new("Input.Issuer", "UBND tỉnh Sông Lam"),
            new("Input.Subject", "Về việc tăng cường bảo đảm an toàn thông tin mạng"),
            new("Input.Actions[0].Text", "Rà soát, triển khai các quy định an toàn thông tin"), new("Input.Actions[0].Deadline", Iso(today.AddDays(30))),
            new("Input.Actions[0].EvidenceExpected", "Báo cáo rà soát"),
            new("Input.Actions[1].Text", "Cập nhật phiên bản phần mềm và bản vá"), new("Input.Actions[1].Deadline", Iso(today.AddDays(20))),
            new("Input.Actions[1].Kinds", nameof(AgencyKind.Department)),
            new("Input.Recipients", "Picked"), new("Input.AgencyIds", health.Id.ToString()), new("Input.AgencyIds", ward.Id.ToString()),
        ], ("cong-van-1250.pdf", Pdf));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var details = created.Headers.Location!.OriginalString;
        var directiveId = await Factory.WithDbAsync(db => db.Directives.Select(d => d.Id).SingleAsync());
        Assert.Equal($"/Directives/Details/{directiveId}", details);

        // A draft is the province's: an officer does not see it.
        Assert.Equal(HttpStatusCode.NotFound, (await healthOfficer.GetAsync(details)).StatusCode);
        (await reviewer.PostFormAsync($"{details}?handler=Send", [], pageUrl: details)).AssertRedirectsTo(details);
        var sent = await reviewer.GetDocumentAsync(details);
        Assert.Contains("Đã gửi văn bản đến 2 cơ quan, đơn vị.", sent.Body!.TextContent, StringComparison.Ordinal);
        var reports = await Factory.WithDbAsync(db => db.DirectiveReports.Include(r => r.Answers).ToListAsync());
        var healthReport = reports.Single(r => r.AgencyId == health.Id);
        var wardReport = reports.Single(r => r.AgencyId == ward.Id);
        Assert.Equal(2, healthReport.Answers.Count);
        Assert.Single(wardReport.Answers); // the patching action applies to departments only
        var healthUrl = $"/Directives/Report/{healthReport.Id}";
        var wardUrl = $"/Directives/Report/{wardReport.Id}";
        var wardOfficerId = await Factory.WithDbAsync(db => db.Users.Where(u => u.Email == "phuong@sl.vn").Select(u => u.Id).SingleAsync());
        Assert.True(await Factory.WithDbAsync(db => db.Notifications.AnyAsync(n => n.UserId == wardOfficerId && n.Link == wardUrl && n.Kind == NotificationKind.Directive)));

        // The officer's inbox has the directive to answer.
        var inbox = await healthOfficer.GetDocumentAsync("/");
        Assert.Contains(inbox.QuerySelectorAll("#inbox-items tr.inbox-item"), r => r.GetAttribute("data-kind") == "DirectiveToAnswer" && r.TextContent.Contains("1250/UBND-KGVX", StringComparison.Ordinal));

        // Scoping: another agency's report is "not found"; an agency the directive was not sent to does not see it at all.
        var wardOfficer = await SignInAsync("phuong@sl.vn");
        Assert.Equal(HttpStatusCode.NotFound, (await wardOfficer.GetAsync(healthUrl)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await wardOfficer.PostFormAsync($"{healthUrl}?handler=Submit", new() { ["HeadConfirmation"] = "Kẻ mạo danh" }, pageUrl: wardUrl)).StatusCode);
        var schoolOfficer = await SignInAsync("truong@sl.vn");
        Assert.Equal(HttpStatusCode.NotFound, (await schoolOfficer.GetAsync(details)).StatusCode);
        Assert.DoesNotContain("1250/UBND-KGVX", (await schoolOfficer.GetDocumentAsync("/Directives")).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await wardOfficer.GetAsync(details)).StatusCode);

        // The health department answers both actions with evidence and sends the report with the head's confirmation.
        foreach (var answer in healthReport.Answers.OrderBy(a => a.Order))
        {
            var saved = await PostAnswerAsync(healthOfficer, healthUrl, answer.Id, new()
            {
                ["Input.Answer"] = nameof(ActionAnswer.Done), ["Input.Note"] = $"Đã hoàn thành yêu cầu {answer.Order}", ["Input.Stamp"] = answer.ConcurrencyStamp.ToString(),
            }, ("bien-ban.pdf", Pdf));
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        // A stale answer (a colleague saved since) is refused with what was typed kept.
        var first = healthReport.Answers.OrderBy(a => a.Order).First();
        var stale = await PostAnswerAsync(healthOfficer, healthUrl, first.Id, new()
        {
            ["Input.Answer"] = nameof(ActionAnswer.InProgress), ["Input.Note"] = "Ghi chú gõ dở", ["Input.Stamp"] = first.ConcurrencyStamp.ToString(),
        }, null);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var stalePage = await stale.ParseAsync();
        Assert.Contains("vừa được người khác cập nhật", stalePage.QuerySelector("#report-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Ghi chú gõ dở", stalePage.QuerySelector($"#note-{first.Id}")!.TextContent.Trim());

        (await healthOfficer.PostFormAsync($"{healthUrl}?handler=Submit", new() { ["HeadConfirmation"] = "Nguyễn Văn Yên, Giám đốc Sở" }, pageUrl: healthUrl))
            .AssertRedirectsTo(healthUrl);

        // The ward: «Không áp dụng» without a reason is refused, the note kept; then with the reason, a file, and the head.
        var wardAnswer = wardReport.Answers.Single();
        var noReason = await PostAnswerAsync(wardOfficer, wardUrl, wardAnswer.Id, new()
        {
            ["Input.Answer"] = nameof(ActionAnswer.NotApplicable), ["Input.Note"] = "Phường chưa có hệ thống riêng", ["Input.Stamp"] = wardAnswer.ConcurrencyStamp.ToString(),
        }, null);
        Assert.Equal(HttpStatusCode.OK, noReason.StatusCode);
        var noReasonPage = await noReason.ParseAsync();
        Assert.Contains("«Không áp dụng» cần nêu lý do.", noReasonPage.QuerySelector("#report-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Phường chưa có hệ thống riêng", noReasonPage.QuerySelector($"#note-{wardAnswer.Id}")!.TextContent.Trim());
        Assert.Equal(ActionAnswer.Unanswered, await Factory.WithDbAsync(db => db.DirectiveAnswers.Where(a => a.Id == wardAnswer.Id).Select(a => a.Answer).SingleAsync()));
        Assert.Equal(HttpStatusCode.Redirect, (await PostAnswerAsync(wardOfficer, wardUrl, wardAnswer.Id, new()
        {
            ["Input.Answer"] = nameof(ActionAnswer.Done), ["Input.Note"] = "Đã rà soát", ["Input.Stamp"] = wardAnswer.ConcurrencyStamp.ToString(),
        }, ("ra-soat.pdf", Pdf))).StatusCode);
        (await wardOfficer.PostFormAsync($"{wardUrl}?handler=Submit", new() { ["HeadConfirmation"] = "Vũ Văn Thủy, Chủ tịch UBND phường" }, pageUrl: wardUrl))
            .AssertRedirectsTo(wardUrl);

        // Wrong role: an officer cannot review their own report.
        var own = await Factory.WithDbAsync(db => db.DirectiveAnswers.SingleAsync(a => a.Id == wardAnswer.Id));
        (await wardOfficer.PostFormAsync($"{wardUrl}?handler=Review&answerId={wardAnswer.Id}", new() { ["Input.Accept"] = "true", ["Input.Stamp"] = own.ConcurrencyStamp.ToString() }, pageUrl: wardUrl))
            .AssertRedirectsTo("/Account/AccessDenied");

        // The reviewer's inbox has both reports; the reviewer accepts the department's answers and returns the ward's.
        var reviewerInbox = await reviewer.GetDocumentAsync("/");
        Assert.Equal(2, reviewerInbox.QuerySelectorAll("#inbox-items tr.inbox-item").Count(r => r.GetAttribute("data-kind") == "DirectiveToReview"));
        foreach (var answer in await Factory.WithDbAsync(db => db.DirectiveAnswers.Where(a => a.ReportId == healthReport.Id).OrderBy(a => a.Order).ToListAsync()))
        {
            (await reviewer.PostFormAsync($"{healthUrl}?handler=Review&answerId={answer.Id}", new() { ["Input.Accept"] = "true", ["Input.Stamp"] = answer.ConcurrencyStamp.ToString() }, pageUrl: healthUrl))
                .AssertRedirectsTo(healthUrl);
        }

        var returnedWithout = await reviewer.PostFormAsync($"{wardUrl}?handler=Review&answerId={wardAnswer.Id}",
            new() { ["Input.Accept"] = "false", ["Input.Comment"] = "", ["Input.Stamp"] = (await StampAsync(wardAnswer.Id)).ToString() }, pageUrl: wardUrl);
        Assert.Contains("trả lại cần nhận xét", (await returnedWithout.ParseAsync()).QuerySelector("#report-errors")!.TextContent, StringComparison.Ordinal);
        (await reviewer.PostFormAsync($"{wardUrl}?handler=Review&answerId={wardAnswer.Id}",
                new() { ["Input.Accept"] = "false", ["Input.Comment"] = "Đính kèm biên bản rà soát có chữ ký", ["Input.Stamp"] = (await StampAsync(wardAnswer.Id)).ToString() }, pageUrl: wardUrl))
            .AssertRedirectsTo(wardUrl);

        var states = await Factory.WithDbAsync(db => db.DirectiveReports.ToDictionaryAsync(r => r.AgencyId, r => r.State));
        Assert.Equal(ReportState.Completed, states[health.Id]);
        Assert.Equal(ReportState.Returned, states[ward.Id]);
        var wardPage = await wardOfficer.GetDocumentAsync(wardUrl);
        Assert.Contains("Đính kèm biên bản rà soát có chữ ký", wardPage.QuerySelector(".review-comment")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(wardPage.QuerySelector($"#answer-{wardAnswer.Id} form.answer-form"));
        Assert.Contains((await wardOfficer.GetDocumentAsync("/")).QuerySelectorAll("#inbox-items tr.inbox-item"), r => r.GetAttribute("data-kind") == "DirectiveToAnswer");
        Assert.True(await Factory.WithDbAsync(db => db.Notifications.AnyAsync(n => n.UserId == wardOfficerId && n.Text.Contains("bị trả lại"))));

        // Evidence downloads for the agency and the province, not for another agency.
        var evidence = await Factory.WithDbAsync(db => db.DirectiveEvidence.FirstAsync(e => e.ReportId == healthReport.Id));
        Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync($"{healthUrl}?handler=Evidence&evidenceId={evidence.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await wardOfficer.GetAsync($"{healthUrl}?handler=Evidence&evidenceId={evidence.Id}")).StatusCode);

        // Progress on the page and in Excel.
        var progress = (await reviewer.GetDocumentAsync(details)).QuerySelector("#directive-progress tr[data-kind=Total]")!.TextContent;
        Assert.Contains("Tổng cộng", progress, StringComparison.Ordinal);
        var rows = await reviewer.GetExcelRowsAsync($"{details}?handler=Excel");
        Assert.Equal(["Loại cơ quan", "Số cơ quan", "Đã báo cáo", "Đúng hạn", "Trễ hạn", "Chưa thực hiện", "Hoàn thành"], rows[0]);
        Assert.Equal(["Tổng cộng", "2", "2", "2", "0", "0", "1"], rows[^1]);
        (await wardOfficer.GetAsync($"{details}?handler=Excel")).AssertRedirectsTo("/Account/AccessDenied");
        Assert.Contains("1250/UBND-KGVX", (await reviewer.GetDocumentAsync("/Dashboard")).QuerySelector("#open-directives")!.TextContent, StringComparison.Ordinal);

        // The audit trail names who did what.
        var reviewerId = await Factory.WithDbAsync(db => db.Users.Where(u => u.Email == "td@sl.vn").Select(u => u.Id).SingleAsync());
        var healthOfficerId = await Factory.WithDbAsync(db => db.Users.Where(u => u.Email == "yte@sl.vn").Select(u => u.Id).SingleAsync());
        var audit = await Factory.WithDbAsync(db => db.AuditEntries.AsNoTracking().ToListAsync());
        Assert.Contains(audit, e => e.EntityType == "Directive" && e.UserId == reviewerId && e.Changes.Contains("Sent", StringComparison.Ordinal));
        Assert.Contains(audit, e => e.EntityType == "DirectiveEvidence" && e.UserId == healthOfficerId && e.AggregateKey == healthReport.Id.ToString());
        Assert.Contains(audit, e => e.EntityType == "DirectiveReport" && e.UserId == healthOfficerId && e.Changes.Contains("Nguyễn Văn Yên, Giám đốc Sở", StringComparison.Ordinal));
        Assert.Contains(audit, e => e.EntityType == "DirectiveAnswer" && e.UserId == reviewerId && e.Changes.Contains("Đính kèm biên bản rà soát có chữ ký", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_letters_Kinh_gui_sends_to_every_department_and_commune_and_the_signed_file_is_needed_first()
    {
        var health = await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        var ward = await Factory.CreateAgencyAsync("SL-PBT", "Ủy ban nhân dân phường Bến Thủy", AgencyKind.CommuneCommittee);
        var school = await Factory.CreateAgencyAsync("SL-THPT", "Trường THPT Lam Sơn", AgencyKind.School);
        await Factory.CreateUserAsync("td@sl.vn", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
        await Factory.CreateUserAsync("qt@sl.vn", PortalRoles.Administrator, authenticatorKey: Totp.Key);
        var today = VietnamTime.Today(TimeProvider.System).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var reviewer = await SignInAsync("td@sl.vn", Totp.Key);
        var created = await reviewer.PostFormAsync("/Directives/Create", new()
        {
            ["Input.Number"] = "88/UBND", ["Input.IssuedOn"] = today, ["Input.Issuer"] = "UBND tỉnh", ["Input.Subject"] = "Phân loại hệ thống theo Nghị định 85",
            ["Input.Actions[0].Text"] = "Xác định cấp độ mọi hệ thống", ["Input.Actions[0].Deadline"] = today, ["Input.Recipients"] = "DepartmentsAndCommunes",
        });
        var details = created.Headers.Location!.OriginalString;
        var recipients = await Factory.WithDbAsync(db => db.Set<DirectiveRecipient>().Select(r => r.AgencyId).ToListAsync());
        Assert.Equal(new[] { health.Id, ward.Id }.Order(), recipients.Order());
        Assert.DoesNotContain(school.Id, recipients);

        // Without the signed file the send is refused with the reason; an administrator may not send.
        (await reviewer.PostFormAsync($"{details}?handler=Send", [], pageUrl: details)).AssertRedirectsTo(details);
        Assert.Contains("Hãy đính kèm tệp văn bản đã ký trước khi gửi.", (await reviewer.GetDocumentAsync(details)).Body!.TextContent, StringComparison.Ordinal);
        var admin = await SignInAsync("qt@sl.vn", Totp.Key);
        (await admin.PostFormAsync($"{details}?handler=Send", [], pageUrl: details)).AssertRedirectsTo("/Account/AccessDenied");
        Assert.Equal(DirectiveState.Draft, await Factory.WithDbAsync(db => db.Directives.Select(d => d.State).SingleAsync()));

        // A file that is not an accepted document is refused by the store; then the signed PDF is attached and the directive sent.
        (await PostMultipartAsync(reviewer, details, "#directive-steps form[enctype]", $"{details}?handler=Attach", [], ("cong-van.exe", "MZ\0\0not a document"u8.ToArray())))
            .AssertRedirectsTo(details);
        Assert.Null(await Factory.WithDbAsync(db => db.DirectiveFiles.FirstOrDefaultAsync()));
        (await PostMultipartAsync(reviewer, details, "#directive-steps form[enctype]", $"{details}?handler=Attach", [], ("cong-van.pdf", Pdf))).AssertRedirectsTo(details);
        Assert.Equal("cong-van.pdf", (await reviewer.GetDocumentAsync(details)).QuerySelector("#signed-file")!.TextContent.Trim());
        (await reviewer.PostFormAsync($"{details}?handler=Send", [], pageUrl: details)).AssertRedirectsTo(details);
        Assert.Equal(2, await Factory.CountAsync<DirectiveReport>());
        (await reviewer.PostFormAsync($"{details}?handler=Close", [], pageUrl: details)).AssertRedirectsTo(details);
        Assert.Equal(DirectiveState.Closed, await Factory.WithDbAsync(db => db.Directives.Select(d => d.State).SingleAsync()));
    }

    private Task<Guid> StampAsync(Guid answerId) => Factory.WithDbAsync(db => db.DirectiveAnswers.Where(a => a.Id == answerId).Select(a => a.ConcurrencyStamp).SingleAsync());

    /// <summary>Posts one answer's multipart form (with a file when given) as the report page's form does.</summary>
    private static Task<HttpResponseMessage> PostAnswerAsync(HttpClient client, string reportUrl, Guid answerId, Dictionary<string, string> fields, (string Name, byte[] Content)? file) =>
        PostMultipartAsync(client, reportUrl, $"#answer-{answerId} form.answer-form", $"{reportUrl}?handler=Answer&answerId={answerId}", fields, file);

    /// <summary>
    /// Posts a multipart form the way the browser does: the page's antiforgery token, the form's hidden fields unless given,
    /// the fields (a name may repeat, like a multiple select) and the file under «Upload».
    /// </summary>
    private static async Task<HttpResponseMessage> PostMultipartAsync(
        HttpClient client, string pageUrl, string formSelector, string postUrl, IEnumerable<KeyValuePair<string, string>> fields, (string Name, byte[] Content)? file)
    {
        var given = fields.ToList();
        var page = await client.GetDocumentAsync(pageUrl);
        var form = page.QuerySelector(formSelector) ?? throw new InvalidOperationException($"No form {formSelector} on {pageUrl}");
        using var content = new MultipartFormDataContent();
        foreach (var hidden in form.QuerySelectorAll("input[type=hidden][name]")
                     .Select(i => (Name: i.GetAttribute("name")!, Value: i.GetAttribute("value") ?? string.Empty))
                     .Where(h => given.All(g => g.Key != h.Name)))
        {
            content.Add(new StringContent(hidden.Value), hidden.Name);
        }

        foreach (var (name, value) in given)
        {
            content.Add(new StringContent(value), name);
        }

        if (file is { } upload)
        {
            var bytes = new ByteArrayContent(upload.Content);
            bytes.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
            content.Add(bytes, "Upload", upload.Name);
        }

        return await client.PostAsync(postUrl, content);
    }
}
