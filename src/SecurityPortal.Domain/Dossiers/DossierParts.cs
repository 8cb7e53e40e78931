using SecurityPortal.Domain.Common;

namespace SecurityPortal.Domain.Dossiers;

/// <summary>A document attached to a dossier. The file is stored once by its SHA-256 hash, outside the web root.</summary>
public sealed class DossierAttachment : IAggregatePart
{
    public const int FileNameMaxLength = UploadName.MaxLength;

    private DossierAttachment()
    {
        FileName = string.Empty;
        ContentType = string.Empty;
        Sha256 = string.Empty;
        UploadedById = string.Empty;
    }

    internal DossierAttachment(Guid dossierId, AttachmentKind kind, string fileName, string contentType, long length, string sha256, string uploadedById, DateTime uploadedAtUtc)
    {
        DossierId = dossierId;
        Kind = kind;
        FileName = fileName;
        ContentType = contentType;
        Length = length;
        Sha256 = sha256;
        UploadedById = uploadedById;
        UploadedAtUtc = uploadedAtUtc;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DossierId { get; private set; }

    Guid IAggregatePart.AggregateId => DossierId;
    public AttachmentKind Kind { get; private set; }

    /// <summary>The name as uploaded, for display and the download name only; never used as a path.</summary>
    public string FileName { get; private set; }

    public string ContentType { get; private set; }
    public long Length { get; private set; }
    public string Sha256 { get; private set; }
    public string UploadedById { get; private set; }
    public DateTime UploadedAtUtc { get; private set; }
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
