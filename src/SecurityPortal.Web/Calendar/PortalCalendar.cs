using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Calendar;

namespace SecurityPortal.Web.Calendar;

/// <summary>The working-day calendar administrators maintain (CalendarDays table).</summary>
public sealed class PortalCalendar(PortalDbContext db)
{
    public async Task<WorkingDays> LoadAsync(CancellationToken cancellationToken) =>
        CalendarDay.ToWorkingDays(await db.CalendarDays.AsNoTracking().ToListAsync(cancellationToken));
}
