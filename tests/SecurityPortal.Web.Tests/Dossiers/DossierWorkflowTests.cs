using System.Net;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecurityPortal.Data.Seeding;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Classification;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Dossiers;
using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Tests.Dossiers;

public sealed class DossierWorkflowTests : PortalTestBase
{
    private Agency _health = null!;
    private Agency _ward = null!;

    private async Task ArrangeAsync()
    {
        _health = await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        _ward = await Factory.CreateAgencyAsync("SL-PBT", "Ủy ban nhân dân phường Bến Thủy", AgencyKind.CommuneCommittee);
        await Factory.CreateUserAsync("yte@sl.vn", PortalRoles.AgencyOfficer, _health.Id);
        await Factory.CreateUserAsync("yte2@sl.vn", PortalRoles.AgencyOfficer, _health.Id);
        await Factory.CreateUserAsync("phuong@sl.vn", PortalRoles.AgencyOfficer, _ward.Id);
        await Factory.CreateUserAsync("td@sl.vn", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
        await Factory.CreateUserAsync("lanhdao@sl.vn", PortalRoles.Leadership);
    }

    private static string Details(Guid id) => DossierTestKit.Details(id);

    /// <summary>The dossier's current version, for posts a page would not offer this user (a forged request).</summary>
    private Task<Dictionary<string, string>> CurrentStampAsync(Guid id) => Factory.CurrentStampAsync(id);

    private static Task<HttpResponseMessage> StepAsync(HttpClient client, Guid id, string handler, Dictionary<string, string>? fields = null) =>
        client.StepAsync(id, handler, fields);

    private static Task<Guid> PrepareAsync(HttpClient officer, InformationSystem system, int level, bool administrativeProcedures = false, string? justification = null) =>
        officer.PrepareDossierAsync(system, level, administrativeProcedures, justification);

    [Fact]
    public async Task An_officer_prepares_and_submits_and_a_reviewer_appraises_and_approves_level_2_which_the_system_then_shows()
    {
        await ArrangeAsync();
        var system = await Factory.CreateSystemAsync("SYT-QLVB", "Hệ thống quản lý văn bản Sở Y tế", _health.Id);
        var officer = await SignInAsync("yte@sl.vn");

        // The checklist says exactly what is missing before anything is filled in.
        var id = await officer.CreateDossierAsync(system.Id);
        var empty = await officer.GetDocumentAsync(Details(id));
        var checklist = empty.QuerySelector("#checklist")!.TextContent;
        Assert.Contains("Chưa chọn cấp độ đề xuất", checklist, StringComparison.Ordinal);
        Assert.Contains("Chưa đính kèm: Tài liệu thiết kế", checklist, StringComparison.Ordinal);
        Assert.Contains("Phân vùng mạng và quy hoạch địa chỉ IP", checklist, StringComparison.Ordinal);
        var incomplete = await StepAsync(officer, id, "Submit", await CurrentStampAsync(id));
        Assert.Equal(HttpStatusCode.OK, incomplete.StatusCode);
        Assert.Contains("Hồ sơ chưa đầy đủ", (await incomplete.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(DossierState.Draft, await Factory.WithDbAsync(db => db.LevelDossiers.Where(d => d.Id == id).Select(d => d.State).SingleAsync()));
        await Factory.WithDbAsync(db => db.LevelDossiers.ExecuteDeleteAsync());

        id = await PrepareAsync(officer, system, level: 2);
        var plan = await officer.GetDocumentAsync($"/Dossiers/Wizard/{id}?step=5");
        Assert.Contains("46 yêu cầu của cấp độ 2 theo danh mục TT12-2022", plan.QuerySelector("#plan-requirements")!.TextContent, StringComparison.Ordinal);
        var page = await officer.GetDocumentAsync(Details(id));
        Assert.Null(page.QuerySelector("#checklist"));
        Assert.Contains("Điều 12 khoản 1 Nghị định 331/2026/NĐ-CP", page.QuerySelector("#engine-result")!.TextContent, StringComparison.Ordinal);
        (await StepAsync(officer, id, "Submit")).AssertRedirectsTo(Details(id));

        var submitted = await Factory.WithDbAsync(db => db.LevelDossiers.SingleAsync(d => d.Id == id));
        Assert.Equal(DossierState.Submitted, submitted.State);
        Assert.NotNull(submitted.CompletenessDue);
        var reviewerId = await Factory.WithDbAsync(db => db.Users.Where(u => u.Email == "td@sl.vn").Select(u => u.Id).SingleAsync());
        Assert.Equal(1, await Factory.WithDbAsync(db => db.Notifications.CountAsync(n => n.UserId == reviewerId && n.Link == Details(id))));

        // The reviewer finds the dossier in the queue with its due date, and a notification.
        var reviewer = await SignInAsync("td@sl.vn", Totp.Key);
        var queue = await reviewer.GetDocumentAsync("/Dossiers");
        Assert.Contains("Hệ thống quản lý văn bản Sở Y tế", queue.QuerySelector("#dossier-queue")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(submitted.CompletenessDue!.Value.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), queue.QuerySelector("#dossier-queue")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Hồ sơ đề xuất cấp độ", (await reviewer.GetDocumentAsync("/Notifications")).QuerySelector("#notifications")!.TextContent, StringComparison.Ordinal);

        // Every deadline shows its legal basis: on the details page, in the queue and in the reviewer's inbox.
        const string completeness331 = "Điều 23 khoản 2 Nghị định 331/2026/NĐ-CP";
        Assert.Contains(completeness331, queue.QuerySelector("#dossier-queue .deadline-basis")!.TextContent, StringComparison.Ordinal);
        var basis = (await reviewer.GetDocumentAsync(Details(id))).QuerySelector("#deadline-basis")!.TextContent;
        Assert.Contains("05 ngày làm việc kể từ ngày nhận hồ sơ", basis, StringComparison.Ordinal);
        Assert.Contains(completeness331, basis, StringComparison.Ordinal);
        Assert.Contains(completeness331, (await reviewer.GetDocumentAsync("/")).QuerySelector("#inbox-items .deadline-basis")!.TextContent, StringComparison.Ordinal);

        // Decree 85 and Circular 12/2022 set no completeness limit: a date an earlier version stored is cleared at start-up
        // (once), and the page says there is none instead of showing a date.
        await Factory.WithDbAsync(db => db.LevelDossiers.Where(d => d.Id == id).ExecuteUpdateAsync(u => u.SetProperty(d => d.RuleSet, RuleSet.Decree85)));
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            var seeder = scope.ServiceProvider.GetRequiredService<PortalSeeder>();
            Assert.Equal(1, await seeder.CorrectDossierDeadlinesAsync());
            Assert.Equal(0, await seeder.CorrectDossierDeadlinesAsync());
        }

        var stored = await Factory.WithDbAsync(db => db.LevelDossiers.Where(d => d.Id == id).Select(d => new { d.CompletenessDue, d.QueueOrder }).SingleAsync());
        Assert.Null(stored.CompletenessDue);
        Assert.Equal(DateOnly.MaxValue, stored.QueueOrder);
        var legacy = await reviewer.GetDocumentAsync(Details(id));
        Assert.Contains("Nghị định 85/2016/NĐ-CP và Thông tư 12/2022/TT-BTTTT không quy định thời hạn kiểm tra tính đầy đủ của hồ sơ", legacy.QuerySelector("#deadline-basis")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Điều", legacy.QuerySelector("#deadline-basis")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("không quy định thời hạn", (await reviewer.GetDocumentAsync("/Dossiers")).QuerySelector("#dossier-queue .deadline-basis")!.TextContent, StringComparison.Ordinal);
        await Factory.WithDbAsync(db => db.LevelDossiers.Where(d => d.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.RuleSet, RuleSet.Decree331).SetProperty(d => d.CompletenessDue, submitted.CompletenessDue)));

        (await StepAsync(reviewer, id, "Accept")).AssertRedirectsTo(Details(id));
        (await StepAsync(reviewer, id, "Appraise", new() { ["Act.Conclusion"] = nameof(AppraisalConclusion.Suitable), ["Act.Text"] = "Cấp độ đề xuất phù hợp." })
            ).AssertRedirectsTo(Details(id));
        (await reviewer.UploadAsync(id, "ScannedDecision", "quyet-dinh.pdf", DossierTestKit.Pdf)).AssertRedirectsTo(Details(id));
        var today = VietnamTime.Today(TimeProvider.System).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        (await StepAsync(reviewer, id, "Approve", new() { ["Act.Number"] = "123/QĐ-SKHCN", ["Act.Date"] = today, ["Act.Signer"] = "Nguyễn Văn An" })
            ).AssertRedirectsTo(Details(id));

        var approved = await Factory.WithDbAsync(db => db.LevelDossiers.Include(d => d.Events).SingleAsync(d => d.Id == id));
        Assert.Equal(DossierState.Approved, approved.State);
        Assert.Equal(
            [DossierAction.Created, DossierAction.Submitted, DossierAction.Accepted, DossierAction.Appraised, DossierAction.Approved],
            approved.Events.OrderBy(e => e.AtUtc).ThenBy(e => e.Id).Select(e => e.Action).ToArray());
        var systemPage = await officer.GetDocumentAsync($"/Systems/Details/{system.Id}");
        Assert.Contains("Cấp độ 2", systemPage.QuerySelector("#system-level")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(2, await Factory.WithDbAsync(db => db.InformationSystems.Where(s => s.Id == system.Id).Select(s => s.ApprovedLevel).SingleAsync()));
        Assert.True(await Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.EntityType == nameof(LevelDossier) && e.EntityKey == id.ToString() && e.Changes.Contains("Approved"))));

        // A re-determination is a new dossier; the approved one stays in the history.
        var again = await officer.PostFormAsync($"/Dossiers/Create?systemId={system.Id}", []);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(2, await Factory.WithDbAsync(db => db.LevelDossiers.CountAsync(d => d.SystemId == system.Id)));
        Assert.Equal(2, await Factory.WithDbAsync(db => db.InformationSystems.Where(s => s.Id == system.Id).Select(s => s.ApprovedLevel).SingleAsync()));
    }

    [Fact]
    public async Task Another_agencys_dossier_answers_404_everywhere_and_roles_outside_the_workflow_are_refused()
    {
        await ArrangeAsync();
        var system = await Factory.CreateSystemAsync("SYT-HIS", "Hệ thống thông tin bệnh viện", _health.Id);
        var officer = await SignInAsync("yte@sl.vn");
        var id = await PrepareAsync(officer, system, level: 2);
        var attachment = await Factory.WithDbAsync(db => db.DossierAttachments.Where(a => a.DossierId == id).Select(a => a.Id).FirstAsync());

        var ward = await SignInAsync("phuong@sl.vn");
        foreach (var url in new[]
                 {
                     Details(id), $"/Dossiers/Wizard/{id}?step=2", $"/Dossiers/Attach/{id}", $"{Details(id)}?handler=File&attachmentId={attachment}",
                     $"{Details(id)}?handler=Document&form=request", $"/Dossiers/Create?systemId={system.Id}",
                 })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await ward.GetAsync(url)).StatusCode);
        }

