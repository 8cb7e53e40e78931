using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Domain.Warnings;

namespace SecurityPortal.Web.Pages.Warnings;

/// <summary>
/// One system a warning reaches, with its components of the warning's product as the registry records them now, and
/// how they match the rule now (<see cref="RuleMatch.No"/> once a system with a task has been fixed).
/// </summary>
public sealed record AffectedSystem(Guid SystemId, string SystemName, string AgencyName, RuleMatch Match, string Components);

/// <summary>Matches a warning's rule against the software inventory of every operating system in the province.</summary>
public static class WarningMatcher
{
    /// <summary>
    /// The systems the rule reaches now, and the systems that have a task for the warning (<paramref name="withTasks"/>)
    /// whatever their registry says now: a fixed system stays on the warning's page, with its state.
    /// </summary>
    public static async Task<IReadOnlyList<AffectedSystem>> AffectedAsync(
        PortalDbContext db, VersionRule rule, IReadOnlyCollection<Guid> withTasks, CancellationToken cancellationToken)
    {
        var taskSystems = withTasks.ToList();
        var components = await (from c in db.SoftwareComponents.AsNoTracking()
                                join s in db.InformationSystems on c.SystemId equals s.Id
                                join a in db.Agencies on s.OwnerAgencyId equals a.Id
                                where s.Lifecycle != LifecycleStatus.Decommissioned || taskSystems.Contains(s.Id)
                                select new { c.SystemId, SystemName = s.Name, AgencyName = a.Name, c.Product, c.Version, c.Purl, c.Cpe })
            .ToListAsync(cancellationToken);
        var systems = components
            .Where(c => rule.Covers(c.Product, c.Purl, c.Cpe))
            .Select(c => (c, Match: rule.Match(c.Product, c.Version, c.Purl, c.Cpe)))
            .GroupBy(x => x.c.SystemId)
            .Select(g =>
            {
                var match = g.Any(x => x.Match == RuleMatch.Yes) ? RuleMatch.Yes
                    : g.Any(x => x.Match == RuleMatch.VersionUnknown) ? RuleMatch.VersionUnknown : RuleMatch.No;

                // The components that match (those a task is about), or, once none does, the product's components as recorded now.
                var shown = match == RuleMatch.No ? g : g.Where(x => x.Match != RuleMatch.No);
                return new AffectedSystem(g.Key, g.First().c.SystemName, g.First().c.AgencyName, match,
                    string.Join("; ", shown.Select(x => $"{x.c.Product} {x.c.Version ?? "(chưa rõ phiên bản)"}".Trim())));
            })
            .Where(a => a.Match != RuleMatch.No || taskSystems.Contains(a.SystemId))
            .ToList();

        // A system with a task whose components of the product were all removed.
        var found = systems.Select(a => a.SystemId).ToHashSet();
        var removed = taskSystems.Where(id => !found.Contains(id)).ToList();
        if (removed.Count > 0)
        {
            systems.AddRange(await (from s in db.InformationSystems.AsNoTracking()
                                    join a in db.Agencies on s.OwnerAgencyId equals a.Id
                                    where removed.Contains(s.Id)
                                    select new AffectedSystem(s.Id, s.Name, a.Name, RuleMatch.No, "—"))
                .ToListAsync(cancellationToken));
        }

        return [.. systems.OrderBy(a => a.AgencyName, StringComparer.Ordinal).ThenBy(a => a.SystemName, StringComparer.Ordinal)];
    }
}
