using SecurityPortal.Domain.Common;

namespace SecurityPortal.Domain.Agencies;

/// <summary>Rules of the agency tree: no agency may end up under itself.</summary>
public static class AgencyTree
{
    /// <param name="agencyId">The agency being moved.</param>
    /// <param name="newParentId">Its proposed parent.</param>
    /// <param name="parentOf">The current parent of every agency.</param>
    public static void EnsureNoCycle(Guid agencyId, Guid? newParentId, IReadOnlyDictionary<Guid, Guid?> parentOf)
    {
        if (newParentId is { } parentId && IsWithin(parentId, agencyId, parentOf))
        {
            throw new DomainException("Không thể đặt cơ quan làm cấp dưới của chính nó hoặc của một đơn vị trực thuộc nó.");
        }
    }

    /// <summary>Whether <paramref name="candidate"/> is <paramref name="ancestor"/> or lies anywhere under it.</summary>
    public static bool IsWithin(Guid candidate, Guid ancestor, IReadOnlyDictionary<Guid, Guid?> parentOf)
    {
        var seen = new HashSet<Guid>();
        for (Guid? current = candidate; current is { } id && seen.Add(id); current = parentOf.GetValueOrDefault(id))
        {
            if (id == ancestor)
            {
                return true;
            }
        }

        return false;
    }
}
