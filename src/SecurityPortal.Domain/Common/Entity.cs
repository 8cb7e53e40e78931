namespace SecurityPortal.Domain.Common;

/// <summary>
/// Base of every aggregate: a client-generated key (so a retried insert fails on the duplicate
/// instead of inserting twice) and an app-managed concurrency stamp that works the same way on
/// SQLite, SQL Server and PostgreSQL.
/// </summary>
public abstract class Entity
{
    public Guid Id { get; protected set; } = Guid.CreateVersion7();

    /// <summary>Replaced on every save by the data layer; the edit form posts back the value it showed.</summary>
    public Guid ConcurrencyStamp { get; set; } = Guid.NewGuid();
}
