using Microsoft.EntityFrameworkCore;

namespace SecurityPortal.Data;

/// <summary>
/// Keeps the query planner's statistics. SQLite has none until ANALYZE runs, and without them it chose to sort every
/// assessment of the province rather than read the systems' name index page by page (1 s instead of milliseconds at
/// P10, docs/performance.md). PostgreSQL and SQL Server keep their own (autovacuum, auto-update statistics).
/// </summary>
public static class QueryStatistics
{
    /// <summary>
    /// Rows sampled per index: SQLite's approximate ANALYZE (<c>analysis_limit</c>) takes about a second on the 8 GB P10
    /// province instead of minutes, and is what the SQLite documentation recommends for applications.
    /// </summary>
    public const int SampleRows = 400;

    /// <summary>Refreshes the statistics of an SQLite database (at every start); does nothing on other providers.</summary>
    public static async Task RefreshAsync(PortalDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.ProviderName != "Microsoft.EntityFrameworkCore.Sqlite")
        {
            return;
        }

        // Reviewed exception to the no-raw-SQL rule (SourceRulesTests): a constant statement, nothing from outside.
        await db.Database.ExecuteSqlRawAsync($"PRAGMA analysis_limit={SampleRows}; ANALYZE;", cancellationToken);
    }
}
