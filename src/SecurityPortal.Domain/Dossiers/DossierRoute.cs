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

    public const int CompletenessWorkingDays = 5;
    public const int ApprovalWorkingDays = 7;
}
