using SecurityPortal.Domain.Assessments;
using SecurityPortal.Domain.Classification;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Dossiers;
using static SecurityPortal.Domain.Tests.DossierScenario;

namespace SecurityPortal.Domain.Tests;

/// <summary>
/// The reviewer judges a dossier section by section («Đạt» / «Cần bổ sung» with a comment); a return needs at least one
/// section to change; after the officer's edits, the resubmitted dossier says per section what changed since the return.
/// </summary>
public sealed class DossierReviewTests
{
    private static SectionVerdict Verdict(string section, ItemReview review, string? comment = null) => new(section, review, comment);

    private static void Review(LevelDossier d, params SectionVerdict[] verdicts) => d.ReviewSections(Reviewer, verdicts, At(AcceptDay));

    private static LevelDossier Level2WithoutTheLevel4Sections()
    {
        var d = Dossier(2, DossierState.Draft);
        d.SetContent(FullContent() with { RelatedSystems = null, Threats = null, Impact = null, Justification24x7 = null });
        Submit(d);
        return d;
    }

    [Fact]
    public void The_sections_are_the_four_answer_steps_the_content_of_the_level_and_each_kind_of_document_the_officer_filed()
    {
        var level2 = Dossier(2, DossierState.Submitted);
        Assert.Equal(
            [
                "Answers:1", "Answers:2", "Answers:3", "Answers:4",
                "Content:Parties", "Content:ScopeAndUsers", "Content:Architecture", "Content:Equipment", "Content:Applications",
                "Content:NetworkZones", "Content:LevelJustification", "Content:RiskSummary", "Content:SecurityPlan",
                "Documents:Overview", "Documents:Design", "Documents:SecurityPlan",
            ],
            DossierSections.Of(Level2WithoutTheLevel4Sections()).Select(s => s.Key).ToArray());

        // A section beyond the level stays under review when the officer wrote it anyway.
        Assert.Contains("Content:Threats", DossierSections.Of(level2).Select(s => s.Key));

        // Levels 4–5 add their four sections and the risk assessment; the unit's own documents are not sections under review.
        var level4 = Dossier(4, DossierState.UnderAppraisal);
        var keys = DossierSections.Of(level4).Select(s => s.Key).ToList();
        Assert.Contains("Content:Justification24x7", keys);
        Assert.Contains("Documents:RiskAssessment", keys);
        Assert.Contains(level4.Attachments, a => a.Kind == AttachmentKind.ExpertOpinion);
        Assert.DoesNotContain("Documents:ExpertOpinion", keys);

        Assert.All(DossierSections.Of(level4), s => Assert.Equal(s.Title, DossierSections.Title(s.Key)));
        Assert.Null(DossierSections.Title("Documents:ScannedDecision"));
        Assert.Null(DossierSections.Title("Answers:5"));
        Assert.Null(DossierSections.Title("Content:Nothing"));
        Assert.Contains("Cấp độ đề xuất: Cấp độ 2", DossierSections.Of(level2).Single(s => s.Key == "Answers:4").Text, StringComparison.Ordinal);
    }

    [Fact]
    public void No_section_is_judged_until_the_reviewer_says_so_and_a_verdict_can_be_withdrawn()
    {
        var d = Dossier(2, DossierState.Submitted);
        Assert.Empty(d.CurrentReviews());

        Review(d, Verdict("Content:Parties", ItemReview.Accepted), Verdict("Answers:3", ItemReview.NeedsChange, "  Số người dùng chưa khớp với thuyết minh.  "));
        var reviews = d.CurrentReviews();
        Assert.Equal(ItemReview.Accepted, reviews["Content:Parties"].Review);
        Assert.Equal("Số người dùng chưa khớp với thuyết minh.", reviews["Answers:3"].Comment);
        Assert.Equal("reviewer", reviews["Answers:3"].ReviewerId);
        Assert.Equal(1, reviews["Answers:3"].Round);

        Review(d, Verdict("Answers:3", ItemReview.None));
        Assert.Equal(["Content:Parties"], d.CurrentReviews().Keys.ToArray());
    }

