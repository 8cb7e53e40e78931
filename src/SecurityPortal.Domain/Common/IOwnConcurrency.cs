namespace SecurityPortal.Domain.Common;

/// <summary>
/// A part of an aggregate that is saved on its own (one answer of an assessment): it carries its own concurrency
/// stamp, so two people answering different items do not conflict, while two saves of the same item do.
/// </summary>
public interface IOwnConcurrency : IAggregatePart
{
    Guid ConcurrencyStamp { get; set; }
}
