using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Domain.Warnings;

namespace SecurityPortal.Web.Imports.Feeds;

/// <summary>
/// A registered component a stored vulnerability reaches: the record, the rule of the record that reaches it, the
/// component with its system and owner, whether the CVE is in the KEV catalog, and the warning already made from the
/// record (or numbered with one of its identifiers), if any.
/// </summary>
public sealed record FeedMatch(
    Guid RecordId, string VulnerabilityId, string Reference, string? Summary, TaskSeverity? Severity, double? CvssScore, bool Kev, Guid AffectedId,
    string Rule, Guid SystemId, string SystemName, string AgencyName, string Product, string? Version, Guid? WarningId);

/// <summary>
/// Matches stored vulnerability records against every agency's software inventory by identity (a purl's
/// type/namespace/name, a CPE's vendor:product) and version range, through the warnings' own <see cref="VersionRule"/>
/// (so a deb or rpm package compares as dpkg or rpm does).
/// </summary>
public static class FeedMatcher
{
    /// <summary>The matches of the records one import wrote (<paramref name="batchId"/>), or of every record; KEV first, then the most severe.</summary>
    public static async Task<IReadOnlyList<FeedMatch>> MatchesAsync(PortalDbContext db, Guid? batchId, CancellationToken cancellationToken)
    {
        var components = await (from c in db.SoftwareComponents.AsNoTracking()
                                join s in db.InformationSystems on c.SystemId equals s.Id
                                join a in db.Agencies on s.OwnerAgencyId equals a.Id
                                where s.Lifecycle != LifecycleStatus.Decommissioned && (c.Purl != null || c.Cpe != null)
                                select new { c.SystemId, SystemName = s.Name, AgencyName = a.Name, c.Product, c.Version, c.Purl, c.Cpe })
            .ToListAsync(cancellationToken);
        var byIdentity = components
            .SelectMany(c => VulnerabilityAffected.IdentitiesOf(c.Purl, c.Cpe).Select(identity => (identity, c)))
            .ToLookup(x => x.identity, x => x.c, StringComparer.Ordinal);
        if (byIdentity.Count == 0)
        {
            return [];
        }

        var identities = byIdentity.Select(g => g.Key).ToList();
        var affected = new List<VulnerabilityAffected>();
        foreach (var part in identities.Chunk(500))
        {
            affected.AddRange(await db.VulnerabilityAffected.AsNoTracking()
                .Where(a => part.Contains(a.Identity)
                    && (batchId == null || db.VulnerabilityRecords.Any(r => r.Id == a.RecordId && r.ImportBatchId == batchId)))
                .ToListAsync(cancellationToken));
        }

        var recordIds = affected.Select(a => a.RecordId).Distinct().ToList();
        var records = new Dictionary<Guid, VulnerabilityRecord>();
        foreach (var part in recordIds.Chunk(500))
        {
            foreach (var record in await db.VulnerabilityRecords.AsNoTracking().Where(r => part.Contains(r.Id)).ToListAsync(cancellationToken))
            {
                records[record.Id] = record;
            }
        }

        var kev = (await db.KnownExploitedCves.AsNoTracking().Select(k => k.CveId).ToListAsync(cancellationToken)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var warnings = await db.VulnerabilityWarnings.AsNoTracking().Select(w => new { w.Id, w.FeedRecordId, w.Reference }).ToListAsync(cancellationToken);
        Guid? WarningOf(VulnerabilityRecord record) => warnings
            .Where(w => w.FeedRecordId == record.Id
                || w.Reference.Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries).Any(r => record.Names.Contains(r, StringComparer.OrdinalIgnoreCase)))
            .Select(w => (Guid?)w.Id).FirstOrDefault();

        var matches = new Dictionary<(Guid, Guid, string, string?), FeedMatch>();
        var rules = new Dictionary<string, VersionRule>(StringComparer.Ordinal);
        foreach (var row in affected)
        {
            var record = records[row.RecordId];
            if (!rules.TryGetValue(row.Rule, out var rule))
            {
                rules[row.Rule] = rule = VersionRule.Parse(row.Rule);
            }

            foreach (var c in byIdentity[row.Identity])
            {
                var key = (record.Id, c.SystemId, c.Product, c.Version);
                if (matches.ContainsKey(key) || rule.Match(c.Product, c.Version, c.Purl, c.Cpe) != RuleMatch.Yes)
                {
                    continue;
                }

                matches[key] = new FeedMatch(record.Id, record.VulnerabilityId, record.Reference, record.Summary, record.Severity, record.CvssScore,
                    record.Names.Any(kev.Contains), row.Id, row.Rule, c.SystemId, c.SystemName, c.AgencyName, c.Product, c.Version, WarningOf(record));
            }
        }

        return [.. matches.Values
            .OrderByDescending(m => m.Kev)
            .ThenBy(m => m.Severity ?? (TaskSeverity)int.MaxValue)
            .ThenByDescending(m => m.CvssScore ?? -1)
            .ThenBy(m => m.VulnerabilityId, StringComparer.Ordinal)
            .ThenBy(m => m.AgencyName, StringComparer.Ordinal)
            .ThenBy(m => m.SystemName, StringComparer.Ordinal)];
    }
}
