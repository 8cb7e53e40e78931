using Microsoft.EntityFrameworkCore;
using System.ComponentModel;
using Microsoft.Extensions.Caching.Hybrid;
using SecurityPortal.Data;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Assessments;
using SecurityPortal.Domain.Catalog;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Incidents;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Domain.Reporting;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Web.Options;

namespace SecurityPortal.Web.Reporting;

/// <summary>One month of the trend: the share with an approved level, the average score, open and overdue tasks.</summary>
public sealed record TrendPoint(DateOnly Day, decimal? ApprovedShare, decimal? AverageScore, int OpenTasks, int OverdueTasks);

/// <summary>The dashboard's whole content for one filter. Never changed once computed, so the cache shares one instance.</summary>
[ImmutableObject(true)]
public sealed record DashboardData(
    FigureSet Set, IReadOnlyList<(string Code, string Title, ScoreLine Line)> Groups, IReadOnlyList<TrendPoint> Trend, WebsiteFigures Websites);

/// <summary>
/// The figures of a filter: one row per agency kept, their sum, and when they were computed. Never changed once computed,
/// so the cache shares one instance.
/// </summary>
[ImmutableObject(true)]
public sealed record FigureSet(IReadOnlyList<AgencyFigures> Agencies, AgencyFigures Total, int Cycle, string? CampaignTitle, DateTime ComputedAtUtc);

