using Microsoft.EntityFrameworkCore;
using System.ComponentModel;
using Microsoft.Extensions.Caching.Hybrid;
using SecurityPortal.Data;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Assessments;
using SecurityPortal.Domain.Catalog;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Dossiers;
using SecurityPortal.Domain.Incidents;
using SecurityPortal.Domain.Remediation;
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
    PortalDbContext db, RegistryOptions registry, DashboardOptions options, HybridCache cache, TimeProvider clock, IServiceScopeFactory? scopes = null)
{
    private static readonly DossierState[] InWorkflow = [DossierState.Submitted, DossierState.UnderAppraisal, DossierState.NeedsRevision, DossierState.AwaitingApproval];
    private static readonly AssessmentState[] Filed = [AssessmentState.Submitted, AssessmentState.UnderReview, AssessmentState.Accepted];

    /// <summary>The figures of a filter, computed at most once per <see cref="DashboardOptions.CacheSeconds"/> and shared by everyone asking.</summary>
    public Task<FigureSet> ComputeAsync(FigureFilter filter, CancellationToken cancellationToken) =>
        SharedAsync(filter.CacheKey, f => f.ComputeUncachedAsync(filter, CancellationToken.None), cancellationToken);

    /// <summary>Everything the dashboard shows for a filter: the figures, compliance by group, the trend and the watched websites, cached together.</summary>
    public Task<DashboardData> DashboardAsync(FigureFilter filter, CancellationToken cancellationToken) =>
        SharedAsync("dashboard:" + filter.CacheKey, async f =>
        {
            var set = await f.ComputeUncachedAsync(filter, CancellationToken.None);
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

    public async Task<FigureSet> ComputeUncachedAsync(FigureFilter filter, CancellationToken cancellationToken)
    {
        var nowUtc = clock.GetUtcNow().UtcDateTime;
        var today = VietnamTime.Today(clock);
        var agencies = Agencies(filter);
        var rows = await agencies.AsNoTracking().OrderBy(a => a.Name)
            .Select(a => new AgencyFigures { AgencyId = a.Id, Name = a.Name, Code = a.Code, Kind = a.Kind, ParentId = a.ParentId })
            .ToListAsync(cancellationToken);
        var byId = rows.ToDictionary(r => r.AgencyId);
        AgencyFigures Row(Guid id) => byId.TryGetValue(id, out var row) ? row : new AgencyFigures();

        var systems = Systems(filter, agencies);

        foreach (var g in await systems.GroupBy(s => new { s.OwnerAgencyId, s.ApprovedLevel })
                     .Select(g => new { g.Key.OwnerAgencyId, g.Key.ApprovedLevel, Count = g.Count() }).ToListAsync(cancellationToken))
        {
            var row = Row(g.OwnerAgencyId);
            row.Systems += g.Count;
            if (g.ApprovedLevel is >= 1 and <= 5)
            {
                row.ByLevel[g.ApprovedLevel.Value] += g.Count;
            }
        }

        // Systems without an approved level: the furthest their open dossiers have gone.
        var unapproved = systems.Where(s => s.ApprovedLevel == null).Select(s => s.Id);
        foreach (var g in await db.LevelDossiers.Where(d => unapproved.Contains(d.SystemId) && d.State != DossierState.Approved && d.State != DossierState.Rejected)
                     .Join(systems, d => d.SystemId, s => s.Id, (d, s) => new { s.Id, s.OwnerAgencyId, InWorkflow = InWorkflow.Contains(d.State) })
                     .GroupBy(x => new { x.Id, x.OwnerAgencyId })
                     .Select(g => new { g.Key.OwnerAgencyId, InWorkflow = g.Max(x => x.InWorkflow ? 1 : 0) })
                     .ToListAsync(cancellationToken))
        {
            if (g.InWorkflow == 1)
            {
                Row(g.OwnerAgencyId).DossierInProgress++;
            }
            else
            {
                Row(g.OwnerAgencyId).DossierDraft++;
            }
        }

        foreach (var g in await db.LevelDossiers.Where(d => d.State != DossierState.Approved && d.State != DossierState.Rejected)
                     .Join(systems, d => d.SystemId, s => s.Id, (d, s) => new { s.OwnerAgencyId, d.State, d.CompletenessDue, d.AppraisalDue, d.ApprovalDue })
                     .GroupBy(x => x.OwnerAgencyId)
                     .Select(g => new
                     {
                         OwnerAgencyId = g.Key,
                         Open = g.Count(),
                         Overdue = g.Count(x => (x.State == DossierState.Submitted && x.CompletenessDue < today)
                             || (x.State == DossierState.UnderAppraisal && x.AppraisalDue < today)
                             || (x.State == DossierState.AwaitingApproval && x.ApprovalDue < today)),
                     }).ToListAsync(cancellationToken))
        {
            Row(g.OwnerAgencyId).DossiersOpen += g.Open;
            Row(g.OwnerAgencyId).DossiersOverdue += g.Overdue;
        }

        // The cycle is the latest campaign's; without a campaign, the current year.
        var campaign = await db.Campaigns.AsNoTracking().OrderByDescending(c => c.CreatedAtUtc).Select(c => new { c.Id, c.Cycle, c.Title }).FirstOrDefaultAsync(cancellationToken);
        var cycle = campaign?.Cycle ?? today.Year;
        var campaignId = campaign?.Id;
        foreach (var g in await db.Assessments.Where(a => a.Cycle == cycle)
                     .Join(systems, a => a.SystemId, s => s.Id, (a, s) => new { s.OwnerAgencyId, a.State, a.FiledScore, a.FiledDeployment, a.CampaignId })
                     .GroupBy(x => x.OwnerAgencyId)
                     .Select(g => new
                     {
                         OwnerAgencyId = g.Key,
                         ScoreSum = g.Sum(x => x.FiledScore ?? 0m),
                         ScoreCount = g.Count(x => x.FiledScore != null),
                         NotDeployed = g.Count(x => x.FiledDeployment == PlanDeployment.NotDeployed),
                         Partly = g.Count(x => x.FiledDeployment == PlanDeployment.PartlyDeployed),
                         Fully = g.Count(x => x.FiledDeployment == PlanDeployment.FullyDeployed),
                         Expected = g.Count(x => campaignId != null && x.CampaignId == campaignId),
                         FiledCount = g.Count(x => campaignId != null && x.CampaignId == campaignId && Filed.Contains(x.State)),
                         Accepted = g.Count(x => campaignId != null && x.CampaignId == campaignId && x.State == AssessmentState.Accepted),
                     }).ToListAsync(cancellationToken))
        {
            var row = Row(g.OwnerAgencyId);
            row.ScoreSum += g.ScoreSum;
            row.ScoreCount += g.ScoreCount;
            row.PlanNotDeployed += g.NotDeployed;
            row.PlanPartly += g.Partly;
            row.PlanFully += g.Fully;
            row.CampaignExpected += g.Expected;
            row.CampaignFiled += g.FiledCount;
            row.CampaignAccepted += g.Accepted;
        }

        foreach (var g in await db.RemediationTasks.Where(t => RemediationTask.ToWorkOn.Contains(t.Status) || t.Status == RemediationStatus.Resolved)
                     .Join(systems, t => t.SystemId, s => s.Id, (t, s) => new { s.OwnerAgencyId, t.Severity, t.DueDate, t.Status })
                     .GroupBy(x => new { x.OwnerAgencyId, x.Severity })
                     .Select(g => new
                     {
                         g.Key.OwnerAgencyId,
                         g.Key.Severity,
                         Open = g.Count(),
                         Overdue = g.Count(x => x.Status != RemediationStatus.Resolved && x.DueDate < today),
                     }).ToListAsync(cancellationToken))
        {
            var row = Row(g.OwnerAgencyId);
            row.OpenTasks[SeverityIndex(g.Severity)] += g.Open;
            row.OverdueTasks += g.Overdue;
        }

        var patchedSince = today.AddDays(-registry.MaxDaysSincePatch);
        foreach (var g in await systems.Where(s => db.SoftwareComponents.Any(c => c.SystemId == s.Id
                         && ((c.EndOfLife != null && c.EndOfLife < today) || c.LastPatched == null || c.LastPatched < patchedSince)))
                     .GroupBy(s => s.OwnerAgencyId).Select(g => new { OwnerAgencyId = g.Key, Count = g.Count() }).ToListAsync(cancellationToken))
        {
            Row(g.OwnerAgencyId).OutdatedSystems += g.Count;
        }

        foreach (var g in await db.RemediationTasks.Where(t => t.Source == TaskSource.VulnerabilityWarning && t.Status != RemediationStatus.Cancelled)
                     .Join(systems, t => t.SystemId, s => s.Id, (t, s) => new { s.OwnerAgencyId, t.Status, t.DueDate })
                     .GroupBy(x => x.OwnerAgencyId)
                     .Select(g => new
                     {
                         OwnerAgencyId = g.Key,
                         All = g.Count(),
                         Resolved = g.Count(x => x.Status == RemediationStatus.Resolved),
                         Verified = g.Count(x => x.Status == RemediationStatus.Verified),
                         Overdue = g.Count(x => RemediationTask.ToWorkOn.Contains(x.Status) && x.DueDate < today),
                     }).ToListAsync(cancellationToken))
        {
            var row = Row(g.OwnerAgencyId);
            row.WarningTasks += g.All;
            row.WarningResolved += g.Resolved;
            row.WarningVerified += g.Verified;
            row.WarningOverdue += g.Overdue;
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

        return new FigureSet(rows, AgencyFigures.Sum(rows, "Toàn tỉnh"), cycle, campaign?.Title, nowUtc);
    }

    /// <summary>Compliance by group of requirements across the filed assessments of the cycle (from their stored counts).</summary>
    public async Task<IReadOnlyList<(string Code, string Title, ScoreLine Line)>> ByGroupAsync(FigureFilter filter, int cycle, CancellationToken cancellationToken)
    {
        var systems = Systems(filter, Agencies(filter));
        var filed = await db.Assessments.AsNoTracking().Where(a => a.Cycle == cycle && a.FiledGroups != null)
            .Join(systems, a => a.SystemId, s => s.Id, (a, s) => new { a.CatalogVersionId, a.FiledGroups })
            .ToListAsync(cancellationToken);
        var versions = filed.Select(f => f.CatalogVersionId).Distinct().ToList();
        var titles = (await db.Set<CatalogGroup>().AsNoTracking().Where(g => versions.Contains(g.VersionId)).Select(g => new { g.Code, g.Title, g.Order }).ToListAsync(cancellationToken))
            .GroupBy(g => g.Code).ToDictionary(g => g.Key, g => g.First());
        return [.. filed.SelectMany(f => GroupCounts.Read(f.FiledGroups))
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
