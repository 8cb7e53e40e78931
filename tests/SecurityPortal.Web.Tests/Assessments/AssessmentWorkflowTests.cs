using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecurityPortal.Data.Seeding;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Assessments;
using SecurityPortal.Domain.Classification;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Dossiers;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Tests.Dossiers;

namespace SecurityPortal.Tests.Assessments;

public sealed class AssessmentWorkflowTests : PortalTestBase
{
    private static readonly DateOnly Today = VietnamTime.Today(TimeProvider.System);
    private Agency _health = null!;
    private InformationSystem _system = null!;

    /// <summary>A system whose latest dossier proposes level 1 (no approved level yet), and the people around it.</summary>
    private async Task ArrangeAsync()
    {
        _health = await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        var ward = await Factory.CreateAgencyAsync("SL-PBT", "Ủy ban nhân dân phường Bến Thủy", AgencyKind.CommuneCommittee);
        await Factory.CreateUserAsync("yte@sl.vn", PortalRoles.AgencyOfficer, _health.Id);
        await Factory.CreateUserAsync("yte2@sl.vn", PortalRoles.AgencyOfficer, _health.Id);
        await Factory.CreateUserAsync("phuong@sl.vn", PortalRoles.AgencyOfficer, ward.Id);
        await Factory.CreateUserAsync("td@sl.vn", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
        await Factory.CreateUserAsync("lanhdao@sl.vn", PortalRoles.Leadership);
        _system = await Factory.CreateSystemAsync("SYT-WEB", "Trang thông tin Sở Y tế", _health.Id, s => s.InformationTypes = InformationTypes.Public);
        await Factory.WithDbAsync(async db =>
        {
            var system = await db.InformationSystems.SingleAsync(s => s.Id == _system.Id);
            var dossier = LevelDossier.Start(system, new DossierActor("seed", "Seed", false, true), Today, DateTime.UtcNow, null);
            dossier.SetFacts(dossier.Facts with { FunctionKind = SystemFunctionKind.Internal, InformationTypes = InformationTypes.Public });
            dossier.Propose(1, null);
            db.LevelDossiers.Add(dossier);
            return await db.SaveChangesAsync();
        });
    }

    private static string Details(Guid id) => $"/Assessments/Details/{id}";

    private async Task<Guid> StartAsync(HttpClient officer)
    {
        var created = await officer.PostFormAsync($"/Assessments/Create?systemId={_system.Id}", new() { ["Cycle"] = Today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), ["CatalogCode"] = "TT12-2022" });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        return Guid.Parse(created.Headers.Location!.OriginalString.Split('/')[3].Split('?', '#')[0]);
    }

    private Task<AssessmentItem> ItemAsync(Guid assessmentId, int index) => Factory.WithDbAsync(db =>
        db.AssessmentItems.Where(i => i.AssessmentId == assessmentId).OrderBy(i => i.Order).Skip(index).FirstAsync());

    private static Dictionary<string, string> Answer(AssessmentItem item, Answer answer, string? note = null, string? why = null, DateOnly? planned = null, string? who = null) => new()
    {
        ["Item.Stamp"] = item.ConcurrencyStamp.ToString(),
        ["Item.Answer"] = answer.ToString(),
        ["Item.EvidenceNote"] = note ?? string.Empty,
        ["Item.Justification"] = why ?? string.Empty,
        ["Item.PlannedDate"] = planned?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty,
        ["Item.Responsible"] = who ?? string.Empty,
    };

    private static Task<HttpResponseMessage> AnswerAsync(HttpClient client, Guid id, AssessmentItem item, Dictionary<string, string> fields) =>
        client.PostFormAsync($"{Details(id)}?handler=Answer&itemId={item.Id}", fields, pageUrl: Details(id));

