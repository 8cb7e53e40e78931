using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Assessments;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Reporting;

namespace SecurityPortal.Web.Reporting;

/// <summary>
/// Once a day, each agency's figures of that day become <see cref="FigureSnapshot"/> rows (the trend's history). The day
/// and agency are the key, so a second instance writing the same day fails harmlessly. Assessments filed before
/// filed scores were stored get theirs first.
/// </summary>
public sealed class FigureSnapshotWriter(PortalDbContext db, ComplianceFigures figures, TimeProvider clock, ILogger<FigureSnapshotWriter> logger)
{
    public async Task<int> WriteTodayAsync(CancellationToken cancellationToken)
    {
        await BackfillFiledScoresAsync(cancellationToken);
        var today = VietnamTime.Today(clock);
        if (await db.FigureSnapshots.AnyAsync(s => s.Day == today, cancellationToken))
        {
            return 0;
        }

        var set = await figures.ComputeUncachedAsync(new FigureFilter(), cancellationToken);
        db.FigureSnapshots.AddRange(set.Agencies.Select(a => new FigureSnapshot(today, a.AgencyId)
        {
            Systems = a.Systems,
            WithApprovedLevel = a.WithApprovedLevel,
            ScoreSum = a.ScoreSum,
            ScoreCount = a.ScoreCount,
            OpenTasks = a.OpenTaskCount,
            OverdueTasks = a.OverdueTasks,
            OutdatedSystems = a.OutdatedSystems,
            Incidents = a.Incidents,
        }));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            logger.LogInformation(ex, "Today's figures were written by another instance");
            db.ChangeTracker.Clear();
            return 0;
        }

        logger.LogInformation("Wrote the figures of {Day} for {Count} agencies", today, set.Agencies.Count);
        return set.Agencies.Count;
    }

    private async Task BackfillFiledScoresAsync(CancellationToken cancellationToken)
    {
        var ids = await db.Assessments.Where(a => a.FiledGroups == null
                && (a.State == AssessmentState.Submitted || a.State == AssessmentState.UnderReview || a.State == AssessmentState.Accepted))
            .Select(a => a.Id).Take(500).ToListAsync(cancellationToken);
        foreach (var id in ids)
        {
            var assessment = await db.Assessments.Include(a => a.Items).FirstAsync(a => a.Id == id, cancellationToken);
            assessment.RecordFiledScore();
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }
}
