using SecurityPortal.Domain.Catalog;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Domain.Assessments;

/// <summary>The answer to one requirement. Saved on its own, with its own concurrency stamp (<see cref="IOwnConcurrency"/>).</summary>
public sealed class AssessmentItem : IOwnConcurrency
{
    public const int TextMaxLength = 4000;
    public const int NameMaxLength = 200;

    private AssessmentItem()
    {
        RequirementCode = string.Empty;
        GroupCode = string.Empty;
        Title = string.Empty;
    }

    internal AssessmentItem(Guid assessmentId, CatalogRequirement requirement)
    {
        AssessmentId = assessmentId;
        RequirementId = requirement.Id;
        RequirementCode = requirement.Code;
        GroupCode = requirement.GroupCode;
        Title = requirement.Title;
        Order = requirement.Order;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid AssessmentId { get; private set; }

    Guid IAggregatePart.AggregateId => AssessmentId;
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
    public Guid RequirementId { get; private set; }
    public string RequirementCode { get; private set; }
    public string GroupCode { get; private set; }
    public string Title { get; private set; }
    public int Order { get; private set; }
    public Answer Answer { get; private set; }
    public string? Justification { get; private set; }
    public string? EvidenceNote { get; private set; }
    public DateOnly? PlannedDate { get; private set; }
    public string? Responsible { get; private set; }
    public string? AnsweredById { get; private set; }
    public DateTime? AnsweredAtUtc { get; private set; }
    public ItemReview Review { get; private set; }
    public string? ReviewComment { get; private set; }

    /// <summary>Carried forward from the last accepted assessment: the answer then, proposed again for confirmation.</summary>
    public Answer? CarriedAnswer { get; private set; }

    public string? CarriedEvidenceNote { get; private set; }
    public string? CarriedJustification { get; private set; }

    /// <summary>The requirement's wording for this level changed since the carried answer was given.</summary>
    public bool RequirementTextChanged { get; private set; }

    /// <summary>The requirement did not apply in the assessment this one was carried forward from.</summary>
    public bool IsNewRequirement { get; private set; }

    /// <summary>Set when the officer changes an item after the assessment was returned, so the reviewer sees what moved.</summary>
    public bool ChangedSinceReturn { get; private set; }

    internal void SetAnswer(
        Answer answer, string? justification, string? evidenceNote, DateOnly? plannedDate, string? responsible, DateOnly today, string userId, DateTime nowUtc, bool afterReturn)
    {
        if (!Enum.IsDefined(answer) || answer == Answer.Unanswered)
        {
            throw new DomainException($"{RequirementCode}: hãy chọn một câu trả lời.");
        }

        var why = Clean(justification, TextMaxLength, "Lý do không áp dụng");
        var note = Clean(evidenceNote, TextMaxLength, "Mô tả minh chứng");
        var person = Clean(responsible, NameMaxLength, "Người chịu trách nhiệm");
        if (answer == Answer.NotApplicable && why is null)
        {
            throw new DomainException($"{RequirementCode}: «Không áp dụng» cần nêu lý do.");
        }

        if (answer is Answer.NotMet or Answer.PartiallyMet)
        {
            if (plannedDate is null || person is null)
            {
                throw new DomainException($"{RequirementCode}: «{answer.Vietnamese()}» cần ngày dự kiến hoàn thành và người chịu trách nhiệm.");
            }

            if (plannedDate < today && plannedDate != PlannedDate)
            {
                throw new DomainException($"{RequirementCode}: ngày dự kiến hoàn thành ({plannedDate.Value.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)}) đã qua.");
            }
        }

        Answer = answer;
        Justification = answer == Answer.NotApplicable ? why : null;
        EvidenceNote = note;
        PlannedDate = answer is Answer.NotMet or Answer.PartiallyMet ? plannedDate : null;
        Responsible = answer is Answer.NotMet or Answer.PartiallyMet ? person : null;
        AnsweredById = userId;
        AnsweredAtUtc = nowUtc;
        if (afterReturn)
        {
            ChangedSinceReturn = true;
        }
    }

    internal void SetReview(ItemReview review, string? comment)
    {
        if (!Enum.IsDefined(review))
        {
            throw new DomainException($"{RequirementCode}: kết quả xem xét không hợp lệ.");
        }

        var text = Clean(comment, TextMaxLength, "Nhận xét");
        if (review == ItemReview.NeedsChange && text is null)
        {
            throw new DomainException($"{RequirementCode}: «Cần bổ sung» cần nhận xét để đơn vị biết phải sửa gì.");
        }

        Review = review;
        ReviewComment = text;
    }

    internal void ResetChangeFlag() => ChangedSinceReturn = false;

    internal void CarryFrom(AssessmentItem previous, bool textChanged)
    {
        CarriedAnswer = previous.Answer;
        CarriedEvidenceNote = previous.EvidenceNote;
        CarriedJustification = previous.Justification;
        RequirementTextChanged = textChanged;
    }

    internal void MarkNewRequirement() => IsNewRequirement = true;

    internal void ReopenReview() => Review = ItemReview.None;

    private static string? Clean(string? text, int max, string name) => BoundedText.Optional(text, max, name);
}

/// <summary>A file supporting one answer; stored once by content hash, whichever items reuse it.</summary>
public sealed class AssessmentEvidence : IAggregatePart
{
    public const int FileNameMaxLength = UploadName.MaxLength;

    private AssessmentEvidence()
    {
        File = null!;
    }

    internal AssessmentEvidence(Guid assessmentId, Guid itemId, string fileName, string contentType, long length, string sha256, string uploadedById, DateTime uploadedAtUtc)
    {
        AssessmentId = assessmentId;
        ItemId = itemId;
        File = new UploadedFile(UploadName.Clean(fileName, "minh-chung"), contentType, length, sha256, uploadedById, uploadedAtUtc);
    }

    internal AssessmentEvidence(Guid assessmentId, Guid itemId, UploadedFile file)
    {
        AssessmentId = assessmentId;
        ItemId = itemId;
        File = file;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid AssessmentId { get; private set; }

    Guid IAggregatePart.AggregateId => AssessmentId;
    public Guid ItemId { get; private set; }
    public UploadedFile File { get; private set; }
}
