using System.Globalization;
using SecurityPortal.Domain.Assessments;
using SecurityPortal.Domain.Calendar;
using SecurityPortal.Domain.Classification;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Dossiers;
using SecurityPortal.Domain.Systems;
using static SecurityPortal.Domain.Tests.DossierScenario;

namespace SecurityPortal.Domain.Tests;

// Builds complete level dossiers and walks them to any state. The dates are fixed:
// Tuesday 01/09/2026 (created and submitted), Thursday 03/09 (expert opinion), Friday 04/09 (accepted),
// Thursday 10/09 (appraised), Monday 14/09/2026 (decided). National Day 2026: 01/09 and 02/09 are days off.
internal static class DossierScenario
{
    public const string Sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    public const string DecisionNumber = "12/QĐ-UBND";
    public const string Signer = "Nguyễn Văn An";

    public static readonly DateOnly Today = new(2026, 9, 1);
    public static readonly DateOnly OpinionDay = new(2026, 9, 3);
    public static readonly DateOnly AcceptDay = new(2026, 9, 4);
    public static readonly DateOnly AppraiseDay = new(2026, 9, 10);
    public static readonly DateOnly ApproveDay = new(2026, 9, 14);

    /// <summary>An investment that began before 01/7/2026: Decree 85 stays the default (Decree 331 Art. 39.1).</summary>
    public static readonly DateOnly InvestedBeforeDecree331 = new(2025, 3, 1);

    public static readonly WorkingDays WorkCalendar = new([new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 2)]);

    public static readonly DossierActor Officer = new("officer", "Cán bộ", IsReviewer: false, IsOwnerOfficer: true);
    public static readonly DossierActor Owner2 = new("owner2", "Cán bộ thứ hai", IsReviewer: false, IsOwnerOfficer: true);
    public static readonly DossierActor Reviewer = new("reviewer", "Thẩm định", true, false);
    public static readonly DossierActor Reviewer2 = new("reviewer2", "Thẩm định thứ hai", true, false);
    public static readonly DossierActor Outsider = new("outsider", "Người ngoài", false, false);

    public static DossierActor Actor(string userId) => userId switch
    {
        "officer" => Officer,
        "owner2" => Owner2,
        "reviewer" => Reviewer,
        "reviewer2" => Reviewer2,
        "outsider" => Outsider,
        _ => throw new ArgumentOutOfRangeException(nameof(userId)),
    };

    public static DateTime At(DateOnly day) => day.ToDateTime(new TimeOnly(2, 30), DateTimeKind.Utc);

    public static DateOnly? Date(string? text) => text is null ? null : DateOnly.Parse(text, CultureInfo.InvariantCulture);

    public static InformationSystem NewSystem() => new("HTTT-MC", "Hệ thống thông tin giải quyết thủ tục hành chính", Guid.NewGuid(), Guid.NewGuid());

    /// <summary>Facts with every question answered, giving exactly the level under both decrees.</summary>
    public static ClassificationFacts FactsFor(int level) => level switch
    {
        // Decree 331 Art. 11.1 / Decree 85 Art. 7.
        1 => Answered(SystemFunctionKind.Internal, InformationTypes.Public),
        // Decree 331 Art. 12.1 / Decree 85 Art. 8.1.
        2 => Answered(SystemFunctionKind.Internal, InformationTypes.Private | InformationTypes.Personal),
        // Decree 331 Art. 13.3 / Decree 85 Art. 9.3.
        3 => Answered(SystemFunctionKind.InformationInfrastructure, InformationTypes.Private) with { InfrastructureScope = InfrastructureScope.SectorOrProvince },
        // Decree 331 Art. 14.1 / Decree 85 Art. 10.1.
        4 => Answered(SystemFunctionKind.Internal, InformationTypes.Private | InformationTypes.StateSecret) with { NationalSecurityHarm = NationalSecurityHarm.Serious },
        // Decree 331 Art. 15.2 / Decree 85 Art. 11.2.
        5 => Answered(SystemFunctionKind.Internal, InformationTypes.Private | InformationTypes.Personal) with { CentralisedNationalData = true },
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    public static DossierContent FullContent() => new()
    {
        Parties = "Sở Khoa học và Công nghệ; đại diện: Giám đốc; địa chỉ: 01 Trần Phú; điện thoại 0238 3844 000.",
        ScopeAndUsers = "Phục vụ 300 cán bộ của Sở và các đơn vị trực thuộc.",
        Architecture = "Mô hình ba lớp: web, ứng dụng, cơ sở dữ liệu; đặt tại Trung tâm dữ liệu tỉnh.",
        Equipment = "02 tường lửa, 04 máy chủ ứng dụng, 02 máy chủ cơ sở dữ liệu.",
        Applications = "Cổng một cửa trên máy chủ APP01, Ubuntu 24.04.",
        NetworkZones = "Vùng DMZ, vùng máy chủ nội bộ, vùng quản trị; dải 10.20.0.0/16.",
        LevelJustification = "Đáp ứng tiêu chí xác định cấp độ tương ứng.",
        RiskSummary = "Tấn công từ chối dịch vụ, lộ lọt dữ liệu, mã độc tống tiền.",
        SecurityPlan = "Đáp ứng yêu cầu quản lý và kỹ thuật theo TCVN 11930:2017.",
        RelatedSystems = "Kết nối Cổng dịch vụ công quốc gia qua LGSP.",
        Threats = "Tấn công có chủ đích vào hệ thống xử lý thông tin quan trọng.",
        Impact = "Gián đoạn dịch vụ ảnh hưởng tới trật tự, an toàn xã hội.",
        Justification24x7 = "Phải vận hành liên tục, không chấp nhận ngừng ngoài kế hoạch.",
    };

    public static void Attach(LevelDossier dossier, DossierActor actor, AttachmentKind kind, DateOnly day) =>
        dossier.AddAttachment(actor, kind, $"{kind}.pdf", "application/pdf", 2048, Sha256, At(day));

    /// <summary>A draft with the facts, the proposed level, every section and the attachments required to submit.</summary>
    public static (InformationSystem System, LevelDossier Dossier) Complete(int level, DateOnly? investmentStarted = null, DossierActor? creator = null)
    {
        var system = NewSystem();
        var dossier = LevelDossier.Start(system, creator ?? Officer, Today, At(Today), investmentStarted);
        dossier.SetFacts(FactsFor(level));
        dossier.Propose(level, null);
        dossier.SetContent(FullContent());
        foreach (var kind in DossierRoute.For(level).RequiredToSubmit)
        {
            Attach(dossier, Officer, kind, Today);
        }

        return (system, dossier);
    }

    public static void Submit(LevelDossier dossier) => dossier.Submit(Officer, WorkCalendar, Today, At(Today));

    public static void GiveExpertOpinion(LevelDossier dossier, DossierActor reviewer)
    {
        Attach(dossier, reviewer, AttachmentKind.ExpertOpinion, OpinionDay);
        dossier.RecordExpertOpinion(reviewer, "30/SKHCN-ATTT", OpinionDay, "Thống nhất với cấp độ đề xuất.", OpinionDay, At(OpinionDay));
    }

    /// <summary>Accepts on 04/09/2026; levels 4–5 first get the expert opinion (recorded and attached).</summary>
    public static void Accept(LevelDossier dossier, DossierActor? by = null)
    {
        var reviewer = by ?? Reviewer;
        if (dossier.Route.NeedsExpertOpinion)
        {
            GiveExpertOpinion(dossier, reviewer);
        }

        dossier.Accept(reviewer, WorkCalendar, AcceptDay, At(AcceptDay));
    }

    /// <summary>Appraises on 10/09/2026; levels 4–5 record the national appraisal document.</summary>
    public static void Appraise(LevelDossier dossier, AppraisalConclusion conclusion, DossierActor? by = null)
    {
        var national = dossier.Route.NationalAppraisal;
        if (conclusion == AppraisalConclusion.NotSuitable && (by ?? Reviewer).IsReviewer)
        {
            AskToChange(dossier, "Content:SecurityPlan", "Phương án chưa có nội dung sao lưu dữ liệu.", by);
        }

        dossier.RecordAppraisal(
            by ?? Reviewer,
            conclusion,
            conclusion == AppraisalConclusion.NotSuitable ? "Phương án chưa có nội dung sao lưu dữ liệu." : null,
            national ? "45/CATTT-NCSC" : null,
            national ? AppraiseDay : null,
            national ? "Cục An toàn thông tin" : null,
            WorkCalendar,
            AppraiseDay,
            At(AppraiseDay));
    }

    /// <summary>The security-rules decision (levels 3–5, by the officer) and the scanned decision (by the given approver).</summary>
    public static void AttachApprovalDocuments(LevelDossier dossier, DossierActor approver)
    {
        if (dossier.ProposedLevel >= 3)
        {
            Attach(dossier, Officer, AttachmentKind.SecurityRulesDecision, ApproveDay);
        }

        Attach(dossier, approver, AttachmentKind.ScannedDecision, ApproveDay);
    }

    public static void Decide(InformationSystem system, LevelDossier dossier, DossierActor approver) =>
        dossier.Approve(approver, system, DecisionNumber, ApproveDay, Signer, ApproveDay, At(ApproveDay));

    /// <summary>Who records the decision by default: the unit (levels 1–2, 4–5), or for level 3 an officer of the owner agency.</summary>
    public static DossierActor DefaultApprover(LevelDossier dossier) => dossier.MayApprove(Reviewer2) ? Reviewer2 : Owner2;

    /// <summary>The reviewer marks one section «Cần bổ sung», as a return or an unsuitable appraisal needs.</summary>
    public static void AskToChange(LevelDossier dossier, string section = "Content:NetworkZones", string comment = "Thiếu sơ đồ kết nối mạng.", DossierActor? by = null) =>
        dossier.ReviewSections(by ?? Reviewer, [new SectionVerdict(section, ItemReview.NeedsChange, comment)], At(dossier.SubmittedOn ?? Today));

    public static void Approve(InformationSystem system, LevelDossier dossier, DossierActor? by = null)
    {
        var approver = by ?? DefaultApprover(dossier);
        AttachApprovalDocuments(dossier, approver);
        Decide(system, dossier, approver);
    }

    /// <summary>A complete dossier of the level, created and submitted by the officer, walked to the state.</summary>
    public static (InformationSystem System, LevelDossier Dossier) Reach(int level, DossierState state, DateOnly? investmentStarted = null)
    {
        var (system, dossier) = Complete(level, investmentStarted);
        if (state == DossierState.Draft)
        {
            return (system, dossier);
        }

        Submit(dossier);
        if (state == DossierState.Returned)
        {
            AskToChange(dossier);
            dossier.ReturnIncomplete(Reviewer, null, At(Today));
        }
        else if (state != DossierState.Submitted)
        {
            Accept(dossier);
            if (state == DossierState.NeedsRevision)
            {
                Appraise(dossier, AppraisalConclusion.NotSuitable);
            }
            else if (state != DossierState.UnderAppraisal)
            {
                Appraise(dossier, AppraisalConclusion.Suitable);
                if (state == DossierState.Approved)
                {
                    Approve(system, dossier);
                }
                else if (state == DossierState.Rejected)
                {
                    dossier.Reject(DefaultApprover(dossier), "Chưa bố trí kinh phí vận hành.", At(ApproveDay));
                }
            }
        }

        return (system, dossier);
    }

    public static LevelDossier Dossier(int level, DossierState state, DateOnly? investmentStarted = null) =>
        Reach(level, state, investmentStarted).Dossier;

    private static ClassificationFacts Answered(SystemFunctionKind kind, InformationTypes info) => new()
    {
        FunctionKind = kind,
        InformationTypes = info,
        NationalSecurityHarm = NationalSecurityHarm.None,
        OnlineServiceLevel = 0,
        ConditionalBusinessLine = false,
        UserCount = 100,
        BasicPersonalDataSubjects = 0,
        SensitivePersonalDataSubjects = 0,
        HandlesAdministrativeProcedures = false,
        InfrastructureScope = InfrastructureScope.SingleOrganisation,
        Requires24x7 = false,
        NationalEGovernmentSystem = false,
        CentralisedNationalData = false,
        InternationalInfrastructureLink = false,
        DesignatedLevel = 0,
        RiskFrameworkLevel = 0,
    };
}