    [Theory]
    [InlineData("Content:SecurityPlan", ItemReview.NeedsChange, "  ", "Mục «Phương án bảo đảm an toàn theo cấp độ» được đánh dấu «Cần bổ sung»: hãy ghi nhận xét để đơn vị biết cần bổ sung gì.")]
    [InlineData("Content:SecurityPlan", ItemReview.None, "Thiếu sao lưu.", "Mục «Phương án bảo đảm an toàn theo cấp độ» có nhận xét nhưng chưa chọn «Đạt» hoặc «Cần bổ sung».")]
    [InlineData("Content:SecurityPlan", (ItemReview)7, null, "Mục «Phương án bảo đảm an toàn theo cấp độ»: kết quả xem xét không hợp lệ; chọn «Đạt» hoặc «Cần bổ sung».")]
    [InlineData("Content:Threats", ItemReview.Accepted, null, "Có mục không thuộc hồ sơ này: hãy tải lại trang rồi ghi nhận lại.")]
    [InlineData("Content:Nothing", ItemReview.Accepted, null, "Có mục không thuộc hồ sơ này: hãy tải lại trang rồi ghi nhận lại.")]
    [InlineData("Documents:RiskAssessment", ItemReview.Accepted, null, "Có mục không thuộc hồ sơ này: hãy tải lại trang rồi ghi nhận lại.")]
    public void A_bad_verdict_is_explained_and_none_of_the_form_is_kept(string section, ItemReview review, string? comment, string message)
    {
        var d = Level2WithoutTheLevel4Sections();
        var error = Assert.Throws<DomainException>(() => Review(d, Verdict("Content:Parties", ItemReview.Accepted), Verdict(section, review, comment)));
        Assert.Equal(message, error.Message);
        Assert.Empty(d.CurrentReviews());
    }

