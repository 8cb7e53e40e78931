using SecurityPortal.Domain.Catalog;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Domain.Assessments;

/// <summary>
/// A self-assessment (tự đánh giá) of one system for one cycle (year), pinned to a catalog version and a level:
/// one item per applicable requirement. Each item is answered and saved on its own; the whole is submitted,
/// reviewed item by item, and accepted (then locked) or returned with the items to fix.
/// </summary>
public sealed class Assessment : Entity, IBelongsToSystem
{
    public const int NoteMaxLength = 4000;
    public const int NameMaxLength = 200;

    private readonly List<AssessmentItem> _items = [];
    private readonly List<AssessmentEvidence> _evidence = [];

    private Assessment()
    {
        CatalogCode = string.Empty;
        CreatedById = string.Empty;
    }

    public Guid SystemId { get; private set; }
    public int Cycle { get; private set; }
    public Guid CatalogVersionId { get; private set; }
    public string CatalogCode { get; private set; }
    public int Level { get; private set; }

    /// <summary>False while the system has no approved level and the proposed one is used (shown as such).</summary>
    public bool LevelIsApproved { get; private set; }

    public AssessmentState State { get; private set; }
    public string CreatedById { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public string? SubmittedById { get; private set; }
    public DateTime? SubmittedAtUtc { get; private set; }

    /// <summary>The agency head who confirmed the submission (name and position), as the officer recorded it.</summary>
    public string? HeadConfirmation { get; private set; }

    /// <summary>The campaign that asked for this assessment, if any.</summary>
    public Guid? CampaignId { get; private set; }

    /// <summary>The accepted assessment this one was carried forward from, if any.</summary>
    public Guid? CarriedFromId { get; private set; }

    public string? ReviewerId { get; private set; }
    public string? ReturnNote { get; private set; }
    public DateTime? AcceptedAtUtc { get; private set; }

    /// <summary>Percentage met when the assessment was last filed (submitted); null while it is being written or after a return.</summary>
    public decimal? FiledScore { get; private set; }

    /// <summary>Mẫu 08 plan deployment status as filed.</summary>
    public PlanDeployment? FiledDeployment { get; private set; }

    /// <summary>Per group of requirements, as filed: the counts behind the province's compliance-by-group chart (JSON).</summary>
    public string? FiledGroups { get; private set; }

    public IReadOnlyList<AssessmentItem> Items => _items;
    public IReadOnlyList<AssessmentEvidence> Evidence => _evidence;

    public bool IsEditable => State is AssessmentState.Draft or AssessmentState.Returned;

    public static Assessment Start(InformationSystem system, CatalogVersion catalog, int cycle, int level, bool levelIsApproved, string userId, DateTime nowUtc)
    {
        if (catalog.Status != CatalogStatus.Published)
        {
            throw new DomainException($"Danh mục {catalog.Code} chưa công bố hoặc đã ngừng áp dụng.");
        }

        if (level is < 1 or > 5)
        {
            throw new DomainException("Hệ thống chưa có cấp độ (đã phê duyệt hoặc đề xuất): cần xác định cấp độ trước khi tự đánh giá.");
        }

        if (cycle is < 2000 or > 2100)
        {
            throw new DomainException("Năm đánh giá không hợp lệ.");
        }

        var assessment = new Assessment
        {
            SystemId = system.Id,
            Cycle = cycle,
            CatalogVersionId = catalog.Id,
            CatalogCode = catalog.Code,
            Level = level,
            LevelIsApproved = levelIsApproved,
            State = AssessmentState.Draft,
            CreatedById = userId,
            CreatedAtUtc = nowUtc,
        };
        foreach (var requirement in catalog.ApplicableTo(level))
        {
            assessment._items.Add(new AssessmentItem(assessment.Id, requirement));
        }

        return assessment;
    }

    /// <summary>
    /// A new cycle started from the last accepted assessment: every answer, note and evidence link is copied as a
    /// proposal, each item is reset to "to confirm" (unanswered), and each shows whether the requirement is new or its
    /// text changed since.
    /// </summary>
    public static Assessment CarryForward(
        Assessment previous, CatalogVersion previousCatalog, InformationSystem system, CatalogVersion catalog, int cycle, int level, bool levelIsApproved,
        string userId, DateTime nowUtc)
    {
        if (previous.State != AssessmentState.Accepted)
        {
            throw new DomainException("Chỉ tiếp nối từ bản tự đánh giá đã được chấp nhận.");
        }

        if (previous.SystemId != system.Id || previous.CatalogVersionId != previousCatalog.Id)
        {
            throw new DomainException("Bản tự đánh giá trước không thuộc hệ thống này.");
        }

        if (cycle <= previous.Cycle)
        {
            throw new DomainException($"Năm đánh giá mới phải sau năm {previous.Cycle}.");
        }

        var next = Start(system, catalog, cycle, level, levelIsApproved, userId, nowUtc);
        next.Propose(previous, previousCatalog, catalog);
        return next;
    }

    /// <summary>
    /// Proposes the answers of the last accepted assessment of the same system on this one, which was started without
    /// them: every item still unanswered gets the earlier answer, note and evidence as a proposal to confirm; answers
    /// already given stay as they are.
    /// </summary>
    public int ProposeFrom(Assessment previous, CatalogVersion previousCatalog, CatalogVersion catalog)
    {
        EnsureEditable();
        if (previous.State != AssessmentState.Accepted || previous.SystemId != SystemId || previous.Cycle >= Cycle
            || previous.CatalogVersionId != previousCatalog.Id || catalog.Id != CatalogVersionId)
        {
            throw new DomainException("Chỉ lấy câu trả lời từ bản tự đánh giá đã được chấp nhận của năm trước, cùng hệ thống.");
        }

        return Propose(previous, previousCatalog, catalog);
    }

    private int Propose(Assessment previous, CatalogVersion previousCatalog, CatalogVersion catalog)
    {
        CarriedFromId = previous.Id;
        var before = previous._items.ToDictionary(i => i.RequirementCode, StringComparer.OrdinalIgnoreCase);
        var oldRequirements = previousCatalog.Requirements.ToDictionary(r => r.Id);
        var newRequirements = catalog.Requirements.ToDictionary(r => r.Id);
        var proposed = 0;
        foreach (var item in _items.Where(i => i.Answer == Answer.Unanswered))
        {
            if (!before.TryGetValue(item.RequirementCode, out var old))
            {
                item.MarkNewRequirement();
                continue;
            }

            var oldText = oldRequirements.GetValueOrDefault(old.RequirementId)?.ForLevel(previous.Level)?.Text;
            var newText = newRequirements.GetValueOrDefault(item.RequirementId)?.ForLevel(Level)?.Text;
            item.CarryFrom(old, textChanged: oldText != newText);
            proposed++;
            foreach (var evidence in previous._evidence.Where(e => e.ItemId == old.Id
                         && !_evidence.Any(mine => mine.ItemId == item.Id && mine.File.Sha256 == e.File.Sha256)))
            {
                _evidence.Add(new AssessmentEvidence(Id, item.Id, evidence.File.Copy()));
            }
        }

        return proposed;
    }

    /// <summary>
    /// Confirms in one step every proposal carried from the earlier assessment on the items still unanswered. A proposal
    /// that no longer passes (an unmet item needs a new planned date and a person) stays to be answered by hand.
    /// </summary>
    public (int Confirmed, IReadOnlyList<string> Refused) ConfirmCarriedAnswers(DateOnly today, string userId, DateTime nowUtc)
    {
        EnsureEditable();
        var confirmed = 0;
        var refused = new List<string>();
        foreach (var item in _items.Where(i => i.Answer == Answer.Unanswered && i.CarriedAnswer is { } a && a != Answer.Unanswered).OrderBy(i => i.Order))
        {
            try
            {
                item.SetAnswer(item.CarriedAnswer!.Value, item.CarriedJustification, item.CarriedEvidenceNote, item.PlannedDate, item.Responsible,
                    today, userId, nowUtc, State == AssessmentState.Returned);
                confirmed++;
            }
            catch (DomainException ex)
            {
                refused.Add(ex.Message);
            }
        }

        return (confirmed, refused);
    }

    /// <summary>Marks every requirement of one group «Không áp dụng» with one reason (a group the system does not have, e.g. no wireless network).</summary>
    public int MarkGroupNotApplicable(string groupCode, string? justification, DateOnly today, string userId, DateTime nowUtc)
    {
        EnsureEditable();
        var items = _items.Where(i => string.Equals(i.GroupCode, groupCode, StringComparison.Ordinal)).ToList();
        if (items.Count == 0)
        {
            throw new DomainException("Nhóm yêu cầu này không thuộc bản tự đánh giá.");
        }

        if (string.IsNullOrWhiteSpace(justification))
        {
            throw new DomainException($"Nhóm {groupCode}: hãy nêu lý do không áp dụng cho cả nhóm.");
        }

        foreach (var item in items)
        {
            item.SetAnswer(Answer.NotApplicable, justification, item.EvidenceNote, null, null, today, userId, nowUtc, State == AssessmentState.Returned);
        }

        return items.Count;
    }

    /// <summary>Links one uploaded file to several answers at once (the file store keeps its content once, by hash); nothing is linked if one item is foreign.</summary>
    public int AddEvidence(IReadOnlyCollection<Guid> itemIds, string fileName, string contentType, long length, string sha256, string userId, DateTime nowUtc)
    {
        EnsureEditable();
        if (itemIds.Count == 0)
        {
            throw new DomainException("Hãy chọn ít nhất một yêu cầu để gắn minh chứng.");
        }

        var items = itemIds.Distinct().Select(Item).ToList();
        foreach (var item in items)
        {
            _evidence.Add(new AssessmentEvidence(Id, item.Id, fileName, contentType, length, sha256, userId, nowUtc));
        }

        return items.Count;
    }

    /// <summary>Counts this assessment in a campaign of the same cycle.</summary>
    public void JoinCampaign(Campaign campaign)
    {
        if (campaign.Cycle != Cycle)
        {
            throw new DomainException($"Đợt đánh giá năm {campaign.Cycle} không nhận bản tự đánh giá năm {Cycle}.");
        }

        CampaignId = campaign.Id;
    }

    /// <summary>Saves one answer. Not applicable needs a justification; unmet and partial need a planned date and a person.</summary>
    public AssessmentItem AnswerItem(
        Guid itemId, Answer answer, string? justification, string? evidenceNote, DateOnly? plannedDate, string? responsible, DateOnly today, string userId, DateTime nowUtc)
    {
        EnsureEditable();
        var item = Item(itemId);
        item.SetAnswer(answer, justification, evidenceNote, plannedDate, responsible, today, userId, nowUtc, State == AssessmentState.Returned);
        return item;
    }

    public AssessmentEvidence AddEvidence(Guid itemId, string fileName, string contentType, long length, string sha256, string userId, DateTime nowUtc)
    {
        EnsureEditable();
        var item = Item(itemId);
        var evidence = new AssessmentEvidence(Id, item.Id, fileName, contentType, length, sha256, userId, nowUtc);
        _evidence.Add(evidence);
        return evidence;
    }

    public void RemoveEvidence(Guid evidenceId)
    {
        EnsureEditable();
        var evidence = _evidence.FirstOrDefault(e => e.Id == evidenceId) ?? throw new DomainException("Không tìm thấy tệp minh chứng này.");
        _evidence.Remove(evidence);
    }

    /// <summary>Every item answered and the agency head's confirmation recorded.</summary>
    public void Submit(string userId, string? headConfirmation, DateTime nowUtc)
    {
        EnsureEditable();
        var unanswered = _items.Where(i => i.Answer == Answer.Unanswered).OrderBy(i => i.Order).ToList();
        if (unanswered.Count > 0)
        {
            throw new AssessmentIncompleteException(unanswered[0].Id,
                $"Còn {unanswered.Count} yêu cầu chưa trả lời, đầu tiên là {unanswered[0].RequirementCode} «{unanswered[0].Title}».");
        }

        var stillToFix = _items.Where(i => i.Review == ItemReview.NeedsChange && !i.ChangedSinceReturn).OrderBy(i => i.Order).ToList();
        if (State == AssessmentState.Returned && stillToFix.Count > 0)
        {
            throw new AssessmentIncompleteException(stillToFix[0].Id,
                $"Còn {stillToFix.Count} yêu cầu cán bộ thẩm định đề nghị bổ sung mà chưa được cập nhật, đầu tiên là {stillToFix[0].RequirementCode}.");
        }

        if (string.IsNullOrWhiteSpace(headConfirmation) || headConfirmation.Trim().Length > NameMaxLength)
        {
            throw new DomainException($"Cần ghi họ tên, chức vụ của thủ trưởng đơn vị đã xác nhận kết quả tự đánh giá (tối đa {NameMaxLength} ký tự).");
        }

        // Items fixed after a return go back to the reviewer; the earlier comment stays visible.
        foreach (var item in _items.Where(i => i.Review == ItemReview.NeedsChange && i.ChangedSinceReturn))
        {
            item.ReopenReview();
        }

        HeadConfirmation = headConfirmation.Trim();
        SubmittedById = userId;
        SubmittedAtUtc = nowUtc;
        State = AssessmentState.Submitted;
        RecordFiledScore();
    }

    /// <summary>
    /// Keeps the score of what was filed on the assessment itself, so that province-wide figures read one row per
    /// assessment instead of every answer. Called on submission, and once for assessments filed before this existed.
    /// </summary>
    public void RecordFiledScore()
    {
        if (State is not (AssessmentState.Submitted or AssessmentState.UnderReview or AssessmentState.Accepted))
        {
            return;
        }

        var score = AssessmentScore.Compute(_items);
        FiledScore = score.Overall.Percent;
        FiledDeployment = score.Deployment;
        FiledGroups = GroupCounts.Write(score.Groups);
    }

    public void StartReview(string reviewerId)
    {
        EnsureState(AssessmentState.Submitted, "bắt đầu xem xét");
        EnsureNotOwn(reviewerId);
        ReviewerId = reviewerId;
        State = AssessmentState.UnderReview;
    }

    /// <summary>The reviewer marks one item accepted or needing change (with a comment the officer will see).</summary>
    public void ReviewItem(string reviewerId, Guid itemId, ItemReview review, string? comment)
    {
        EnsureState(AssessmentState.UnderReview, "xem xét từng yêu cầu");
        EnsureNotOwn(reviewerId);
        Item(itemId).SetReview(review, comment);
    }

    public void Return(string reviewerId, string? note)
    {
        EnsureState(AssessmentState.UnderReview, "trả lại");
        EnsureNotOwn(reviewerId);
        if (_items.All(i => i.Review != ItemReview.NeedsChange))
        {
            throw new DomainException("Hãy đánh dấu «Cần bổ sung» (kèm nhận xét) ở ít nhất một yêu cầu trước khi trả lại.");
        }

        ReturnNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim().Length > NoteMaxLength ? throw new DomainException($"Nhận xét tối đa {NoteMaxLength} ký tự.") : note.Trim();
        foreach (var item in _items)
        {
            item.ResetChangeFlag();
        }

        State = AssessmentState.Returned;
        FiledScore = null;
        FiledDeployment = null;
        FiledGroups = null;
    }

    /// <summary>Accepted assessments are locked. Returns the gaps (unmet or partial items) that become remediation tasks.</summary>
    public IReadOnlyList<AssessmentItem> Accept(string reviewerId, DateTime nowUtc)
    {
        EnsureState(AssessmentState.UnderReview, "chấp nhận");
        EnsureNotOwn(reviewerId);
        if (_items.Any(i => i.Review == ItemReview.NeedsChange))
        {
            throw new DomainException("Còn yêu cầu được đánh dấu «Cần bổ sung»: hãy trả lại hồ sơ, hoặc đổi thành «Đạt» trước khi chấp nhận.");
        }

        foreach (var item in _items.Where(i => i.Review == ItemReview.None))
        {
            item.SetReview(ItemReview.Accepted, null);
        }

        AcceptedAtUtc = nowUtc;
        State = AssessmentState.Accepted;
        return _items.Where(i => i.Answer is Answer.NotMet or Answer.PartiallyMet).OrderBy(i => i.Order).ToList();
    }

    /// <summary>
    /// The system's approved level changed: requirements of the new level are added, those that no longer apply are
    /// removed, and answers that still apply are kept.
    /// </summary>
    public (int Added, int Removed) Rescope(CatalogVersion catalog, int level, bool levelIsApproved)
    {
        EnsureEditable();
        if (level is < 1 or > 5)
        {
            throw new DomainException("Cấp độ phải từ 1 đến 5.");
        }

        if (catalog.Id != CatalogVersionId)
        {
            throw new DomainException("Chỉ điều chỉnh theo danh mục mà bản tự đánh giá đang dùng.");
        }

        var applicable = catalog.ApplicableTo(level).ToList();
        var keep = applicable.Select(r => r.Id).ToHashSet();
        var removed = _items.RemoveAll(i => !keep.Contains(i.RequirementId));
        _evidence.RemoveAll(e => _items.All(i => i.Id != e.ItemId));
        var existing = _items.Select(i => i.RequirementId).ToHashSet();
        var added = 0;
        foreach (var requirement in applicable.Where(r => !existing.Contains(r.Id)))
        {
            _items.Add(new AssessmentItem(Id, requirement));
            added++;
        }

        Level = level;
        LevelIsApproved = levelIsApproved;
        return (added, removed);
    }

    public AssessmentScore Score() => AssessmentScore.Compute(_items);

    private AssessmentItem Item(Guid itemId) => _items.FirstOrDefault(i => i.Id == itemId) ?? throw new DomainException("Yêu cầu này không thuộc bản tự đánh giá.");

    private void EnsureEditable()
    {
        if (!IsEditable)
        {
            throw new DomainException($"Bản tự đánh giá đang ở trạng thái «{State.Vietnamese()}»: không thể thay đổi.");
        }
    }

    private void EnsureState(AssessmentState expected, string what)
    {
        if (State != expected)
        {
            throw new DomainException($"Bản tự đánh giá đang ở trạng thái «{State.Vietnamese()}»: không thể {what}.");
        }
    }

    private void EnsureNotOwn(string reviewerId)
    {
        if (reviewerId == CreatedById || reviewerId == SubmittedById)
        {
            throw new DomainException("Người lập hoặc gửi bản tự đánh giá không được xem xét bản đó.");
        }
    }
}

/// <summary>Submission refused because of an item: the page jumps to it.</summary>
public sealed class AssessmentIncompleteException(Guid itemId, string message) : DomainException(message)
{
    public Guid ItemId { get; } = itemId;
}