/// <summary>The legal path of a dossier through its states, the deadlines of each step and its history.</summary>
public sealed class LevelDossierWorkflowTests
{
    [Theory]
    [InlineData(1, null)]
    [InlineData(3, "2026-09-25")] // 15 working days after 04/09
    [InlineData(4, "2026-10-09")] // 25 working days after 04/09
    [InlineData(5, "2026-10-09")]
    public void A_complete_dossier_goes_from_draft_to_approval_with_the_deadlines_of_Decree_331(int level, string? appraisalDue)
    {
        var (system, d) = Complete(level);
        Assert.Equal(RuleSet.Decree331, d.RuleSet);
        Assert.Empty(d.Checklist());
        Assert.Equal(DossierState.Draft, d.State);
        Assert.True(d.IsEditable);
        Assert.Null(d.DueDate);

        Submit(d);
        Assert.Equal(DossierState.Submitted, d.State);
        Assert.False(d.IsEditable);
        Assert.Equal("officer", d.SubmittedById);
        Assert.Equal(Today, d.SubmittedOn);
        // 02/09 is off: Thu 03, Fri 04, Mon 07, Tue 08, Wed 09.
        Assert.Equal(new DateOnly(2026, 9, 9), d.CompletenessDue);
        Assert.Equal(d.CompletenessDue, d.DueDate);
        Assert.False(d.IsOverdue(new DateOnly(2026, 9, 9)));
        Assert.True(d.IsOverdue(new DateOnly(2026, 9, 10)));

        Accept(d);
        Assert.Equal(DossierState.UnderAppraisal, d.State);
        Assert.Null(d.CompletenessDue);
        Assert.Equal(Date(appraisalDue), d.AppraisalDue);
        Assert.Equal(d.AppraisalDue, d.DueDate);

        Appraise(d, AppraisalConclusion.Suitable);
        Assert.Equal(DossierState.AwaitingApproval, d.State);
        Assert.Equal(AppraisalConclusion.Suitable, d.AppraisalConclusion);
        Assert.Equal("reviewer", d.AppraisedById);
        Assert.Null(d.AppraisalDue);
        // Fri 11, Mon 14 to Fri 18, Mon 21.
        Assert.Equal(new DateOnly(2026, 9, 21), d.ApprovalDue);
        Assert.Equal(d.ApprovalDue, d.DueDate);

        Approve(system, d);
        Assert.Equal(DossierState.Approved, d.State);
        Assert.True(d.IsClosed);
        Assert.Null(d.ApprovalDue);
        Assert.Null(d.DueDate);
        Assert.Equal(level, d.ApprovedLevel);
        Assert.Equal(level == 3 ? "owner2" : "reviewer2", d.ApprovedById);
        Assert.Equal(DecisionNumber, d.DecisionNumber);
        Assert.Equal(ApproveDay, d.DecisionDate);
        Assert.Equal(Signer, d.DecisionSigner);
        Assert.Equal(level, system.ApprovedLevel);
        Assert.Equal(d.Id, system.ApprovedDossierId);
        Assert.Equal(ApproveDay, system.ApprovedOn);
    }

    [Theory]
    [InlineData(1, null)]
    [InlineData(3, "2026-09-21")] // 15 days after 04/09 is Saturday 19/09: the limit ends on Monday (Civil Code 2015, Art. 148(5))
    [InlineData(4, "2026-10-05")] // 30 days after 04/09 is Sunday 04/10
    public void Under_Decree_85_the_appraisal_limit_is_counted_in_calendar_days(int level, string? appraisalDue)
    {
        var d = Dossier(level, DossierState.UnderAppraisal, InvestedBeforeDecree331);
        Assert.Equal(RuleSet.Decree85, d.RuleSet);
        Assert.Equal(Date(appraisalDue), d.AppraisalDue);
        Assert.Equal(d.AppraisalDue, d.DueDate);
    }