    [Fact]
    public void A_comment_is_bounded()
    {
        var d = Dossier(2, DossierState.Submitted);
        var error = Assert.Throws<DomainException>(() => Review(d, Verdict("Content:Parties", ItemReview.NeedsChange, new string('x', DossierSectionReview.CommentMaxLength + 1))));
        Assert.Contains("tối đa 4000 ký tự", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DossierState.Draft, "reviewer", "không thể ghi nhận ý kiến từng mục")]
    [InlineData(DossierState.Returned, "reviewer", "không thể ghi nhận ý kiến từng mục")]
    [InlineData(DossierState.AwaitingApproval, "reviewer", "không thể ghi nhận ý kiến từng mục")]
    [InlineData(DossierState.Submitted, "owner2", "Chỉ cán bộ của đơn vị chuyên trách mới được ghi nhận ý kiến từng mục.")]
    [InlineData(DossierState.UnderAppraisal, "outsider", "Chỉ cán bộ của đơn vị chuyên trách mới được ghi nhận ý kiến từng mục.")]
    public void Only_a_reviewer_judges_sections_and_only_while_the_dossier_is_checked_or_appraised(DossierState state, string userId, string message)
    {
        var d = Dossier(3, state);
        var before = d.Reviews.Count;
        var error = Assert.Throws<DomainException>(() => d.ReviewSections(Actor(userId), [Verdict("Content:Parties", ItemReview.Accepted)], At(AcceptDay)));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, d.Reviews.Count);
    }

    [Fact]
    public void A_section_marked_to_change_stops_acceptance_and_a_suitable_appraisal_until_it_is_returned_or_marked_accepted()
    {
        var d = Dossier(3, DossierState.Submitted);
        Review(d, Verdict("Documents:Design", ItemReview.NeedsChange, "Thiếu sơ đồ mạng."));
        var accept = Assert.Throws<DomainException>(() => Accept(d));
        Assert.Equal("Còn 1 mục được đánh dấu «Cần bổ sung» (Tài liệu thiết kế): không thể tiếp nhận hồ sơ. Hãy trả lại hồ sơ, hoặc đổi các mục đó thành «Đạt».", accept.Message);
        Assert.Equal(DossierState.Submitted, d.State);

        Review(d, Verdict("Documents:Design", ItemReview.Accepted));
        Accept(d);
        Review(d, Verdict("Content:RiskSummary", ItemReview.NeedsChange, "Chưa nêu rủi ro mã độc tống tiền."));
        var suitable = Assert.Throws<DomainException>(() => Appraise(d, AppraisalConclusion.Suitable));
        Assert.Contains("không thể kết luận «phù hợp»", suitable.Message, StringComparison.Ordinal);
        Assert.Equal(DossierState.UnderAppraisal, d.State);

        Appraise(d, AppraisalConclusion.NotSuitable);
        Assert.Equal(DossierState.NeedsRevision, d.State);
        Assert.Equal(["Nhận diện sơ bộ rủi ro chính", "Phương án bảo đảm an toàn theo cấp độ"], d.ReturnedSections().Select(r => DossierSections.Title(r.Section)!).ToArray());
    }

    [Fact]
    public void The_resubmitted_dossier_says_per_section_what_changed_since_the_return_and_the_new_round_starts_unjudged()
    {
        var (_, d) = Reach(2, DossierState.Submitted);
        Review(d,
            Verdict("Content:NetworkZones", ItemReview.NeedsChange, "Thiếu dải địa chỉ IP công cộng."),
            Verdict("Documents:Design", ItemReview.NeedsChange, "Bản thiết kế chưa có chữ ký."),
            Verdict("Content:Parties", ItemReview.Accepted));
        var returnedAt = At(new DateOnly(2026, 9, 2));
        d.ReturnIncomplete(Reviewer, null, returnedAt);

        Assert.Equal(1, d.LastReturnedRound);
        Assert.Equal(returnedAt, d.LastReturnedAtUtc);
        Assert.Equal(["Content:NetworkZones", "Documents:Design"], d.ReturnedSections().Select(r => r.Section).ToArray());
        Assert.All(d.ChangesSinceReturn(), c => Assert.Equal(SectionChange.Unchanged, c.Change));
        Assert.Equal(20, d.Reviews.Count(r => r.Fingerprint is not null)); // 4 answer steps, 13 sections written, 3 kinds of document

        // Resubmitting with a section still as it was returned is refused, and the checklist says which.
        Assert.Equal(
            ["Mục «Phân vùng mạng và quy hoạch địa chỉ IP» được đề nghị bổ sung nhưng chưa được sửa.", "Mục «Tài liệu thiết kế» được đề nghị bổ sung nhưng chưa được sửa."],
            d.Checklist());
        Assert.Throws<DomainException>(() => d.Submit(Officer, WorkCalendar, AcceptDay, At(AcceptDay)));

        // The officer changes the zones, replaces the design and adds another document; the rest stays.
        d.SetContent(FullContent() with { NetworkZones = "Vùng DMZ 203.0.113.0/28; vùng máy chủ 10.20.1.0/24." });
        var design = d.Attachments.Single(a => a.Kind == AttachmentKind.Design);
        d.RemoveAttachment(Officer, design.Id);
        d.AddAttachment(Officer, AttachmentKind.Design, "thiet-ke-da-ky.pdf", "application/pdf", 4096, new string('b', 64), At(AcceptDay));
        Attach(d, Officer, AttachmentKind.Other, AcceptDay);
        Assert.Empty(d.Checklist());
        d.Submit(Officer, WorkCalendar, AcceptDay, At(AcceptDay));

        Assert.Equal(2, d.ReviewRound);
        Assert.Empty(d.CurrentReviews());
        var changes = d.ChangesSinceReturn().ToDictionary(c => c.Key);
        Assert.Equal(SectionChange.Changed, changes["Content:NetworkZones"].Change);
        Assert.Equal("Thiếu dải địa chỉ IP công cộng.", changes["Content:NetworkZones"].Review!.Comment);
        Assert.Equal(SectionChange.Changed, changes["Documents:Design"].Change);
        Assert.Equal(SectionChange.Added, changes["Documents:Other"].Change);
        Assert.Null(changes["Documents:Other"].Review);
        Assert.Equal(SectionChange.Unchanged, changes["Content:Parties"].Change);
        Assert.Equal(ItemReview.Accepted, changes["Content:Parties"].Review!.Review);
        Assert.Equal(SectionChange.Unchanged, changes["Answers:3"].Change);
        Assert.Equal(3, changes.Values.Count(c => c.Change != SectionChange.Unchanged));
        Assert.Equal("Documents:Other", d.ChangesSinceReturn()[^1].Key);
    }

    [Fact]
    public void An_answer_step_changes_on_its_own_and_a_document_uploaded_again_unchanged_reads_unchanged()
    {
        var d = Dossier(2, DossierState.Submitted);
        Review(d, Verdict("Answers:3", ItemReview.NeedsChange, "Hệ thống có phải vận hành 24/7?"));
        d.ReturnIncomplete(Reviewer, null, At(AcceptDay));

        // Issue 18: an internal system is no longer asked its user count, so the step changes through a question it is asked.
        d.SetFacts(d.Facts with { Requires24x7 = true });
        var overview = d.Attachments.Single(a => a.Kind == AttachmentKind.Overview);
        d.RemoveAttachment(Officer, overview.Id);
        d.AddAttachment(Officer, AttachmentKind.Overview, overview.File.FileName, overview.File.ContentType, overview.File.Length, overview.File.Sha256, At(AcceptDay));

        var changes = d.ChangesSinceReturn().ToDictionary(c => c.Key, c => c.Change);
        Assert.Equal(SectionChange.Changed, changes["Answers:3"]);
        Assert.Equal(SectionChange.Unchanged, changes["Answers:2"]);
        Assert.Equal(SectionChange.Unchanged, changes["Documents:Overview"]);
        Assert.Contains($"{Fact.Requires24x7.Question()}: Có", DossierSections.Of(d).Single(s => s.Key == "Answers:3").Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_orders_the_sections_as_the_dossier_does_and_names_the_ones_removed()
    {
        var d = Dossier(2, DossierState.Draft);
        var now = DossierSections.Of(d);
        var returned = now.Where(s => s.Key != "Content:Parties").ToDictionary(s => s.Key, s => s.Fingerprint);
        returned["Documents:Other"] = "0000";
        returned["Content:Architecture"] = "1111";

        var compared = DossierSections.Compare(returned, now);
        Assert.Equal(now.Count + 1, compared.Count);
        Assert.Equal(("Content:Parties", SectionChange.Added), compared.Single(c => c.Key == "Content:Parties"));
        Assert.Equal(("Content:Architecture", SectionChange.Changed), compared.Single(c => c.Key == "Content:Architecture"));
        Assert.Equal(("Documents:Other", SectionChange.Removed), compared[^1]);
        Assert.Equal(now.Select(s => s.Key), compared.Take(now.Count).Select(c => c.Key));
        Assert.Equal(["Không thay đổi", "Đã sửa", "Mới thêm", "Đã gỡ"], Enum.GetValues<SectionChange>().Select(c => c.Vietnamese()).ToArray());
    }

    [Fact]
    public void A_level_3_decision_is_recorded_by_an_officer_of_the_owner_agency_and_the_system_takes_its_level_from_it()
    {
        var (system, d) = Reach(3, DossierState.AwaitingApproval);
        Assert.False(d.MayApprove(Reviewer2));
        Assert.False(d.MayAttach(Reviewer2, AttachmentKind.ScannedDecision));
        Assert.True(d.MayAttach(Owner2, AttachmentKind.ScannedDecision));

        AttachApprovalDocuments(d, Owner2);
        Decide(system, d, Owner2);

        Assert.Equal(DossierState.Approved, d.State);
        Assert.Equal(3, system.ApprovedLevel);
        Assert.Equal(d.Id, system.ApprovedDossierId);
        Assert.Equal(ApproveDay, system.ApprovedOn);
        Assert.Equal((DecisionNumber, ApproveDay, Signer), (d.DecisionNumber, d.DecisionDate!.Value, d.DecisionSigner));
        Assert.False(DossierRoute.For(3).ProvinceRecordsDecision);
        Assert.True(DossierRoute.For(4).ProvinceRecordsDecision);
    }
}
