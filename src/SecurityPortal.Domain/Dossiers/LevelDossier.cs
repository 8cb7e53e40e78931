using SecurityPortal.Domain.Assessments;
using SecurityPortal.Domain.Calendar;
using SecurityPortal.Domain.Classification;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Domain.Dossiers;

/// <summary>
/// A level-proposal dossier (hồ sơ đề xuất cấp độ) for one information system, from the first draft to the
/// approval decision. The workflow is routed by the proposed level (<see cref="DossierRoute"/>); every step
/// is recorded as a <see cref="DossierEvent"/>. A re-determination is a new dossier: the old ones stay.
/// </summary>
public sealed class LevelDossier : Entity, IBelongsToSystem
{
    public const int ShortTextMaxLength = 200;
    public const int ReasonMaxLength = 4000;

    private readonly List<DossierAttachment> _attachments = [];
    private readonly List<DossierEvent> _events = [];
    private readonly List<DossierSectionReview> _reviews = [];

    private LevelDossier()
    {
        CreatedById = string.Empty;
        Facts = new ClassificationFacts();
        Content = new DossierContent();
    }

    public Guid SystemId { get; private set; }
    public RuleSet RuleSet { get; private set; }

    /// <summary>Why the officer chose a rule set other than the default; null when the default applies.</summary>
    public string? RuleSetReason { get; private set; }

    /// <summary>When the system's investment began; decides the transition rule (Decree 331 Art. 39.1).</summary>
    public DateOnly? InvestmentStarted { get; private set; }

    public ClassificationFacts Facts { get; private set; }
    public int? ProposedLevel { get; private set; }

    /// <summary>Why a level above the engine's is proposed (required then).</summary>
    public string? ProposalJustification { get; private set; }