    [Fact]
    public void Under_Decree_85_no_completeness_deadline_is_applied_and_the_screens_say_the_texts_set_none()
    {
        // Decree 85 and Circular 12/2022 set no time limit for the completeness check; Decree 331 Art. 23.2 sets 5 working days.
        var legacy = Dossier(3, DossierState.Submitted, InvestedBeforeDecree331);
        Assert.Equal(RuleSet.Decree85, legacy.RuleSet);
        Assert.Null(legacy.CompletenessDue);
        Assert.Null(legacy.DueDate);
        Assert.Null(legacy.DeadlineBasis!.Citation);
        Assert.Contains("không quy định thời hạn kiểm tra tính đầy đủ", legacy.DeadlineBasis.Rule, StringComparison.Ordinal);

        var current = Dossier(3, DossierState.Submitted);
        Assert.Equal(new DateOnly(2026, 9, 9), current.CompletenessDue);
        Assert.Equal("Điều 23 khoản 2 Nghị định 331/2026/NĐ-CP", current.DeadlineBasis!.Citation);
    }

    [Fact]
    public void A_stored_Decree_85_appraisal_limit_on_a_day_off_is_moved_to_the_next_working_day_once()
    {
        var d = Dossier(3, DossierState.UnderAppraisal, InvestedBeforeDecree331);
        Assert.Equal(new DateOnly(2026, 9, 21), d.AppraisalDue);
        Assert.False(d.CorrectDeadlines(WorkCalendar));

        // A calendar where that Monday became a day off: the limit ends on Tuesday, and a second run changes nothing.
        var later = new WorkingDays([new DateOnly(2026, 9, 21)]);
        Assert.True(d.CorrectDeadlines(later));
        Assert.Equal(new DateOnly(2026, 9, 22), d.AppraisalDue);
        Assert.False(d.CorrectDeadlines(later));

        // Working-day limits (Decree 331) are never touched.
        var current = Dossier(3, DossierState.UnderAppraisal);
        var due = current.AppraisalDue;
        Assert.False(current.CorrectDeadlines(new WorkingDays([due!.Value])));
        Assert.Equal(due, current.AppraisalDue);
    }

    [Theory]
    [InlineData(RuleSet.Decree331, 3, DossierState.UnderAppraisal, "Điều 23 khoản 3 điểm a Nghị định 331/2026/NĐ-CP")]
    [InlineData(RuleSet.Decree331, 5, DossierState.UnderAppraisal, "Điều 23 khoản 3 điểm b Nghị định 331/2026/NĐ-CP")]
    [InlineData(RuleSet.Decree85, 3, DossierState.UnderAppraisal, "Điều 16 khoản 2 điểm a Nghị định 85/2016/NĐ-CP")]
    [InlineData(RuleSet.Decree85, 4, DossierState.UnderAppraisal, "Điều 16 khoản 2 điểm b Nghị định 85/2016/NĐ-CP")]
    [InlineData(RuleSet.Decree331, 2, DossierState.AwaitingApproval, "Điều 24 khoản 2 Nghị định 331/2026/NĐ-CP")]
    [InlineData(RuleSet.Decree85, 2, DossierState.AwaitingApproval, "Điều 17 khoản 2 Nghị định 85/2016/NĐ-CP")]
    public void Every_deadline_carries_its_article_and_clause(RuleSet ruleSet, int level, DossierState state, string citation) =>
        Assert.Equal(citation, DossierRoute.Basis(ruleSet, level, state)!.Citation);

    [Theory]
    [InlineData(DossierState.Draft)]
    [InlineData(DossierState.Returned)]
    [InlineData(DossierState.Approved)]
    public void A_step_without_a_clock_has_no_basis(DossierState state) => Assert.Null(DossierRoute.Basis(RuleSet.Decree331, 3, state));

    [Fact]
    public void Each_step_of_a_level_4_dossier_is_recorded_with_its_states_and_actor()
    {
        var (system, d) = Complete(4);
        Submit(d);
        Accept(d);
        Appraise(d, AppraisalConclusion.Suitable);
        Approve(system, d, Owner2);

        (DossierAction, DossierState?, DossierState, string)[] expected =
        [
            (DossierAction.Created, null, DossierState.Draft, "officer"),
            (DossierAction.Submitted, DossierState.Draft, DossierState.Submitted, "officer"),
            (DossierAction.ExpertOpinionRecorded, DossierState.Submitted, DossierState.Submitted, "reviewer"),
            (DossierAction.Accepted, DossierState.Submitted, DossierState.UnderAppraisal, "reviewer"),
            (DossierAction.Appraised, DossierState.UnderAppraisal, DossierState.AwaitingApproval, "reviewer"),
            (DossierAction.Approved, DossierState.AwaitingApproval, DossierState.Approved, "owner2"),
        ];
        Assert.Equal(expected, d.Events.Select(e => (e.Action, e.FromState, e.ToState, e.UserId)));
        Assert.All(d.Events, e => Assert.Equal(d.Id, e.DossierId));
        Assert.Equal("Thẩm định", d.Events[3].UserName);
        Assert.Equal(At(AcceptDay), d.Events[3].AtUtc);
        Assert.Equal("Văn bản số 30/SKHCN-ATTT", d.Events[2].Note);
        Assert.Equal("Chuyển cơ quan thẩm định cấp quốc gia", d.Events[3].Note);
        Assert.Equal("Phù hợp.", d.Events[4].Note);
        Assert.StartsWith($"Quyết định số {DecisionNumber} ngày ", d.Events[5].Note, StringComparison.Ordinal);
        Assert.EndsWith(", cấp độ 4", d.Events[5].Note, StringComparison.Ordinal);

        Assert.Equal("30/SKHCN-ATTT", d.ExpertOpinionNumber);
        Assert.Equal(OpinionDay, d.ExpertOpinionDate);
        Assert.Equal("Cục An toàn thông tin", d.AppraisalBody);
        Assert.Equal("45/CATTT-NCSC", d.AppraisalDocumentNumber);
        Assert.Equal(AppraiseDay, d.AppraisalDate);
        Assert.Equal(4, system.ApprovedLevel);
    }

