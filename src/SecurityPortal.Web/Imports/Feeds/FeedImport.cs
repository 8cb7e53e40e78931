using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Warnings;

namespace SecurityPortal.Web.Imports.Feeds;

/// <summary>What a feed file would change: records new to the portal, records a newer version replaces, and records already current.</summary>
public sealed record FeedChanges(IReadOnlyList<FeedRecord> Added, IReadOnlyList<FeedRecord> Updated, int Unchanged)
{
    public bool Any => Added.Count > 0 || Updated.Count > 0;
}

/// <summary>Compares a feed file with the stored vulnerability records and applies it in one unit of work.</summary>
public static class FeedImport
{
    public static async Task<FeedChanges> DiffAsync(PortalDbContext db, FeedDocument document, CancellationToken cancellationToken)
    {
        var stored = await StoredAsync(db, document, cancellationToken);
        var added = new List<FeedRecord>();
        var updated = new List<FeedRecord>();
        var unchanged = 0;
        foreach (var record in document.Records)
        {
            if (!stored.TryGetValue(record.Id, out var modified))
            {
                added.Add(record);
            }
            else if (record.ModifiedUtc > modified)
            {
                updated.Add(record);
            }
            else
            {
                unchanged++;
            }
        }

        return new FeedChanges(added, updated, unchanged);
    }

    /// <summary>Adds the new records and replaces the outdated ones under one import batch; the caller saves.</summary>
    public static async Task ApplyAsync(PortalDbContext db, FeedChanges changes, Guid batchId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        foreach (var record in changes.Added)
        {
            db.VulnerabilityRecords.Add(Create(record, batchId, nowUtc));
        }

        var ids = changes.Updated.Select(r => r.Id).ToList();
        foreach (var part in ids.Chunk(500))
        {
            var existing = await db.VulnerabilityRecords.Include(r => r.Affected).Where(r => part.Contains(r.VulnerabilityId)).ToListAsync(cancellationToken);
            foreach (var record in existing)
            {
                record.Replace(Create(changes.Updated.First(u => string.Equals(u.Id, record.VulnerabilityId, StringComparison.OrdinalIgnoreCase)), batchId, nowUtc));
            }
        }
    }

    private static VulnerabilityRecord Create(FeedRecord record, Guid batchId, DateTime nowUtc) => new(
        record.Id, record.Source, record.Aliases, record.Summary, record.Severity, record.CvssScore, record.CvssVector, record.PublishedUtc,
        record.ModifiedUtc, record.Affected, batchId, nowUtc);

    private static async Task<Dictionary<string, DateTime>> StoredAsync(PortalDbContext db, FeedDocument document, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, DateTime>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in document.Records.Select(r => r.Id).Chunk(500))
        {
            var rows = await db.VulnerabilityRecords.AsNoTracking().Where(r => part.Contains(r.VulnerabilityId))
                .Select(r => new { r.VulnerabilityId, r.ModifiedUtc }).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                result[row.VulnerabilityId] = row.ModifiedUtc;
            }
        }

        return result;
    }
}