    public DossierContent Content { get; private set; }
    public DossierState State { get; private set; }
    public string CreatedById { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateOnly CreatedOn { get; private set; }
    public string? SubmittedById { get; private set; }
    public DateOnly? SubmittedOn { get; private set; }
    public DateOnly? CompletenessDue { get; private set; }
    public DateOnly? AppraisalDue { get; private set; }
    public DateOnly? ApprovalDue { get; private set; }

    public string? ExpertOpinionNumber { get; private set; }
    public DateOnly? ExpertOpinionDate { get; private set; }
    public string? ExpertOpinionSummary { get; private set; }

    public AppraisalConclusion? AppraisalConclusion { get; private set; }
    public string? AppraisalComments { get; private set; }
    public string? AppraisalBody { get; private set; }
    public string? AppraisalDocumentNumber { get; private set; }
    public DateOnly? AppraisalDate { get; private set; }
    public string? AppraisedById { get; private set; }

    public string? DecisionNumber { get; private set; }
    public DateOnly? DecisionDate { get; private set; }
    public string? DecisionSigner { get; private set; }
    public int? ApprovedLevel { get; private set; }
    public string? ApprovedById { get; private set; }

    /// <summary>When the owner expects the level to be approved, as the officer estimates it (Mẫu 08 column 9).</summary>
    public DateOnly? ExpectedApprovalOn { get; private set; }

    /// <summary>The decision issuing the system's cybersecurity rules (quy chế), if any (Mẫu 08 column 8).</summary>
    public string? RulesDecisionNumber { get; private set; }
    public DateOnly? RulesDecisionDate { get; private set; }
    public string? RulesDecisionIssuer { get; private set; }

    public IReadOnlyList<DossierAttachment> Attachments => _attachments;
    public IReadOnlyList<DossierEvent> Events => _events;

    /// <summary>The reviewer's verdicts per section and round (<see cref="DossierSectionReview"/>).</summary>
    public IReadOnlyList<DossierSectionReview> Reviews => _reviews;

    /// <summary>How many times the dossier has been submitted: the review round now open, or the last one.</summary>
    public int ReviewRound { get; private set; }

    /// <summary>Draft, returned as incomplete, or sent back after an unsuitable appraisal: the officer may edit.</summary>
    public bool IsEditable => State is DossierState.Draft or DossierState.Returned or DossierState.NeedsRevision;

    public bool IsClosed => State is DossierState.Approved or DossierState.Rejected;

    /// <summary>The route of the proposed level; level 1's route until a level is proposed.</summary>
    public DossierRoute Route => DossierRoute.For(ProposedLevel ?? 1);

    public RuleSet DefaultRuleSet => LevelEngine.DefaultRuleSet(CreatedOn, InvestmentStarted);

    /// <summary>Starts a dossier from what the registry knows about the system.</summary>
    public static LevelDossier Start(InformationSystem system, DossierActor creator, DateOnly today, DateTime nowUtc, DateOnly? investmentStarted)
    {
        if (system.Lifecycle == LifecycleStatus.Decommissioned)
        {
            throw new DomainException("Hệ thống đã ngừng sử dụng: không lập hồ sơ đề xuất cấp độ.");
        }

        var dossier = new LevelDossier
        {
            SystemId = system.Id,
            Facts = ClassificationFacts.From(system),
            CreatedById = creator.UserId,
            CreatedAtUtc = nowUtc,
            CreatedOn = today,
            InvestmentStarted = investmentStarted,
            State = DossierState.Draft,
        };
        dossier.RuleSet = dossier.DefaultRuleSet;
        dossier.Record(DossierAction.Created, null, creator, nowUtc, null);
        return dossier;
    }

    public LevelResult Evaluate() => LevelEngine.Evaluate(RuleSet, Facts);

    /// <summary>The default follows Art. 39.1; another choice needs a reason.</summary>
    public void ChooseRuleSet(RuleSet ruleSet, DateOnly? investmentStarted, string? reason)
    {
        EnsureEditable();
        if (!Enum.IsDefined(ruleSet))
        {
            throw new DomainException("Văn bản áp dụng không hợp lệ.");
        }

        var defaultRuleSet = LevelEngine.DefaultRuleSet(CreatedOn, investmentStarted);
        if (ruleSet != defaultRuleSet && string.IsNullOrWhiteSpace(reason))
        {
            throw new DomainException($"Văn bản áp dụng mặc định là {defaultRuleSet.Citation()}; muốn áp dụng {ruleSet.Citation()} cần nêu lý do.");
        }

        var why = ruleSet == defaultRuleSet ? null : Bounded(reason, ReasonMaxLength, "Lý do chọn văn bản áp dụng");
        InvestmentStarted = investmentStarted;
        RuleSet = ruleSet;
        RuleSetReason = why;
    }

    /// <summary>Saves the answers; missing answers are allowed in a draft, contradictory ones are not.</summary>
    public void SetFacts(ClassificationFacts facts)
    {
        EnsureEditable();
        const InformationTypes allTypes = InformationTypes.Public | InformationTypes.Private | InformationTypes.Personal | InformationTypes.StateSecret;
        if ((facts.FunctionKind is { } kind && !Enum.IsDefined(kind))
            || (facts.InformationTypes is { } given && (given & ~allTypes) != 0)
            || (facts.NationalSecurityHarm is { } harm && !Enum.IsDefined(harm))
            || (facts.IndustrialControlClass is { } workClass && !Enum.IsDefined(workClass))
            || (facts.InfrastructureScope is { } scope && !Enum.IsDefined(scope)))
        {
            throw new DomainException("Có câu trả lời không nằm trong các lựa chọn cho phép: hãy chọn lại.");
        }

        var stateSecret = facts.InformationTypes is { } types && types.HasFlag(InformationTypes.StateSecret);
        if (stateSecret && facts.NationalSecurityHarm is null or NationalSecurityHarm.None)
        {
            throw new DomainException("Hệ thống xử lý thông tin bí mật nhà nước: cần chọn mức độ tổn hại tới quốc phòng, an ninh quốc gia nếu bị phá hoại.");
        }

        if (!stateSecret && facts.NationalSecurityHarm is not (null or NationalSecurityHarm.None))
        {
            throw new DomainException("Đã chọn mức độ tổn hại tới an ninh quốc gia nhưng chưa đánh dấu hệ thống xử lý thông tin bí mật nhà nước.");
        }

        if (facts.FunctionKind != SystemFunctionKind.IndustrialControl && (facts.IndustrialControlClass is not null || facts.ServesNationalSecurityWork == true))
        {
            throw new DomainException("Cấp công trình và công trình liên quan an ninh quốc gia chỉ áp dụng cho hệ thống điều khiển công nghiệp.");
        }

        if (facts.OnlineServiceLevel is < 0 or > 4)
        {
            throw new DomainException("Mức độ dịch vụ công trực tuyến phải từ 0 (không có) đến 4.");
        }

        if (facts.DesignatedLevel is < 0 or > 5 || facts.RiskFrameworkLevel is < 0 or > 5)
        {
            throw new DomainException("Cấp độ theo quyết định của Thủ tướng hoặc Khung quản lý rủi ro phải từ 0 (không có) đến 5.");
        }

        if (facts.UserCount < 0 || facts.BasicPersonalDataSubjects < 0 || facts.SensitivePersonalDataSubjects < 0)
        {
            throw new DomainException("Số người sử dụng và số chủ thể dữ liệu cá nhân không được âm.");
        }

        Facts = facts with
        {
            InformationTypes = facts.InformationTypes == InformationTypes.None ? null : facts.InformationTypes,
            NationalSecurityHarm = stateSecret ? facts.NationalSecurityHarm : null,
            // Decree 331 Art. 15.1: «mang tính chiến lược» is asked only of an especially serious harm.
            Strategic = stateSecret && facts.NationalSecurityHarm == NationalSecurityHarm.EspeciallySerious ? facts.Strategic : null,
        };
    }

    /// <summary>The engine's level is a floor (<see cref="LevelProposal.Check"/>); null clears the proposal.</summary>
    public void Propose(int? level, string? justification)
    {
        EnsureEditable();
        if (level is { } proposed)
        {
            LevelProposal.Check(Evaluate(), proposed, justification);
        }

        ProposedLevel = level;
        ProposalJustification = string.IsNullOrWhiteSpace(justification) ? null : justification.Trim();
    }

    /// <summary>The officer's estimate of the approval date; not before the dossier was started, null clears it.</summary>
    public void PlanApproval(DateOnly? expected)
    {
        EnsureEditable();
        if (expected is { } day && day < CreatedOn)
        {
            throw new DomainException($"Thời gian dự kiến phê duyệt ({Format(day)}) không được trước ngày lập hồ sơ ({Format(CreatedOn)}).");
        }

        ExpectedApprovalOn = expected;
    }

    /// <summary>
    /// The decision issuing the system's cybersecurity rules: number, date and issuer together, or none of them
    /// (the system has no rules yet).
    /// </summary>
    public void RecordRulesDecision(string? number, DateOnly? date, string? issuer)
    {
        EnsureEditable();
        if (string.IsNullOrWhiteSpace(number) && date is null && string.IsNullOrWhiteSpace(issuer))
        {
            RulesDecisionNumber = null;
            RulesDecisionDate = null;
            RulesDecisionIssuer = null;
            return;
        }

        RulesDecisionNumber = Bounded(Required(number, "Số quyết định ban hành quy chế"), ShortTextMaxLength, "Số quyết định ban hành quy chế");
        RulesDecisionDate = date ?? throw new DomainException("Ngày quyết định ban hành quy chế không được để trống.");
        RulesDecisionIssuer = Bounded(Required(issuer, "Cơ quan ban hành quy chế"), ShortTextMaxLength, "Cơ quan ban hành quy chế");
    }

    public void SetContent(DossierContent content)
    {
        EnsureEditable();
        Content = content.Normalized();
    }

    /// <summary>Everything that still stands between the dossier and its submission, in plain Vietnamese.</summary>
    public IReadOnlyList<string> Checklist()
    {
        var missing = new List<string>();
        var result = Evaluate();
        missing.AddRange(result.MissingFacts.Select(f => $"Chưa trả lời câu hỏi: {f.Question()}"));
        if (ProposedLevel is not { } level)
        {
            missing.Add("Chưa chọn cấp độ đề xuất.");
            level = result.Level ?? 1;
        }
        else
        {
            try
            {
                LevelProposal.Check(result, level, ProposalJustification);
            }
            catch (DomainException ex)
            {
                missing.Add(ex.Message);
            }
        }

        missing.AddRange(Content.Sections().Where(s => s.FromLevel <= level && s.Text is null).Select(s => $"Chưa nhập mục «{s.Name}»."));
        var route = DossierRoute.For(level);
        missing.AddRange(route.RequiredToSubmit.Where(k => _attachments.All(a => a.Kind != k)).Select(k => $"Chưa đính kèm: {k.Vietnamese()}."));
        if (State is DossierState.Returned or DossierState.NeedsRevision)
        {
            missing.AddRange(ChangesSinceReturn()
                .Where(c => c.Review?.NeedsChange == true && c.Change == SectionChange.Unchanged)
                .Select(c => $"Mục «{c.Title}» được đề nghị bổ sung nhưng chưa được sửa."));
        }

        return missing;
    }

    public DossierAttachment AddAttachment(DossierActor actor, AttachmentKind kind, string fileName, string contentType, long length, string sha256, DateTime nowUtc)
    {
        EnsureMayAttach(actor, kind);
        var attachment = new DossierAttachment(Id, kind, new UploadedFile(UploadName.Clean(fileName, "tep-dinh-kem"), contentType, length, sha256, actor.UserId, nowUtc));
        _attachments.Add(attachment);
        return attachment;
    }

    public void RemoveAttachment(DossierActor actor, Guid attachmentId)
    {
        var attachment = _attachments.FirstOrDefault(a => a.Id == attachmentId)
            ?? throw new DomainException("Không tìm thấy tệp đính kèm này.");
        EnsureMayAttach(actor, attachment.Kind);
        _attachments.Remove(attachment);
    }

    /// <summary>Officer kinds while the dossier is editable; the reviewer's documents during review; the decision at approval.</summary>
    public bool MayAttach(DossierActor actor, AttachmentKind kind) => !IsClosed && kind switch
    {
        AttachmentKind.ExpertOpinion => actor.IsReviewer && State is DossierState.Submitted && Route.NeedsExpertOpinion,
        AttachmentKind.AppraisalOpinion => actor.IsReviewer && State is DossierState.UnderAppraisal,
        AttachmentKind.ScannedDecision => State is DossierState.AwaitingApproval && MayApprove(actor),
        AttachmentKind.SecurityRulesDecision => IsEditable || State is DossierState.AwaitingApproval,
        _ => IsEditable,
    };

    public void Submit(DossierActor actor, WorkingDays calendar, DateOnly today, DateTime nowUtc)
    {
        if (!IsEditable)
        {
            throw new DomainException($"Hồ sơ đang ở trạng thái «{State.Vietnamese()}»: không thể gửi.");
        }

        var missing = Checklist();
        if (missing.Count > 0)
        {
            throw new DomainException($"Hồ sơ chưa đầy đủ ({missing.Count} mục): {string.Join(" ", missing)}");
        }

        var from = State;
        SubmittedById = actor.UserId;
        SubmittedOn = today;
        CompletenessDue = DossierRoute.CompletenessLimit(RuleSet) is { } days ? calendar.AddWorkingDays(today, days) : null;
        AppraisalDue = null;
        ApprovalDue = null;
        // A resubmission is reviewed afresh: the earlier opinion and appraisal stay in the history only.
        AppraisalConclusion = null;
        ExpertOpinionNumber = null;
        ExpertOpinionDate = null;
        ExpertOpinionSummary = null;
        ReviewRound++;
        State = DossierState.Submitted;
        Record(DossierAction.Submitted, from, actor, nowUtc, null);
    }

    /// <summary>
    /// The dossier goes back to the officer with the sections marked «Cần bổ sung» (at least one, each with its comment);
    /// the general note is optional. Every section of the returned version is fingerprinted for the comparison after resubmission.
    /// </summary>
    public void ReturnIncomplete(DossierActor actor, string? reason, DateTime nowUtc)
    {
        EnsureReviewer(actor, DossierState.Submitted, "trả lại hồ sơ");
        var flagged = EnsureSectionsToChange("trả lại hồ sơ");
        var note = Bounded(reason, ReasonMaxLength, "Lý do trả lại hồ sơ");
        CloseRound(nowUtc);
        State = DossierState.Returned;
        CompletenessDue = null;
        Record(DossierAction.Returned, DossierState.Submitted, actor, nowUtc, $"{note} {SectionsNote(flagged)}".Trim());
    }

    /// <summary>
    /// The reviewer's verdicts, section by section, while the dossier is checked or appraised: «Đạt», or «Cần bổ sung» with
    /// the comment the officer will read beside the field; <see cref="ItemReview.None"/> without a comment withdraws a verdict.
    /// Every verdict is checked before any is kept.
    /// </summary>
    public void ReviewSections(DossierActor actor, IReadOnlyCollection<SectionVerdict> verdicts, DateTime nowUtc)
    {
        if (State is not (DossierState.Submitted or DossierState.UnderAppraisal))
        {
            throw new DomainException($"Hồ sơ đang ở trạng thái «{State.Vietnamese()}»: không thể ghi nhận ý kiến từng mục.");
        }

        if (!actor.IsReviewer)
        {
            throw new DomainException("Chỉ cán bộ của đơn vị chuyên trách mới được ghi nhận ý kiến từng mục.");
        }

        if (IsOwnWork(actor))
        {
            throw new DomainException("Người lập hoặc gửi hồ sơ không được ghi nhận ý kiến từng mục.");
        }

        var sections = DossierSections.Of(this).ToDictionary(s => s.Key, StringComparer.Ordinal);
        var checkedVerdicts = new List<(string Section, ItemReview Review, string? Comment)>();
        foreach (var verdict in verdicts)
        {
            if (!sections.TryGetValue(verdict.Section ?? string.Empty, out var section))
            {
                throw new DomainException("Có mục không thuộc hồ sơ này: hãy tải lại trang rồi ghi nhận lại.");
            }

            if (!Enum.IsDefined(verdict.Review))
            {
                throw new DomainException($"Mục «{section.Title}»: kết quả xem xét không hợp lệ; chọn «Đạt» hoặc «Cần bổ sung».");
            }

            var comment = BoundedText.Optional(verdict.Comment, DossierSectionReview.CommentMaxLength, $"Nhận xét mục «{section.Title}»");
            if (verdict.Review == ItemReview.None && comment is not null)
            {
                throw new DomainException($"Mục «{section.Title}» có nhận xét nhưng chưa chọn «Đạt» hoặc «Cần bổ sung».");
            }

            if (verdict.Review == ItemReview.NeedsChange && comment is null)
            {
                throw new DomainException($"Mục «{section.Title}» được đánh dấu «Cần bổ sung»: hãy ghi nhận xét để đơn vị biết cần bổ sung gì.");
            }

            checkedVerdicts.Add((section.Key, verdict.Review, comment));
        }

        foreach (var (key, review, comment) in checkedVerdicts)
        {
            var row = _reviews.FirstOrDefault(r => r.Round == ReviewRound && r.Section == key);
            if (review == ItemReview.None)
            {
                row?.Clear();
                continue;
            }

            if (row is null)
            {
                row = new DossierSectionReview(Id, ReviewRound, key);
                _reviews.Add(row);
            }

            row.Judge(review, comment, actor, nowUtc);
        }
    }

    /// <summary>The verdicts of the round now open (or the last one), by section key.</summary>
    public IReadOnlyDictionary<string, DossierSectionReview> CurrentReviews() =>
        _reviews.Where(r => r.Round == ReviewRound && r.Review != ItemReview.None).ToDictionary(r => r.Section, StringComparer.Ordinal);

    /// <summary>The last round that ended in a return (to the officer), if any.</summary>
    public int? LastReturnedRound => _reviews.Where(r => r.Fingerprint is not null).Max(r => (int?)r.Round);

    /// <summary>When the last return happened.</summary>
    public DateTime? LastReturnedAtUtc => LastReturnedRound is { } round ? _reviews.First(r => r.Round == round && r.ReturnedAtUtc is not null).ReturnedAtUtc : null;

    /// <summary>The sections the reviewer asked to change at the last return, in the dossier's order (the officer's list).</summary>
    public IReadOnlyList<DossierSectionReview> ReturnedSections() => ChangesSinceReturn().Where(c => c.Review?.NeedsChange == true).Select(c => c.Review!).ToList();

    /// <summary>
    /// Each section of the last returned version with its verdict then, and whether it has changed since (sections added since
    /// come last in their place); empty when the dossier was never returned.
    /// </summary>
    public IReadOnlyList<(string Key, string Title, SectionChange Change, DossierSectionReview? Review)> ChangesSinceReturn()
    {
        if (LastReturnedRound is not { } round)
        {
            return [];
        }

        var returned = _reviews.Where(r => r.Round == round && r.Fingerprint is not null).ToDictionary(r => r.Section, StringComparer.Ordinal);
        var now = DossierSections.Of(this);
        var titles = now.ToDictionary(s => s.Key, s => s.Title, StringComparer.Ordinal);
        return DossierSections.Compare(returned.ToDictionary(r => r.Key, r => r.Value.Fingerprint!, StringComparer.Ordinal), now)
            .Select(c => (c.Key, titles.GetValueOrDefault(c.Key) ?? DossierSections.Title(c.Key) ?? c.Key, c.Change, returned.GetValueOrDefault(c.Key)))
            .ToList();
    }

    /// <summary>Levels 4–5: the owner's cybersecurity unit gives its expert opinion before the national appraisal.</summary>
    public void RecordExpertOpinion(DossierActor actor, string? number, DateOnly? date, string? summary, DateOnly today, DateTime nowUtc)
    {
        EnsureReviewer(actor, DossierState.Submitted, "ghi nhận ý kiến chuyên môn");
        if (!Route.NeedsExpertOpinion)
        {
            throw new DomainException($"Hồ sơ cấp độ {ProposedLevel} không cần ý kiến chuyên môn.");
        }

        var checkedNumber = Bounded(Required(number, "Số văn bản ý kiến chuyên môn"), ShortTextMaxLength, "Số văn bản");
        var checkedDate = PastDate(date, today, "Ngày văn bản ý kiến chuyên môn");
        var checkedSummary = Bounded(Required(summary, "Nội dung ý kiến chuyên môn"), ReasonMaxLength, "Nội dung ý kiến chuyên môn");
        ExpertOpinionNumber = checkedNumber;
        ExpertOpinionDate = checkedDate;
        ExpertOpinionSummary = checkedSummary;
        Record(DossierAction.ExpertOpinionRecorded, State, actor, nowUtc, $"Văn bản số {ExpertOpinionNumber}");
    }

    /// <summary>The dossier is complete: the appraisal clock starts (none for levels 1–2).</summary>
    public void Accept(DossierActor actor, WorkingDays calendar, DateOnly today, DateTime nowUtc)
    {
        EnsureReviewer(actor, DossierState.Submitted, "tiếp nhận hồ sơ");
        EnsureNoSectionToChange("tiếp nhận hồ sơ");
        if (Route.NeedsExpertOpinion && (ExpertOpinionNumber is null || _attachments.All(a => a.Kind != AttachmentKind.ExpertOpinion)))
        {
            throw new DomainException("Hồ sơ cấp độ 4, 5 cần ý kiến chuyên môn của đơn vị chuyên trách (số, ngày, nội dung và văn bản đính kèm) trước khi chuyển thẩm định.");
        }

        AppraisalDue = DossierRoute.AppraisalLimit(RuleSet, ProposedLevel!.Value) is { } limit
            ? limit.WorkingDays ? calendar.AddWorkingDays(today, limit.Days) : calendar.AddCalendarDays(today, limit.Days)
            : null;
        CompletenessDue = null;
        State = DossierState.UnderAppraisal;
        Record(DossierAction.Accepted, DossierState.Submitted, actor, nowUtc, Route.NationalAppraisal ? "Chuyển cơ quan thẩm định cấp quốc gia" : null);
    }

    /// <summary>
    /// The appraisal conclusion (Mẫu 04): "phù hợp" sends the dossier on for approval, "chưa phù hợp" back to the
    /// officer with the comments. For levels 4–5 it records the national appraisal body's document.
    /// </summary>
    public void RecordAppraisal(
        DossierActor actor, AppraisalConclusion conclusion, string? comments, string? documentNumber, DateOnly? date, string? body,
        WorkingDays calendar, DateOnly today, DateTime nowUtc)
    {
        EnsureReviewer(actor, DossierState.UnderAppraisal, "ghi nhận kết quả thẩm định");
        if (!Enum.IsDefined(conclusion))
        {
            throw new DomainException("Kết luận thẩm định không hợp lệ: chọn «Phù hợp» hoặc «Chưa phù hợp».");
        }

        var flagged = conclusion == Dossiers.AppraisalConclusion.NotSuitable
            ? EnsureSectionsToChange("kết luận «chưa phù hợp»")
            : EnsureNoSectionToChange("kết luận «phù hợp»");

        // Everything is checked before anything changes: a refused appraisal leaves the dossier as it was.
        var national = Route.NationalAppraisal;
        var checkedBody = national ? Bounded(Required(body, "Cơ quan thẩm định"), ShortTextMaxLength, "Cơ quan thẩm định") : null;
        var checkedNumber = national
            ? Bounded(Required(documentNumber, "Số văn bản thẩm định"), ShortTextMaxLength, "Số văn bản thẩm định")
            : string.IsNullOrWhiteSpace(documentNumber) ? null : Bounded(documentNumber, ShortTextMaxLength, "Số văn bản thẩm định");
        var checkedDate = national || date is not null ? PastDate(date, today, "Ngày văn bản thẩm định") : today;
        var checkedComments = string.IsNullOrWhiteSpace(comments) ? null : Bounded(comments, ReasonMaxLength, "Ý kiến thẩm định");
        AppraisalBody = checkedBody;
        AppraisalDocumentNumber = checkedNumber;
        AppraisalDate = checkedDate;
        AppraisalConclusion = conclusion;
        AppraisalComments = checkedComments;
        AppraisedById = actor.UserId;
        AppraisalDue = null;
        State = conclusion == Dossiers.AppraisalConclusion.Suitable ? DossierState.AwaitingApproval : DossierState.NeedsRevision;
        ApprovalDue = State == DossierState.AwaitingApproval ? calendar.AddWorkingDays(today, DossierRoute.ApprovalWorkingDays) : null;
        if (State == DossierState.NeedsRevision)
        {
            CloseRound(nowUtc);
        }

        Record(DossierAction.Appraised, DossierState.UnderAppraisal, actor, nowUtc, $"{conclusion.Vietnamese()}. {AppraisalComments} {SectionsNote(flagged)}".Trim());
    }

    /// <summary>
    /// Levels 1–2: the cybersecurity unit approves. Levels 3–5: the owner decides and its signed decision is recorded — for
    /// level 3 by an officer of the owner agency only, for levels 4–5 also by the unit (<see cref="DossierRoute.ProvinceRecordsDecision"/>).
    /// Never by whoever created or submitted the dossier.
    /// </summary>
    public bool MayApprove(DossierActor actor) =>
        !IsOwnWork(actor) && (Route.Approver == Approver.SecurityUnit
            ? actor.IsReviewer
            : actor.IsOwnerOfficer || (Route.ProvinceRecordsDecision && actor.IsReviewer));

    public void Approve(DossierActor actor, InformationSystem system, string? decisionNumber, DateOnly? decisionDate, string? signer, DateOnly today, DateTime nowUtc)
    {
        EnsureApprover(actor, "phê duyệt");
        if (system.Id != SystemId)
        {
            throw new DomainException("Quyết định không thuộc hệ thống của hồ sơ này.");
        }

        var number = Bounded(Required(decisionNumber, "Số quyết định"), ShortTextMaxLength, "Số quyết định");
        var date = PastDate(decisionDate, today, "Ngày quyết định");
        if (date < SubmittedOn)
        {
            throw new DomainException($"Ngày quyết định không được trước ngày gửi hồ sơ ({Format(SubmittedOn.Value)}).");
        }

        var checkedSigner = Bounded(Required(signer, "Người ký quyết định"), ShortTextMaxLength, "Người ký quyết định");
        var missing = Route.RequiredToApprove.Where(k => _attachments.All(a => a.Kind != k)).ToList();
        if (missing.Count > 0)
        {
            throw new DomainException($"Chưa đính kèm: {string.Join("; ", missing.Select(k => k.Vietnamese()))}.");
        }

        DecisionNumber = number;
        DecisionDate = date;
        DecisionSigner = checkedSigner;
        ApprovedLevel = ProposedLevel;
        ApprovedById = actor.UserId;
        ApprovalDue = null;
        State = DossierState.Approved;
        system.ApplyApprovedLevel(ApprovedLevel!.Value, Id, date);
        Record(DossierAction.Approved, DossierState.AwaitingApproval, actor, nowUtc, $"Quyết định số {number} ngày {Format(date)}, cấp độ {ApprovedLevel}");
    }

    public void Reject(DossierActor actor, string? reason, DateTime nowUtc)
    {
        EnsureApprover(actor, "từ chối phê duyệt");
        var note = Bounded(Required(reason, "Lý do không phê duyệt"), ReasonMaxLength, "Lý do không phê duyệt");
        ApprovalDue = null;
        State = DossierState.Rejected;
        Record(DossierAction.Rejected, DossierState.AwaitingApproval, actor, nowUtc, note);
    }

    /// <summary>
    /// Brings a deadline stored under an earlier rule in line with the rules as they stand (issue 18): a Decree 85 dossier has
    /// no completeness deadline, and a Decree 85 appraisal limit (calendar days) that ends on a day off moves to the next
    /// working day. Running it again changes nothing; returns whether anything changed.
    /// </summary>
    public bool CorrectDeadlines(WorkingDays calendar)
    {
        var changed = false;
        if (State == DossierState.Submitted && CompletenessDue is not null && DossierRoute.CompletenessLimit(RuleSet) is null)
        {
            CompletenessDue = null;
            changed = true;
        }

        if (State == DossierState.UnderAppraisal && AppraisalDue is { } due && ProposedLevel is { } level
            && DossierRoute.AppraisalLimit(RuleSet, level) is { WorkingDays: false } && !calendar.IsWorkingDay(due))
        {
            AppraisalDue = calendar.AddCalendarDays(due, 0);
            changed = true;
        }

        return changed;
    }

    /// <summary>The legal basis of the current step's deadline, or the sentence that the texts set none.</summary>
    public DeadlineBasis? DeadlineBasis => DossierRoute.Basis(RuleSet, ProposedLevel, State);

    /// <summary>The deadline of the current step, if the law sets one.</summary>
    public DateOnly? DueDate => StepDue(State, CompletenessDue, AppraisalDue, ApprovalDue);

    /// <summary>
    /// The queue's sort key: <see cref="DueDate"/>, or <see cref="DateOnly.MaxValue"/> when the current step has no
    /// deadline. Always computed from the state; it is stored (the setter ignores what is read back) so the database
    /// reads the queue in order from an index instead of sorting every dossier (docs/performance.md).
    /// </summary>
    public DateOnly QueueOrder
    {
        get => DueDate ?? DateOnly.MaxValue;
        private set { }
    }

    /// <summary>The rule behind <see cref="DueDate"/>, for rows read without the entity.</summary>
    public static DateOnly? StepDue(DossierState state, DateOnly? completenessDue, DateOnly? appraisalDue, DateOnly? approvalDue) => state switch
    {
        DossierState.Submitted => completenessDue,
        DossierState.UnderAppraisal => appraisalDue,
        DossierState.AwaitingApproval => approvalDue,
        _ => null,
    };

    public bool IsOverdue(DateOnly today) => DueDate is { } due && today > due;

    private bool IsOwnWork(DossierActor actor) => actor.UserId == SubmittedById || actor.UserId == CreatedById;

    private void EnsureReviewer(DossierActor actor, DossierState expected, string what)
    {
        if (State != expected)
        {
            throw new DomainException($"Hồ sơ đang ở trạng thái «{State.Vietnamese()}»: không thể {what}.");
        }

        if (!actor.IsReviewer)
        {
            throw new DomainException($"Chỉ cán bộ của đơn vị chuyên trách mới được {what}.");
        }

        if (IsOwnWork(actor))
        {
            throw new DomainException($"Người lập hoặc gửi hồ sơ không được {what}.");
        }
    }

    private void EnsureApprover(DossierActor actor, string what)
    {
        if (State != DossierState.AwaitingApproval)
        {
            throw new DomainException($"Hồ sơ đang ở trạng thái «{State.Vietnamese()}»: không thể {what}.");
        }

        if (IsOwnWork(actor))
        {
            throw new DomainException($"Người lập hoặc gửi hồ sơ không được {what}.");
        }

        if (!MayApprove(actor))
        {
            throw new DomainException(Route.Approver == Approver.SecurityUnit
                ? $"Cấp độ {ProposedLevel} do đơn vị chuyên trách phê duyệt."
                : Route.ProvinceRecordsDecision
                    ? $"Cấp độ {ProposedLevel} do chủ quản phê duyệt: chỉ cán bộ đơn vị chuyên trách hoặc của cơ quan chủ quản được ghi nhận quyết định."
                    : $"Cấp độ {ProposedLevel} do chủ quản phê duyệt: chỉ cán bộ của cơ quan chủ quản được tải lên và ghi nhận quyết định phê duyệt.");
        }
    }

    /// <summary>The titles of the open round's sections marked «Cần bổ sung», in the dossier's order.</summary>
    private List<string> SectionsToChange()
    {
        var current = CurrentReviews();
        return DossierSections.Of(this).Where(s => current.GetValueOrDefault(s.Key)?.NeedsChange == true).Select(s => s.Title).ToList();
    }

    /// <summary>Sending the dossier back to the officer needs at least one section marked «Cần bổ sung».</summary>
    private List<string> EnsureSectionsToChange(string what) => SectionsToChange() is { Count: > 0 } flagged
        ? flagged
        : throw new DomainException($"Để {what}, hãy đánh dấu «Cần bổ sung» (kèm nhận xét) ở ít nhất một mục của hồ sơ, để đơn vị biết cần sửa gì.");

    /// <summary>Accepting the dossier, or finding it suitable, is refused while a section is marked «Cần bổ sung».</summary>
    private List<string> EnsureNoSectionToChange(string what) => SectionsToChange() is { Count: > 0 } flagged
        ? throw new DomainException($"Còn {flagged.Count} mục được đánh dấu «Cần bổ sung» ({string.Join("; ", flagged)}): không thể {what}. Hãy trả lại hồ sơ, hoặc đổi các mục đó thành «Đạt».")
        : [];

    private static string SectionsNote(List<string> flagged) =>
        flagged.Count == 0 ? string.Empty : $"Cần bổ sung: {string.Join("; ", flagged.Select(t => $"«{t}»"))}.";

    /// <summary>The round ends in a return: every section of this version is kept with its fingerprint, judged or not.</summary>
    private void CloseRound(DateTime nowUtc)
    {
        foreach (var section in DossierSections.Of(this))
        {
            var row = _reviews.FirstOrDefault(r => r.Round == ReviewRound && r.Section == section.Key);
            if (row is null)
            {
                row = new DossierSectionReview(Id, ReviewRound, section.Key);
                _reviews.Add(row);
            }

            row.Close(section.Fingerprint, nowUtc);
        }
    }

    private void EnsureMayAttach(DossierActor actor, AttachmentKind kind)
    {
        if (!MayAttach(actor, kind))
        {
            throw new DomainException($"Không thể thêm hoặc gỡ «{kind.Vietnamese()}» khi hồ sơ đang ở trạng thái «{State.Vietnamese()}».");
        }
    }

    private void EnsureEditable()
    {
        if (!IsEditable)
        {
            throw new DomainException($"Hồ sơ đang ở trạng thái «{State.Vietnamese()}»: không thể chỉnh sửa.");
        }
    }

    private void Record(DossierAction action, DossierState? from, DossierActor actor, DateTime nowUtc, string? note) =>
        _events.Add(new DossierEvent(Id, action, from, State, actor, nowUtc, note));

    private static string Required(string? text, string name) =>
        string.IsNullOrWhiteSpace(text) ? throw new DomainException($"{name} không được để trống.") : text.Trim();

    private static string? Bounded(string? text, int max, string name) =>
        text?.Trim().Length > max ? throw new DomainException($"{name} không được dài quá {max} ký tự.") : text?.Trim();

    private static string Format(DateOnly date) => date.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    private static DateOnly PastDate(DateOnly? date, DateOnly today, string name) => date switch
    {
        null => throw new DomainException($"{name} không được để trống."),
        { } d when d > today => throw new DomainException($"{name} ({Format(d)}) không được sau ngày hôm nay."),
        { } d => d,
    };
}
