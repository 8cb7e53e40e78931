using System.Linq.Expressions;
using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Web.Pages.Systems;

/// <summary>Conditions on systems shared by the list and the detail pages, translated to SQL.</summary>
public static class SystemQueries
{
    /// <summary>The SQL form of <see cref="SoftwareComponent.Alert"/>: past end of life, patched too long ago, or patch date unknown.</summary>
    public static Expression<Func<SoftwareComponent, bool>> NeedsAttention(DateOnly today, int maxDaysSincePatch)
    {
        var oldestAcceptablePatch = today.AddDays(-maxDaysSincePatch);
        return c => (c.EndOfLife != null && c.EndOfLife < today) || c.LastPatched == null || c.LastPatched < oldestAcceptablePatch;
    }
}
