using SecurityPortal.Domain.Common;

namespace SecurityPortal.Domain.Directives;

/// <summary>
/// One agency's report on a directive: an answer per applicable action (done, in progress, not applicable with its reason),
/// evidence files and a note; submitted with the confirmation of the agency's head (like a self-assessment), then reviewed
/// answer by answer. When every answer is reviewed the report is completed, or returned to the agency if one was returned.
/// </summary>
public sealed class DirectiveReport : Entity
{
    public const int NoteMaxLength = 4000;
    public const int NameMaxLength = 200;

    private readonly List<DirectiveAnswer> _answers = [];
    private readonly List<DirectiveEvidence> _evidence = [];

    private DirectiveReport()
    {
    }

    internal DirectiveReport(Directive directive, Guid agencyId, IReadOnlyList<DirectiveAction> actions)
    {
        DirectiveId = directive.Id;
        AgencyId = agencyId;
        State = ReportState.NotStarted;
        Deadline = actions.Max(a => a.Deadline);
        foreach (var action in actions.OrderBy(a => a.Order))
        {
            _answers.Add(new DirectiveAnswer(Id, action));
        }
    }

    public Guid DirectiveId { get; private set; }
    public Guid AgencyId { get; private set; }
    public ReportState State { get; private set; }

    /// <summary>The latest deadline of the actions that apply to this agency: the report is due then.</summary>
    public DateOnly Deadline { get; private set; }

    /// <summary>The agency head who confirmed the report (name and position), as the officer recorded it.</summary>
    public string? HeadConfirmation { get; private set; }

    public string? SubmittedById { get; private set; }
    public DateTime? SubmittedAtUtc { get; private set; }

    /// <summary>The first submission: whether the agency reported on time is judged by it.</summary>
    public DateTime? FirstSubmittedAtUtc { get; private set; }

    public DateTime? CompletedAtUtc { get; private set; }

    public IReadOnlyList<DirectiveAnswer> Answers => _answers;
    public IReadOnlyList<DirectiveEvidence> Evidence => _evidence;

    /// <summary>The agency may answer: nothing sent yet, or returned for more.</summary>
    public bool IsEditable => State is ReportState.NotStarted or ReportState.InProgress or ReportState.Returned;

    /// <summary>Whether one answer may still change: while the report is with the agency, and after a return only the answers returned.</summary>
    public bool CanChange(DirectiveAnswer answer) => IsEditable && (State != ReportState.Returned || answer.Review == AnswerReview.Returned);

    public DirectiveAnswer Answer(Guid answerId, ActionAnswer answer, string? reason, string? note, string userId, DateTime nowUtc)
    {
        var item = Find(answerId);
        EnsureChangeable(item);
        item.Set(answer, reason, note, userId, nowUtc, State == ReportState.Returned);
        if (State == ReportState.NotStarted)
        {
            State = ReportState.InProgress;
        }

        return item;
    }

    public DirectiveEvidence AddEvidence(Guid answerId, string fileName, string contentType, long length, string sha256, string userId, DateTime nowUtc)
    {
        var item = Find(answerId);
        EnsureChangeable(item);
        var evidence = new DirectiveEvidence(Id, item.Id, new UploadedFile(UploadName.Clean(fileName, "minh-chung"), contentType, length, sha256, userId, nowUtc));
        _evidence.Add(evidence);
        if (State == ReportState.Returned)
        {
            item.MarkChanged();
        }

        if (State == ReportState.NotStarted)
        {
            State = ReportState.InProgress;
        }

        return evidence;
    }

    /// <summary>
    /// Sends the report to the province: every action answered, «Đã thực hiện» backed by a file where the directive expects
    /// evidence, after a return every returned answer revised, and the head of the agency's confirmation recorded.
    /// </summary>
    public void Submit(string userId, string? headConfirmation, DateTime nowUtc)
    {
        if (!IsEditable)
        {
            throw new DomainException($"Báo cáo đang ở trạng thái «{State.Vietnamese()}»: không thể gửi.");
        }

        var unanswered = _answers.Where(a => a.Answer == ActionAnswer.Unanswered).ToList();
        if (unanswered.Count > 0)
        {
            throw new DomainException($"Còn {unanswered.Count} yêu cầu chưa trả lời, đầu tiên là yêu cầu {unanswered[0].Order}.");
        }

        var noEvidence = _answers.FirstOrDefault(a => a.Answer == ActionAnswer.Done && a.EvidenceExpected is not null && _evidence.All(e => e.AnswerId != a.Id));
        if (noEvidence is not null)
        {
            throw new DomainException($"Yêu cầu {noEvidence.Order} đã thực hiện cần tệp minh chứng ({noEvidence.EvidenceExpected}).");
        }

        if (State == ReportState.Returned && _answers.FirstOrDefault(a => a.Review == AnswerReview.Returned && !a.ChangedSinceReturn) is { } unchanged)
        {
            throw new DomainException($"Yêu cầu {unchanged.Order} bị trả lại nhưng chưa được bổ sung.");
        }

        if (string.IsNullOrWhiteSpace(headConfirmation) || headConfirmation.Trim().Length > NameMaxLength)
        {
            throw new DomainException($"Cần ghi họ tên, chức vụ của thủ trưởng đơn vị đã xác nhận báo cáo (tối đa {NameMaxLength} ký tự).");
        }

        foreach (var answer in _answers.Where(a => a.Review == AnswerReview.Returned))
        {
            answer.Reopen();
        }

        HeadConfirmation = headConfirmation.Trim();
        SubmittedById = userId;
        SubmittedAtUtc = nowUtc;
        FirstSubmittedAtUtc ??= nowUtc;
        State = ReportState.Submitted;
    }

