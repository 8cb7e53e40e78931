namespace SecurityPortal.Domain.Common;

/// <summary>
/// A row that belongs to an aggregate (a system's URL or component). Its audit entries are filed under the
/// aggregate, so the aggregate's history shows them, deleted rows included.
/// </summary>
public interface IAggregatePart
{
    Guid AggregateId { get; }
}