        Assert.DoesNotContain("bệnh viện", (await ward.GetDocumentAsync("/Dossiers?scope=all")).Body!.TextContent, StringComparison.Ordinal);
        var post = await ward.PostFormAsync($"{Details(id)}?handler=Submit", [], pageUrl: "/Dossiers");
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        var wizard = await ward.PostFormAsync($"/Dossiers/Wizard/{id}?step=4", new() { ["Input.ProposedLevel"] = "5", ["Input.ProposalJustification"] = "x" }, pageUrl: "/Dossiers");
        Assert.Equal(HttpStatusCode.NotFound, wizard.StatusCode);

        // Leadership reads the dossier but takes no step; the officer cannot take the reviewer's.
        var leader = await SignInAsync("lanhdao@sl.vn");
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync(Details(id))).StatusCode);
        (await StepAsync(leader, id, "Submit", await CurrentStampAsync(id))).AssertRedirectsTo("/Account/AccessDenied");
        (await leader.GetAsync($"/Dossiers/Wizard/{id}")).AssertRedirectsTo("/Account/AccessDenied");
        Assert.Equal(DossierState.Draft, await Factory.WithDbAsync(db => db.LevelDossiers.Where(d => d.Id == id).Select(d => d.State).SingleAsync()));

        (await StepAsync(officer, id, "Submit")).AssertRedirectsTo(Details(id));
        var accept = await StepAsync(officer, id, "Accept", await CurrentStampAsync(id));
        Assert.Equal(HttpStatusCode.OK, accept.StatusCode);
        Assert.Contains("Chỉ cán bộ của đơn vị chuyên trách", (await accept.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(DossierState.Submitted, await Factory.WithDbAsync(db => db.LevelDossiers.Where(d => d.Id == id).Select(d => d.State).SingleAsync()));
    }

    [Fact]
    public async Task A_level_4_dossier_gets_the_expert_opinion_and_a_dossier_the_approver_refuses_is_rejected_with_its_reason()
    {
        await ArrangeAsync();
        var officer = await SignInAsync("yte@sl.vn");
        var reviewer = await SignInAsync("td@sl.vn", Totp.Key);
        var today = VietnamTime.Today(TimeProvider.System).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        // Levels 4–5: the cybersecurity unit's expert opinion is recorded while the dossier is submitted.
        var critical = await Factory.CreateSystemAsync("SYT-CSDL", "Cơ sở dữ liệu y tế tỉnh", _health.Id);
        var high = await PrepareAsync(officer, critical, level: 4, justification: "Cơ sở dữ liệu dùng chung của ngành y tế toàn tỉnh.");
        (await officer.UploadAsync(high, "RiskAssessment", "danh-gia-rui-ro.pdf", DossierTestKit.Pdf)).AssertRedirectsTo(Details(high));
        (await StepAsync(officer, high, "Submit")).AssertRedirectsTo(Details(high));
        var noNumber = await StepAsync(reviewer, high, "ExpertOpinion", new() { ["Act.Date"] = today, ["Act.Text"] = "Đề xuất phù hợp." });
        Assert.Contains("Số văn bản ý kiến chuyên môn", (await noNumber.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
        (await StepAsync(reviewer, high, "ExpertOpinion", new() { ["Act.Number"] = "12/CV-CAT", ["Act.Date"] = today, ["Act.Text"] = "Đề xuất cấp độ 4 phù hợp." }))
            .AssertRedirectsTo(Details(high));
        Assert.Equal("12/CV-CAT", await Factory.WithDbAsync(db => db.LevelDossiers.Where(d => d.Id == high).Select(d => d.ExpertOpinionNumber).SingleAsync()));

        // Level 2: the security unit approves; it may refuse, with its reason, and the system keeps no level.
        var system = await Factory.CreateSystemAsync("SYT-TT", "Trang tin nội bộ Sở Y tế", _health.Id);
        var id = await PrepareAsync(officer, system, level: 2);
        (await StepAsync(officer, id, "Submit")).AssertRedirectsTo(Details(id));
        (await StepAsync(reviewer, id, "Accept")).AssertRedirectsTo(Details(id));
        (await StepAsync(reviewer, id, "Appraise", new() { ["Act.Conclusion"] = nameof(AppraisalConclusion.Suitable), ["Act.Text"] = "Phù hợp." })).AssertRedirectsTo(Details(id));
        var noReason = await StepAsync(reviewer, id, "Reject");
        Assert.Contains("Lý do không phê duyệt", (await noReason.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
        (await StepAsync(reviewer, id, "Reject", new() { ["Act.Reason"] = "Hệ thống sắp hợp nhất vào cổng chung của tỉnh." })).AssertRedirectsTo(Details(id));
        Assert.Equal(DossierState.Rejected, await Factory.WithDbAsync(db => db.LevelDossiers.Where(d => d.Id == id).Select(d => d.State).SingleAsync()));
        Assert.Null(await Factory.WithDbAsync(db => db.InformationSystems.Where(s => s.Id == system.Id).Select(s => s.ApprovedLevel).SingleAsync()));
        Assert.Contains("Hệ thống sắp hợp nhất", (await officer.GetDocumentAsync(Details(id))).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_answers_and_bad_decisions_are_explained_in_vietnamese_and_what_was_typed_is_kept()
    {
        await ArrangeAsync();
        var system = await Factory.CreateSystemAsync("SYT-DVC", "Cổng dịch vụ công Sở Y tế", _health.Id);
        var officer = await SignInAsync("yte@sl.vn");
        var id = await PrepareAsync(officer, system, level: 3, administrativeProcedures: true);

        // State secret without a harm level: refused, the boxes stay ticked.
        var secret = await officer.PostFormAsync($"/Dossiers/Wizard/{id}?step=2", new Dictionary<string, string>
        {
            ["Input.FunctionKind"] = nameof(SystemFunctionKind.Internal), ["Input.InformationTypes"] = nameof(InformationTypes.StateSecret),
        });
        Assert.Equal(HttpStatusCode.OK, secret.StatusCode);
        var secretPage = await secret.ParseAsync();
        Assert.Contains("cần chọn mức độ tổn hại", secretPage.Body!.TextContent, StringComparison.Ordinal);
        Assert.True(secretPage.QuerySelector("#info-StateSecret")!.HasAttribute("checked"));

        // A level below the engine's names the article that forbids it; a number that is not a number is explained.
        var lower = await officer.PostFormAsync($"/Dossiers/Wizard/{id}?step=4", new Dictionary<string, string> { ["Input.ProposedLevel"] = "2" });
        Assert.Contains("Điều 13 khoản 2 điểm b Nghị định 331/2026/NĐ-CP", (await lower.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
        // (Issue 18: an internal system is not asked its user count any more; the Prime Minister's level is asked of every system.)
        var nonsense = await officer.PostFormAsync($"/Dossiers/Wizard/{id}?step=3", new Dictionary<string, string> { ["Input.DesignatedLevel"] = "rất nhiều" });
        var nonsensePage = await nonsense.ParseAsync();
        Assert.Contains("không hợp lệ", nonsensePage.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("rất nhiều", nonsensePage.QuerySelector("#Input_DesignatedLevel")!.GetAttribute("value"));
        Assert.Equal(3, await Factory.WithDbAsync(db => db.LevelDossiers.Where(d => d.Id == id).Select(d => d.ProposedLevel).SingleAsync()));

        // Uploads: the content decides, not the name; too large is refused; a path in the name is dropped.
        var fake = await officer.UploadAsync(id, "Other", "virus.pdf", "MZ\u0090\0 this is an executable"u8.ToArray());
        Assert.Contains("không đúng định dạng .pdf", (await fake.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
        var exe = await officer.UploadAsync(id, "Other", "setup.exe", DossierTestKit.Pdf);
        Assert.Contains("không được chấp nhận", (await exe.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
        (await officer.UploadAsync(id, "Other", "../../etc/ghi-chu.pdf", DossierTestKit.Pdf)).AssertRedirectsTo(Details(id));
        Assert.True(await Factory.WithDbAsync(db => db.DossierAttachments.AnyAsync(a => a.DossierId == id && a.File.FileName == "ghi-chu.pdf")));
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/Dossiers/Attach/{id}")).StatusCode);

        // Level 3: the owner decides; a colleague of the same agency records the owner's decision, not the submitter.
        (await StepAsync(officer, id, "Submit")).AssertRedirectsTo(Details(id));
        var reviewer = await SignInAsync("td@sl.vn", Totp.Key);
        (await StepAsync(reviewer, id, "Accept")).AssertRedirectsTo(Details(id));
        Assert.NotNull(await Factory.WithDbAsync(db => db.LevelDossiers.Where(d => d.Id == id).Select(d => d.AppraisalDue).SingleAsync()));
        var noSection = await StepAsync(reviewer, id, "Appraise", new() { ["Act.Conclusion"] = nameof(AppraisalConclusion.NotSuitable) });
        Assert.Contains("Để kết luận «chưa phù hợp», hãy đánh dấu «Cần bổ sung»", (await noSection.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
        (await StepAsync(reviewer, id, "Appraise", new() { ["Act.Conclusion"] = nameof(AppraisalConclusion.Suitable) })).AssertRedirectsTo(Details(id));

        var colleague = await SignInAsync("yte2@sl.vn");
        (await colleague.UploadAsync(id, "SecurityRulesDecision", "quy-che.pdf", DossierTestKit.Pdf)).AssertRedirectsTo(Details(id));
        (await colleague.UploadAsync(id, "ScannedDecision", "quyet-dinh.pdf", DossierTestKit.Pdf)).AssertRedirectsTo(Details(id));
        var future = VietnamTime.Today(TimeProvider.System).AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var early = await StepAsync(colleague, id, "Approve", new() { ["Act.Number"] = "45/QĐ-SYT", ["Act.Date"] = future, ["Act.Signer"] = "Trần Thị Bình" });
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        var earlyPage = await early.ParseAsync();
        Assert.Contains("không được sau ngày hôm nay", earlyPage.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("45/QĐ-SYT", earlyPage.QuerySelector("#dec-number")!.GetAttribute("value"));
        Assert.Equal("Trần Thị Bình", earlyPage.QuerySelector("#dec-signer")!.GetAttribute("value"));

        var own = await StepAsync(officer, id, "Approve", new() { ["Act.Number"] = "45/QĐ-SYT", ["Act.Date"] = "2026-01-01", ["Act.Signer"] = "Trần Thị Bình" });
        Assert.Contains("Người lập hoặc gửi hồ sơ không được phê duyệt", (await own.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(await Factory.WithDbAsync(db => db.InformationSystems.Where(s => s.Id == system.Id).Select(s => s.ApprovedLevel).SingleAsync()));

        var today = VietnamTime.Today(TimeProvider.System).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        (await StepAsync(colleague, id, "Approve", new() { ["Act.Number"] = "45/QĐ-SYT", ["Act.Date"] = today, ["Act.Signer"] = "Trần Thị Bình" })
            ).AssertRedirectsTo(Details(id));
        Assert.Equal(3, await Factory.WithDbAsync(db => db.InformationSystems.Where(s => s.Id == system.Id).Select(s => s.ApprovedLevel).SingleAsync()));
    }

    [Fact]
    public async Task The_request_and_the_draft_decision_are_word_documents_filled_from_the_dossier()
    {
        await ArrangeAsync();
        var system = await Factory.CreateSystemAsync("SYT-QLVB", "Hệ thống quản lý văn bản Sở Y tế", _health.Id);
        var officer = await SignInAsync("yte@sl.vn");
        var id = await PrepareAsync(officer, system, level: 2);
        foreach (var (form, title) in new[] { ("request", "đề nghị thẩm định, phê duyệt hồ sơ đề xuất cấp độ"), ("decision", "QUYẾT ĐỊNH") })
        {
            var response = await officer.GetAsync($"{Details(id)}?handler=Document&form={form}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", response.Content.Headers.ContentType!.MediaType);
            await using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
            using var document = WordprocessingDocument.Open(stream, false);
            Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document));
            var text = document.MainDocumentPart!.Document!.Body!.InnerText;
            Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", text, StringComparison.Ordinal);
            Assert.Contains("Hệ thống quản lý văn bản Sở Y tế", text, StringComparison.Ordinal);
            Assert.Contains(title, text, StringComparison.Ordinal);
            Assert.Contains("cấp độ 2", text, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_step_from_a_stale_page_is_refused_and_nothing_changes()
    {
        await ArrangeAsync();
        var system = await Factory.CreateSystemAsync("SYT-QLVB", "Hệ thống quản lý văn bản Sở Y tế", _health.Id);
        var officer = await SignInAsync("yte@sl.vn");
        var id = await PrepareAsync(officer, system, level: 2);
        var stale = (await officer.GetDocumentAsync($"/Dossiers/Wizard/{id}?step=4")).QuerySelector("input[name=ConcurrencyStamp]")!.GetAttribute("value")!;
        (await StepAsync(officer, id, "Submit")).AssertRedirectsTo(Details(id));

        var reviewer = await SignInAsync("td@sl.vn", Totp.Key);
        var networkZones = DossierTestKit.Verdict("Content:NetworkZones", "NeedsChange", "Thiếu sơ đồ vùng mạng.");
        var old = await StepAsync(reviewer, id, "Return", DossierTestKit.Fields(networkZones, new() { ["Act.Reason"] = "Thiếu sơ đồ.", ["ConcurrencyStamp"] = stale }));
        old.AssertRedirectsTo(Details(id));
        Assert.Equal(DossierState.Submitted, await Factory.WithDbAsync(db => db.LevelDossiers.Where(d => d.Id == id).Select(d => d.State).SingleAsync()));
        var page = await reviewer.GetDocumentAsync(Details(id));
        Assert.Contains("vừa được người khác thay đổi", page.Body!.TextContent, StringComparison.Ordinal);

        (await StepAsync(reviewer, id, "Return", DossierTestKit.Fields(networkZones, new() { ["Act.Reason"] = "Thiếu sơ đồ." }))).AssertRedirectsTo(Details(id));
        var returned = await officer.GetDocumentAsync(Details(id));
        Assert.Contains("Thiếu sơ đồ.", returned.QuerySelector("#dossier-history")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Bị trả lại", returned.QuerySelector("#dossier-state")!.TextContent, StringComparison.Ordinal);
    }
}

/// <summary>The upload limits, lowered so the tests stay small.</summary>
public sealed class DossierFileTests : PortalTestBase
{
    protected override PortalFactory Configure(PortalFactory factory) =>
        factory.With("Files:MaxBytes", "200000").With("Files:MaxUnpackedBytes", "1000000");

    [Fact]
    public async Task Files_are_checked_by_content_stored_once_by_hash_and_downloaded_as_attachments_and_zip_bombs_are_refused()
    {
        var factory = Factory;
        var agency = await factory.CreateAgencyAsync("SL-STC", "Sở Tài chính");
        await factory.CreateUserAsync("stc@sl.vn", PortalRoles.AgencyOfficer, agency.Id);
        var system = await factory.CreateSystemAsync("STC-KT", "Hệ thống kế toán", agency.Id);
        var officer = await SignInAsync("stc@sl.vn");
        var id = await officer.CreateDossierAsync(system.Id);

        var bomb = await officer.UploadAsync(id, "Design", "thiet-ke.docx", DossierTestKit.Docx(zeroBytes: 2_000_000));
        Assert.Contains("bom nén", (await bomb.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
        // Over the file limit but within the request's room for the form (64 KiB): the form answers, with what was chosen.
        // A request beyond that room is refused before it is read (UploadLimitTests).
        var large = await officer.UploadAsync(id, "Overview", "lon.pdf", [.. DossierTestKit.Pdf, .. new byte[230_000]]);
        Assert.Contains("Tệp quá lớn", (await large.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithDbAsync(db => db.DossierAttachments.CountAsync()));

        (await officer.UploadAsync(id, "Overview", "a.pdf", DossierTestKit.Pdf)).AssertRedirectsTo($"/Dossiers/Details/{id}");
        (await officer.UploadAsync(id, "SecurityPlan", "b.pdf", DossierTestKit.Pdf)).AssertRedirectsTo($"/Dossiers/Details/{id}");
        var stored = Directory.GetFiles(factory.FilesRoot, "*", SearchOption.AllDirectories).Where(f => !Path.GetRelativePath(factory.FilesRoot, f).StartsWith("tmp", StringComparison.Ordinal)).ToList();
        Assert.Single(stored);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(DossierTestKit.Pdf)), Path.GetFileName(stored[0]));

        var attachment = await factory.WithDbAsync(db => db.DossierAttachments.FirstAsync(a => a.File.FileName == "a.pdf"));
        var download = await officer.GetAsync($"{$"/Dossiers/Details/{id}"}?handler=File&attachmentId={attachment.Id}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal(DossierTestKit.Pdf, await download.Content.ReadAsByteArrayAsync());

        // A Vietnamese name with quotes is downloaded under exactly that name, encoded in the header (ASVS 5.0 V5.4.2).
        const string Quoted = "Quyết định \"phê duyệt\" số 12.pdf";
        await factory.WithDbAsync(db => db.DossierAttachments.Where(a => a.Id == attachment.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.File.FileName, Quoted)));
        var named = await officer.GetAsync($"/Dossiers/Details/{id}?handler=File&attachmentId={attachment.Id}");
        Assert.Equal(Quoted, named.Content.Headers.ContentDisposition!.FileNameStar);
        Assert.DoesNotContain(named.Content.Headers.GetValues("Content-Disposition"), v => v.Contains('\r', StringComparison.Ordinal) || v.Contains('\n', StringComparison.Ordinal) || v.Contains("phê", StringComparison.Ordinal));
        await factory.WithDbAsync(db => db.DossierAttachments.Where(a => a.Id == attachment.Id).ExecuteUpdateAsync(u => u.SetProperty(a => a.File.FileName, "a.pdf")));

        // Removing one of the two attachments keeps the other, and the stored file they share.
        var second = await factory.WithDbAsync(db => db.DossierAttachments.FirstAsync(a => a.File.FileName == "b.pdf"));
        (await officer.PostFormAsync($"/Dossiers/Details/{id}?handler=RemoveAttachment&attachmentId={second.Id}", [], pageUrl: $"/Dossiers/Details/{id}"))
            .AssertRedirectsTo($"/Dossiers/Details/{id}");
        Assert.Equal(["a.pdf"], await factory.WithDbAsync(db => db.DossierAttachments.Where(a => a.DossierId == id).Select(a => a.File.FileName).ToListAsync()));
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/Dossiers/Details/{id}?handler=File&attachmentId={attachment.Id}")).StatusCode);
    }

    /// <summary>ASVS 5.0 V5.2.2: the entries of an accepted ZIP are checked, not only its first bytes.</summary>
    [Fact]
    public async Task Crafted_archives_are_refused_by_their_entries_names_real_sizes_and_office_parts()
    {
        var agency = await Factory.CreateAgencyAsync("SL-STP", "Sở Tư pháp");
        await Factory.CreateUserAsync("stp@sl.vn", PortalRoles.AgencyOfficer, agency.Id);
        var system = await Factory.CreateSystemAsync("STP-HT", "Hệ thống hộ tịch", agency.Id);
        var officer = await SignInAsync("stp@sl.vn");
        var id = await officer.CreateDossierAsync(system.Id);

        async Task<string> Refusal(string name, byte[] content) => (await (await officer.UploadAsync(id, "Design", name, content)).ParseAsync()).Body!.TextContent;

        // A name that climbs out of the folder it is unpacked into, or an absolute one.
        Assert.Contains("tên không an toàn", await Refusal("ho-so.zip", Zip(("../../etc/cron.d/portal", 10))), StringComparison.Ordinal);
        Assert.Contains("tên không an toàn", await Refusal("ho-so.zip", Zip(("/tmp/x.sh", 10))), StringComparison.Ordinal);
        Assert.Contains("tên không an toàn", await Refusal("ho-so.zip", Zip((@"a\..\..\x.bat", 10))), StringComparison.Ordinal);
        // Sizes in the archive that lie: it claims 10 bytes for an entry that unpacks to 900 kB (over the limit with the
        // other entry's 300 kB): the bytes are counted, not the claims.
        var lying = Zip(("a.bin", 300_000), ("b.bin", 900_000));
        ClaimSizes(lying, 10);
        Assert.Matches("bom nén|bị hỏng", await Refusal("ho-so.zip", lying));
        // A .docx that is a ZIP but no Office package.
        Assert.Contains("không phải tài liệu .docx hợp lệ", await Refusal("thiet-ke.docx", Zip(("readme.txt", 10))), StringComparison.Ordinal);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.DossierAttachments.CountAsync()));

        // An ordinary archive is stored.
        (await officer.UploadAsync(id, "Design", "ho-so.zip", Zip(("thu-muc/ban-ve.txt", 1000), ("mô tả.txt", 10)))).AssertRedirectsTo($"/Dossiers/Details/{id}");
    }

    private static byte[] Zip(params (string Name, int Size)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(buffer, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, size) in entries)
            {
                using var entry = zip.CreateEntry(name, System.IO.Compression.CompressionLevel.Fastest).Open();
                var bytes = new byte[size];
                Random.Shared.NextBytes(bytes.AsSpan(0, size / 20)); // a little noise: not a zip bomb by its ratio
                entry.Write(bytes);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>Writes <paramref name="claimed"/> as every entry's uncompressed size, in the local headers and the central directory.</summary>
    private static void ClaimSizes(byte[] zip, int claimed)
    {
        for (var i = 0; i + 30 < zip.Length; i++)
        {
            var signature = BitConverter.ToUInt32(zip, i);
            if (signature == 0x04034b50)
            {
                BitConverter.TryWriteBytes(zip.AsSpan(i + 22, 4), claimed);
            }
            else if (signature == 0x02014b50)
            {
                BitConverter.TryWriteBytes(zip.AsSpan(i + 24, 4), claimed);
            }
        }
    }
}
