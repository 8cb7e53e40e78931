using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Assessments;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Dossiers;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Domain.Reporting;
using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Web.Reporting;

/// <summary>
/// What the figures are counted for: today (overdue figures, outdated software), the latest campaign and its cycle,
/// and the patch limit. <see cref="Key"/> is stored with the kept figures (<see cref="FigureRollupBasis"/>).
/// </summary>
public sealed record FigureBasis(DateOnly Today, int Cycle, Guid? CampaignId, string? CampaignTitle, DateOnly PatchedSince)
{
    public string Key => FormattableString.Invariant($"{Today:yyyy-MM-dd}|{Cycle}|{CampaignId}|{PatchedSince:yyyy-MM-dd}");

    public static async Task<FigureBasis> ReadAsync(PortalDbContext db, TimeProvider clock, int maxDaysSincePatch, CancellationToken cancellationToken)
    {
        var today = VietnamTime.Today(clock);
        // The cycle is the latest campaign's; without a campaign, the current year.
        var campaign = await db.Campaigns.AsNoTracking().OrderByDescending(c => c.CreatedAtUtc).Select(c => new { c.Id, c.Cycle, c.Title }).FirstOrDefaultAsync(cancellationToken);
        return new FigureBasis(today, campaign?.Cycle ?? today.Year, campaign?.Id, campaign?.Title, today.AddDays(-maxDaysSincePatch));
    }
}

/// <summary>
/// The grouped queries behind every headline figure, keyed by (owner agency, approved level of the system; 0 for
/// none). ComplianceFigures.RecountAsync runs them over a filter's systems (the from-scratch count);
/// <see cref="RecountAgenciesAsync"/> runs them over some agencies' systems and keeps the result as
/// <see cref="FigureRollup"/> rows, so its cost follows those agencies' size.
/// </summary>
public static class FigureCounter
{
    private static readonly DossierState[] InWorkflow = [DossierState.Submitted, DossierState.UnderAppraisal, DossierState.NeedsRevision, DossierState.AwaitingApproval];
    private static readonly AssessmentState[] Filed = [AssessmentState.Submitted, AssessmentState.UnderReview, AssessmentState.Accepted];

    /// <summary>The figures of the given systems (operating ones), one row per (owner agency, approved level).</summary>
    public static async Task<Dictionary<(Guid Agency, int Level), FigureRollup>> CountAsync(
        PortalDbContext db, IQueryable<InformationSystem> systems, FigureBasis basis, CancellationToken cancellationToken)
    {
        var rows = new Dictionary<(Guid, int), FigureRollup>();
        FigureRollup Row(Guid agency, int? level)
        {
            var key = (agency, level ?? 0);
            if (!rows.TryGetValue(key, out var row))
            {
                rows[key] = row = new FigureRollup(agency, level ?? 0);
            }

            return row;
        }

        var today = basis.Today;
        foreach (var g in await systems.GroupBy(s => new { s.OwnerAgencyId, s.ApprovedLevel })
                     .Select(g => new { g.Key.OwnerAgencyId, g.Key.ApprovedLevel, Count = g.Count() }).ToListAsync(cancellationToken))
        {
            Row(g.OwnerAgencyId, g.ApprovedLevel).Systems += g.Count;
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
                Row(g.OwnerAgencyId, null).DossierInProgress++;
            }
            else
            {
                Row(g.OwnerAgencyId, null).DossierDraft++;
            }
        }

        foreach (var g in await db.LevelDossiers.Where(d => d.State != DossierState.Approved && d.State != DossierState.Rejected)
                     .Join(systems, d => d.SystemId, s => s.Id, (d, s) => new { s.OwnerAgencyId, s.ApprovedLevel, d.State, d.CompletenessDue, d.AppraisalDue, d.ApprovalDue })
                     .GroupBy(x => new { x.OwnerAgencyId, x.ApprovedLevel })
                     .Select(g => new
                     {
                         g.Key.OwnerAgencyId,
                         g.Key.ApprovedLevel,
                         Open = g.Count(),
                         Overdue = g.Count(x => (x.State == DossierState.Submitted && x.CompletenessDue < today)
                             || (x.State == DossierState.UnderAppraisal && x.AppraisalDue < today)
                             || (x.State == DossierState.AwaitingApproval && x.ApprovalDue < today)),
                     }).ToListAsync(cancellationToken))
        {
            var row = Row(g.OwnerAgencyId, g.ApprovedLevel);
            row.DossiersOpen += g.Open;
            row.DossiersOverdue += g.Overdue;
        }

