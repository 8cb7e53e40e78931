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
