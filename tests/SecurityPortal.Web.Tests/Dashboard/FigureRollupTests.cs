using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecurityPortal.Data;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Assessments;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Dossiers;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Web.Reporting;

namespace SecurityPortal.Tests.Dashboard;

/// <summary>
/// The kept figures (docs/dashboard.md, «How the figures are kept») against a from-scratch recount of the registry:
/// a small province made at random from a seed, then a random sequence of changes saved through the portal's own
/// DbContext (with its interceptors), checking after every few changes that every filter's figures, every agency's
/// row and compliance by group are the same both ways.
/// </summary>
public sealed class FigureRollupTests : PortalTestBase
{
    private static readonly DateOnly Today = VietnamTime.Today(TimeProvider.System);
    private static readonly DossierActor Officer = new("officer", "Cán bộ", false, true);
    private static readonly TaskActor TaskOfficer = new("officer", "Cán bộ", false, true);
    private static readonly TaskActor TaskReviewer = new("reviewer", "Thẩm định", true, false);

    [Theory]
    [InlineData(20211207)]
    [InlineData(42)]
    [InlineData(7)]
    public async Task The_kept_figures_equal_a_recount_after_a_random_sequence_of_changes(int seed)
    {
        var random = new Random(seed);
        var agencies = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            agencies.Add((await Factory.CreateAgencyAsync($"RK{seed % 1000}-{i}", $"Cơ quan thử {i}", i % 2 == 0 ? AgencyKind.Department : AgencyKind.School)).Id);
        }

        for (var i = 0; i < 8; i++)
        {
            await NewSystemAsync(random, agencies, i);
        }

        // The first reading counts everything (the basis is new); from then on only what changes is counted again.
        await AssertKeptEqualsRecountAsync(agencies, "start");
        var done = new List<string>();
        for (var step = 0; step < 45; step++)
        {
            done.Add(await ChangeAsync(random, agencies, step));
            if (step % 5 == 4)
            {
                await AssertKeptEqualsRecountAsync(agencies, $"after step {step}: {string.Join(", ", done)}");
            }
        }