    /// <summary>Answers every item but the first <paramref name="skip"/> through the domain, as many saves would.</summary>
    private Task<int> AnswerRestAsync(Guid id, int skip) => Factory.WithDbAsync(async db =>
    {
        var assessment = await db.Assessments.Include(a => a.Items).SingleAsync(a => a.Id == id);
        foreach (var item in assessment.Items.OrderBy(i => i.Order).Skip(skip))
        {
            assessment.AnswerItem(item.Id, Domain.Assessments.Answer.Met, null, "Có quy chế và nhật ký.", null, null, Today, "seed", DateTime.UtcNow);
        }

        return await db.SaveChangesAsync();
    });

    private Task<AssessmentState> StateAsync(Guid id) => Factory.WithDbAsync(db => db.Assessments.Where(a => a.Id == id).Select(a => a.State).SingleAsync());

    private static Task<HttpResponseMessage> StepAsync(HttpClient client, Guid id, string handler, Dictionary<string, string>? fields = null) =>
        client.PostFormAsync($"{Details(id)}?handler={handler}", fields ?? [], pageUrl: Details(id));

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>What «Lưu tất cả» posts from this page: every field that belongs to the answers form (a radio only when chosen).</summary>
    private static Dictionary<string, string> PageAnswers(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("[form=answers][name]")
            .Where(e => e.GetAttribute("type") != "radio" || e.HasAttribute("checked"))
            .ToDictionary(e => e.GetAttribute("name")!, e => e.LocalName == "textarea" ? e.TextContent : e.GetAttribute("value") ?? string.Empty);

    /// <summary>The «Answers[n]» prefix of one item's fields on the page.</summary>
    private static string Prefix(Dictionary<string, string> fields, Guid itemId) =>
        fields.Single(f => f.Key.EndsWith(".ItemId", StringComparison.Ordinal) && f.Value == itemId.ToString()).Key[..^".ItemId".Length];

    /// <summary>An answer as the page's script saves it: one item, the page's antiforgery token, JSON asked for.</summary>
    private static async Task<(HttpStatusCode Status, System.Text.Json.JsonElement Body)> AnswerJsonAsync(HttpClient client, Guid id, Guid itemId, Dictionary<string, string> fields, string? pageUrl = null)
    {
        var page = await client.GetDocumentAsync(pageUrl ?? Details(id));
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Details(id)}?handler=Answer&itemId={itemId}")
        {
            Content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", token))),
        };
        request.Headers.Accept.ParseAdd("application/json");
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType == "application/json"
            ? System.Text.Json.JsonDocument.Parse(text).RootElement.Clone()
            : default);
    }

    [Fact]
    public async Task Save_all_saves_every_changed_item_in_one_request_and_keeps_what_was_typed_where_it_could_not()
    {
        await ArrangeAsync();
        var officer = await SignInAsync("yte@sl.vn");
        var colleague = await SignInAsync("yte2@sl.vn");
        var id = await StartAsync(officer);
        var items = await Factory.WithDbAsync(db => db.AssessmentItems.Where(i => i.AssessmentId == id).OrderBy(i => i.Order).ToListAsync());
        var fields = PageAnswers(await officer.GetDocumentAsync(Details(id)));
        Assert.Equal(items.Count * 6, fields.Count); // id, stamp, note, reason, date, person per item; no answer chosen yet

        // A colleague answers item 3 while this page is open.
        (await AnswerAsync(colleague, id, items[3], Answer(items[3], Domain.Assessments.Answer.Met, note: "Của đồng nghiệp"))).AssertRedirectsTo(Details(id));

        string P(int n) => Prefix(fields, items[n].Id);
        fields[P(0) + ".Answer"] = "Met";
        fields[P(0) + ".EvidenceNote"] = "Quyết định 12/QĐ-SYT";
        fields[P(1) + ".Answer"] = "NotApplicable";
        fields[P(1) + ".EvidenceNote"] = "Đang gõ dở";
        fields[P(2) + ".Answer"] = "NotMet";
        fields[P(2) + ".PlannedDate"] = Iso(Today.AddDays(30));
        fields[P(2) + ".Responsible"] = "Trần Văn B";
        fields[P(3) + ".Answer"] = "PartiallyMet";
        fields[P(3) + ".PlannedDate"] = Iso(Today.AddDays(40));
        fields[P(3) + ".Responsible"] = "Lê C";
        var response = await officer.PostFormAsync($"{Details(id)}?handler=SaveAll", fields, pageUrl: Details(id));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ParseAsync();
        Assert.Contains("Đã lưu 2 câu trả lời; 2 câu trả lời chưa lưu được", page.QuerySelector("#unsaved-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("«Không áp dụng» cần nêu lý do", page.QuerySelector($"#item-{items[1].Id}")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Đang gõ dở", page.QuerySelector($"#note-{items[1].Id}")!.TextContent);
        Assert.NotNull(page.QuerySelector($"#ans-NotApplicable-{items[1].Id}[checked]"));
        Assert.Contains("vừa được người khác cập nhật (hiện là «Đáp ứng»)", page.QuerySelector($"#item-{items[3].Id}")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector($"#ans-PartiallyMet-{items[3].Id}[checked]"));
        Assert.Equal("Lê C", page.QuerySelector($"#who-{items[3].Id}")!.GetAttribute("value"));
        var stored = await Factory.WithDbAsync(db => db.AssessmentItems.Where(i => i.AssessmentId == id).OrderBy(i => i.Order).ToListAsync());
        Assert.Equal(
            [Domain.Assessments.Answer.Met, Domain.Assessments.Answer.Unanswered, Domain.Assessments.Answer.NotMet, Domain.Assessments.Answer.Met],
            stored.Take(4).Select(i => i.Answer));
        Assert.Equal("Của đồng nghiệp", stored[3].EvidenceNote);
        Assert.All(stored.Skip(4), i => Assert.Equal(Domain.Assessments.Answer.Unanswered, i.Answer)); // untouched items are not written
        // The page shows the stored stamps: saving again replaces the colleague's answer knowingly.
        Assert.Equal(stored[3].ConcurrencyStamp.ToString(), page.QuerySelector($"#item-{items[3].Id} [data-stamp]")!.GetAttribute("value"));

        var again = PageAnswers(page);
        again[Prefix(again, items[1].Id) + ".Justification"] = "Hệ thống không có mạng không dây";
        (await officer.PostFormAsync($"{Details(id)}?handler=SaveAll", again, pageUrl: Details(id))).AssertRedirectsTo(Details(id));
        stored = await Factory.WithDbAsync(db => db.AssessmentItems.Where(i => i.AssessmentId == id).OrderBy(i => i.Order).ToListAsync());
        Assert.Equal(
            [Domain.Assessments.Answer.Met, Domain.Assessments.Answer.NotApplicable, Domain.Assessments.Answer.NotMet, Domain.Assessments.Answer.PartiallyMet],
            stored.Take(4).Select(i => i.Answer));
        Assert.Equal("Đang gõ dở", stored[1].EvidenceNote);
        Assert.Contains("Không có câu trả lời nào thay đổi.", await SaveUnchangedAsync(), StringComparison.Ordinal);

        async Task<string> SaveUnchangedAsync()
        {
            var unchanged = PageAnswers(await officer.GetDocumentAsync(Details(id)));
            (await officer.PostFormAsync($"{Details(id)}?handler=SaveAll", unchanged, pageUrl: Details(id))).AssertRedirectsTo(Details(id));
            return (await officer.GetDocumentAsync(Details(id))).Body!.TextContent;
        }
    }

    [Fact]
    public async Task The_pages_script_saves_one_answer_as_json_and_is_told_why_when_it_cannot()
    {
        await ArrangeAsync();
        var officer = await SignInAsync("yte@sl.vn");
        var id = await StartAsync(officer);
        var first = await ItemAsync(id, 0);

        var (status, body) = await AnswerJsonAsync(officer, id, first.Id, Answer(first, Domain.Assessments.Answer.Met, note: "Quy chế 2026"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body.GetProperty("saved").GetBoolean());
        var saved = await ItemAsync(id, 0);
        Assert.Equal(Domain.Assessments.Answer.Met, saved.Answer);
        Assert.Equal(saved.ConcurrencyStamp.ToString(), body.GetProperty("stamp").GetString());
        Assert.NotEqual(first.ConcurrencyStamp, saved.ConcurrencyStamp);

        // The same save again (its answer was lost on the way back): nothing to refuse.
        (status, body) = await AnswerJsonAsync(officer, id, first.Id, Answer(first, Domain.Assessments.Answer.Met, note: "Quy chế 2026"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(saved.ConcurrencyStamp.ToString(), body.GetProperty("stamp").GetString());

        // A different answer on the old stamp: 409 with what is stored and its stamp, nothing overwritten.
        (status, body) = await AnswerJsonAsync(officer, id, first.Id, Answer(first, Domain.Assessments.Answer.NotApplicable, why: "Không dùng"));
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.True(body.GetProperty("stale").GetBoolean());
        Assert.Equal("Met", body.GetProperty("current").GetProperty("answer").GetString());
        Assert.Equal(saved.ConcurrencyStamp.ToString(), body.GetProperty("stamp").GetString());
        Assert.Equal(Domain.Assessments.Answer.Met, (await ItemAsync(id, 0)).Answer);

        // With the stamp the 409 gave, the officer's answer replaces it knowingly.
        (status, _) = await AnswerJsonAsync(officer, id, first.Id, Answer(saved, Domain.Assessments.Answer.NotApplicable, why: "Không dùng"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Domain.Assessments.Answer.NotApplicable, (await ItemAsync(id, 0)).Answer);

        // A rule refused: 422 and the reason in Vietnamese.
        var second = await ItemAsync(id, 1);
        (status, body) = await AnswerJsonAsync(officer, id, second.Id, Answer(second, Domain.Assessments.Answer.NotMet, who: "Trần B"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("cần ngày dự kiến hoàn thành và người chịu trách nhiệm", body.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(Domain.Assessments.Answer.Unanswered, (await ItemAsync(id, 1)).Answer);

        // Another agency's officer: 404, as for the page.
        var ward = await SignInAsync("phuong@sl.vn");
        (status, _) = await AnswerJsonAsync(ward, id, second.Id, Answer(second, Domain.Assessments.Answer.Met), pageUrl: "/Assessments");
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal(Domain.Assessments.Answer.Unanswered, (await ItemAsync(id, 1)).Answer);
    }

    [Fact]
    public async Task A_whole_group_is_marked_not_applicable_with_one_reason_and_one_file_supports_several_items()
    {
        await ArrangeAsync();
        var officer = await SignInAsync("yte@sl.vn");
        var id = await StartAsync(officer);
        var items = await Factory.WithDbAsync(db => db.AssessmentItems.Where(i => i.AssessmentId == id).OrderBy(i => i.Order).ToListAsync());
        var group = items[^1].GroupCode;

        var noReason = await StepAsync(officer, id, "NotApplicableGroup", new() { ["GroupCode"] = group, ["Note"] = "" });
        Assert.Equal($"{Details(id)}#group-{group}", noReason.Headers.Location!.OriginalString);
        Assert.Contains($"Nhóm {group}: hãy nêu lý do không áp dụng cho cả nhóm.", (await officer.GetDocumentAsync(Details(id))).Body!.TextContent, StringComparison.Ordinal);
        (await StepAsync(officer, id, "NotApplicableGroup", new() { ["GroupCode"] = group, ["Note"] = "Hệ thống dùng hạ tầng của Trung tâm dữ liệu tỉnh" }))
            .AssertRedirectsTo(Details(id));
        var marked = await Factory.WithDbAsync(db => db.AssessmentItems.Where(i => i.AssessmentId == id && i.GroupCode == group).ToListAsync());
        Assert.Equal(items.Count(i => i.GroupCode == group), marked.Count);
        Assert.All(marked, i => Assert.Equal((Domain.Assessments.Answer.NotApplicable, "Hệ thống dùng hạ tầng của Trung tâm dữ liệu tỉnh"), (i.Answer, i.Justification)));
        Assert.Equal(marked.Count, await Factory.WithDbAsync(db => db.AssessmentItems.CountAsync(i => i.AssessmentId == id && i.Answer != Domain.Assessments.Answer.Unanswered)));

        // One upload, linked to the item and two more; an item of another assessment is refused and nothing is added.
        var upload = await officer.PostFileAsync($"/Assessments/Evidence/{id}?itemId={items[0].Id}", new() { ["AlsoItemIds"] = items[2].Id.ToString() }, "Upload", "bien-ban.pdf", Dossiers.DossierTestKit.Pdf);
        Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        Assert.Contains("Đã thêm minh chứng cho 2 yêu cầu.", (await officer.GetDocumentAsync(Details(id))).Body!.TextContent, StringComparison.Ordinal);
        var linked = await Factory.WithDbAsync(db => db.AssessmentEvidence.Where(e => e.AssessmentId == id).Select(e => new { e.ItemId, e.File.Sha256 }).ToListAsync());
        Assert.Equal(new[] { items[0].Id, items[2].Id }.Order(), linked.Select(l => l.ItemId).Order());
        Assert.Single(linked.Select(l => l.Sha256).Distinct());
        var form = await officer.GetDocumentAsync($"/Assessments/Evidence/{id}?itemId={items[0].Id}");
        Assert.NotNull(form.QuerySelector($"input[name=AlsoItemIds][value='{items[1].Id}']"));
        Assert.Null(form.QuerySelector($"input[name=AlsoItemIds][value='{items[0].Id}']"));
        var foreign = await officer.PostFileAsync($"/Assessments/Evidence/{id}?itemId={items[1].Id}", new() { ["AlsoItemIds"] = Guid.NewGuid().ToString() }, "Upload", "khac.pdf", Dossiers.DossierTestKit.Pdf);
        Assert.Equal(HttpStatusCode.OK, foreign.StatusCode);
        Assert.Contains("Yêu cầu này không thuộc bản tự đánh giá.", (await foreign.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, await Factory.WithDbAsync(db => db.AssessmentEvidence.CountAsync(e => e.AssessmentId == id)));
    }

    [Fact]
    public async Task An_officer_answers_with_evidence_and_submits_a_reviewer_returns_one_item_then_accepts_and_the_assessment_locks()
    {
        await ArrangeAsync();
        var officer = await SignInAsync("yte@sl.vn");
        var id = await StartAsync(officer);
        var page = await officer.GetDocumentAsync(Details(id));
        Assert.Contains("Cấp độ 1 (đề xuất, chưa phê duyệt)", page.Body!.TextContent, StringComparison.Ordinal);
        var items = await Factory.WithDbAsync(db => db.AssessmentItems.CountAsync(i => i.AssessmentId == id));
        Assert.Equal(34, items);

        // Submitting with unanswered items jumps to the first one.
        var early = await StepAsync(officer, id, "Submit", new() { ["Note"] = "Nguyễn Văn A, Giám đốc" });
        var first = await ItemAsync(id, 0);
        Assert.Equal($"{Details(id)}#item-{first.Id}", early.Headers.Location!.OriginalString);
        Assert.Contains("Còn 34 yêu cầu chưa trả lời", (await officer.GetDocumentAsync(Details(id))).Body!.TextContent, StringComparison.Ordinal);

        // A refused answer keeps what was typed; a good one saves that item alone.
        var refused = await AnswerAsync(officer, id, first, Answer(first, Domain.Assessments.Answer.NotApplicable, note: "Ghi chú đang gõ"));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var refusedPage = await refused.ParseAsync();
        Assert.Contains("«Không áp dụng» cần nêu lý do", refusedPage.QuerySelector($"#item-{first.Id}")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Ghi chú đang gõ", refusedPage.QuerySelector($"#note-{first.Id}")!.TextContent);
        var past = await AnswerAsync(officer, id, first, Answer(first, Domain.Assessments.Answer.NotMet, planned: Today.AddDays(-3), who: "Trần B"));
        Assert.Contains("đã qua", (await past.ParseAsync()).QuerySelector($"#item-{first.Id}")!.TextContent, StringComparison.Ordinal);
        (await AnswerAsync(officer, id, first, Answer(first, Domain.Assessments.Answer.Met, note: "Quyết định 12/QĐ-SYT ban hành chính sách.")))
            .AssertRedirectsTo(Details(id));

        // Evidence: checked by content, downloadable only as an attachment.
        var fake = await officer.PostFileAsync($"/Assessments/Evidence/{id}?itemId={first.Id}", [], "Upload", "chinh-sach.pdf", "<html>not a pdf</html>"u8.ToArray());
        Assert.Contains("không đúng định dạng .pdf", (await fake.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
        var uploaded = await officer.PostFileAsync($"/Assessments/Evidence/{id}?itemId={first.Id}", [], "Upload", "chinh-sach.pdf", DossierTestKit.Pdf);
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var evidence = await Factory.WithDbAsync(db => db.AssessmentEvidence.SingleAsync(e => e.AssessmentId == id));
        var download = await officer.GetAsync($"{Details(id)}?handler=Evidence&evidenceId={evidence.Id}");
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        var wrongFile = await officer.PostFileAsync($"/Assessments/Evidence/{id}?itemId={first.Id}", [], "Upload", "nham-tep.pdf", DossierTestKit.Pdf);
        Assert.Equal(HttpStatusCode.Redirect, wrongFile.StatusCode);
        var mistaken = await Factory.WithDbAsync(db => db.AssessmentEvidence.SingleAsync(e => e.AssessmentId == id && e.File.FileName == "nham-tep.pdf"));
        (await officer.PostFormAsync($"{Details(id)}?handler=RemoveEvidence&evidenceId={mistaken.Id}", [], pageUrl: Details(id))).AssertRedirectsTo(Details(id));
        Assert.Equal(["chinh-sach.pdf"], await Factory.WithDbAsync(db => db.AssessmentEvidence.Where(e => e.AssessmentId == id).Select(e => e.File.FileName).ToListAsync()));

        // A gap needs a date and a person; it becomes the remediation list at acceptance.
        var second = await ItemAsync(id, 1);
        (await AnswerAsync(officer, id, second, Answer(second, Domain.Assessments.Answer.NotMet, planned: Today.AddDays(60), who: "Trần Văn B")))
            .AssertRedirectsTo(Details(id));
        await AnswerRestAsync(id, skip: 2);
        var submitted = await StepAsync(officer, id, "Submit", new() { ["Note"] = "Nguyễn Văn A, Giám đốc Sở Y tế" });
        submitted.AssertRedirectsTo(Details(id));
        Assert.Equal(AssessmentState.Submitted, await StateAsync(id));
        Assert.Equal(HttpStatusCode.Redirect, (await AnswerAsync(officer, id, second, Answer(second, Domain.Assessments.Answer.Met))).StatusCode);
        Assert.Equal(Domain.Assessments.Answer.NotMet, (await ItemAsync(id, 1)).Answer);

        // The reviewer returns one item with a comment; the officer sees exactly that item.
        var reviewer = await SignInAsync("td@sl.vn", Totp.Key);
        (await StepAsync(reviewer, id, "StartReview")).AssertRedirectsTo(Details(id));
        var review = await reviewer.PostFormAsync($"{Details(id)}?handler=ReviewItem&itemId={first.Id}",
            new() { ["Item.Review"] = nameof(ItemReview.NeedsChange), ["Item.Comment"] = "Bổ sung văn bản phổ biến chính sách." }, pageUrl: Details(id));
        Assert.Equal(HttpStatusCode.Redirect, review.StatusCode);
        (await StepAsync(reviewer, id, "Return", new() { ["Note"] = "Xem nhận xét từng mục." })).AssertRedirectsTo(Details(id));
        Assert.Equal(AssessmentState.Returned, await StateAsync(id));
        var returned = await officer.GetDocumentAsync(Details(id));
        Assert.Contains("Bổ sung văn bản phổ biến chính sách.", returned.QuerySelector($"#item-{first.Id}")!.TextContent, StringComparison.Ordinal);
        var unchanged = await StepAsync(officer, id, "Submit", new() { ["Note"] = "Nguyễn Văn A, Giám đốc Sở Y tế" });
        Assert.Equal($"{Details(id)}#item-{first.Id}", unchanged.Headers.Location!.OriginalString);
        first = await ItemAsync(id, 0);
        (await AnswerAsync(officer, id, first, Answer(first, Domain.Assessments.Answer.Met, note: "Quyết định 12/QĐ-SYT và công văn phổ biến 30/SYT.")))
            .AssertRedirectsTo(Details(id));
        (await StepAsync(officer, id, "Submit", new() { ["Note"] = "Nguyễn Văn A, Giám đốc Sở Y tế" })).AssertRedirectsTo(Details(id));

        (await StepAsync(reviewer, id, "StartReview")).AssertRedirectsTo(Details(id));
        (await StepAsync(reviewer, id, "Accept")).AssertRedirectsTo(Details(id));
        Assert.Equal(AssessmentState.Accepted, await StateAsync(id));
        var task = await Factory.WithDbAsync(db => db.RemediationTasks.SingleAsync(t => t.SystemId == _system.Id));
        Assert.Equal((await ItemAsync(id, 1)).RequirementCode, task.RequirementCode);
        Assert.Equal(Today.AddDays(60), task.DueDate);
        Assert.Equal(Domain.Remediation.TaskSource.SelfAssessmentGap, task.Source);
        var accepted = await officer.GetDocumentAsync(Details(id));
        Assert.Contains("97", accepted.QuerySelector("#score-overall")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Đã triển khai một số hạng mục", accepted.QuerySelector("#deployment")!.TextContent, StringComparison.Ordinal);
        Assert.Null(accepted.QuerySelector($"#ans-{first.Id}"));
        var locked = await officer.PostFormAsync($"{Details(id)}?handler=Answer&itemId={first.Id}", Answer(first, Domain.Assessments.Answer.NotMet), pageUrl: Details(id));
        locked.AssertRedirectsTo("/Account/AccessDenied");
    }

    [Fact]
    public async Task Another_agencys_assessment_answers_404_and_two_people_saving_the_same_item_do_not_overwrite_each_other()
    {
        await ArrangeAsync();
        var officer = await SignInAsync("yte@sl.vn");
        var id = await StartAsync(officer);
        var first = await ItemAsync(id, 0);
        var second = await ItemAsync(id, 1);

        var ward = await SignInAsync("phuong@sl.vn");
        Assert.Equal(HttpStatusCode.NotFound, (await ward.GetAsync(Details(id))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ward.GetAsync($"/Assessments/Evidence/{id}?itemId={first.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await ward.GetAsync($"/Assessments/Create?systemId={_system.Id}")).StatusCode);
        var foreign = await ward.PostFormAsync($"{Details(id)}?handler=Answer&itemId={first.Id}", Answer(first, Domain.Assessments.Answer.Met), pageUrl: "/Assessments");
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.DoesNotContain("Trang thông tin Sở Y tế", (await ward.GetDocumentAsync("/Assessments")).Body!.TextContent, StringComparison.Ordinal);

        var leader = await SignInAsync("lanhdao@sl.vn");
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync(Details(id))).StatusCode);
        (await leader.PostFormAsync($"{Details(id)}?handler=Answer&itemId={first.Id}", Answer(first, Domain.Assessments.Answer.Met), pageUrl: Details(id)))
            .AssertRedirectsTo("/Account/AccessDenied");

        // Both colleagues opened the page; they answer different items: both saved.
        var colleague = await SignInAsync("yte2@sl.vn");
        (await AnswerAsync(officer, id, first, Answer(first, Domain.Assessments.Answer.Met, note: "Của cán bộ 1"))).AssertRedirectsTo(Details(id));
        (await AnswerAsync(colleague, id, second, Answer(second, Domain.Assessments.Answer.Met, note: "Của cán bộ 2"))).AssertRedirectsTo(Details(id));

        // The same item from a stale page: refused, the first answer stays, and what the colleague typed is still on their page.
        var stale = await AnswerAsync(colleague, id, first, Answer(first, Domain.Assessments.Answer.NotApplicable, why: "Ghi đè"));
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
        var stalePage = await stale.ParseAsync();
        Assert.Contains("vừa được người khác cập nhật (hiện là «Đáp ứng»)", stalePage.QuerySelector($"#item-{first.Id}")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Ghi đè", stalePage.QuerySelector($"#why-{first.Id}")!.GetAttribute("value"));
        Assert.NotNull(stalePage.QuerySelector($"#ans-NotApplicable-{first.Id}[checked]"));
        var kept = await ItemAsync(id, 0);
        Assert.Equal("Của cán bộ 1", kept.EvidenceNote);
        Assert.Equal("Của cán bộ 2", (await ItemAsync(id, 1)).EvidenceNote);
    }

    [Fact]
    public async Task When_the_level_is_approved_the_assessment_is_rescoped_and_answers_that_still_apply_are_kept()
    {
        await ArrangeAsync();
        var officer = await SignInAsync("yte@sl.vn");
        var id = await StartAsync(officer);
        var first = await ItemAsync(id, 0);
        (await AnswerAsync(officer, id, first, Answer(first, Domain.Assessments.Answer.Met, note: "Giữ lại"))).AssertRedirectsTo(Details(id));
        Assert.Null((await officer.GetDocumentAsync(Details(id))).QuerySelector("#rescope"));

        await Factory.ApproveLevelAsync(_system.Id, 2);
        Assert.NotNull((await officer.GetDocumentAsync(Details(id))).QuerySelector("#rescope"));
        (await StepAsync(officer, id, "Rescope")).AssertRedirectsTo(Details(id));
        var assessment = await Factory.WithDbAsync(db => db.Assessments.Include(a => a.Items).SingleAsync(a => a.Id == id));
        Assert.Equal(2, assessment.Level);
        Assert.True(assessment.LevelIsApproved);
        Assert.Equal(46, assessment.Items.Count);
        Assert.Equal("Giữ lại", assessment.Items.Single(i => i.Id == first.Id).EvidenceNote);
    }

    [Fact]
    public async Task The_catalog_is_loaded_once_browsed_by_level_and_exported_as_json_that_validates()
    {
        await ArrangeAsync();
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            Assert.False(await scope.ServiceProvider.GetRequiredService<PortalSeeder>().SeedCatalogAsync("catalog-tt12-2022.json"));
        }

        Assert.Equal(1, await Factory.WithDbAsync(db => db.CatalogVersions.CountAsync()));
        var officer = await SignInAsync("yte@sl.vn");
        var level3 = await officer.GetDocumentAsync("/Catalog?level=3");
        Assert.Contains("66 yêu cầu áp dụng cho cấp độ 3", level3.QuerySelector("#catalog-count")!.TextContent, StringComparison.Ordinal);
        var search = await officer.GetDocumentAsync("/Catalog?level=1&q=sao%20luu");
        Assert.Contains("Sao lưu", search.Body!.TextContent, StringComparison.Ordinal);
        var export = await officer.GetAsync("/Catalog?handler=Export&version=TT12-2022");
        Assert.Equal("application/json", export.Content.Headers.ContentType!.MediaType);
        var document = Domain.Catalog.CatalogDocument.Parse(await export.Content.ReadAsByteArrayAsync());
        Assert.Empty(document.Validate());
        Assert.Equal(70, document.Requirements.Count);
    }
}
