namespace SecurityPortal.Domain.Auditing;

public enum AuditAction
{
    Insert,
    Update,
    Delete,
}

/// <summary>
/// One row of the append-only audit trail, written in the same transaction as the change it records.
/// Never updated or deleted by the portal.
/// </summary>
public sealed class AuditEntry
{
    public const int ChangesMaxLength = 16_000;

    public Guid Id { get; init; } = Guid.CreateVersion7();
    public DateTime OccurredAtUtc { get; init; }
    public string? UserId { get; init; }
    public string? UserName { get; init; }
    public Guid? UserAgencyId { get; init; }
    public string EntityType { get; init; } = string.Empty;
    public string EntityKey { get; init; } = string.Empty;

    /// <summary>The key of the aggregate the row belongs to (its own key for an aggregate root).</summary>
    public string AggregateKey { get; init; } = string.Empty;
    public AuditAction Action { get; init; }

    /// <summary>JSON object: field → [old, new]. Secrets are never included.</summary>
    public string Changes { get; init; } = "{}";

    public string? TraceId { get; init; }

    /// <summary>The client's address as the portal saw it (behind a trusted proxy: the forwarded one); null for system work.</summary>
    public string? ClientAddress { get; init; }
}
