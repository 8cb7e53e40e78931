using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Data;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Assessments;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Dossiers;
using SecurityPortal.Domain.Incidents;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Tests.Inbox;

/// <summary>«Việc của tôi» on the home page and its count in the menu, by role, and never another agency's work.</summary>
public sealed class InboxTests : PortalTestBase
{
    private static readonly DateOnly Today = VietnamTime.Today(TimeProvider.System);
    private Agency _health = null!;
    private Agency _ward = null!;
    private InformationSystem _healthSystem = null!;
    private InformationSystem _wardSystem = null!;

    private async Task ArrangeAsync()
    {
        _health = await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        _ward = await Factory.CreateAgencyAsync("SL-PBT", "Ủy ban nhân dân phường Bến Thủy", AgencyKind.CommuneCommittee);
        await Factory.CreateUserAsync("yte@sl.vn", PortalRoles.AgencyOfficer, _health.Id);
        await Factory.CreateUserAsync("yte2@sl.vn", PortalRoles.AgencyOfficer, _health.Id);
        await Factory.CreateUserAsync("phuong@sl.vn", PortalRoles.AgencyOfficer, _ward.Id);
        await Factory.CreateUserAsync("td@sl.vn", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
        await Factory.CreateUserAsync("lanhdao@sl.vn", PortalRoles.Leadership);
        _healthSystem = await Factory.CreateSystemAsync("SYT-WEB", "Cổng Sở Y tế", _health.Id);
        _wardSystem = await Factory.CreateSystemAsync("PBT-WEB", "Cổng phường Bến Thủy", _ward.Id);
    }

    private Task<string> UserIdAsync(string email) => Factory.WithDbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    private Task<T> SeedAsync<T>(Func<PortalDbContext, T> make) => Factory.WithDbAsync(async db =>
    {
        var made = make(db);
        await db.SaveChangesAsync();
        return made;
    });

    private static RemediationTask Task(PortalDbContext db, InformationSystem system, string title, int dueInDays, string? assigneeId = null,
        TaskSource source = TaskSource.Other, RemediationStatus status = RemediationStatus.New)
    {
        var task = new RemediationTask(system.Id, title, null, source, null, null, null, TaskSeverity.Medium, Today.AddDays(dueInDays), "seed", DateTime.UtcNow);
        db.RemediationTasks.Add(task);
        Set(db, task, nameof(RemediationTask.AssigneeId), assigneeId);
        Set(db, task, nameof(RemediationTask.AssigneeName), assigneeId is null ? null : "Người được giao");
        Set(db, task, nameof(RemediationTask.Status), status);
        return task;
    }

    /// <summary>A dossier at a workflow step, with that step's deadline (the workflow itself is DossierWorkflowTests').</summary>
    private static LevelDossier Dossier(PortalDbContext db, InformationSystem system, DossierState state, int? dueInDays = null)
    {
        var dossier = LevelDossier.Start(system, new DossierActor("seed", "Cán bộ", false, true), Today, DateTime.UtcNow, null);
        db.LevelDossiers.Add(dossier);
        Set(db, dossier, nameof(LevelDossier.State), state);
        Set(db, dossier, nameof(LevelDossier.ProposedLevel), 2);
        Set(db, dossier, nameof(LevelDossier.SubmittedOn), state == DossierState.Draft ? null : Today.AddDays(-10));
        var due = dueInDays is { } days ? Today.AddDays(days) : (DateOnly?)null;
        var step = state switch
        {
            DossierState.Submitted => nameof(LevelDossier.CompletenessDue),
            DossierState.UnderAppraisal => nameof(LevelDossier.AppraisalDue),
            _ => nameof(LevelDossier.ApprovalDue),
        };
        Set(db, dossier, step, due);
        return dossier;
    }

    /// <summary>An assessment in a state, in a campaign whose deadline is given (none: outside any campaign).</summary>
    private static Assessment Assessment(PortalDbContext db, InformationSystem system, AssessmentState state, int? deadlineInDays)
    {
        var catalog = db.CatalogVersions.Include(v => v.Requirements).ThenInclude(r => r.Levels).AsSplitQuery()
            .First(v => v.Status == Domain.Catalog.CatalogStatus.Published);
        var assessment = Domain.Assessments.Assessment.Start(system, catalog, Today.Year, 2, false, "seed", DateTime.UtcNow);
        if (deadlineInDays is { } days)
        {
            var campaign = new Campaign($"Đợt {Guid.NewGuid():N}", Today.Year, catalog.Id, Today, null, null, "seed", Today, DateTime.UtcNow);
            db.Campaigns.Add(campaign);
            Set(db, campaign, nameof(Campaign.Deadline), Today.AddDays(days));
            assessment.JoinCampaign(campaign);
        }

        db.Assessments.Add(assessment);
        Set(db, assessment, nameof(Domain.Assessments.Assessment.State), state);
        return assessment;
    }

    private static Incident Incident(PortalDbContext db, InformationSystem system, string title, DateTime detectedUtc, bool serious)
    {
        var incident = new Incident(system.OwnerAgencyId, IncidentKind.Malware, title, null, detectedUtc, serious, null, [system.Id], "seed", DateTime.UtcNow);
        db.Incidents.Add(incident);
        return incident;
    }

    private static void Set<T>(PortalDbContext db, T entity, string property, object? value) where T : class =>
        db.Entry(entity).Property(property).CurrentValue = value;

    private static DateOnly ClockDue(DateTime detectedUtc, TimeSpan within) => DateOnly.FromDateTime(VietnamTime.FromUtc(detectedUtc + within));

    private sealed record Line(string Text, string Href, string Due, string Kind, bool Unassigned);

    private static List<Line> Lines(IHtmlDocument home) =>
        home.QuerySelectorAll("#inbox-items tbody tr").Select(tr => new Line(
            tr.QuerySelector("a")!.TextContent.Trim(), tr.QuerySelector("a")!.GetAttribute("href")!, tr.QuerySelector(".inbox-due")!.TextContent.Trim(),
            tr.GetAttribute("data-kind")!, tr.QuerySelector(".inbox-unassigned") is not null)).ToList();

    /// <summary>The menu's count: no badge means nothing waits.</summary>
    private static int Badge(IHtmlDocument page) => page.QuerySelector("#inbox-count")?.FirstChild?.TextContent is { } text ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : 0;

    private static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task An_officer_sees_their_agencys_work_oldest_deadline_first_with_links_and_the_badge_counts_it()
    {
        await ArrangeAsync();
        var me = await UserIdAsync("yte@sl.vn");
        var colleague = await UserIdAsync("yte2@sl.vn");
        var detected = DateTime.UtcNow.AddHours(-2);
        var ids = await SeedAsync(db => new
        {
            Mine = Task(db, _healthSystem, "Vá hệ điều hành máy chủ", 20, me).Id,
            Unassigned = Task(db, _healthSystem, "Gia hạn chứng thư số", 5).Id,
            Warning = Task(db, _healthSystem, "Cảnh báo WordPress 6.4", 10, colleague, TaskSource.VulnerabilityWarning).Id,
            Assessment = Assessment(db, _healthSystem, AssessmentState.Draft, 3).Id,
            Incident = Incident(db, _healthSystem, "Máy chủ thư nhiễm mã độc", detected, serious: true).Id,
            Dossier = Dossier(db, _healthSystem, DossierState.Returned).Id,
            // Not the officer's: a colleague's task, a task waiting for the reviewer, a dossier with the reviewer, a closed incident's clocks done.
            Colleagues = Task(db, _healthSystem, "Việc của đồng nghiệp", 1, colleague).Id,
            Resolved = Task(db, _healthSystem, "Việc đã báo xử lý", 2, me, status: RemediationStatus.Resolved).Id,
            Submitted = Dossier(db, _healthSystem, DossierState.Submitted, 4).Id,
        });

        var officer = await SignInAsync("yte@sl.vn");
        var home = await officer.GetDocumentAsync("/");
        var lines = Lines(home);

        Assert.Equal(
            ["Máy chủ thư nhiễm mã độc", $"Tự đánh giá năm {Today.Year}", "Gia hạn chứng thư số", "Cảnh báo WordPress 6.4", "Vá hệ điều hành máy chủ", "Cổng Sở Y tế"],
            lines.Select(l => l.Text));
        Assert.Equal(
            [$"/Incidents/Details/{ids.Incident}", $"/Assessments/Details/{ids.Assessment}", $"/Tasks/Details/{ids.Unassigned}", $"/Tasks/Details/{ids.Warning}",
                $"/Tasks/Details/{ids.Mine}", $"/Dossiers/Details/{ids.Dossier}"],
            lines.Select(l => l.Href));
        Assert.Equal(
            [Date(ClockDue(detected, SecurityPortal.Domain.Incidents.Incident.InitialNoticeWithin)), Date(Today.AddDays(3)), Date(Today.AddDays(5)), Date(Today.AddDays(10)), Date(Today.AddDays(20)), "—"],
            lines.Select(l => l.Due));
        Assert.Equal(["IncidentClock", "AssessmentToFill", "Task", "Warning", "Task", "DossierReturned"], lines.Select(l => l.Kind));
        Assert.Equal([false, false, true, false, false, false], lines.Select(l => l.Unassigned));
        Assert.Contains("chưa giao", home.QuerySelector("#inbox-items")!.TextContent, StringComparison.Ordinal);

        // The badge in the menu counts exactly the lines, on every page.
        Assert.Equal(lines.Count, Badge(home));
        Assert.Equal(lines.Count, Badge(await officer.GetDocumentAsync("/Tasks")));
        Assert.Equal(lines.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), home.QuerySelector("#inbox-total")!.TextContent);

        // Every link opens.
        foreach (var line in lines)
        {
            Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync(line.Href)).StatusCode);
        }

        // Nothing waits for the colleague but their own task and the unassigned one, and the warning of their agency.
        var other = Lines(await (await SignInAsync("yte2@sl.vn")).GetDocumentAsync("/"));
        Assert.Contains(other, l => l.Href == $"/Tasks/Details/{ids.Colleagues}");
        Assert.DoesNotContain(other, l => l.Href == $"/Tasks/Details/{ids.Mine}" || l.Href == $"/Tasks/Details/{ids.Resolved}");
    }

    [Fact]
    public async Task An_officer_never_sees_another_agencys_work_in_the_inbox_nor_opens_it_from_there()
    {
        await ArrangeAsync();
        var detected = DateTime.UtcNow.AddHours(-1);
        var health = await SeedAsync(db => new[]
        {
            $"/Tasks/Details/{Task(db, _healthSystem, "Gia hạn chứng thư số", 5).Id}",
            $"/Tasks/Details/{Task(db, _healthSystem, "Cảnh báo WordPress 6.4", 10, source: TaskSource.VulnerabilityWarning).Id}",
            $"/Assessments/Details/{Assessment(db, _healthSystem, AssessmentState.Returned, null).Id}",
            $"/Dossiers/Details/{Dossier(db, _healthSystem, DossierState.NeedsRevision).Id}",
            $"/Incidents/Details/{Incident(db, _healthSystem, "Máy chủ thư nhiễm mã độc", detected, serious: false).Id}",
        });
        var ward = await SeedAsync(db => new[]
        {
            $"/Tasks/Details/{Task(db, _wardSystem, "Việc của phường", -1).Id}",
            $"/Incidents/Details/{Incident(db, _wardSystem, "Trang phường bị thay giao diện", detected, serious: true).Id}",
        });

        var healthOfficer = await SignInAsync("yte@sl.vn");
        var healthHome = await healthOfficer.GetDocumentAsync("/");
        Assert.Equal(health.Order(StringComparer.Ordinal), Lines(healthHome).Select(l => l.Href).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("phường", healthHome.QuerySelector("#inbox")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(health.Length, Badge(healthHome));

        // The ward's officer sees the ward's two lines only; every line of the other agency answers 404 to them.
        var wardOfficer = await SignInAsync("phuong@sl.vn");
        var wardHome = await wardOfficer.GetDocumentAsync("/");
        Assert.Equal(ward.Order(StringComparer.Ordinal), Lines(wardHome).Select(l => l.Href).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("Sở Y tế", wardHome.QuerySelector("#inbox")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(ward.Length, Badge(wardHome));
        foreach (var url in health)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await wardOfficer.GetAsync(url)).StatusCode);
        }
    }

    [Fact]
    public async Task A_reviewer_sees_what_waits_for_the_province_oldest_deadline_first()
    {
        await ArrangeAsync();
        var officerId = await UserIdAsync("yte@sl.vn");
        var detected = DateTime.UtcNow.AddHours(-1);
        var ids = await SeedAsync(db =>
        {
            var resolved = Task(db, _healthSystem, "Việc chờ xác minh", 4, officerId, status: RemediationStatus.Resolved);
            Set(db, resolved, nameof(RemediationTask.ResolvedById), officerId);
            return new
            {
                Check = Dossier(db, _healthSystem, DossierState.Submitted, 2).Id,
                Appraise = Dossier(db, _wardSystem, DossierState.UnderAppraisal, 10).Id,
                Approve = Dossier(db, _healthSystem, DossierState.AwaitingApproval, 1).Id,
                Review = Assessment(db, _wardSystem, AssessmentState.Submitted, 6).Id,
                Verify = resolved.Id,
                Incident = Incident(db, _wardSystem, "Trang phường bị thay giao diện", detected, serious: false).Id,
                // Still with the agencies: not the reviewer's.
                Draft = Dossier(db, _healthSystem, DossierState.Draft).Id,
                Open = Task(db, _healthSystem, "Việc đang làm", 3).Id,
                Filling = Assessment(db, _healthSystem, AssessmentState.Draft, 5).Id,
            };
        });

        var reviewer = await SignInAsync("td@sl.vn", Totp.Key);
        var home = await reviewer.GetDocumentAsync("/");
        var lines = Lines(home);
        // The incident's 72-hour clock ends today + 2 or + 3 (Vietnam time): after the dossier due in 2 days (a tie puts the
        // dossier first, by kind), before the task due in 4.
        Assert.InRange(ClockDue(detected, SecurityPortal.Domain.Incidents.Incident.FullReportWithin), Today.AddDays(2), Today.AddDays(3));
        Assert.Equal(
            [$"/Dossiers/Details/{ids.Approve}", $"/Dossiers/Details/{ids.Check}", $"/Incidents/Details/{ids.Incident}", $"/Tasks/Details/{ids.Verify}",
                $"/Assessments/Details/{ids.Review}", $"/Dossiers/Details/{ids.Appraise}"],
            lines.Select(l => l.Href));
        Assert.Equal(["DossierToApprove", "DossierToCheck", "TaskToVerify", "AssessmentToReview", "DossierToAppraise"],
            lines.Where(l => l.Kind != "IncidentToFollow").Select(l => l.Kind));
        Assert.Equal(lines.Count, Badge(home));
        foreach (var line in lines)
        {
            Assert.Equal(HttpStatusCode.OK, (await reviewer.GetAsync(line.Href)).StatusCode);
        }
    }

    [Fact]
    public async Task A_level_3_decision_waits_for_the_owner_agencys_officers_not_for_the_reviewer()
    {
        await ArrangeAsync();
        var ids = await SeedAsync(db =>
        {
            var owners = Dossier(db, _healthSystem, DossierState.AwaitingApproval, 3);
            Set(db, owners, nameof(LevelDossier.ProposedLevel), 3);
            Set(db, owners, nameof(LevelDossier.SubmittedById), "seed");
            var units = Dossier(db, _wardSystem, DossierState.AwaitingApproval, 4);
            return new { Owners = owners.Id, Units = units.Id };
        });

        // Level 3: an officer of the owner agency records the owner's decision; level 2: the unit approves.
        var officer = Lines(await (await SignInAsync("yte2@sl.vn")).GetDocumentAsync("/"));
        Assert.Contains(officer, l => l.Href == $"/Dossiers/Details/{ids.Owners}" && l.Kind == "DossierToApprove");
        Assert.DoesNotContain(Lines(await (await SignInAsync("phuong@sl.vn")).GetDocumentAsync("/")), l => l.Href.Contains(ids.Units.ToString(), StringComparison.Ordinal));
        var reviewer = Lines(await (await SignInAsync("td@sl.vn", Totp.Key)).GetDocumentAsync("/"));
        Assert.DoesNotContain(reviewer, l => l.Href == $"/Dossiers/Details/{ids.Owners}");
        Assert.Contains(reviewer, l => l.Href == $"/Dossiers/Details/{ids.Units}");
    }

    [Fact]
    public async Task Leadership_sees_overdue_work_by_agency_with_links_and_the_approvals_waiting()
    {
        await ArrangeAsync();
        // A suspended system's overdue task is not the province's overdue work (the dashboard counts operating systems).
        var farm = await Factory.CreateAgencyAsync("SL-SNN", "Sở Nông nghiệp");
        var suspended = await Factory.CreateSystemAsync("SNN-WEB", "Cổng Sở Nông nghiệp", farm.Id);
        await Factory.WithDbAsync(async db =>
        {
            var system = await db.InformationSystems.SingleAsync(s => s.Id == suspended.Id);
            system.ChangeLifecycle(LifecycleStatus.Suspended, null);
            Task(db, system, "Việc của hệ thống tạm dừng", -4);
            return await db.SaveChangesAsync();
        });
        var ids = await SeedAsync(db => new
        {
            LateTask = Task(db, _healthSystem, "Việc quá hạn", -3).Id,
            LateTask2 = Task(db, _healthSystem, "Việc quá hạn nữa", -1).Id,
            LateAssessment = Assessment(db, _healthSystem, AssessmentState.Draft, -2).Id,
            LateDossier = Dossier(db, _wardSystem, DossierState.Submitted, -1).Id,
            Approval = Dossier(db, _healthSystem, DossierState.AwaitingApproval, 2).Id,
            // Not overdue: due later, or already resolved.
            OnTime = Task(db, _wardSystem, "Việc còn hạn", 5).Id,
            Done = Task(db, _wardSystem, "Việc đã xử lý", -5, status: RemediationStatus.Resolved).Id,
        });

        var leader = await SignInAsync("lanhdao@sl.vn");
        var home = await leader.GetDocumentAsync("/");
        var lines = Lines(home);
        Assert.Equal([$"/Dashboard/Agency/{_health.Id}", $"/Dashboard/Agency/{_ward.Id}", $"/Dossiers/Details/{ids.Approval}"], lines.Select(l => l.Href));
        Assert.Equal([Date(Today.AddDays(-3)), Date(Today.AddDays(-1)), Date(Today.AddDays(2))], lines.Select(l => l.Due.Replace(" (quá hạn)", "", StringComparison.Ordinal)));
        Assert.Equal(["OverdueAgency", "OverdueAgency", "DossierToApprove"], lines.Select(l => l.Kind));
        var rows = home.QuerySelectorAll("#inbox-items tbody tr");
        Assert.Contains("2 nhiệm vụ, 0 hồ sơ, 1 bản tự đánh giá quá hạn", rows[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("0 nhiệm vụ, 1 hồ sơ, 0 bản tự đánh giá quá hạn", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Equal(3, Badge(home));
        // Any other page counts the same from the kept figures, without listing.
        Assert.Equal(3, Badge(await leader.GetDocumentAsync("/Notifications")));
        foreach (var line in lines)
        {
            Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync(line.Href)).StatusCode);
        }

        // An auditor has nothing waiting: no badge, an empty inbox.
        await Factory.CreateUserAsync("thanhtra@sl.vn", PortalRoles.Auditor);
        var auditorHome = await (await SignInAsync("thanhtra@sl.vn")).GetDocumentAsync("/");
        Assert.Equal(0, Badge(auditorHome));
        Assert.NotNull(auditorHome.QuerySelector("#inbox-empty"));
    }
}
