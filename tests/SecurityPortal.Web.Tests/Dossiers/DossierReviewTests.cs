using System.Net;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Assessments;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Dossiers;
using SecurityPortal.Domain.Systems;
using static SecurityPortal.Tests.Dossiers.DossierTestKit;

namespace SecurityPortal.Tests.Dossiers;

/// <summary>
/// The review through the real pages (issue 17): verdicts per section, the return with the sections to change, what the
/// officer sees first and beside the fields, the «what changed» view after resubmission, and the level-3 owner decision.
/// </summary>
public sealed class DossierReviewTests : PortalTestBase
{
    private Agency _health = null!;

    private async Task ArrangeAsync()
    {
        _health = await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        var ward = await Factory.CreateAgencyAsync("SL-PBT", "Ủy ban nhân dân phường Bến Thủy", AgencyKind.CommuneCommittee);
        await Factory.CreateUserAsync("yte@sl.vn", PortalRoles.AgencyOfficer, _health.Id);
        await Factory.CreateUserAsync("yte2@sl.vn", PortalRoles.AgencyOfficer, _health.Id);
        await Factory.CreateUserAsync("phuong@sl.vn", PortalRoles.AgencyOfficer, ward.Id);
        await Factory.CreateUserAsync("td@sl.vn", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
    }

    /// <summary>The people, and a dossier of the level prepared and submitted by the Sở Y tế's officer through the pages.</summary>
    private async Task<(HttpClient Officer, Guid Id, InformationSystem System)> SubmittedAsync(int level)
    {
        await ArrangeAsync();
        var system = await Factory.CreateSystemAsync("SYT-HT", "Hệ thống quản lý văn bản Sở Y tế", _health.Id);
        var officer = await SignInAsync("yte@sl.vn");
        var id = await officer.PrepareDossierAsync(system, level, administrativeProcedures: level == 3);
        (await officer.StepAsync(id, "Submit")).AssertRedirectsTo(Details(id));
        return (officer, id, system);
    }

    private Task<DossierState> StateAsync(Guid id) => Factory.WithDbAsync(db => db.LevelDossiers.Where(d => d.Id == id).Select(d => d.State).SingleAsync());

    private static string Text(AngleSharp.Dom.IParentNode page, string selector) =>
        page.QuerySelector(selector)?.TextContent ?? throw new InvalidOperationException($"{selector} is not on the page");

    [Fact]
    public async Task The_reviewer_returns_sections_with_comments_the_officer_sees_them_first_and_beside_the_fields_and_the_resubmission_says_what_changed()
    {
        var (officer, id, _) = await SubmittedAsync(2);

        // Every section has its verdict and comment, none chosen beforehand: 4 answer steps, 9 sections of level 2, 3 documents.
        var reviewer = await SignInAsync("td@sl.vn", Totp.Key);
        var page = await reviewer.GetDocumentAsync(Details(id));
        Assert.Equal(16, page.QuerySelectorAll(".section-review textarea[name$='.Comment'][form=review-form]").Length);
        Assert.Equal(32, page.QuerySelectorAll("input[type=radio][name^='Sections['][form=review-form]").Length);
        Assert.Empty(page.QuerySelectorAll("input[type=radio][name^='Sections[']:checked"));
        Assert.NotNull(page.QuerySelector("form#review-form input[name=__RequestVerificationToken]"));

        // Returning with nothing marked «Cần bổ sung» is refused, and what was typed stays on the form.
        var nothing = await reviewer.StepAsync(id, "Return", Fields(
            Verdict("Content:Parties", "Accepted"), Verdict("Content:SecurityPlan", null, "Đang xem tiếp."), new() { ["Act.Reason"] = "Nhận xét chung." }));
        Assert.Equal(HttpStatusCode.OK, nothing.StatusCode);
        var refused = await nothing.ParseAsync();
        Assert.Contains("chưa chọn «Đạt» hoặc «Cần bổ sung»", refused.Body!.TextContent, StringComparison.Ordinal);
        Assert.True(refused.QuerySelector("#verdict-Accepted-Content-Parties")!.HasAttribute("checked"));
        Assert.Equal("Đang xem tiếp.", refused.QuerySelector("#comment-Content-SecurityPlan")!.TextContent);
        Assert.Equal("Nhận xét chung.", refused.QuerySelector("#return-reason")!.TextContent);
        var unmarked = await reviewer.StepAsync(id, "Return", Fields(Verdict("Content:Parties", "Accepted"), new() { ["Act.Reason"] = "Nhận xét chung." }));
        Assert.Contains("Để trả lại hồ sơ, hãy đánh dấu «Cần bổ sung» (kèm nhận xét) ở ít nhất một mục", (await unmarked.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(DossierState.Submitted, await StateAsync(id));

        // Saved as the reviewer goes, then returned with three sections to change.
        (await reviewer.StepAsync(id, "Review", Verdict("Content:Parties", "Accepted"))).AssertRedirectsTo(Details(id));
        Assert.True((await reviewer.GetDocumentAsync(Details(id))).QuerySelector("#verdict-Accepted-Content-Parties")!.HasAttribute("checked"));
        (await reviewer.StepAsync(id, "Return", Fields(
            Verdict("Content:Parties", "Accepted"),
            Verdict("Content:NetworkZones", "NeedsChange", "Thiếu dải địa chỉ IP công cộng."),
            Verdict("Answers:3", "NeedsChange", "Yêu cầu vận hành 24/7 chưa khớp với thuyết minh."),
            Verdict("Documents:Design", "NeedsChange", "Bản thiết kế chưa có sơ đồ mạng.")))).AssertRedirectsTo(Details(id));
        Assert.Equal(DossierState.Returned, await StateAsync(id));
        var officerId = await Factory.WithDbAsync(db => db.Users.Where(u => u.Email == "yte@sl.vn").Select(u => u.Id).SingleAsync());
        Assert.Contains("cần bổ sung 3 mục", await Factory.WithDbAsync(db => db.Notifications.Where(n => n.UserId == officerId).OrderByDescending(n => n.CreatedAtUtc).Select(n => n.Text).FirstAsync()), StringComparison.Ordinal);
        Assert.True(await Factory.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.EntityType == nameof(DossierSectionReview) && e.Changes.Contains("Thiếu dải địa chỉ IP công cộng."))));

        // The officer sees the returned sections first, highlighted, with the comments and where to change them.
        var returned = await officer.GetDocumentAsync(Details(id));
        var html = returned.Body!.InnerHtml;
        Assert.True(html.IndexOf("id=\"returned-sections\"", StringComparison.Ordinal) < html.IndexOf("id=\"facts-h\"", StringComparison.Ordinal));
        Assert.Contains("Đơn vị chuyên trách đề nghị bổ sung 3 mục", Text(returned, "#returned-h"), StringComparison.Ordinal);
        var items = returned.QuerySelectorAll("#returned-sections .returned-section");
        Assert.Equal(["Answers:3", "Content:NetworkZones", "Documents:Design"], items.Select(i => i.GetAttribute("data-section")!).ToArray());
        Assert.Contains("Thiếu dải địa chỉ IP công cộng.", items[1].TextContent, StringComparison.Ordinal);
        Assert.Equal($"/Dossiers/Wizard/{id}?step=5#content-NetworkZones", items[1].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal($"/Dossiers/Wizard/{id}?step=3", items[0].QuerySelector("a")!.GetAttribute("href"));
        Assert.Equal($"/Dossiers/Attach/{id}?kind=Design", items[2].QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("Bản thiết kế chưa có sơ đồ mạng.", Text(returned, "#review-Documents-Design .returned-comment"), StringComparison.Ordinal);
        Assert.Null(returned.QuerySelector("#review-Content-Parties .returned-comment"));
        Assert.Empty(returned.QuerySelectorAll("input[type=radio][name^='Sections[']"));

        // Beside the fields to change: the wizard's step and field, the upload page.
        var step5 = await officer.GetDocumentAsync($"/Dossiers/Wizard/{id}?step=5");
        Assert.Contains("Thiếu dải địa chỉ IP công cộng.", Text(step5, "#returned-NetworkZones"), StringComparison.Ordinal);
        Assert.Equal("content-NetworkZones", step5.QuerySelector("#returned-NetworkZones")!.NextElementSibling!.Id);
        Assert.Null(step5.QuerySelector("#returned-Parties"));
        Assert.Contains("Yêu cầu vận hành 24/7 chưa khớp", Text(await officer.GetDocumentAsync($"/Dossiers/Wizard/{id}?step=3"), "#returned-step"), StringComparison.Ordinal);
        var attach = await officer.GetDocumentAsync($"/Dossiers/Attach/{id}?kind=Design");
        Assert.Contains("Bản thiết kế chưa có sơ đồ mạng.", Text(attach, "#returned-documents"), StringComparison.Ordinal);
        Assert.True(attach.QuerySelector("#Kind option[value=Design]")!.HasAttribute("selected"));

        // Resubmitting before the marked sections are changed is refused, and the checklist says which.
        var checklist = Text(returned, "#checklist");
        Assert.Contains("Mục «Phân vùng mạng và quy hoạch địa chỉ IP» được đề nghị bổ sung nhưng chưa được sửa.", checklist, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await officer.StepAsync(id, "Submit", await Factory.CurrentStampAsync(id))).StatusCode);
        Assert.Equal(DossierState.Returned, await StateAsync(id));

        // The officer changes the three sections and resubmits.
        var content = ContentAnswers(2);
        content["Input.Content[NetworkZones]"] = "Vùng DMZ 203.0.113.0/28; vùng máy chủ 10.20.1.0/24.";
        (await officer.PostFormAsync($"/Dossiers/Wizard/{id}?step=5", content)).AssertRedirectsTo($"/Dossiers/Wizard/{id}");
        var answers = Step3Answers();
        answers["Input.Requires24x7"] = "true"; // not a national e-government system (Step3Answers): still level 2
        (await officer.PostFormAsync($"/Dossiers/Wizard/{id}?step=3", answers)).AssertRedirectsTo($"/Dossiers/Wizard/{id}");
        var oldDesign = await Factory.WithDbAsync(db => db.DossierAttachments.Where(a => a.DossierId == id && a.Kind == AttachmentKind.Design).Select(a => a.Id).SingleAsync());
        (await officer.UploadAsync(id, "Design", "thiet-ke-co-so-do.pdf", [.. Pdf, .. "% so do mang\n"u8.ToArray()])).AssertRedirectsTo(Details(id));
        (await officer.PostFormAsync($"{Details(id)}?handler=RemoveAttachment&attachmentId={oldDesign}", [], pageUrl: Details(id))).AssertRedirectsTo(Details(id));
        var ready = await officer.GetDocumentAsync(Details(id));
        Assert.Null(ready.QuerySelector("#checklist"));
        Assert.Equal(3, ready.QuerySelectorAll("#returned-sections .badge.text-bg-success").Length);
        (await officer.StepAsync(id, "Submit")).AssertRedirectsTo(Details(id));

        // Both the officer and the reviewer see, per section, what changed since the return; the new round starts unjudged.
        foreach (var client in new[] { officer, reviewer })
        {
            var after = await client.GetDocumentAsync(Details(id));
            Assert.Contains("3 mục có thay đổi, 13 mục giữ nguyên.", Text(after, "#changes-since-return"), StringComparison.Ordinal);
            var rows = after.QuerySelectorAll("#changes-since-return tbody tr").ToDictionary(r => r.GetAttribute("data-section")!, r => r.TextContent);
            Assert.Equal(16, rows.Count);
            Assert.Contains("Đã sửa", rows["Content:NetworkZones"], StringComparison.Ordinal);
            Assert.Contains("Thiếu dải địa chỉ IP công cộng.", rows["Content:NetworkZones"], StringComparison.Ordinal);
            Assert.Contains("Đã sửa", rows["Answers:3"], StringComparison.Ordinal);
            Assert.Contains("Đã sửa", rows["Documents:Design"], StringComparison.Ordinal);
            Assert.Contains("Không thay đổi", rows["Content:Parties"], StringComparison.Ordinal);
            Assert.Contains("Đạt", rows["Content:Parties"], StringComparison.Ordinal);
            Assert.Contains("Không thay đổi", rows["Answers:2"], StringComparison.Ordinal);
            Assert.Contains("Đã sửa", Text(after, "#review-Content-NetworkZones .change-since-return"), StringComparison.Ordinal);
        }

        var second = await reviewer.GetDocumentAsync(Details(id));
        Assert.Empty(second.QuerySelectorAll("input[type=radio][name^='Sections[']:checked"));
        Assert.Equal(16, second.QuerySelectorAll("input[type=radio][name^='Sections['][value=Accepted]").Length);
    }

    [Fact]
    public async Task The_review_handlers_answer_404_to_another_agency_refuse_an_officer_and_a_form_without_its_token()
    {
        var (officer, id, _) = await SubmittedAsync(2);
        var marked = Verdict("Content:NetworkZones", "NeedsChange", "Thiếu sơ đồ.");

        var ward = await SignInAsync("phuong@sl.vn");
        foreach (var handler in new[] { "Review", "Return", "Accept", "Appraise" })
        {
            var foreign = await ward.PostFormAsync($"{Details(id)}?handler={handler}", Fields(marked, await Factory.CurrentStampAsync(id)), pageUrl: "/Dossiers");
            Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        }

        // The officer of the owning agency sees no review form and cannot judge sections by posting one.
        Assert.Null((await officer.GetDocumentAsync(Details(id))).QuerySelector("#review-form"));
        var forged = await officer.StepAsync(id, "Review", Fields(marked, await Factory.CurrentStampAsync(id)));
        Assert.Equal(HttpStatusCode.OK, forged.StatusCode);
        Assert.Contains("Chỉ cán bộ của đơn vị chuyên trách mới được ghi nhận ý kiến từng mục.", (await forged.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);

        // A post without the antiforgery token is refused before the handler.
        var reviewer = await SignInAsync("td@sl.vn", Totp.Key);
        var stamp = await Factory.CurrentStampAsync(id);
        var noToken = await reviewer.PostAsync($"{Details(id)}?handler=Return", new FormUrlEncodedContent(Fields(marked, stamp)));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.LevelDossiers.Where(d => d.Id == id).SelectMany(d => d.Reviews).CountAsync()));
        Assert.Equal(DossierState.Submitted, await StateAsync(id));

        // A verdict the form never offers is explained, not taken for «none».
        var odd = await reviewer.StepAsync(id, "Review", Verdict("Content:NetworkZones", "Maybe", "Thiếu sơ đồ."));
        Assert.Contains("Có ý kiến từng mục không hợp lệ", (await odd.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unsuitable_appraisal_sends_back_the_marked_sections_and_no_conclusion_is_chosen_for_the_reviewer()
    {
        var (officer, id, _) = await SubmittedAsync(3);
        var reviewer = await SignInAsync("td@sl.vn", Totp.Key);

        // A section marked «Cần bổ sung» stops acceptance; marked «Đạt» it lets the dossier through.
        var plan = Verdict("Content:SecurityPlan", "NeedsChange", "Chưa có phương án sao lưu dữ liệu.");
        var blocked = await reviewer.StepAsync(id, "Accept", plan);
        Assert.Contains("Còn 1 mục được đánh dấu «Cần bổ sung»", (await blocked.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(DossierState.Submitted, await StateAsync(id));
        (await reviewer.StepAsync(id, "Accept", Verdict("Content:SecurityPlan", "Accepted"))).AssertRedirectsTo(Details(id));

        var page = await reviewer.GetDocumentAsync(Details(id));
        Assert.Empty(page.QuerySelectorAll("input[name='Act.Conclusion']:checked"));
        var noConclusion = await reviewer.StepAsync(id, "Appraise", plan);
        Assert.Contains("Hãy chọn kết luận thẩm định", (await noConclusion.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
        var suitable = await reviewer.StepAsync(id, "Appraise", Fields(plan, new() { ["Act.Conclusion"] = nameof(AppraisalConclusion.Suitable) }));
        Assert.Contains("không thể kết luận «phù hợp»", (await suitable.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(DossierState.UnderAppraisal, await StateAsync(id));

        (await reviewer.StepAsync(id, "Appraise", Fields(plan, new() { ["Act.Conclusion"] = nameof(AppraisalConclusion.NotSuitable) }))).AssertRedirectsTo(Details(id));
        Assert.Equal(DossierState.NeedsRevision, await StateAsync(id));
        var back = await officer.GetDocumentAsync(Details(id));
        Assert.Equal(["Content:SecurityPlan"], back.QuerySelectorAll("#returned-sections .returned-section").Select(i => i.GetAttribute("data-section")!).ToArray());
        Assert.Contains("Chưa có phương án sao lưu dữ liệu.", Text(back, "#returned-sections"), StringComparison.Ordinal);
        Assert.Contains("Cần bổ sung: «Phương án bảo đảm an toàn theo cấp độ»", Text(back, "#dossier-history"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_level_3_owner_decision_is_uploaded_and_recorded_by_an_officer_of_the_owner_agency_not_by_the_reviewer()
    {
        var (_, id, system) = await SubmittedAsync(3);
        var reviewer = await SignInAsync("td@sl.vn", Totp.Key);
        (await reviewer.StepAsync(id, "Accept")).AssertRedirectsTo(Details(id));
        (await reviewer.StepAsync(id, "Appraise", new() { ["Act.Conclusion"] = nameof(AppraisalConclusion.Suitable) })).AssertRedirectsTo(Details(id));
        var today = VietnamTime.Today(TimeProvider.System).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var decision = new Dictionary<string, string> { ["Act.Number"] = "45/QĐ-SYT", ["Act.Date"] = today, ["Act.Signer"] = "Trần Thị Bình" };

        // The province appraised; the owner decides: the reviewer gets no decision form, no upload, and a forged post is refused.
        var reviewerPage = await reviewer.GetDocumentAsync(Details(id));
        Assert.Null(reviewerPage.QuerySelector("#approve-h"));
        Assert.Contains("Cấp độ 3 do cơ quan chủ quản quyết định", Text(reviewerPage, "#awaiting-owner"), StringComparison.Ordinal);
        Assert.Null((await reviewer.GetDocumentAsync($"/Dossiers/Attach/{id}")).QuerySelector("#Kind option[value=ScannedDecision]"));
        var forged = await reviewer.StepAsync(id, "Approve", Fields(decision, await Factory.CurrentStampAsync(id)));
        Assert.Contains("chỉ cán bộ của cơ quan chủ quản được tải lên và ghi nhận quyết định phê duyệt", (await forged.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);

        // A colleague of the owner agency uploads the signed decision and records it; the system takes level 3 from it.
        var colleague = await SignInAsync("yte2@sl.vn");
        var card = await colleague.GetDocumentAsync(Details(id));
        Assert.Contains("chưa đính kèm", Text(card, "#approval-documents"), StringComparison.Ordinal);
        Assert.Equal($"/Dossiers/Attach/{id}?kind=ScannedDecision", card.QuerySelectorAll("#approval-documents a")[^1].GetAttribute("href"));
        (await colleague.UploadAsync(id, "SecurityRulesDecision", "quy-che.pdf", Pdf)).AssertRedirectsTo(Details(id));
        (await colleague.UploadAsync(id, "ScannedDecision", "quyet-dinh-da-ky.pdf", Pdf)).AssertRedirectsTo(Details(id));
        Assert.Contains("quyet-dinh-da-ky.pdf", Text(await colleague.GetDocumentAsync(Details(id)), "#approval-documents"), StringComparison.Ordinal);
        (await colleague.StepAsync(id, "Approve", decision)).AssertRedirectsTo(Details(id));

        Assert.Equal(3, await Factory.WithDbAsync(db => db.InformationSystems.Where(s => s.Id == system.Id).Select(s => s.ApprovedLevel).SingleAsync()));
        Assert.Contains("45/QĐ-SYT", Text(await reviewer.GetDocumentAsync(Details(id)), "#decision"), StringComparison.Ordinal);
        var reviewerId = await Factory.WithDbAsync(db => db.Users.Where(u => u.Email == "td@sl.vn").Select(u => u.Id).SingleAsync());
        Assert.True(await Factory.WithDbAsync(db => db.Notifications.AnyAsync(n => n.UserId == reviewerId && n.Text.Contains("45/QĐ-SYT"))));
    }

    [Fact]
    public async Task The_history_names_the_section_a_verdict_is_about()
    {
        var (_, id, _) = await SubmittedAsync(2);
        var reviewer = await SignInAsync("td@sl.vn", Totp.Key);
        (await reviewer.StepAsync(id, "Review", Verdict("Content:NetworkZones", "NeedsChange", "Thiếu sơ đồ."))).AssertRedirectsTo(Details(id));

        await Factory.CreateUserAsync("kiemtoan@sl.vn", PortalRoles.Auditor);
        var auditor = await SignInAsync("kiemtoan@sl.vn");
        var history = (await auditor.GetDocumentAsync($"/Audit?entity={nameof(DossierSectionReview)}")).Body!.TextContent;
        Assert.Contains("Ý kiến thẩm định từng mục của hồ sơ", history, StringComparison.Ordinal);
        Assert.Contains("Phân vùng mạng và quy hoạch địa chỉ IP", history, StringComparison.Ordinal);
        Assert.DoesNotContain("Content:NetworkZones", history, StringComparison.Ordinal);
        Assert.DoesNotContain(nameof(ItemReview.NeedsChange), history, StringComparison.Ordinal);
    }
}