        // The changes did move the figures: they are not all zero on both sides.
        var total = (await WithFiguresAsync(f => f.ComputeUncachedAsync(new FigureFilter(), CancellationToken.None))).Total;
        Assert.True(total.Systems > 0 && total.OpenTaskCount + total.DossiersOpen + total.WithApprovedLevel > 0, Describe(total));
    }

    [Fact]
    public async Task A_change_counts_its_agencies_again_in_its_own_save_and_a_new_campaign_counts_everything_again()
    {
        var a = await Factory.CreateAgencyAsync("RK-A", "Cơ quan A");
        var b = await Factory.CreateAgencyAsync("RK-B", "Cơ quan B");
        var system = await Factory.CreateSystemAsync("RK-S1", "Hệ thống một", a.Id);
        Assert.Equal(1, (await WithFiguresAsync(f => f.ComputeUncachedAsync(new FigureFilter(AgencyId: a.Id), CancellationToken.None))).Total.Systems);

        // A task opened: the kept row of A changes in that same save, without any reading in between.
        await Factory.WithDbAsync(db =>
        {
            db.RemediationTasks.Add(new RemediationTask(system.Id, "Vá lỗi", null, TaskSource.Other, null, null, null, TaskSeverity.High, Today.AddDays(-1), "seed", DateTime.UtcNow));
            return db.SaveChangesAsync();
        });
        var kept = await Factory.WithDbAsync(db => db.FigureRollups.AsNoTracking().SingleAsync(r => r.AgencyId == a.Id));
        Assert.Equal((1, 1, 1), (kept.Systems, kept.OpenHigh, kept.OverdueTasks));

        // The system moves to B: both agencies are counted again.
        await Factory.WithDbAsync(async db =>
        {
            (await db.InformationSystems.SingleAsync(s => s.Id == system.Id)).OwnerAgencyId = b.Id;
            return await db.SaveChangesAsync();
        });
        var rows = await Factory.WithDbAsync(db => db.FigureRollups.AsNoTracking().Where(r => r.AgencyId == a.Id || r.AgencyId == b.Id).ToListAsync());
        Assert.Equal(b.Id, Assert.Single(rows).AgencyId);
        Assert.Equal(1, rows[0].OpenHigh);

        // A campaign changes the cycle's figures everywhere: the basis no longer matches and the next reading counts all.
        var before = await Factory.WithDbAsync(db => db.FigureRollupBases.AsNoTracking().Select(x => x.Basis).SingleAsync());
        await Factory.WithDbAsync(async db =>
        {
            var catalog = await db.CatalogVersions.AsNoTracking().Select(v => v.Id).FirstAsync();
            db.Campaigns.Add(new Campaign("Đợt thử", Today.Year, catalog, Today.AddDays(30), null, null, "leader", Today, DateTime.UtcNow));
            return await db.SaveChangesAsync();
        });
        await AssertKeptEqualsRecountAsync([a.Id, b.Id], "after the campaign");
        var after = await Factory.WithDbAsync(db => db.FigureRollupBases.AsNoTracking().Select(x => x.Basis).SingleAsync());
        Assert.NotEqual(before, after);
    }

    private async Task NewSystemAsync(Random random, List<Guid> agencies, int n)
    {
        var lifecycle = random.Next(10) < 8 ? LifecycleStatus.Operating : LifecycleStatus.InConstruction;
        await Factory.CreateSystemAsync($"RKS-{n}-{random.Next(100_000)}", $"Hệ thống thử {n}", agencies[random.Next(agencies.Count)], s =>
        {
            if (lifecycle != LifecycleStatus.Operating)
            {
                s.ChangeLifecycle(lifecycle, null);
            }

            if (random.Next(2) == 0)
            {
                var component = s.AddComponent(ComponentKind.Cms, "WordPress", null, "6.0");
                component.LastPatched = random.Next(3) == 0 ? null : Today.AddDays(-random.Next(1, 400));
                component.EndOfLife = random.Next(4) == 0 ? Today.AddDays(-5) : null;
            }
        });
    }

    /// <summary>One random change, saved on its own; returns what it was (for the failure message).</summary>
    private async Task<string> ChangeAsync(Random random, List<Guid> agencies, int step)
    {
        var kind = random.Next(13);
        var now = DateTime.UtcNow;
        switch (kind)
        {
            case 0:
                await NewSystemAsync(random, agencies, 100 + step);
                return "new system";
            case 1:
                var unapproved = await Factory.WithDbAsync(db => db.InformationSystems.Where(s => s.ApprovedLevel == null && !db.LevelDossiers.Any(d => d.SystemId == s.Id))
                    .Select(s => s.Id).OrderBy(id => id).ToListAsync());
                if (unapproved.Count == 0)
                {
                    return "approve (none)";
                }

                await Factory.ApproveLevelAsync(unapproved[random.Next(unapproved.Count)], random.Next(1, 4));
                return "approve";
            default:
                return await Factory.WithDbAsync(async db =>
                {
                    var systems = await db.InformationSystems.Include(s => s.Components).OrderBy(s => s.Code).ToListAsync();
                    var system = systems[random.Next(systems.Count)];
                    string what;
                    try
                    {
                        what = await ChangeAsync(db, random, kind, system, agencies, now);
                    }
                    catch (DomainException ex)
                    {
                        return $"{kind} refused ({ex.Message})";
                    }

                    await db.SaveChangesAsync();
                    return what;
                });
        }
    }

    private static async Task<string> ChangeAsync(PortalDbContext db, Random random, int kind, InformationSystem system, List<Guid> agencies, DateTime now)
    {
        switch (kind)
        {
            case 2:
                if (await db.LevelDossiers.AnyAsync(d => d.SystemId == system.Id && d.State != DossierState.Approved && d.State != DossierState.Rejected))
                {
                    return "draft dossier (one is open)";
                }

                db.LevelDossiers.Add(LevelDossier.Start(system, Officer, Today, now, null));
                return "draft dossier";
            case 3:
            case 4:
                var source = random.Next(3) == 0 ? TaskSource.VulnerabilityWarning : TaskSource.Other;
                db.RemediationTasks.Add(new RemediationTask(system.Id, "Nhiệm vụ thử", null, source, null, null, null,
                    (TaskSeverity)Enum.GetValues<TaskSeverity>().GetValue(random.Next(Enum.GetValues<TaskSeverity>().Length))!, Today.AddDays(random.Next(-10, 20)), "seed", now));
                return "task opened";
            case 5:
                return await ChangeTaskAsync(db, random, now);
            case 6:
                system.OwnerAgencyId = agencies[random.Next(agencies.Count)];
                return "system moved";
            case 7:
                if (random.Next(2) == 0)
                {
                    system.Decommission();
                    return "system decommissioned";
                }

                system.ChangeLifecycle(LifecycleStatus.Operating, Today.AddDays(-30));
                return "system put in operation";
            case 8:
                var component = system.AddComponent(ComponentKind.WebServer, "nginx", null, "1.0");
                component.LastPatched = random.Next(2) == 0 ? Today : Today.AddDays(-400);
                return "component";
            case 9:
                return await FileAssessmentAsync(db, random, system, now);
            case 10:
                return await ChangeDossierAsync(db, random, now);
            case 11:
                return MergeAgency(db, random, agencies);
            default:
                var catalog = await db.CatalogVersions.AsNoTracking().Select(v => v.Id).FirstAsync();
                db.Campaigns.Add(new Campaign($"Đợt {random.Next(1000)}", Today.Year, catalog, Today.AddDays(30), null, null, "leader", Today, now));
                return "campaign";
        }
    }

    /// <summary>What the merge page does: the source agency becomes inactive and its systems move to the target, in one save.</summary>
    private static string MergeAgency(PortalDbContext db, Random random, List<Guid> agencies)
    {
        if (agencies.Count < 3)
        {
            return "merge (too few)";
        }

        var source = agencies[random.Next(agencies.Count)];
        var target = agencies.First(a => a != source);
        var sourceAgency = db.Agencies.Single(a => a.Id == source);
        sourceAgency.MergeInto(db.Agencies.Single(a => a.Id == target), Today);
        foreach (var system in db.InformationSystems.Where(s => s.OwnerAgencyId == source || s.OperatorAgencyId == source).ToList())
        {
            system.OwnerAgencyId = system.OwnerAgencyId == source ? target : system.OwnerAgencyId;
            system.OperatorAgencyId = system.OperatorAgencyId == source ? target : system.OperatorAgencyId;
        }

        agencies.Remove(source);
        return "agencies merged";
    }

    private static async Task<string> FileAssessmentAsync(PortalDbContext db, Random random, InformationSystem system, DateTime now)
    {
        if (await db.Assessments.AnyAsync(a => a.SystemId == system.Id && a.Cycle == Today.Year))
        {
            return "assessment (one exists)";
        }

        var catalog = await db.CatalogVersions.Include(v => v.Requirements).ThenInclude(r => r.Levels).OrderBy(v => v.EffectiveDate).FirstAsync();
        var campaign = await db.Campaigns.OrderByDescending(c => c.CreatedAtUtc).FirstOrDefaultAsync();
        var assessment = Assessment.Start(system, catalog, Today.Year, system.ApprovedLevel ?? 1, system.ApprovedLevel != null, "officer", now);
        if (campaign is not null && random.Next(2) == 0)
        {
            assessment.JoinCampaign(campaign);
        }

        var answers = new[] { Answer.Met, Answer.PartiallyMet, Answer.NotMet, Answer.NotApplicable };
        foreach (var item in assessment.Items)
        {
            var answer = answers[random.Next(answers.Length)];
            var gap = answer is Answer.PartiallyMet or Answer.NotMet;
            assessment.AnswerItem(item.Id, answer, answer == Answer.NotApplicable ? "Hệ thống không có thành phần này." : null, "Minh chứng", gap ? Today.AddDays(60) : null, gap ? "Cán bộ" : null, Today, "officer", now);
        }

        db.Assessments.Add(assessment);
        if (random.Next(3) > 0)
        {
            assessment.Submit("officer", "Giám đốc", now);
            if (random.Next(2) == 0)
            {
                assessment.StartReview("reviewer");
                assessment.Accept("reviewer", now);
                return "assessment accepted";
            }

            return "assessment filed";
        }

        return "assessment started";
    }

    private static async Task<string> ChangeTaskAsync(PortalDbContext db, Random random, DateTime now)
    {
        var tasks = await db.RemediationTasks.OrderBy(t => t.Id).ToListAsync();
        if (tasks.Count == 0)
        {
            return "task change (none)";
        }

        var task = tasks[random.Next(tasks.Count)];
        switch (random.Next(5))
        {
            case 0: task.Start(TaskOfficer, now); return "task started";
            case 1: task.Resolve(TaskOfficer, "Đã vá.", now); return "task resolved";
            case 2: task.Verify(TaskReviewer, "Đã kiểm tra.", now); return "task verified";
            case 3: task.Reopen(TaskReviewer, "Chưa đạt.", now); return "task reopened";
            default: task.Cancel(TaskReviewer, "Trùng.", now); return "task cancelled";
        }
    }

    private static async Task<string> ChangeDossierAsync(PortalDbContext db, Random random, DateTime now)
    {
        var dossiers = await db.LevelDossiers.Where(d => d.State != DossierState.Approved && d.State != DossierState.Rejected).OrderBy(d => d.Id).ToListAsync();
        if (dossiers.Count == 0)
        {
            return "dossier change (none)";
        }

        var dossier = dossiers[random.Next(dossiers.Count)];
        if (random.Next(2) == 0)
        {
            db.LevelDossiers.Remove(dossier);
            return "dossier deleted";
        }

        dossier.Reject(new DossierActor("approver", "Lãnh đạo", true, false), "Không phù hợp.", now);
        return "dossier rejected";
    }

    private Task<T> WithFiguresAsync<T>(Func<ComplianceFigures, Task<T>> read) => Factory.WithDbAsync(async _ =>
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await read(scope.ServiceProvider.GetRequiredService<ComplianceFigures>());
    });

    private async Task AssertKeptEqualsRecountAsync(IReadOnlyList<Guid> agencies, string when)
    {
        var filters = new List<FigureFilter>
        {
            new(), new(Level: 1), new(Level: 2), new(Kind: AgencyKind.School), new(PeriodDays: 365),
        };
        filters.AddRange(agencies.Select(a => new FigureFilter(AgencyId: a)));
        foreach (var filter in filters)
        {
            var kept = await WithFiguresAsync(f => f.ComputeUncachedAsync(filter, CancellationToken.None));
            var counted = await WithFiguresAsync(f => f.RecountAsync(filter, CancellationToken.None));
            Assert.True(Describe(counted.Total) == Describe(kept.Total), $"{filter} {when}\ncounted {Describe(counted.Total)}\nkept    {Describe(kept.Total)}");
            Assert.Equal(counted.Agencies.Select(Describe), kept.Agencies.Select(Describe));
            var groupsKept = await WithFiguresAsync(f => f.ByGroupAsync(filter, kept.Cycle, CancellationToken.None));
            var groupsCounted = await WithFiguresAsync(f => f.RecountByGroupAsync(filter, counted.Cycle, CancellationToken.None));
            Assert.Equal(groupsCounted.Select(g => $"{g.Code} {g.Title} {g.Line}"), groupsKept.Select(g => $"{g.Code} {g.Title} {g.Line}"));
        }
    }

    private static string Describe(AgencyFigures f) => string.Join(' ', new object?[]
    {
        f.AgencyId, f.Systems, string.Join(',', f.ByLevel), f.DossierInProgress, f.DossierDraft, f.DossiersOpen, f.DossiersOverdue,
        f.PlanNotDeployed, f.PlanPartly, f.PlanFully, f.CampaignExpected, f.CampaignFiled, f.CampaignAccepted, Number(f.ScoreSum), f.ScoreCount, Number(f.AverageScore), Number(f.Composite),
        string.Join(',', f.OpenTasks), f.OverdueTasks, f.OutdatedSystems, f.WarningTasks, f.WarningResolved, f.WarningVerified, f.WarningOverdue,
        f.Incidents, f.OpenClocks,
    }.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)));

    /// <summary>A decimal by its value: 0 and 0.0 (a sum in SQL, a stored column) are the same figure.</summary>
    private static string Number(decimal? value) => value?.ToString("0.##########", CultureInfo.InvariantCulture) ?? "-";
}
