namespace SecurityPortal.Domain.Common;

/// <summary>A record about one information system (a dossier, an assessment): whoever may see the system may see it.</summary>
public interface IBelongsToSystem
{
    Guid SystemId { get; }
}