/// <summary>
/// The one query path behind every headline figure: a fixed set of grouped queries, each keyed by the owner agency,
/// filled into one <see cref="AgencyFigures"/> row per agency; the province (or a filter's) figures are their sum.
/// The dashboard, the ranking, the agency pages and the daily snapshots all read it.
/// </summary>
public sealed class ComplianceFigures(
    PortalDbContext db, RegistryOptions registry, DashboardOptions options, HybridCache cache, TimeProvider clock, DatabaseOptions database,
    IServiceScopeFactory? scopes = null)
{

    /// <summary>The figures of a filter, computed at most once per <see cref="DashboardOptions.CacheSeconds"/> and shared by everyone asking.</summary>
    public Task<FigureSet> ComputeAsync(FigureFilter filter, CancellationToken cancellationToken) =>
        SharedAsync(filter.CacheKey, f => f.ComputeUncachedAsync(filter, CancellationToken.None), cancellationToken);

    /// <summary>Everything the dashboard shows for a filter: the figures, compliance by group, the trend and the watched websites, cached together.</summary>
    public Task<DashboardData> DashboardAsync(FigureFilter filter, CancellationToken cancellationToken) =>
        SharedAsync("dashboard:" + filter.CacheKey, async f =>
        {
            var set = await f.TotalAsync(filter, CancellationToken.None);
            return new DashboardData(set, await f.ByGroupAsync(filter, set.Cycle, CancellationToken.None), await f.TrendAsync(filter, CancellationToken.None),
                await f.WebsitesAsync(filter));
        }, cancellationToken);

    private Task<WebsiteFigures> WebsitesAsync(FigureFilter filter) =>
        WebsiteFigures.ForFilterAsync(db, filter, clock.GetUtcNow().UtcDateTime, CancellationToken.None);

    /// <summary>
    /// One computation per key at a time: <see cref="HybridCache"/> lets concurrent requests for the same figures wait for
    /// the same computation instead of each running the queries (no stampede when the entry expires under load), and keeps
    /// the result for <see cref="DashboardOptions.CacheSeconds"/>. The computation runs in a scope of its own, so a request
    /// that gives up waiting does not take the others' result with it; a failure is not kept.
    /// </summary>
    private async Task<T> SharedAsync<T>(string key, Func<ComplianceFigures, Task<T>> compute, CancellationToken cancellationToken)
    {
        if (options.CacheSeconds <= 0 || scopes is null)
        {
            return await compute(this);
        }

        var lifetime = TimeSpan.FromSeconds(options.CacheSeconds);
        return await cache.GetOrCreateAsync(
            key,
            (Scopes: scopes, Compute: compute),
            static async (state, _) =>
            {
                await using var scope = state.Scopes.CreateAsyncScope();
                return await state.Compute(scope.ServiceProvider.GetRequiredService<ComplianceFigures>());
            },
            new HybridCacheEntryOptions { Expiration = lifetime, LocalCacheExpiration = lifetime },
            cancellationToken: cancellationToken);
    }

    /// <summary>
    /// The figures of a filter from the kept rows (<see cref="FigureRollup"/>, see docs/dashboard.md): the rows of the
    /// agencies kept (and of the level asked for) added up. Incidents are counted live (their period moves with the
    /// clock). When the kept rows were counted for another day, campaign or patch limit, they are counted again first.
    /// </summary>
    public async Task<FigureSet> ComputeUncachedAsync(FigureFilter filter, CancellationToken cancellationToken)
    {
        var basis = await EnsureKeptAsync(cancellationToken);
        var agencies = Agencies(filter);
        var kept = db.FigureRollups.AsNoTracking().Where(r => agencies.Any(a => a.Id == r.AgencyId));
        if (filter.Level is { } level)
        {
            kept = kept.Where(r => r.Level == level);
        }

        return await AssembleAsync(filter, basis, await kept.ToListAsync(cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Only the total of a filter (the dashboard shows no agency row): the kept rows added up by the database, one row
    /// back instead of one per agency. <see cref="FigureSet.Agencies"/> is empty.
    /// </summary>
    public async Task<FigureSet> TotalAsync(FigureFilter filter, CancellationToken cancellationToken)
    {
        var basis = await EnsureKeptAsync(cancellationToken);
        var agencies = Agencies(filter);
        var kept = db.FigureRollups.AsNoTracking().Where(r => agencies.Any(a => a.Id == r.AgencyId));
        if (filter.Level is { } level)
        {
            kept = kept.Where(r => r.Level == level);
        }

        // One row per level: at most six rows whatever the province's size.
        var byLevel = await kept.GroupBy(r => r.Level).Select(g => new
        {
            Level = g.Key,
            Systems = g.Sum(r => r.Systems), DossierInProgress = g.Sum(r => r.DossierInProgress), DossierDraft = g.Sum(r => r.DossierDraft),
            DossiersOpen = g.Sum(r => r.DossiersOpen), DossiersOverdue = g.Sum(r => r.DossiersOverdue), PlanNotDeployed = g.Sum(r => r.PlanNotDeployed),
            PlanPartly = g.Sum(r => r.PlanPartly), PlanFully = g.Sum(r => r.PlanFully), CampaignExpected = g.Sum(r => r.CampaignExpected),
            CampaignFiled = g.Sum(r => r.CampaignFiled), CampaignAccepted = g.Sum(r => r.CampaignAccepted), ScoreSum = g.Sum(r => r.ScoreSum),
            ScoreCount = g.Sum(r => r.ScoreCount), OpenCritical = g.Sum(r => r.OpenCritical), OpenHigh = g.Sum(r => r.OpenHigh),
            OpenMedium = g.Sum(r => r.OpenMedium), OpenLow = g.Sum(r => r.OpenLow), OverdueTasks = g.Sum(r => r.OverdueTasks),
            OutdatedSystems = g.Sum(r => r.OutdatedSystems), WarningTasks = g.Sum(r => r.WarningTasks), WarningResolved = g.Sum(r => r.WarningResolved),
            WarningVerified = g.Sum(r => r.WarningVerified), WarningOverdue = g.Sum(r => r.WarningOverdue),
        }).ToListAsync(cancellationToken);
        var total = new AgencyFigures { Name = "Toàn tỉnh" };
        foreach (var r in byLevel)
        {
            FigureCounter.AddTo(total, new FigureRollup(Guid.Empty, r.Level)
            {
                Systems = r.Systems, DossierInProgress = r.DossierInProgress, DossierDraft = r.DossierDraft, DossiersOpen = r.DossiersOpen,
                DossiersOverdue = r.DossiersOverdue, PlanNotDeployed = r.PlanNotDeployed, PlanPartly = r.PlanPartly, PlanFully = r.PlanFully,
                CampaignExpected = r.CampaignExpected, CampaignFiled = r.CampaignFiled, CampaignAccepted = r.CampaignAccepted, ScoreSum = r.ScoreSum,
                ScoreCount = r.ScoreCount, OpenCritical = r.OpenCritical, OpenHigh = r.OpenHigh, OpenMedium = r.OpenMedium, OpenLow = r.OpenLow,
                OverdueTasks = r.OverdueTasks, OutdatedSystems = r.OutdatedSystems, WarningTasks = r.WarningTasks, WarningResolved = r.WarningResolved,
                WarningVerified = r.WarningVerified, WarningOverdue = r.WarningOverdue,
            });
        }

        var nowUtc = clock.GetUtcNow().UtcDateTime;
        var since = nowUtc.AddDays(-Math.Clamp(filter.PeriodDays, 1, 3660));
        var incidents = await db.Incidents.Where(i => agencies.Any(a => a.Id == i.AgencyId)).GroupBy(_ => 1).Select(g => new
        {
            Recent = g.Count(i => i.DetectedAtUtc >= since),
            OpenClocks = g.Count(i => i.Status != IncidentStatus.Closed && i.Serious && i.InitialNoticeAtUtc == null)
                + g.Count(i => i.Status != IncidentStatus.Closed && i.FullReportAtUtc == null),
        }).FirstOrDefaultAsync(cancellationToken);
        total.Incidents = incidents?.Recent ?? 0;
        total.OpenClocks = incidents?.OpenClocks ?? 0;
        return new FigureSet([], total, basis.Cycle, basis.CampaignTitle, nowUtc);
    }

    /// <summary>The same figures counted from scratch over the registry (the reference the kept rows must equal).</summary>
    public async Task<FigureSet> RecountAsync(FigureFilter filter, CancellationToken cancellationToken)
    {
        var basis = await FigureBasis.ReadAsync(db, clock, registry.MaxDaysSincePatch, cancellationToken);
        var counted = await FigureCounter.CountAsync(db, Systems(filter, Agencies(filter)), basis, cancellationToken);
        return await AssembleAsync(filter, basis, counted.Values, cancellationToken);
    }

    /// <summary>
    /// Counts every agency's kept rows again when they were counted for another basis (a new day, campaign or patch
    /// limit; never counted on a new database). The transaction that moves the basis counts; another one waiting for
    /// it finds the basis moved and counts nothing.
    /// </summary>
    public async Task<FigureBasis> EnsureKeptAsync(CancellationToken cancellationToken)
    {
        var basis = await FigureBasis.ReadAsync(db, clock, registry.MaxDaysSincePatch, cancellationToken);
        var key = basis.Key;
        if (await db.FigureRollupBases.AnyAsync(b => b.Id == FigureRollupBasis.SingletonId && b.Basis == key, cancellationToken))
        {
            return basis;
        }

        await using var bare = FigureRollupKeeper.BareContext(database, db.Database.GetConnectionString()!);
        await using var transaction = await bare.Database.BeginTransactionAsync(cancellationToken);
        await FigureRollupKeeper.LockAsync(bare, database.Provider, null, cancellationToken);
        var moved = await bare.FigureRollupBases.Where(b => b.Id == FigureRollupBasis.SingletonId && b.Basis != key)
            .ExecuteUpdateAsync(u => u.SetProperty(b => b.Basis, key), cancellationToken);
        if (moved == 1)
        {
            await FigureCounter.RecountAgenciesAsync(bare, null, basis, cancellationToken);
            await bare.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return basis;
    }

    private async Task<FigureSet> AssembleAsync(FigureFilter filter, FigureBasis basis, IEnumerable<FigureRollup> counted, CancellationToken cancellationToken)
    {
        var nowUtc = clock.GetUtcNow().UtcDateTime;
        var agencies = Agencies(filter);
        var rows = await agencies.AsNoTracking().OrderBy(a => a.Name)
            .Select(a => new AgencyFigures { AgencyId = a.Id, Name = a.Name, Code = a.Code, Kind = a.Kind, ParentId = a.ParentId })
            .ToListAsync(cancellationToken);
        var byId = rows.ToDictionary(r => r.AgencyId);
        AgencyFigures Row(Guid id) => byId.TryGetValue(id, out var row) ? row : new AgencyFigures();
        foreach (var r in counted)
        {
            FigureCounter.AddTo(Row(r.AgencyId), r);
        }

        // Incidents belong to the agency that reported them; the level filter does not apply to them.
        var since = nowUtc.AddDays(-Math.Clamp(filter.PeriodDays, 1, 3660));
        foreach (var g in await db.Incidents.Join(agencies, i => i.AgencyId, a => a.Id, (i, a) => i)
                     .GroupBy(i => i.AgencyId)
                     .Select(g => new
                     {
                         AgencyId = g.Key,
                         Recent = g.Count(i => i.DetectedAtUtc >= since),
                         OpenClocks = g.Count(i => i.Status != IncidentStatus.Closed && i.Serious && i.InitialNoticeAtUtc == null)
                             + g.Count(i => i.Status != IncidentStatus.Closed && i.FullReportAtUtc == null),
                     }).ToListAsync(cancellationToken))
        {
            Row(g.AgencyId).Incidents += g.Recent;
            Row(g.AgencyId).OpenClocks += g.OpenClocks;
        }

        return new FigureSet(rows, AgencyFigures.Sum(rows, "Toàn tỉnh"), basis.Cycle, basis.CampaignTitle, nowUtc);
    }

    /// <summary>Compliance by group of requirements across the filed assessments of the cycle, from the kept rows.</summary>
    public async Task<IReadOnlyList<(string Code, string Title, ScoreLine Line)>> ByGroupAsync(FigureFilter filter, int cycle, CancellationToken cancellationToken)
    {
        var basis = await EnsureKeptAsync(cancellationToken);
        if (basis.Cycle != cycle)
        {
            return await RecountByGroupAsync(filter, cycle, cancellationToken);
        }

        var agencies = Agencies(filter);
        var kept = db.FigureGroupRollups.AsNoTracking().Where(r => agencies.Any(a => a.Id == r.AgencyId));
        if (filter.Level is { } level)
        {
            kept = kept.Where(r => r.Level == level);
        }

        var lines = await kept.GroupBy(r => new { r.CatalogVersionId, r.GroupCode })
            .Select(g => new { g.Key.CatalogVersionId, g.Key.GroupCode, Met = g.Sum(r => r.Met), Partial = g.Sum(r => r.Partial), NotMet = g.Sum(r => r.NotMet), NotApplicable = g.Sum(r => r.NotApplicable) })
            .ToListAsync(cancellationToken);
        return await ByGroupAsync(
            lines.Select(l => l.CatalogVersionId).Distinct().ToList(),
            lines.Select(l => new ScoreLine(l.GroupCode, l.Met + l.Partial + l.NotMet + l.NotApplicable, l.Met + l.Partial + l.NotMet + l.NotApplicable, l.Met, l.Partial, l.NotMet, l.NotApplicable)),
            cancellationToken);
    }

    /// <summary>Compliance by group counted from scratch from every filed assessment's stored counts (the reference).</summary>
    public async Task<IReadOnlyList<(string Code, string Title, ScoreLine Line)>> RecountByGroupAsync(FigureFilter filter, int cycle, CancellationToken cancellationToken)
    {
        var systems = Systems(filter, Agencies(filter));
        var filed = await db.Assessments.AsNoTracking().Where(a => a.Cycle == cycle && a.FiledGroups != null)
            .Join(systems, a => a.SystemId, s => s.Id, (a, s) => new { a.CatalogVersionId, a.FiledGroups })
            .ToListAsync(cancellationToken);
        return await ByGroupAsync(filed.Select(f => f.CatalogVersionId).Distinct().ToList(), filed.SelectMany(f => GroupCounts.Read(f.FiledGroups)), cancellationToken);
    }

    private async Task<IReadOnlyList<(string Code, string Title, ScoreLine Line)>> ByGroupAsync(List<Guid> versions, IEnumerable<ScoreLine> lines, CancellationToken cancellationToken)
    {
        var titles = (await db.Set<CatalogGroup>().AsNoTracking().Where(g => versions.Contains(g.VersionId)).Select(g => new { g.Code, g.Title, g.Order }).ToListAsync(cancellationToken))
            .GroupBy(g => g.Code).ToDictionary(g => g.Key, g => g.First());
        return [.. lines
            .GroupBy(l => l.GroupCode)
            .Select(g => (Code: g.Key, Title: titles.TryGetValue(g.Key, out var t) ? t.Title : g.Key,
                Line: new ScoreLine(g.Key, g.Sum(l => l.Items), g.Sum(l => l.Answered), g.Sum(l => l.Met), g.Sum(l => l.Partial), g.Sum(l => l.NotMet), g.Sum(l => l.NotApplicable))))
            .OrderBy(x => titles.TryGetValue(x.Code, out var t) ? t.Order : int.MaxValue).ThenBy(x => x.Code, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The trend of the last 12 months from the daily snapshots: for each month, the last day recorded, added up over
    /// the agencies the filter keeps (the level filter does not apply to snapshots, which are per agency).
    /// </summary>
    public async Task<IReadOnlyList<TrendPoint>> TrendAsync(FigureFilter filter, CancellationToken cancellationToken)
    {
        var today = VietnamTime.Today(clock);
        var start = new DateOnly(today.Year, today.Month, 1).AddMonths(-11);
        var days = (await db.FigureSnapshots.Where(s => s.Day >= start).Select(s => s.Day).Distinct().ToListAsync(cancellationToken))
            .GroupBy(d => (d.Year, d.Month)).Select(g => g.Max()).ToList();
        var agencies = Agencies(filter);
        var sums = await db.FigureSnapshots.Where(s => days.Contains(s.Day) && agencies.Any(a => a.Id == s.AgencyId))
            .GroupBy(s => s.Day)
            .Select(g => new
            {
                Day = g.Key,
                Systems = g.Sum(s => s.Systems),
                Approved = g.Sum(s => s.WithApprovedLevel),
                ScoreSum = g.Sum(s => s.ScoreSum),
                ScoreCount = g.Sum(s => s.ScoreCount),
                Open = g.Sum(s => s.OpenTasks),
                Overdue = g.Sum(s => s.OverdueTasks),
            }).ToListAsync(cancellationToken);
        return [.. sums.OrderBy(s => s.Day).Select(s => new TrendPoint(
            s.Day,
            s.Systems == 0 ? null : Math.Round(100m * s.Approved / s.Systems, 1, MidpointRounding.AwayFromZero),
            s.ScoreCount == 0 ? null : Math.Round(s.ScoreSum / s.ScoreCount, 1, MidpointRounding.AwayFromZero),
            s.Open,
            s.Overdue))];
    }

    public static int SeverityIndex(TaskSeverity severity) => severity switch
    {
        TaskSeverity.Critical => 0,
        TaskSeverity.High => 1,
        TaskSeverity.Medium => 2,
        _ => 3,
    };

    private IQueryable<Agency> Agencies(FigureFilter filter) => filter.SelectAgencies(db.Agencies);

    private IQueryable<InformationSystem> Systems(FigureFilter filter, IQueryable<Agency> agencies)
    {
        var systems = db.InformationSystems.Where(s => s.Lifecycle == LifecycleStatus.Operating && agencies.Any(a => a.Id == s.OwnerAgencyId));
        return filter.Level is { } level ? systems.Where(s => s.ApprovedLevel == level) : systems;
    }
}