    [Fact]
    public void A_returned_dossier_is_editable_and_is_resubmitted_with_a_new_completeness_deadline()
    {
        var d = Dossier(2, DossierState.Submitted);
        AskToChange(d);
        d.ReturnIncomplete(Reviewer, "  Bổ sung trong 5 ngày làm việc.  ", At(new DateOnly(2026, 9, 2)));

        Assert.Equal(DossierState.Returned, d.State);
        Assert.True(d.IsEditable);
        Assert.Null(d.CompletenessDue);
        var returned = d.Events[^1];
        Assert.Equal(DossierAction.Returned, returned.Action);
        Assert.Equal(DossierState.Submitted, returned.FromState);
        Assert.Equal(DossierState.Returned, returned.ToState);
        Assert.Equal("reviewer", returned.UserId);
        Assert.Equal("Bổ sung trong 5 ngày làm việc. Cần bổ sung: «Phân vùng mạng và quy hoạch địa chỉ IP».", returned.Note);

        d.SetContent(FullContent() with { NetworkZones = "Vùng DMZ, vùng máy chủ; sơ đồ kết nối kèm theo." });
        var resubmitted = new DateOnly(2026, 9, 3);
        d.Submit(Officer, WorkCalendar, resubmitted, At(resubmitted));

        Assert.Equal(DossierState.Submitted, d.State);
        Assert.Equal(resubmitted, d.SubmittedOn);
        Assert.Equal(new DateOnly(2026, 9, 10), d.CompletenessDue);
        Assert.Equal(DossierState.Returned, d.Events[^1].FromState);
        Assert.Equal(DossierState.Submitted, d.Events[^1].ToState);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Thiếu nhiều nội dung.")]
    public void Returning_a_dossier_needs_a_section_marked_to_change_whatever_the_general_note(string? reason)
    {
        var d = Dossier(2, DossierState.Submitted);
        d.ReviewSections(Reviewer, [new SectionVerdict("Content:Parties", ItemReview.Accepted, null)], At(Today));
        var error = Assert.Throws<DomainException>(() => d.ReturnIncomplete(Reviewer, reason, At(Today)));
        Assert.Equal("Để trả lại hồ sơ, hãy đánh dấu «Cần bổ sung» (kèm nhận xét) ở ít nhất một mục của hồ sơ, để đơn vị biết cần sửa gì.", error.Message);
        Assert.Equal(DossierState.Submitted, d.State);
        Assert.Equal(new DateOnly(2026, 9, 9), d.CompletenessDue);
        Assert.Null(d.LastReturnedRound);
    }

    [Fact]
    public void A_return_reason_is_bounded_like_every_other_reason()
    {
        // The event note column holds DossierEvent.NoteMaxLength characters; Reject bounds its reason, Return must too.
        var d = Dossier(2, DossierState.Submitted);
        AskToChange(d);
        var reason = new string('x', LevelDossier.ReasonMaxLength + 1);
        Assert.Throws<DomainException>(() => d.ReturnIncomplete(Reviewer, reason, At(Today)));
        Assert.Equal(DossierState.Submitted, d.State);
    }

    [Fact]
    public void An_unsuitable_appraisal_sends_the_dossier_back_for_revision_and_it_can_be_resubmitted()
    {
        var d = Dossier(3, DossierState.UnderAppraisal);
        AskToChange(d, "Content:SecurityPlan", "Chưa có phương án sao lưu.");
        d.RecordAppraisal(Reviewer, AppraisalConclusion.NotSuitable, "  Chưa có phương án sao lưu.  ", null, null, null, WorkCalendar, AppraiseDay, At(AppraiseDay));

        Assert.Equal(DossierState.NeedsRevision, d.State);
        Assert.True(d.IsEditable);
        Assert.Equal(AppraisalConclusion.NotSuitable, d.AppraisalConclusion);
        Assert.Equal("Chưa có phương án sao lưu.", d.AppraisalComments);
        Assert.Equal(AppraiseDay, d.AppraisalDate);
        Assert.Null(d.AppraisalDue);
        Assert.Null(d.ApprovalDue);
        Assert.Null(d.DueDate);
        Assert.Equal("Chưa phù hợp. Chưa có phương án sao lưu. Cần bổ sung: «Phương án bảo đảm an toàn theo cấp độ».", d.Events[^1].Note);
        Assert.Equal(DossierState.NeedsRevision, d.Events[^1].ToState);

        d.SetContent(FullContent() with { SecurityPlan = "Bổ sung sao lưu hằng ngày, lưu trữ ngoài trung tâm dữ liệu." });
        d.Submit(Officer, WorkCalendar, AppraiseDay, At(AppraiseDay));

        Assert.Equal(DossierState.Submitted, d.State);
        Assert.Null(d.AppraisalConclusion);
        Assert.Equal(DossierState.NeedsRevision, d.Events[^1].FromState);
        Assert.Equal(new DateOnly(2026, 9, 17), d.CompletenessDue);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Chưa phù hợp.")]
    public void An_unsuitable_appraisal_needs_a_section_marked_to_change(string? comments)
    {
        var d = Dossier(3, DossierState.UnderAppraisal);
        var error = Assert.Throws<DomainException>(() =>
            d.RecordAppraisal(Reviewer, AppraisalConclusion.NotSuitable, comments, null, null, null, WorkCalendar, AppraiseDay, At(AppraiseDay)));
        Assert.Contains("kết luận «chưa phù hợp», hãy đánh dấu «Cần bổ sung»", error.Message, StringComparison.Ordinal);
        Assert.Equal(DossierState.UnderAppraisal, d.State);
        Assert.Null(d.AppraisalConclusion);
    }

    [Fact]
    public void An_appraisal_note_fits_the_event_note_column()
    {
        var d = Dossier(3, DossierState.UnderAppraisal);
        AskToChange(d);
        var comments = new string('x', LevelDossier.ReasonMaxLength);
        var error = Record.Exception(() =>
            d.RecordAppraisal(Reviewer, AppraisalConclusion.NotSuitable, comments, null, null, null, WorkCalendar, AppraiseDay, At(AppraiseDay)));

        // Refusing such long comments would be as good as keeping the note short: what must not happen is a note the column cannot hold.
        Assert.True(error is null or DomainException, $"Unexpected {error?.GetType().Name}");
        Assert.All(d.Events, e => Assert.True(
            (e.Note?.Length ?? 0) <= DossierEvent.NoteMaxLength,
            $"The {e.Action} note has {e.Note?.Length} characters; the column holds {DossierEvent.NoteMaxLength}."));
    }

    [Fact]
    public void A_rejection_needs_a_reason_and_closes_the_dossier()
    {
        var d = Dossier(3, DossierState.AwaitingApproval);
        var error = Assert.Throws<DomainException>(() => d.Reject(Owner2, " ", At(ApproveDay)));
        Assert.Equal("Lý do không phê duyệt không được để trống.", error.Message);
        Assert.Equal(DossierState.AwaitingApproval, d.State);

        d.Reject(Owner2, " Chưa bố trí kinh phí vận hành. ", At(ApproveDay));

        Assert.Equal(DossierState.Rejected, d.State);
        Assert.True(d.IsClosed);
        Assert.False(d.IsEditable);
        Assert.Null(d.ApprovalDue);
        Assert.Null(d.DueDate);
        Assert.Null(d.ApprovedLevel);
        var rejected = d.Events[^1];
        Assert.Equal(DossierAction.Rejected, rejected.Action);
        Assert.Equal(DossierState.AwaitingApproval, rejected.FromState);
        Assert.Equal(DossierState.Rejected, rejected.ToState);
        Assert.Equal("owner2", rejected.UserId);
        Assert.Equal("Chưa bố trí kinh phí vận hành.", rejected.Note);
    }

    // Mẫu 08 column 6: a returned, revised or rejected dossier is back to drafting.
    [Theory]
    [InlineData(DossierState.Draft, "Đang dự thảo")]
    [InlineData(DossierState.Submitted, "Đã gửi thẩm định")]
    [InlineData(DossierState.Returned, "Đang dự thảo")]
    [InlineData(DossierState.UnderAppraisal, "Đã gửi thẩm định")]
    [InlineData(DossierState.NeedsRevision, "Đang dự thảo")]
    [InlineData(DossierState.AwaitingApproval, "Đã thẩm định")]
    [InlineData(DossierState.Approved, "Đã được phê duyệt")]
    [InlineData(DossierState.Rejected, "Đang dự thảo")]
    public void In_each_state_the_report_status_follows_and_every_action_it_does_not_allow_is_refused(DossierState state, string reportStatus)
    {
        var (system, d) = Reach(3, state);
        Assert.Equal(state, d.State);
        Assert.Equal(reportStatus, d.State.ReportStatus());
        var allowed = Allowed(state);
        var events = d.Events.Count;
        var failures = new List<string>();

        foreach (var (name, act) in Actions(system, d))
        {
            if (allowed.Contains(name))
            {
                continue;
            }

            var error = Record.Exception(act);
            if (error is not DomainException)
            {
                failures.Add($"{name} in {state}: {(error is null ? "accepted" : error.GetType().Name)}");
            }
        }

        Assert.Empty(failures);
        Assert.Equal(state, d.State);
        Assert.Equal(events, d.Events.Count);
        int? approvedLevel = state == DossierState.Approved ? 3 : null;
        Assert.Equal(approvedLevel, system.ApprovedLevel);
    }

    // The actions with arguments that are valid in the state that allows them, so a refusal elsewhere comes from the state.
    private static Dictionary<string, Action> Actions(InformationSystem system, LevelDossier d) => new()
    {
        [nameof(LevelDossier.Submit)] = () => d.Submit(Officer, WorkCalendar, ApproveDay, At(ApproveDay)),
        [nameof(LevelDossier.ReturnIncomplete)] = () => d.ReturnIncomplete(Reviewer2, "Thiếu tài liệu.", At(ApproveDay)),
        [nameof(LevelDossier.RecordExpertOpinion)] = () => d.RecordExpertOpinion(Reviewer2, "31/SKHCN", OpinionDay, "Thống nhất.", ApproveDay, At(ApproveDay)),
        [nameof(LevelDossier.Accept)] = () => d.Accept(Reviewer2, WorkCalendar, ApproveDay, At(ApproveDay)),
        [nameof(LevelDossier.RecordAppraisal)] = () => d.RecordAppraisal(Reviewer2, AppraisalConclusion.Suitable, null, null, null, null, WorkCalendar, ApproveDay, At(ApproveDay)),
        [nameof(LevelDossier.Approve)] = () => d.Approve(Reviewer2, system, DecisionNumber, ApproveDay, Signer, ApproveDay, At(ApproveDay)),
        [nameof(LevelDossier.Reject)] = () => d.Reject(Reviewer2, "Không phù hợp quy hoạch.", At(ApproveDay)),
        [nameof(LevelDossier.SetFacts)] = () => d.SetFacts(FactsFor(3)),
        [nameof(LevelDossier.SetContent)] = () => d.SetContent(FullContent()),
        [nameof(LevelDossier.Propose)] = () => d.Propose(3, null),
        [nameof(LevelDossier.ChooseRuleSet)] = () => d.ChooseRuleSet(RuleSet.Decree331, null, null),
        [nameof(LevelDossier.AddAttachment)] = () => Attach(d, Officer, AttachmentKind.Other, ApproveDay),
    };

    private static HashSet<string> Allowed(DossierState state) => state switch
    {
        DossierState.Draft or DossierState.Returned or DossierState.NeedsRevision =>
        [
            nameof(LevelDossier.Submit), nameof(LevelDossier.SetFacts), nameof(LevelDossier.SetContent),
            nameof(LevelDossier.Propose), nameof(LevelDossier.ChooseRuleSet), nameof(LevelDossier.AddAttachment),
        ],
        DossierState.Submitted => [nameof(LevelDossier.ReturnIncomplete), nameof(LevelDossier.Accept)],
        DossierState.UnderAppraisal => [nameof(LevelDossier.RecordAppraisal)],
        DossierState.AwaitingApproval => [nameof(LevelDossier.Approve), nameof(LevelDossier.Reject)],
        _ => [],
    };
}

/// <summary>Who may move a dossier: reviewers check and appraise; the approver depends on the level; nobody decides on their own work.</summary>
public sealed class LevelDossierRoleTests
{
    [Theory]
    [InlineData(DossierState.Submitted, nameof(LevelDossier.ReturnIncomplete))]
    [InlineData(DossierState.Submitted, nameof(LevelDossier.Accept))]
    [InlineData(DossierState.UnderAppraisal, nameof(LevelDossier.RecordAppraisal))]
    public void Only_a_reviewer_returns_accepts_or_appraises(DossierState state, string action)
    {
        var d = Dossier(3, state);
        DossierActor[] others = [Officer, Owner2, Outsider];
        foreach (var actor in others)
        {
            Action act = action switch
            {
                nameof(LevelDossier.ReturnIncomplete) => () => d.ReturnIncomplete(actor, "Thiếu tài liệu.", At(Today)),
                nameof(LevelDossier.Accept) => () => d.Accept(actor, WorkCalendar, AcceptDay, At(AcceptDay)),
                _ => () => Appraise(d, AppraisalConclusion.Suitable, actor),
            };
            var error = Assert.Throws<DomainException>(act);
            Assert.Contains("Chỉ cán bộ của đơn vị chuyên trách mới được", error.Message, StringComparison.Ordinal);
            Assert.Equal(state, d.State);
        }
    }

    [Theory]
    [InlineData(1, "reviewer2", null)]
    [InlineData(1, "owner2", "Cấp độ 1 do đơn vị chuyên trách phê duyệt.")]
    [InlineData(2, "reviewer", null)]
    [InlineData(2, "outsider", "Cấp độ 2 do đơn vị chuyên trách phê duyệt.")]
    [InlineData(3, "owner2", null)]
    [InlineData(3, "officer", "Người lập hoặc gửi hồ sơ không được phê duyệt.")]
    [InlineData(3, "outsider", "Cấp độ 3 do chủ quản phê duyệt")]
    [InlineData(3, "reviewer2", "Cấp độ 3 do chủ quản phê duyệt: chỉ cán bộ của cơ quan chủ quản được tải lên và ghi nhận quyết định phê duyệt.")]
    [InlineData(4, "owner2", null)]
    [InlineData(4, "reviewer2", null)]
    [InlineData(5, "outsider", "Cấp độ 5 do chủ quản phê duyệt")]
    public void MayApprove_and_Approve_agree_on_who_decides(int level, string userId, string? refusal)
    {
        var (system, d) = Reach(level, DossierState.AwaitingApproval);
        var actor = Actor(userId);
        AttachApprovalDocuments(d, DefaultApprover(d));

        Assert.Equal(refusal is null, d.MayApprove(actor));
        Assert.Equal(refusal is null, d.MayAttach(actor, AttachmentKind.ScannedDecision));
        if (refusal is null)
        {
            Decide(system, d, actor);
            Assert.Equal(DossierState.Approved, d.State);
            Assert.Equal(userId, d.ApprovedById);
            Assert.Equal(level, system.ApprovedLevel);
        }
        else
        {
            var error = Assert.Throws<DomainException>(() => Decide(system, d, actor));
            Assert.Contains(refusal, error.Message, StringComparison.Ordinal);
            Assert.Equal(DossierState.AwaitingApproval, d.State);
            Assert.Null(system.ApprovedLevel);
        }
    }

    [Fact]
    public void Neither_the_creator_nor_the_submitter_may_decide_but_another_owner_officer_may()
    {
        var (system, d) = Complete(3);
        d.Submit(Owner2, WorkCalendar, Today, At(Today));
        Accept(d);
        Appraise(d, AppraisalConclusion.Suitable);
        var third = new DossierActor("owner3", "Lãnh đạo", IsReviewer: false, IsOwnerOfficer: true);
        AttachApprovalDocuments(d, third);

        Assert.False(d.MayApprove(Officer));
        Assert.False(d.MayApprove(Owner2));
        var error = Assert.Throws<DomainException>(() => Decide(system, d, Owner2));
        Assert.Equal("Người lập hoặc gửi hồ sơ không được phê duyệt.", error.Message);
        var reject = Assert.Throws<DomainException>(() => d.Reject(Officer, "Không đồng ý.", At(ApproveDay)));
        Assert.Equal("Người lập hoặc gửi hồ sơ không được từ chối phê duyệt.", reject.Message);
        Assert.Equal(DossierState.AwaitingApproval, d.State);

        Assert.True(d.MayApprove(third));
        Decide(system, d, third);
        Assert.Equal("owner3", d.ApprovedById);
    }

    [Fact]
    public void A_reviewer_who_created_the_dossier_cannot_return_accept_appraise_or_approve_it()
    {
        // Level 4: the unit may record the owner's decision, but not on a dossier one of its reviewers created.
        var (system, d) = Complete(4, creator: Reviewer);
        Submit(d);

        Assert.Contains("Người lập hoặc gửi hồ sơ không được", Assert.Throws<DomainException>(() => d.ReturnIncomplete(Reviewer, "Thiếu.", At(Today))).Message, StringComparison.Ordinal);
        Assert.Contains("Người lập hoặc gửi hồ sơ không được", Assert.Throws<DomainException>(() => d.Accept(Reviewer, WorkCalendar, AcceptDay, At(AcceptDay))).Message, StringComparison.Ordinal);
        Accept(d, Reviewer2);

        Assert.Contains("Người lập hoặc gửi hồ sơ không được", Assert.Throws<DomainException>(() => Appraise(d, AppraisalConclusion.Suitable, Reviewer)).Message, StringComparison.Ordinal);
        Appraise(d, AppraisalConclusion.Suitable, Reviewer2);

        AttachApprovalDocuments(d, Reviewer2);
        Assert.False(d.MayApprove(Reviewer));
        Assert.False(d.MayAttach(Reviewer, AttachmentKind.ScannedDecision));
        Assert.Contains("Người lập hoặc gửi hồ sơ không được", Assert.Throws<DomainException>(() => Decide(system, d, Reviewer)).Message, StringComparison.Ordinal);
        Assert.Equal(DossierState.AwaitingApproval, d.State);

        Decide(system, d, Reviewer2);
        Assert.Equal(DossierState.Approved, d.State);
    }

    [Fact]
    public void Own_work_refusals_name_the_dossier_once()
    {
        var d = Complete(3, creator: Reviewer).Dossier;
        Submit(d);
        var returned = Assert.Throws<DomainException>(() => d.ReturnIncomplete(Reviewer, "Thiếu.", At(Today)));
        var reviewed = Assert.Throws<DomainException>(() => AskToChange(d));
        Assert.Equal("Người lập hoặc gửi hồ sơ không được ghi nhận ý kiến từng mục.", reviewed.Message);
        var accepted = Assert.Throws<DomainException>(() => d.Accept(Reviewer, WorkCalendar, AcceptDay, At(AcceptDay)));
        Assert.Equal("Người lập hoặc gửi hồ sơ không được trả lại hồ sơ.", returned.Message);
        Assert.Equal("Người lập hoặc gửi hồ sơ không được tiếp nhận hồ sơ.", accepted.Message);
    }
}

/// <summary>The expert opinion and national appraisal of levels 4–5, and the checks of the approval decision.</summary>
public sealed class LevelDossierReviewTests
{
    [Theory]
    [InlineData(4, false, false)]
    [InlineData(5, true, false)]
    [InlineData(4, false, true)]
    public void Levels_4_and_5_need_the_expert_opinion_recorded_and_attached_before_acceptance(int level, bool attached, bool recorded)
    {
        var d = Dossier(level, DossierState.Submitted);
        if (attached)
        {
            Attach(d, Reviewer, AttachmentKind.ExpertOpinion, OpinionDay);
        }

        if (recorded)
        {
            d.RecordExpertOpinion(Reviewer, "30/SKHCN-ATTT", OpinionDay, "Thống nhất.", OpinionDay, At(OpinionDay));
        }

        var error = Assert.Throws<DomainException>(() => d.Accept(Reviewer, WorkCalendar, AcceptDay, At(AcceptDay)));
        Assert.Contains("cần ý kiến chuyên môn", error.Message, StringComparison.Ordinal);
        Assert.Equal(DossierState.Submitted, d.State);
        Assert.Null(d.AppraisalDue);
    }

    [Theory]
    [InlineData(null, "2026-09-03", "Thống nhất.", "Số văn bản ý kiến chuyên môn không được để trống.")]
    [InlineData("30/SKHCN-ATTT", null, "Thống nhất.", "Ngày văn bản ý kiến chuyên môn không được để trống.")]
    [InlineData("30/SKHCN-ATTT", "2026-09-03", "  ", "Nội dung ý kiến chuyên môn không được để trống.")]
    public void An_expert_opinion_needs_its_number_date_and_summary(string? number, string? date, string? summary, string message)
    {
        var d = Dossier(4, DossierState.Submitted);
        var error = Assert.Throws<DomainException>(() => d.RecordExpertOpinion(Reviewer, number, Date(date), summary, OpinionDay, At(OpinionDay)));
        Assert.Equal(message, error.Message);
        Assert.DoesNotContain(d.Events, e => e.Action == DossierAction.ExpertOpinionRecorded);
        Assert.Equal(DossierState.Submitted, d.State);
    }

    [Fact]
    public void A_future_dated_expert_opinion_is_refused_and_leaves_nothing_that_would_let_acceptance_through()
    {
        var d = Dossier(4, DossierState.Submitted);
        Attach(d, Reviewer, AttachmentKind.ExpertOpinion, OpinionDay);

        var error = Assert.Throws<DomainException>(() =>
            d.RecordExpertOpinion(Reviewer, "30/SKHCN-ATTT", OpinionDay.AddDays(1), "Thống nhất.", OpinionDay, At(OpinionDay)));
        Assert.Contains("không được sau ngày hôm nay", error.Message, StringComparison.Ordinal);

        Assert.Null(d.ExpertOpinionNumber);
        Assert.Null(d.ExpertOpinionDate);
        Assert.Throws<DomainException>(() => d.Accept(Reviewer, WorkCalendar, AcceptDay, At(AcceptDay)));
        Assert.Equal(DossierState.Submitted, d.State);
    }

    [Fact]
    public void A_level_3_dossier_takes_no_expert_opinion()
    {
        var d = Dossier(3, DossierState.Submitted);
        var error = Assert.Throws<DomainException>(() => d.RecordExpertOpinion(Reviewer, "30/SKHCN-ATTT", OpinionDay, "Thống nhất.", OpinionDay, At(OpinionDay)));
        Assert.Equal("Hồ sơ cấp độ 3 không cần ý kiến chuyên môn.", error.Message);
        Assert.Null(d.ExpertOpinionNumber);
    }

    [Theory]
    [InlineData(null, "45/CATTT-NCSC", "2026-09-10", "Cơ quan thẩm định không được để trống.")]
    [InlineData("Cục An toàn thông tin", " ", "2026-09-10", "Số văn bản thẩm định không được để trống.")]
    [InlineData("Cục An toàn thông tin", "45/CATTT-NCSC", null, "Ngày văn bản thẩm định không được để trống.")]
    [InlineData("Cục An toàn thông tin", "45/CATTT-NCSC", "2026-09-11", "không được sau ngày hôm nay")]
    public void A_national_appraisal_needs_the_body_and_a_dated_document(string? body, string? number, string? date, string message)
    {
        var d = Dossier(5, DossierState.UnderAppraisal);
        var error = Assert.Throws<DomainException>(() =>
            d.RecordAppraisal(Reviewer, AppraisalConclusion.Suitable, null, number, Date(date), body, WorkCalendar, AppraiseDay, At(AppraiseDay)));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(DossierState.UnderAppraisal, d.State);
        Assert.Null(d.AppraisalConclusion);
        Assert.Null(d.ApprovalDue);
    }

    [Fact]
    public void A_refused_national_appraisal_records_nothing()
    {
        var d = Dossier(4, DossierState.UnderAppraisal);
        Assert.Throws<DomainException>(() =>
            d.RecordAppraisal(Reviewer, AppraisalConclusion.Suitable, null, null, AppraiseDay, "Cục An toàn thông tin", WorkCalendar, AppraiseDay, At(AppraiseDay)));
        Assert.Null(d.AppraisalBody);
        Assert.Null(d.AppraisalDocumentNumber);
        Assert.Null(d.AppraisalDate);
    }

    [Theory]
    [InlineData("2026-09-15", "không được sau ngày hôm nay")]
    [InlineData("2026-08-31", "không được trước ngày gửi hồ sơ")]
    [InlineData(null, "Ngày quyết định không được để trống.")]
    public void The_decision_date_lies_between_the_submission_and_today(string? decisionDate, string message)
    {
        var (system, d) = Reach(3, DossierState.AwaitingApproval);
        AttachApprovalDocuments(d, Owner2);
        var error = Assert.Throws<DomainException>(() => d.Approve(Owner2, system, DecisionNumber, Date(decisionDate), Signer, ApproveDay, At(ApproveDay)));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(DossierState.AwaitingApproval, d.State);
        Assert.Null(d.DecisionNumber);
        Assert.Null(system.ApprovedLevel);
    }

    [Theory]
    [InlineData(2, false, false, "Chưa đính kèm: Bản quét quyết định phê duyệt.")]
    [InlineData(3, false, false, "Chưa đính kèm: Quyết định ban hành quy chế bảo đảm an toàn; Bản quét quyết định phê duyệt.")]
    [InlineData(3, false, true, "Chưa đính kèm: Quyết định ban hành quy chế bảo đảm an toàn.")]
    [InlineData(5, true, false, "Chưa đính kèm: Bản quét quyết định phê duyệt.")]
    public void Approval_needs_the_documents_of_the_level(int level, bool rulesDecision, bool scannedDecision, string message)
    {
        var (system, d) = Reach(level, DossierState.AwaitingApproval);
        if (rulesDecision)
        {
            Attach(d, Officer, AttachmentKind.SecurityRulesDecision, ApproveDay);
        }

        if (scannedDecision)
        {
            Attach(d, DefaultApprover(d), AttachmentKind.ScannedDecision, ApproveDay);
        }

        var error = Assert.Throws<DomainException>(() => Decide(system, d, DefaultApprover(d)));
        Assert.Equal(message, error.Message);
        Assert.Equal(DossierState.AwaitingApproval, d.State);
        Assert.Null(system.ApprovedLevel);
    }

    [Fact]
    public void A_decision_is_applied_only_to_the_dossiers_own_system()
    {
        var (system, d) = Reach(2, DossierState.AwaitingApproval);
        AttachApprovalDocuments(d, Reviewer2);
        var other = NewSystem();
        var error = Assert.Throws<DomainException>(() => Decide(other, d, Reviewer2));
        Assert.Equal("Quyết định không thuộc hệ thống của hồ sơ này.", error.Message);
        Assert.Null(other.ApprovedLevel);
        Assert.Null(system.ApprovedLevel);
        Assert.Equal(DossierState.AwaitingApproval, d.State);
    }

    [Fact]
    public void A_decision_without_its_signer_is_refused_and_records_nothing()
    {
        var (system, d) = Reach(3, DossierState.AwaitingApproval);
        AttachApprovalDocuments(d, Owner2);
        var error = Assert.Throws<DomainException>(() => d.Approve(Owner2, system, DecisionNumber, ApproveDay, "  ", ApproveDay, At(ApproveDay)));
        Assert.Equal("Người ký quyết định không được để trống.", error.Message);
        Assert.Equal(DossierState.AwaitingApproval, d.State);
        Assert.Null(system.ApprovedLevel);
        Assert.Null(d.DecisionNumber);
        Assert.Null(d.DecisionDate);
    }
}

/// <summary>What an editable dossier holds: the rule set, the facts, the proposal, the checklist and the attachments.</summary>
public sealed class LevelDossierDraftTests
{
    [Theory]
    [InlineData(null, RuleSet.Decree331)]
    [InlineData("2026-06-30", RuleSet.Decree85)]
    [InlineData("2026-07-01", RuleSet.Decree331)]
    public void A_new_dossier_takes_the_default_rule_set_of_Decree_331_Article_39(string? investmentStarted, RuleSet expected)
    {
        var d = LevelDossier.Start(NewSystem(), Officer, Today, At(Today), Date(investmentStarted));

        Assert.Equal(expected, d.RuleSet);
        Assert.Equal(expected, d.DefaultRuleSet);
        Assert.Null(d.RuleSetReason);
        Assert.Equal(expected, d.Evaluate().RuleSet);
        Assert.Equal(DossierState.Draft, d.State);
        Assert.Equal("officer", d.CreatedById);
        Assert.Equal(Today, d.CreatedOn);
        var created = Assert.Single(d.Events);
        Assert.Equal(DossierAction.Created, created.Action);
        Assert.Null(created.FromState);
        Assert.Equal(DossierState.Draft, created.ToState);
        Assert.Equal("officer", created.UserId);
    }

    [Fact]
    public void Choosing_a_rule_set_other_than_the_default_needs_a_reason()
    {
        var d = Dossier(2, DossierState.Draft);
        var error = Assert.Throws<DomainException>(() => d.ChooseRuleSet(RuleSet.Decree85, null, "  "));
        Assert.Contains("Văn bản áp dụng mặc định là Nghị định 331/2026/NĐ-CP", error.Message, StringComparison.Ordinal);
        Assert.Equal(RuleSet.Decree331, d.RuleSet);

        d.ChooseRuleSet(RuleSet.Decree85, null, "  Dự án được phê duyệt chủ trương đầu tư năm 2025.  ");
        Assert.Equal(RuleSet.Decree85, d.RuleSet);
        Assert.Equal("Dự án được phê duyệt chủ trương đầu tư năm 2025.", d.RuleSetReason);
        Assert.Equal(RuleSet.Decree85, d.Evaluate().RuleSet);

        d.ChooseRuleSet(RuleSet.Decree331, null, "không cần");
        Assert.Equal(RuleSet.Decree331, d.RuleSet);
        Assert.Null(d.RuleSetReason);

        // An investment begun before 01/7/2026 makes Decree 85 the default: no reason needed.
        d.ChooseRuleSet(RuleSet.Decree85, InvestedBeforeDecree331, null);
        Assert.Equal(RuleSet.Decree85, d.RuleSet);
        Assert.Equal(InvestedBeforeDecree331, d.InvestmentStarted);
        Assert.Null(d.RuleSetReason);
    }

    [Fact]
    public void A_refused_rule_set_choice_leaves_the_investment_date_unchanged()
    {
        var d = Dossier(2, DossierState.Draft);
        Assert.Throws<DomainException>(() => d.ChooseRuleSet(RuleSet.Decree331, InvestedBeforeDecree331, null));
        Assert.Null(d.InvestmentStarted);
        Assert.Equal(RuleSet.Decree331, d.RuleSet);
        Assert.Equal(d.DefaultRuleSet, d.RuleSet);
    }

    [Theory]
    [InlineData(InformationTypes.Private | InformationTypes.StateSecret, null)]
    [InlineData(InformationTypes.StateSecret, NationalSecurityHarm.None)]
    [InlineData(InformationTypes.Private, NationalSecurityHarm.Harm)]
    public void State_secrets_and_national_security_harm_are_answered_together(InformationTypes types, NationalSecurityHarm? harm)
    {
        var d = Dossier(2, DossierState.Draft);
        var before = d.Facts;
        var error = Assert.Throws<DomainException>(() => d.SetFacts(FactsFor(2) with { InformationTypes = types, NationalSecurityHarm = harm }));
        Assert.Contains("bí mật nhà nước", error.Message, StringComparison.Ordinal);
        Assert.Same(before, d.Facts);
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void Industrial_control_answers_are_refused_for_other_systems(bool withWorkClass, bool servesNationalSecurityWork)
    {
        var d = Dossier(2, DossierState.Draft);
        var facts = FactsFor(2) with
        {
            IndustrialControlClass = withWorkClass ? ConstructionWorkClass.ClassII : null,
            ServesNationalSecurityWork = servesNationalSecurityWork,
        };

        var error = Assert.Throws<DomainException>(() => d.SetFacts(facts));
        Assert.Contains("chỉ áp dụng cho hệ thống điều khiển công nghiệp", error.Message, StringComparison.Ordinal);
        Assert.Equal(SystemFunctionKind.Internal, d.Facts.FunctionKind);

        d.SetFacts(facts with { FunctionKind = SystemFunctionKind.IndustrialControl });
        Assert.Equal(SystemFunctionKind.IndustrialControl, d.Facts.FunctionKind);
    }

    [Fact]
    public void A_level_below_the_engines_is_refused_naming_the_criterion()
    {
        var d = Dossier(3, DossierState.Draft);
        var error = Assert.Throws<DomainException>(() => d.Propose(2, "Hệ thống có ít người dùng."));
        Assert.Contains("Không thể đề xuất cấp độ 2 thấp hơn cấp độ 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("Điều 13 khoản 3 Nghị định 331/2026/NĐ-CP", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, d.ProposedLevel);
    }

    [Fact]
    public void A_level_above_the_engines_needs_a_justification_and_takes_that_levels_route()
    {
        var d = Dossier(3, DossierState.Draft);
        var error = Assert.Throws<DomainException>(() => d.Propose(4, "  "));
        Assert.Equal("Đề xuất cấp độ 4 cao hơn cấp độ 3 theo tiêu chí: cần nêu rõ lý do.", error.Message);
        Assert.Equal(3, d.ProposedLevel);

        d.Propose(4, "  Đánh giá rủi ro cho thấy tác động lớn khi gián đoạn.  ");

        Assert.Equal(4, d.ProposedLevel);
        Assert.Equal("Đánh giá rủi ro cho thấy tác động lớn khi gián đoạn.", d.ProposalJustification);
        Assert.True(d.Route.NeedsExpertOpinion);
        Assert.Equal("Chưa đính kèm: Báo cáo đánh giá rủi ro.", Assert.Single(d.Checklist()));
    }

    [Fact]
    public void An_empty_dossier_lists_every_missing_answer_section_and_attachment_and_cannot_be_submitted()
    {
        var d = LevelDossier.Start(NewSystem(), Officer, Today, At(Today), null);
        var checklist = d.Checklist();

        Assert.Contains("Chưa trả lời câu hỏi: Hệ thống xử lý những loại thông tin nào?", checklist);
        // Issue 18: the system is internal (the registry's default kind), so it is not asked about data subjects.
        Assert.DoesNotContain("Chưa trả lời câu hỏi: Hệ thống xử lý dữ liệu cá nhân của bao nhiêu chủ thể (cơ bản và nhạy cảm)?", checklist);
        // Issue 18: the Prime Minister's decision and the risk-management framework are two questions (Decree 331 Art. 11.2–15.5).
        Assert.Contains("Chưa trả lời câu hỏi: Thủ tướng Chính phủ có quyết định cấp độ của hệ thống không, cấp độ nào?", checklist);
        Assert.Contains("Chưa chọn cấp độ đề xuất.", checklist);
        Assert.Contains("Chưa nhập mục «Thuyết minh đề xuất cấp độ».", checklist);
        foreach (var (name, _, fromLevel) in new DossierContent().Sections())
        {
            if (fromLevel == 1)
            {
                Assert.Contains($"Chưa nhập mục «{name}».", checklist);
            }
            else
            {
                Assert.DoesNotContain($"Chưa nhập mục «{name}».", checklist);
            }
        }

        Assert.Contains("Chưa đính kèm: Tài liệu mô tả, thuyết minh tổng quan.", checklist);
        Assert.Contains("Chưa đính kèm: Tài liệu thiết kế.", checklist);
        Assert.Contains("Chưa đính kèm: Phương án bảo đảm an toàn hệ thống thông tin.", checklist);
        Assert.DoesNotContain("Chưa đính kèm: Báo cáo đánh giá rủi ro.", checklist);

        var error = Assert.Throws<DomainException>(() => d.Submit(Officer, WorkCalendar, Today, At(Today)));
        Assert.StartsWith($"Hồ sơ chưa đầy đủ ({checklist.Count} mục): ", error.Message, StringComparison.Ordinal);
        Assert.Equal(DossierState.Draft, d.State);
        Assert.Null(d.SubmittedOn);
        Assert.Single(d.Events);
    }

    [Fact]
    public void Levels_4_and_5_also_need_their_own_sections_and_the_risk_assessment()
    {
        var level3 = Dossier(3, DossierState.Draft);
        level3.SetContent(FullContent() with { Threats = null, Impact = "   " });
        Assert.Empty(level3.Checklist());

        var d = Dossier(4, DossierState.Draft);
        d.SetContent(FullContent() with { Threats = "  " });
        d.RemoveAttachment(Officer, d.Attachments.First(a => a.Kind == AttachmentKind.RiskAssessment).Id);

        var threats = (FullContent() with { Threats = null }).Sections().Single(s => s.Text is null).Name;
        string[] expected = [$"Chưa nhập mục «{threats}».", "Chưa đính kèm: Báo cáo đánh giá rủi ro."];
        Assert.Equal(expected, d.Checklist());
        var error = Assert.Throws<DomainException>(() => Submit(d));
        Assert.StartsWith("Hồ sơ chưa đầy đủ (2 mục): ", error.Message, StringComparison.Ordinal);
        Assert.Equal(DossierState.Draft, d.State);
    }

    [Fact]
    public void A_proposal_left_below_the_engine_by_new_facts_blocks_submission()
    {
        var d = Dossier(2, DossierState.Draft);
        d.SetFacts(FactsFor(4));

        Assert.Equal(
            "Không thể đề xuất cấp độ 2 thấp hơn cấp độ 4 theo tiêu chí: Điều 14 khoản 1 Nghị định 331/2026/NĐ-CP.",
            Assert.Single(d.Checklist()));
        Assert.Throws<DomainException>(() => Submit(d));
        Assert.Equal(DossierState.Draft, d.State);
    }

    [Theory]
    [InlineData(3, DossierState.Draft, "officer", AttachmentKind.Overview, true)]
    [InlineData(3, DossierState.Submitted, "officer", AttachmentKind.Overview, false)]
    [InlineData(4, DossierState.Submitted, "reviewer", AttachmentKind.ExpertOpinion, true)]
    [InlineData(3, DossierState.Submitted, "reviewer", AttachmentKind.ExpertOpinion, false)]
    [InlineData(4, DossierState.Submitted, "officer", AttachmentKind.ExpertOpinion, false)]
    [InlineData(3, DossierState.UnderAppraisal, "reviewer", AttachmentKind.AppraisalOpinion, true)]
    [InlineData(3, DossierState.AwaitingApproval, "owner2", AttachmentKind.ScannedDecision, true)]
    [InlineData(3, DossierState.AwaitingApproval, "officer", AttachmentKind.ScannedDecision, false)]
    [InlineData(3, DossierState.AwaitingApproval, "reviewer2", AttachmentKind.ScannedDecision, false)]
    [InlineData(4, DossierState.AwaitingApproval, "reviewer2", AttachmentKind.ScannedDecision, true)]
    [InlineData(2, DossierState.AwaitingApproval, "owner2", AttachmentKind.ScannedDecision, false)]
    [InlineData(3, DossierState.Approved, "reviewer2", AttachmentKind.ScannedDecision, false)]
    public void MayAttach_and_AddAttachment_agree(int level, DossierState state, string userId, AttachmentKind kind, bool allowed)
    {
        var d = Dossier(level, state);
        var actor = Actor(userId);
        var count = d.Attachments.Count;

        Assert.Equal(allowed, d.MayAttach(actor, kind));
        if (allowed)
        {
            Attach(d, actor, kind, ApproveDay);
            var added = d.Attachments[^1];
            Assert.Equal(kind, added.Kind);
            Assert.Equal(userId, added.File.UploadedById);
            Assert.Equal(count + 1, d.Attachments.Count);
        }
        else
        {
            var error = Assert.Throws<DomainException>(() => Attach(d, actor, kind, ApproveDay));
            Assert.Contains("Không thể thêm hoặc gỡ", error.Message, StringComparison.Ordinal);
            Assert.Equal(count, d.Attachments.Count);
        }
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\Users\\canbo\\Desktop\\phuong-an.pdf", "phuong-an.pdf")]
    [InlineData("   ", "tep-dinh-kem")]
    public void An_uploaded_file_is_stored_under_its_bare_name(string fileName, string stored)
    {
        var d = Dossier(1, DossierState.Draft);
        d.AddAttachment(Officer, AttachmentKind.Other, fileName, "application/pdf", 10, Sha256, At(Today));
        Assert.Equal(stored, d.Attachments[^1].File.FileName);
    }

    [Fact]
    public void A_long_file_name_keeps_its_end_and_the_upload_is_recorded()
    {
        var d = Dossier(1, DossierState.Draft);
        d.AddAttachment(Officer, AttachmentKind.Other, new string('a', 250) + ".pdf", "application/pdf", 4096, Sha256, At(Today));

        var attachment = d.Attachments[^1];
        Assert.Equal(DossierAttachment.FileNameMaxLength, attachment.File.FileName.Length);
        Assert.EndsWith("a.pdf", attachment.File.FileName, StringComparison.Ordinal);
        Assert.Equal(d.Id, attachment.DossierId);
        Assert.Equal("application/pdf", attachment.File.ContentType);
        Assert.Equal(4096, attachment.File.Length);
        Assert.Equal(Sha256, attachment.File.Sha256);
        Assert.Equal("officer", attachment.File.UploadedById);
        Assert.Equal(At(Today), attachment.File.UploadedAtUtc);
    }

    [Fact]
    public void Submitted_documents_cannot_be_removed_until_the_dossier_is_returned()
    {
        var d = Dossier(3, DossierState.Submitted);
        var overview = d.Attachments.First(a => a.Kind == AttachmentKind.Overview).Id;

        Assert.Throws<DomainException>(() => d.RemoveAttachment(Officer, overview));
        Assert.Contains(d.Attachments, a => a.Id == overview);

        AskToChange(d, "Documents:Overview", "Tài liệu tổng quan thiếu sơ đồ.");
        d.ReturnIncomplete(Reviewer, null, At(Today));
        d.RemoveAttachment(Officer, overview);
        Assert.DoesNotContain(d.Attachments, a => a.Id == overview);
        Assert.Contains("Chưa đính kèm: Tài liệu mô tả, thuyết minh tổng quan.", d.Checklist());

        var missing = Assert.Throws<DomainException>(() => d.RemoveAttachment(Officer, Guid.NewGuid()));
        Assert.Equal("Không tìm thấy tệp đính kèm này.", missing.Message);
    }
}