        var cycle = basis.Cycle;
        var campaignId = basis.CampaignId;
        foreach (var g in await db.Assessments.Where(a => a.Cycle == cycle)
                     .Join(systems, a => a.SystemId, s => s.Id, (a, s) => new { s.OwnerAgencyId, s.ApprovedLevel, a.State, a.FiledScore, a.FiledDeployment, a.CampaignId })
                     .GroupBy(x => new { x.OwnerAgencyId, x.ApprovedLevel })
                     .Select(g => new
                     {
                         g.Key.OwnerAgencyId,
                         g.Key.ApprovedLevel,
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
            var row = Row(g.OwnerAgencyId, g.ApprovedLevel);
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
                     .Join(systems, t => t.SystemId, s => s.Id, (t, s) => new { s.OwnerAgencyId, s.ApprovedLevel, t.Severity, t.DueDate, t.Status })
                     .GroupBy(x => new { x.OwnerAgencyId, x.ApprovedLevel, x.Severity })
                     .Select(g => new
                     {
                         g.Key.OwnerAgencyId,
                         g.Key.ApprovedLevel,
                         g.Key.Severity,
                         Open = g.Count(),
                         Overdue = g.Count(x => x.Status != RemediationStatus.Resolved && x.DueDate < today),
                     }).ToListAsync(cancellationToken))
        {
            var row = Row(g.OwnerAgencyId, g.ApprovedLevel);
            switch (ComplianceFigures.SeverityIndex(g.Severity))
            {
                case 0: row.OpenCritical += g.Open; break;
                case 1: row.OpenHigh += g.Open; break;
                case 2: row.OpenMedium += g.Open; break;
                default: row.OpenLow += g.Open; break;
            }

            row.OverdueTasks += g.Overdue;
        }

        var patchedSince = basis.PatchedSince;
        foreach (var g in await systems.Where(s => db.SoftwareComponents.Any(c => c.SystemId == s.Id
                         && ((c.EndOfLife != null && c.EndOfLife < today) || c.LastPatched == null || c.LastPatched < patchedSince)))
                     .GroupBy(s => new { s.OwnerAgencyId, s.ApprovedLevel }).Select(g => new { g.Key.OwnerAgencyId, g.Key.ApprovedLevel, Count = g.Count() })
                     .ToListAsync(cancellationToken))
        {
            Row(g.OwnerAgencyId, g.ApprovedLevel).OutdatedSystems += g.Count;
        }

        foreach (var g in await db.RemediationTasks.Where(t => t.Source == TaskSource.VulnerabilityWarning && t.Status != RemediationStatus.Cancelled)
                     .Join(systems, t => t.SystemId, s => s.Id, (t, s) => new { s.OwnerAgencyId, s.ApprovedLevel, t.Status, t.DueDate })
                     .GroupBy(x => new { x.OwnerAgencyId, x.ApprovedLevel })
                     .Select(g => new
                     {
                         g.Key.OwnerAgencyId,
                         g.Key.ApprovedLevel,
                         All = g.Count(),
                         Resolved = g.Count(x => x.Status == RemediationStatus.Resolved),
                         Verified = g.Count(x => x.Status == RemediationStatus.Verified),
                         Overdue = g.Count(x => RemediationTask.ToWorkOn.Contains(x.Status) && x.DueDate < today),
                     }).ToListAsync(cancellationToken))
        {
            var row = Row(g.OwnerAgencyId, g.ApprovedLevel);
            row.WarningTasks += g.All;
            row.WarningResolved += g.Resolved;
            row.WarningVerified += g.Verified;
            row.WarningOverdue += g.Overdue;
        }

        return rows;
    }

    /// <summary>Compliance by group of the given systems' filed assessments of the cycle, per (agency, level, catalog version, group).</summary>
    public static async Task<List<FigureGroupRollup>> CountGroupsAsync(
        PortalDbContext db, IQueryable<InformationSystem> systems, int cycle, CancellationToken cancellationToken)
    {
        var filed = await db.Assessments.AsNoTracking().Where(a => a.Cycle == cycle && a.FiledGroups != null)
            .Join(systems, a => a.SystemId, s => s.Id, (a, s) => new { s.OwnerAgencyId, s.ApprovedLevel, a.CatalogVersionId, a.FiledGroups })
            .ToListAsync(cancellationToken);
        var rows = new Dictionary<(Guid, int, Guid, string), FigureGroupRollup>();
        foreach (var f in filed)
        {
            foreach (var line in GroupCounts.Read(f.FiledGroups))
            {
                var key = (f.OwnerAgencyId, f.ApprovedLevel ?? 0, f.CatalogVersionId, line.GroupCode);
                if (!rows.TryGetValue(key, out var row))
                {
                    rows[key] = row = new FigureGroupRollup(key.OwnerAgencyId, key.Item2, key.CatalogVersionId, key.GroupCode);
                }

                row.Met += line.Met;
                row.Partial += line.Partial;
                row.NotMet += line.NotMet;
                row.NotApplicable += line.NotApplicable;
            }
        }

        return [.. rows.Values];
    }

    /// <summary>
    /// Counts the figures of these agencies again (every agency when null) and replaces their kept rows, on the
    /// context's connection and in its transaction. Does not save: the caller does, in the same transaction.
    /// </summary>
    public static async Task RecountAgenciesAsync(PortalDbContext db, IReadOnlyCollection<Guid>? agencyIds, FigureBasis basis, CancellationToken cancellationToken)
    {
        var systems = db.InformationSystems.Where(s => s.Lifecycle == LifecycleStatus.Operating);
        if (agencyIds is not null)
        {
            systems = systems.Where(s => agencyIds.Contains(s.OwnerAgencyId));
            await db.FigureRollups.Where(r => agencyIds.Contains(r.AgencyId)).ExecuteDeleteAsync(cancellationToken);
            await db.FigureGroupRollups.Where(r => agencyIds.Contains(r.AgencyId)).ExecuteDeleteAsync(cancellationToken);
        }
        else
        {
            await db.FigureRollups.ExecuteDeleteAsync(cancellationToken);
            await db.FigureGroupRollups.ExecuteDeleteAsync(cancellationToken);
        }

        db.FigureRollups.AddRange((await CountAsync(db, systems, basis, cancellationToken)).Values);
        db.FigureGroupRollups.AddRange(await CountGroupsAsync(db, systems, basis.Cycle, cancellationToken));
    }

    /// <summary>Adds a kept row into an agency's figures (the level decides which level count its systems join).</summary>
    public static void AddTo(AgencyFigures figures, FigureRollup row)
    {
        figures.Systems += row.Systems;
        if (row.Level is >= 1 and <= 5)
        {
            figures.ByLevel[row.Level] += row.Systems;
        }

        figures.DossierInProgress += row.DossierInProgress;
        figures.DossierDraft += row.DossierDraft;
        figures.DossiersOpen += row.DossiersOpen;
        figures.DossiersOverdue += row.DossiersOverdue;
        figures.PlanNotDeployed += row.PlanNotDeployed;
        figures.PlanPartly += row.PlanPartly;
        figures.PlanFully += row.PlanFully;
        figures.CampaignExpected += row.CampaignExpected;
        figures.CampaignFiled += row.CampaignFiled;
        figures.CampaignAccepted += row.CampaignAccepted;
        figures.ScoreSum += row.ScoreSum;
        figures.ScoreCount += row.ScoreCount;
        figures.OpenTasks[0] += row.OpenCritical;
        figures.OpenTasks[1] += row.OpenHigh;
        figures.OpenTasks[2] += row.OpenMedium;
        figures.OpenTasks[3] += row.OpenLow;
        figures.OverdueTasks += row.OverdueTasks;
        figures.OutdatedSystems += row.OutdatedSystems;
        figures.WarningTasks += row.WarningTasks;
        figures.WarningResolved += row.WarningResolved;
        figures.WarningVerified += row.WarningVerified;
        figures.WarningOverdue += row.WarningOverdue;
    }
}
