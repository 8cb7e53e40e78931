using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Domain.Warnings;

namespace SecurityPortal.Web.Pages.Warnings;

/// <summary>One system a warning reaches, with the components that made it match.</summary>
public sealed record AffectedSystem(Guid SystemId, string SystemName, string AgencyName, RuleMatch Match, string Components);

/// <summary>Matches a warning's rule against the software inventory of every operating system in the province.</summary>
public static class WarningMatcher
{
    public static async Task<IReadOnlyList<AffectedSystem>> AffectedAsync(PortalDbContext db, VersionRule rule, CancellationToken cancellationToken)
    {
        var components = await (from c in db.SoftwareComponents.AsNoTracking()
                                join s in db.InformationSystems on c.SystemId equals s.Id
                                join a in db.Agencies on s.OwnerAgencyId equals a.Id
                                where s.Lifecycle != LifecycleStatus.Decommissioned
                                select new { c.SystemId, SystemName = s.Name, AgencyName = a.Name, c.Product, c.Version })
            .ToListAsync(cancellationToken);
        return components
            .Select(c => (c, Match: rule.Match(c.Product, c.Version)))
            .Where(x => x.Match != RuleMatch.No)
            .GroupBy(x => x.c.SystemId)
            .Select(g => new AffectedSystem(
                g.Key, g.First().c.SystemName, g.First().c.AgencyName,
                g.Any(x => x.Match == RuleMatch.Yes) ? RuleMatch.Yes : RuleMatch.VersionUnknown,
                string.Join("; ", g.Select(x => $"{x.c.Product} {x.c.Version ?? "(chưa rõ phiên bản)"}".Trim()))))
            .OrderBy(a => a.AgencyName, StringComparer.Ordinal).ThenBy(a => a.SystemName, StringComparer.Ordinal)
            .ToList();
    }
}