    /// <summary>
    /// The reviewer accepts or returns one answer (a return needs a comment). Once no answer waits, the report is completed,
    /// or goes back to the agency with the returned answers. Returns true when that happened.
    /// </summary>
    public bool Review(Guid answerId, bool accept, string? comment, string reviewerId, DateTime nowUtc)
    {
        if (State != ReportState.Submitted)
        {
            throw new DomainException($"Báo cáo đang ở trạng thái «{State.Vietnamese()}»: chưa thể xem xét.");
        }

        if (reviewerId == SubmittedById)
        {
            throw new DomainException("Người gửi báo cáo không được xem xét báo cáo đó.");
        }

        Find(answerId).SetReview(accept ? AnswerReview.Accepted : AnswerReview.Returned, comment, reviewerId);
        if (_answers.Any(a => a.Review == AnswerReview.Pending))
        {
            return false;
        }

        if (_answers.Any(a => a.Review == AnswerReview.Returned))
        {
            State = ReportState.Returned;
            foreach (var answer in _answers)
            {
                answer.ResetChange();
            }
        }
        else
        {
            State = ReportState.Completed;
            CompletedAtUtc = nowUtc;
        }

        return true;
    }

    private DirectiveAnswer Find(Guid answerId) =>
        _answers.FirstOrDefault(a => a.Id == answerId) ?? throw new DomainException("Yêu cầu này không thuộc báo cáo.");

    private void EnsureChangeable(DirectiveAnswer answer)
    {
        if (!IsEditable)
        {
            throw new DomainException($"Báo cáo đang ở trạng thái «{State.Vietnamese()}»: không thể thay đổi.");
        }

        if (!CanChange(answer))
        {
            throw new DomainException($"Yêu cầu {answer.Order} đã được chấp nhận: không thể thay đổi.");
        }
    }
}

/// <summary>The agency's answer to one action. Saved on its own, with its own concurrency stamp.</summary>
public sealed class DirectiveAnswer : IOwnConcurrency
{
    public const int TextMaxLength = 4000;

    private DirectiveAnswer()
    {
    }

    internal DirectiveAnswer(Guid reportId, DirectiveAction action)
    {
        ReportId = reportId;
        ActionId = action.Id;
        Order = action.Order;
        Deadline = action.Deadline;
        EvidenceExpected = action.EvidenceExpected;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid ReportId { get; private set; }

    Guid IAggregatePart.AggregateId => ReportId;
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
    public Guid ActionId { get; private set; }
    public int Order { get; private set; }
    public DateOnly Deadline { get; private set; }
    public string? EvidenceExpected { get; private set; }
    public ActionAnswer Answer { get; private set; }
    public string? Reason { get; private set; }
    public string? Note { get; private set; }
    public string? AnsweredById { get; private set; }
    public DateTime? AnsweredAtUtc { get; private set; }
    public AnswerReview Review { get; private set; }
    public string? ReviewComment { get; private set; }
    public string? ReviewerId { get; private set; }

    /// <summary>Set when the agency revises a returned answer, so the report can go back.</summary>
    public bool ChangedSinceReturn { get; private set; }

    internal void Set(ActionAnswer answer, string? reason, string? note, string userId, DateTime nowUtc, bool afterReturn)
    {
        if (!Enum.IsDefined(answer) || answer == ActionAnswer.Unanswered)
        {
            throw new DomainException($"Yêu cầu {Order}: hãy chọn «Đã thực hiện», «Đang thực hiện» hoặc «Không áp dụng».");
        }

        var why = BoundedText.Optional(reason, TextMaxLength, $"Yêu cầu {Order}: lý do");
        if (answer == ActionAnswer.NotApplicable && why is null)
        {
            throw new DomainException($"Yêu cầu {Order}: «Không áp dụng» cần nêu lý do.");
        }

        Note = BoundedText.Optional(note, TextMaxLength, $"Yêu cầu {Order}: ghi chú");
        Answer = answer;
        Reason = answer == ActionAnswer.NotApplicable ? why : null;
        AnsweredById = userId;
        AnsweredAtUtc = nowUtc;
        if (afterReturn)
        {
            ChangedSinceReturn = true;
        }
    }

    internal void SetReview(AnswerReview review, string? comment, string reviewerId)
    {
        var text = BoundedText.Optional(comment, TextMaxLength, $"Yêu cầu {Order}: nhận xét");
        if (review == AnswerReview.Returned && text is null)
        {
            throw new DomainException($"Yêu cầu {Order}: trả lại cần nhận xét để đơn vị biết phải bổ sung gì.");
        }

        Review = review;
        ReviewComment = text;
        ReviewerId = reviewerId;
    }

    internal void MarkChanged() => ChangedSinceReturn = true;

    internal void ResetChange() => ChangedSinceReturn = false;

    internal void Reopen() => Review = AnswerReview.Pending;
}

/// <summary>A file supporting one answer.</summary>
public sealed class DirectiveEvidence : IAggregatePart
{
    private DirectiveEvidence()
    {
        File = null!;
    }

    internal DirectiveEvidence(Guid reportId, Guid answerId, UploadedFile file)
    {
        ReportId = reportId;
        AnswerId = answerId;
        File = file;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid ReportId { get; private set; }

    Guid IAggregatePart.AggregateId => ReportId;
    public Guid AnswerId { get; private set; }
    public UploadedFile File { get; private set; }
}
