using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Data.Interceptors;

/// <summary>
/// Gives every modified aggregate a new concurrency stamp, so a second writer holding the old stamp
/// gets <see cref="DbUpdateConcurrencyException"/> on every provider (none of them generates it).
/// </summary>
public sealed class ConcurrencyStampInterceptor : SaveChangesInterceptor
{
    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Refresh(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Refresh(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Refresh(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        // A change to a part (a system's URL or component) is a change of its aggregate: the aggregate's stamp is
        // renewed and checked too, so an edit made from an old page cannot silently undo someone else's parts.
        // A part with its own stamp (one answer of an assessment) is checked on its own instead.
        var changedAggregates = context.ChangeTracker.Entries()
            .Where(e => (e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted) && e.Entity is IAggregatePart and not IOwnConcurrency)
            .Select(e => ((IAggregatePart)e.Entity).AggregateId)
            .ToHashSet();
        foreach (var entry in context.ChangeTracker.Entries<IOwnConcurrency>().Where(e => e.State == EntityState.Modified))
        {
            entry.Entity.ConcurrencyStamp = Guid.NewGuid();
        }

        foreach (var entry in context.ChangeTracker.Entries<Entity>())
        {
            if (entry.State == EntityState.Modified || (entry.State == EntityState.Unchanged && changedAggregates.Contains(entry.Entity.Id)))
            {
                entry.Entity.ConcurrencyStamp = Guid.NewGuid();
            }
        }
    }
}
