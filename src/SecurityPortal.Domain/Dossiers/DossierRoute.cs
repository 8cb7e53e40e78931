using SecurityPortal.Domain.Classification;

namespace SecurityPortal.Domain.Dossiers;

/// <summary>
/// Who acts, which form is used and what must be attached, per proposed level (regulations.md §3.6, §6.3.5).
/// The routing is data: one row per band of levels. <see cref="ProvinceRecordsDecision"/>: where the owner decides,
/// whether the provincial unit may also record the owner's decision (levels 4–5, whose appraisal it records as an
/// external step) or only an officer of the owner agency (level 3: the owner decides on the unit's appraisal).
/// </summary>
public sealed record DossierRoute(
    int MinLevel,
    int MaxLevel,
    string RequestForm,
    bool NeedsExpertOpinion,
    bool NationalAppraisal,
    Approver Approver,
    bool ProvinceRecordsDecision,
    IReadOnlyList<AttachmentKind> RequiredToSubmit,
    IReadOnlyList<AttachmentKind> RequiredToApprove)
{
    public static IReadOnlyList<DossierRoute> All { get; } =
    [
        new(1, 2, "Mẫu 01", NeedsExpertOpinion: false, NationalAppraisal: false, Approver.SecurityUnit, ProvinceRecordsDecision: true,
            [AttachmentKind.Overview, AttachmentKind.Design, AttachmentKind.SecurityPlan],
            [AttachmentKind.ScannedDecision]),
        new(3, 3, "Mẫu 02", NeedsExpertOpinion: false, NationalAppraisal: false, Approver.Owner, ProvinceRecordsDecision: false,
            [AttachmentKind.Overview, AttachmentKind.Design, AttachmentKind.SecurityPlan],
            [AttachmentKind.SecurityRulesDecision, AttachmentKind.ScannedDecision]),
        new(4, 5, "Mẫu 02", NeedsExpertOpinion: true, NationalAppraisal: true, Approver.Owner, ProvinceRecordsDecision: true,
            [AttachmentKind.Overview, AttachmentKind.Design, AttachmentKind.SecurityPlan, AttachmentKind.RiskAssessment],
            [AttachmentKind.SecurityRulesDecision, AttachmentKind.ScannedDecision]),
    ];

    public static DossierRoute For(int level) =>
        All.FirstOrDefault(r => level >= r.MinLevel && level <= r.MaxLevel)
        ?? throw new ArgumentOutOfRangeException(nameof(level), level, "Cấp độ phải từ 1 đến 5.");

    /// <summary>
    /// The appraisal time limit: none for levels 1–2; level 3: 15 working days (Decree 331 Art. 23.3) or 15 days
    /// (Decree 85 Art. 16); levels 4–5: 25 working days or 30 days.
    /// </summary>
    public static (int Days, bool WorkingDays)? AppraisalLimit(RuleSet ruleSet, int level) => (ruleSet, level) switch
    {
        (_, <= 2) => null,
        (RuleSet.Decree331, 3) => (15, true),
        (RuleSet.Decree331, _) => (25, true),
        (_, 3) => (15, false),
        _ => (30, false),
    };

    /// <summary>
    /// The completeness check (phản hồi, hướng dẫn bổ sung): 5 working days from receipt under Decree 331 (Art. 23.2). Neither
    /// Decree 85 nor Circular 12/2022 sets one, so a Decree 85 dossier has no completeness deadline (docs/classification.md).
    /// </summary>
    public static int? CompletenessLimit(RuleSet ruleSet) => ruleSet == RuleSet.Decree331 ? CompletenessWorkingDays : null;

    public const int CompletenessWorkingDays = 5;
    public const int ApprovalWorkingDays = 7;

    /// <summary>
    /// The legal basis of the deadline of the step a dossier is at, as the screens show it: the time limit in words and the
    /// article, clause and point; or, where the texts set none, a sentence saying so. Null for a step without a clock
    /// (draft, returned, closed).
    /// </summary>
    public static DeadlineBasis? Basis(RuleSet ruleSet, int? level, DossierState state) => (state, ruleSet, level) switch
    {
        (DossierState.Submitted, RuleSet.Decree331, _) =>
            new("05 ngày làm việc kể từ ngày nhận hồ sơ", "Điều 23 khoản 2 Nghị định 331/2026/NĐ-CP"),
        (DossierState.Submitted, _, _) =>
            new("Nghị định 85/2016/NĐ-CP và Thông tư 12/2022/TT-BTTTT không quy định thời hạn kiểm tra tính đầy đủ của hồ sơ", null),
        (DossierState.UnderAppraisal, RuleSet.Decree331, 3) =>
            new("15 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", "Điều 23 khoản 3 điểm a Nghị định 331/2026/NĐ-CP"),
        (DossierState.UnderAppraisal, RuleSet.Decree331, >= 4) =>
            new("25 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", "Điều 23 khoản 3 điểm b Nghị định 331/2026/NĐ-CP"),
        (DossierState.UnderAppraisal, RuleSet.Decree85, 3) =>
            new("15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ; ngày cuối là ngày nghỉ thì hết hạn vào ngày làm việc tiếp theo (Điều 148 khoản 5 Bộ luật Dân sự 2015)", "Điều 16 khoản 2 điểm a Nghị định 85/2016/NĐ-CP"),
        (DossierState.UnderAppraisal, RuleSet.Decree85, >= 4) =>
            new("30 ngày kể từ ngày nhận đủ hồ sơ hợp lệ; ngày cuối là ngày nghỉ thì hết hạn vào ngày làm việc tiếp theo (Điều 148 khoản 5 Bộ luật Dân sự 2015)", "Điều 16 khoản 2 điểm b Nghị định 85/2016/NĐ-CP"),
        (DossierState.UnderAppraisal, _, _) =>
            new("Không quy định thời hạn thẩm định hồ sơ cấp độ 1, 2: thời hạn thẩm định chỉ áp dụng cho cấp độ 3 đến 5", ruleSet == RuleSet.Decree85 ? "Điều 16 khoản 2 Nghị định 85/2016/NĐ-CP" : "Điều 23 khoản 3 Nghị định 331/2026/NĐ-CP"),
        (DossierState.AwaitingApproval, RuleSet.Decree331, _) =>
            new("07 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", "Điều 24 khoản 2 Nghị định 331/2026/NĐ-CP"),
        (DossierState.AwaitingApproval, _, _) =>
            new("07 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ", "Điều 17 khoản 2 Nghị định 85/2016/NĐ-CP"),
        _ => null,
    };
}

/// <summary>A step's time limit in words and its citation (null when the texts set no limit for the step).</summary>
public sealed record DeadlineBasis(string Rule, string? Citation);
