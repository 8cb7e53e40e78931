using SecurityPortal.Domain.Assessments;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Domain.Dossiers;

/// <summary>A document attached to a dossier. The file is stored once by its SHA-256 hash, outside the web root.</summary>
public sealed class DossierAttachment : IAggregatePart
{
    public const int FileNameMaxLength = UploadName.MaxLength;

    private DossierAttachment()
    {
        File = null!;
    }

    internal DossierAttachment(Guid dossierId, AttachmentKind kind, UploadedFile file)
    {
        DossierId = dossierId;
        Kind = kind;
        File = file;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DossierId { get; private set; }

    Guid IAggregatePart.AggregateId => DossierId;
    public AttachmentKind Kind { get; private set; }

    /// <summary>The file: its name (for display and the download name only; never used as a path), type, size, hash, uploader.</summary>
    public UploadedFile File { get; private set; }

    /// <summary>
    /// What the portal found when it last verified the file's digital signatures (a PDF only): the report as JSON, written
    /// by the web layer's signature check; null for a file that is not a PDF or was never checked.
    /// </summary>
    public string? SignatureReport { get; private set; }

    /// <summary>When <see cref="SignatureReport"/> was written (the trust anchors then configured were used).</summary>
    public DateTime? SignaturesCheckedAtUtc { get; private set; }

    /// <summary>Records a verification of the file's signatures. Allowed at any step, closed dossiers included: it changes no content.</summary>
    public void RecordSignatureCheck(string report, DateTime nowUtc)
    {
        SignatureReport = report.Length > SignatureReportMaxLength ? throw new DomainException("Kết quả kiểm tra chữ ký quá dài.") : report;
        SignaturesCheckedAtUtc = nowUtc;
    }

    public const int SignatureReportMaxLength = 16000;
}

/// <summary>One step of a dossier's history: who moved it, from where to where, and why.</summary>
public sealed class DossierEvent : IAggregatePart
{
    public const int NoteMaxLength = 4000;

    private DossierEvent()
    {
        UserId = string.Empty;
        UserName = string.Empty;
    }

    internal DossierEvent(Guid dossierId, DossierAction action, DossierState? from, DossierState to, DossierActor actor, DateTime atUtc, string? note)
    {
        DossierId = dossierId;
        Action = action;
        FromState = from;
        ToState = to;
        UserId = actor.UserId;
        UserName = actor.Name;
        AtUtc = atUtc;
        Note = note?.Length > NoteMaxLength ? note[..NoteMaxLength] : note;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DossierId { get; private set; }

    Guid IAggregatePart.AggregateId => DossierId;
    public DossierAction Action { get; private set; }
    public DossierState? FromState { get; private set; }
    public DossierState ToState { get; private set; }
    public string UserId { get; private set; }
    public string UserName { get; private set; }
    public DateTime AtUtc { get; private set; }
    public string? Note { get; private set; }
}

/// <summary>
/// The person acting on a dossier as the web layer established it: a provincial reviewer (the owner's
/// cybersecurity unit), an officer of the system's owner agency, or neither.
/// </summary>
public sealed record DossierActor(string UserId, string Name, bool IsReviewer, bool IsOwnerOfficer);

/// <summary>
/// The reviewer's verdict on one section of a dossier in one review round (a round runs from a submission to the
/// reviewer's return or decision): «Đạt» or «Cần bổ sung» with a comment the officer sees beside the field. When the
/// round ends in a return, every section of the returned version gets a row with its fingerprint, so the resubmitted
/// version can say, section by section, what changed.
/// </summary>
public sealed class DossierSectionReview : IAggregatePart
{
    public const int CommentMaxLength = 4000;

    private DossierSectionReview()
    {
        Section = string.Empty;
    }

    internal DossierSectionReview(Guid dossierId, int round, string section)
    {
        DossierId = dossierId;
        Round = round;
        Section = section;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DossierId { get; private set; }

    Guid IAggregatePart.AggregateId => DossierId;

    /// <summary>The submission this verdict is about: 1 for the first, 2 after the first return…</summary>
    public int Round { get; private set; }

    /// <summary>The section's key (<see cref="DossierSections"/>): «Answers:3», «Content:SecurityPlan», «Documents:Design».</summary>
    public string Section { get; private set; }

    public ItemReview Review { get; private set; }
    public string? Comment { get; private set; }
    public string? ReviewerId { get; private set; }
    public string? ReviewerName { get; private set; }
    public DateTime? ReviewedAtUtc { get; private set; }

    /// <summary>What the section held when the dossier was returned; null while the round is open or when it ended otherwise.</summary>
    public string? Fingerprint { get; private set; }

    /// <summary>When the round ended in a return.</summary>
    public DateTime? ReturnedAtUtc { get; private set; }

    public bool NeedsChange => Review == ItemReview.NeedsChange;

    internal void Judge(ItemReview review, string? comment, DossierActor reviewer, DateTime nowUtc)
    {
        Review = review;
        Comment = comment;
        ReviewerId = reviewer.UserId;
        ReviewerName = reviewer.Name;
        ReviewedAtUtc = nowUtc;
    }

    internal void Clear()
    {
        Review = ItemReview.None;
        Comment = null;
        ReviewerId = null;
        ReviewerName = null;
        ReviewedAtUtc = null;
    }

    internal void Close(string fingerprint, DateTime nowUtc)
    {
        Fingerprint = fingerprint;
        ReturnedAtUtc = nowUtc;
    }
}

/// <summary>What the reviewer posts for one section: a verdict (None: not judged yet) and a comment.</summary>
public sealed record SectionVerdict(string Section, ItemReview Review, string? Comment);
