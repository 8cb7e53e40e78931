using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Assessments;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Dossiers;
using SecurityPortal.Domain.Incidents;
using SecurityPortal.Domain.Remediation;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Web.Reporting;

namespace SecurityPortal.Tests.Dashboard;

/// <summary>
/// The headline figures against a small province counted by hand (see <see cref="ArrangeAsync"/>), the ranking formula,
/// the filters, the daily snapshot, and who may see what.
/// </summary>
public sealed class DashboardTests : PortalTestBase
{
    private static readonly DateOnly Today = VietnamTime.Today(TimeProvider.System);
    private Agency _health = null!;
    private Agency _education = null!;
    private Agency _school = null!;
    private Agency _ward = null!;

    /// <summary>
    /// Sở Y tế: YT1 (level 2, assessment all met, an overdue high task from a warning and a low one), YT2 (level 1,
    /// assessment all unmet), YT3 (draft dossier), YT4 (decommissioned, with a task: counts nowhere); a serious incident
    /// 10 days ago with no report. Sở Giáo dục: GD1 (nothing but a critical task not yet due). Trường THPT: TH1 (level 1,
    /// a component past end of life). Phường: no system; an incident 200 days ago without its full report.
    /// </summary>
    private async Task ArrangeAsync()
    {
        _health = await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        _education = await Factory.CreateAgencyAsync("SL-SGD", "Sở Giáo dục và Đào tạo");
        _school = await Factory.CreateAgencyAsync("SL-THPT", "Trường THPT Phan Bội Châu", AgencyKind.School);
        _ward = await Factory.CreateAgencyAsync("SL-PBT", "Ủy ban nhân dân phường Bến Thủy", AgencyKind.CommuneCommittee);
        await Factory.CreateUserAsync("yte@sl.vn", PortalRoles.AgencyOfficer, _health.Id);
        await Factory.CreateUserAsync("lanhdao@sl.vn", PortalRoles.Leadership);

        var yt1 = await Factory.CreateSystemAsync("YT1", "Cổng thông tin Sở Y tế", _health.Id);
        var yt2 = await Factory.CreateSystemAsync("YT2", "Hệ thống quản lý hồ sơ", _health.Id);
        var yt3 = await Factory.CreateSystemAsync("YT3", "Hệ thống tiêm chủng", _health.Id);
        var yt4 = await Factory.CreateSystemAsync("YT4", "Hệ thống cũ", _health.Id, s => s.Decommission());
        var gd1 = await Factory.CreateSystemAsync("GD1", "Cổng thông tin giáo dục", _education.Id);
        var th1 = await Factory.CreateSystemAsync("TH1", "Trang tin trường", _school.Id, s => s.AddComponent(ComponentKind.Cms, "WordPress", null, "4.9").EndOfLife = Today.AddDays(-10));
        await Factory.ApproveLevelAsync(yt1.Id, 2);
        await Factory.ApproveLevelAsync(yt2.Id, 1);
        await Factory.ApproveLevelAsync(th1.Id, 1);

        await Factory.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var system3 = await db.InformationSystems.SingleAsync(s => s.Id == yt3.Id);
            db.LevelDossiers.Add(LevelDossier.Start(system3, new DossierActor("officer", "Cán bộ", false, true), Today, now, null));

            RemediationTask Task(InformationSystem s, TaskSeverity severity, int dueInDays, TaskSource source = TaskSource.Other) =>
                new(s.Id, $"Nhiệm vụ {s.Code} {severity}", null, source, null, null, null, severity, Today.AddDays(dueInDays), "seed", now);
            var cancelled = Task(yt1, TaskSeverity.Medium, 10);
            cancelled.Cancel(new TaskActor("reviewer", "Thẩm định", true, false), "Trùng nhiệm vụ khác.", now);
            db.RemediationTasks.AddRange(Task(yt1, TaskSeverity.High, -1, TaskSource.VulnerabilityWarning), Task(yt1, TaskSeverity.Low, 30), cancelled,
                Task(gd1, TaskSeverity.Critical, 5), Task(yt4, TaskSeverity.High, -3));

            var catalog = await db.CatalogVersions.Include(v => v.Requirements).ThenInclude(r => r.Levels).SingleAsync();
            foreach (var (systemId, level, answer) in new[] { (yt1.Id, 2, Answer.Met), (yt2.Id, 1, Answer.NotMet) })
            {
                var system = await db.InformationSystems.SingleAsync(s => s.Id == systemId);
                var assessment = Assessment.Start(system, catalog, Today.Year, level, true, "officer", now);
                foreach (var item in assessment.Items)
                {
                    assessment.AnswerItem(item.Id, answer, null, "Minh chứng", answer == Answer.Met ? null : Today.AddDays(60), answer == Answer.Met ? null : "Cán bộ", Today, "officer", now);
                }

                assessment.Submit("officer", "Giám đốc", now);
                db.Assessments.Add(assessment);
            }

            db.Incidents.Add(new Incident(_health.Id, IncidentKind.Defacement, "Trang chủ bị thay đổi", null, now.AddDays(-10), serious: true, null, [yt1.Id], "officer", now));
            db.Incidents.Add(new Incident(_ward.Id, IncidentKind.Malware, "Mã độc máy trạm", null, now.AddDays(-200), serious: false, null, [gd1.Id], "officer", now));
            return await db.SaveChangesAsync();
        });
    }

    private Task<FigureSet> FiguresAsync(FigureFilter filter) => Factory.WithDbAsync(async _ =>
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ComplianceFigures>().ComputeAsync(filter, CancellationToken.None);
    });

    private static string Figure(IHtmlDocument page, string name) => page.QuerySelector($"[data-figure={name}]")!.TextContent.Trim();

    [Fact]
    public async Task Every_headline_figure_matches_the_hand_count()
    {
        await ArrangeAsync();
        var f = (await FiguresAsync(new FigureFilter())).Total;

        Assert.Equal(5, f.Systems);
        Assert.Equal([0, 2, 1, 0, 0, 0], f.ByLevel);
        Assert.Equal(3, f.WithApprovedLevel);
        Assert.Equal(60.0m, f.ApprovedShare);
        Assert.Equal((0, 1, 1), (f.DossierInProgress, f.DossierDraft, f.NoDossier));
        Assert.Equal((1, 0), (f.DossiersOpen, f.DossiersOverdue));
        Assert.Equal((1, 0, 1, 3), (f.PlanFully, f.PlanPartly, f.PlanNotDeployed, f.NotAssessed));
        Assert.Equal(50.0m, f.AverageScore);
        Assert.Equal([1, 1, 0, 1], f.OpenTasks);
        Assert.Equal(1, f.OverdueTasks);
        Assert.Equal(1, f.OutdatedSystems);
        Assert.Equal((1, 0, 0, 1), (f.WarningTasks, f.WarningResolved, f.WarningVerified, f.WarningOverdue));
        Assert.Equal((1, 3), (f.Incidents, f.OpenClocks));
        Assert.Equal(2, (await FiguresAsync(new FigureFilter(PeriodDays: 365))).Total.Incidents);

        // Filters: a kind keeps its agencies; a level keeps the systems approved at it.
        Assert.Equal(1, (await FiguresAsync(new FigureFilter(Kind: AgencyKind.School))).Total.Systems);
        var levelOne = (await FiguresAsync(new FigureFilter(Level: 1))).Total;
        Assert.Equal((2, 1, 0.0m), (levelOne.Systems, levelOne.OutdatedSystems, levelOne.AverageScore!.Value));
    }

    [Fact]
    public async Task The_ranking_follows_the_documented_formula_and_agencies_without_systems_come_last()
    {
        await ArrangeAsync();
        var rows = (await FiguresAsync(new FigureFilter())).Agencies.ToDictionary(r => r.AgencyId);

        // Health: 40 × 2/3 + 0.3 × 50 + 20 × 1/2 + 10 × 3/3 = 26.67 + 15 + 10 + 10 = 61.7.
        Assert.Equal(61.7m, rows[_health.Id].Composite);
        // Education: 0 + 0 (nothing filed) + 20 (its only task is not overdue) + 10 = 30.
        Assert.Equal(30.0m, rows[_education.Id].Composite);
        // School: 40 + 0 + 20 (no task) + 0 (its only system runs software past end of life) = 60.
        Assert.Equal(60.0m, rows[_school.Id].Composite);
        Assert.Null(rows[_ward.Id].Composite);

        var leader = await SignInAsync("lanhdao@sl.vn");
        var page = await leader.GetDocumentAsync("/Dashboard/Ranking");
        var names = page.QuerySelectorAll("#ranking tbody tr").Select(r => r.QuerySelectorAll("td")[1].QuerySelector("a")!.TextContent).ToList();
        Assert.Equal(["Sở Y tế", "Trường THPT Phan Bội Châu", "Sở Giáo dục và Đào tạo", "Ủy ban nhân dân phường Bến Thủy"], names);

        var bySystems = await leader.GetDocumentAsync("/Dashboard/Ranking?sort=name&desc=false");
        Assert.Equal("Sở Giáo dục và Đào tạo", bySystems.QuerySelector("#ranking tbody tr td:nth-child(2) a")!.TextContent);

        var excel = await leader.GetExcelRowsAsync("/Dashboard/Ranking?handler=Excel&kind=School");
        Assert.Equal(2, excel.Count);
        Assert.Equal("Trường THPT Phan Bội Châu", excel[1][1]);
    }

    [Fact]
    public async Task The_dashboard_shows_the_figures_with_definitions_and_charts_with_tables_and_the_agency_page_narrows_them()
    {
        await ArrangeAsync();
        var leader = await SignInAsync("lanhdao@sl.vn");
        var page = await leader.GetDocumentAsync("/Dashboard");
        Assert.Equal("5", Figure(page, "systems"));
        Assert.Equal("60%", Figure(page, "approved-share"));
        Assert.Equal("3", Figure(page, "tasks-open"));
        Assert.Contains("mục tiêu quốc gia là 100%", page.QuerySelector("#fig-approved")!.GetAttribute("title"), StringComparison.Ordinal);
        Assert.Equal("2", page.QuerySelectorAll("#table-levels tbody tr")[0].QuerySelectorAll("td")[1].TextContent);
        Assert.NotNull(page.QuerySelector("canvas#chart-levels[data-values]"));

        var school = await leader.GetDocumentAsync("/Dashboard?kind=School");
        Assert.Equal("1", Figure(school, "systems"));

        var agency = await leader.GetDocumentAsync($"/Dashboard/Agency/{_health.Id}");
        Assert.Equal("3", Figure(agency, "systems"));
        Assert.Equal("61,7", agency.QuerySelector("#agency-composite")!.TextContent);
        Assert.Equal(3, agency.QuerySelectorAll("#agency-systems tbody tr").Length);
        Assert.Contains("Nhiệm vụ YT1 High", agency.QuerySelector("#agency-overdue")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_officer_sees_their_own_agency_page_as_home_and_nothing_of_the_province()
    {
        await ArrangeAsync();
        var officer = await SignInAsync("yte@sl.vn");
        var home = await officer.GetDocumentAsync("/");
        Assert.Equal("3", Figure(home, "systems"));
        Assert.Equal(HttpStatusCode.OK, (await officer.GetAsync($"/Dashboard/Agency/{_health.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/Dashboard/Agency/{_education.Id}")).StatusCode);
        (await officer.GetAsync("/Dashboard")).AssertRedirectsTo("/Account/AccessDenied");
        (await officer.GetAsync("/Dashboard/Ranking?handler=Excel")).AssertRedirectsTo("/Account/AccessDenied");
    }

    [Fact]
    public async Task The_daily_snapshot_is_written_once_per_day_and_feeds_the_trend()
    {
        await ArrangeAsync();
        async Task<int> WriteAsync()
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<FigureSnapshotWriter>().WriteTodayAsync(CancellationToken.None);
        }

        Assert.Equal(4, await WriteAsync());
        Assert.Equal(0, await WriteAsync());
        var health = await Factory.WithDbAsync(db => db.FigureSnapshots.SingleAsync(s => s.AgencyId == _health.Id));
        Assert.Equal((3, 2, 2, 1), (health.Systems, health.WithApprovedLevel, health.OpenTasks, health.OverdueTasks));

        var trend = await Factory.WithDbAsync(async _ =>
        {
            await using var scope = Factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ComplianceFigures>().TrendAsync(new FigureFilter(), CancellationToken.None);
        });
        var point = Assert.Single(trend);
        Assert.Equal((60.0m, 50.0m, 3, 1), (point.ApprovedShare!.Value, point.AverageScore!.Value, point.OpenTasks, point.OverdueTasks));
    }

    [Fact]
    public async Task Two_instances_writing_the_days_figures_at_once_on_one_database_write_each_agency_once()
    {
        await ArrangeAsync();
        await using var second = new PortalFactory(Factory.Database);
        _ = second.Services;

        static async Task<int> WriteOnAsync(PortalFactory instance)
        {
            await using var scope = instance.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<FigureSnapshotWriter>().WriteTodayAsync(CancellationToken.None);
        }

        // Both instances' rounds at the same moment: the day and the agency are the key, so one writes the four agencies'
        // rows and the other nothing (its insert fails harmlessly, or it finds the day written).
        var written = await Task.WhenAll(Task.Run(() => WriteOnAsync(Factory)), Task.Run(() => WriteOnAsync(second)));
        Assert.Equal(4, written.Sum());
        Assert.Contains(0, written);
        var rows = await Factory.WithDbAsync(db => db.FigureSnapshots.AsNoTracking().ToListAsync());
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Equal(Today, r.Day));
        Assert.Equal(4, rows.Select(r => r.AgencyId).Distinct().Count());
        var again = await Task.WhenAll(WriteOnAsync(Factory), WriteOnAsync(second));
        Assert.Equal([0, 0], again);
    }

    [Fact]
    public async Task The_annual_report_counts_and_fills_the_twelve_columns_with_the_prescribed_values()
    {
        await ArrangeAsync();
        var leader = await SignInAsync("lanhdao@sl.vn");
        var year = AnnualReport.YearOf(Today);
        var page = await leader.GetDocumentAsync($"/Reports/Annual?year={year}&expected=Quý II/{year + 1}");

        // Five systems in scope (the decommissioned one is not); four classified (a dossier starts from the registry's
        // type; the education portal has no dossier); four have a dossier; three are appraised and approved; none has an accepted
        // self-assessment yet (two are filed, not accepted).
        var counts = page.QuerySelectorAll("#report-counts td").Select(c => c.TextContent).ToList();
        Assert.Equal(["5", "4", "4", "3", "3", "0", $"Quý II/{year + 1}"], counts);

        var rows = page.QuerySelectorAll("#report-rows tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToList()).ToDictionary(r => r[1]);
        Assert.Equal(5, rows.Count);
        var yt1 = rows["Cổng thông tin Sở Y tế"];
        Assert.Equal(["Sở Y tế", "Sở Y tế", "2", "Đã được phê duyệt"], yt1[2..6]);
        Assert.StartsWith($"Số 3/QĐ, ngày {Today:dd/MM/yyyy}", yt1[6], StringComparison.Ordinal);
        Assert.Equal(("", "Đã triển khai đầy đủ", "", ""), (yt1[8], yt1[9], yt1[10], yt1[11]));
        var yt2 = rows["Hệ thống quản lý hồ sơ"];
        Assert.Equal(("Chưa triển khai", Today.AddDays(60).ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)), (yt2[9], yt2[10]));
        var yt3 = rows["Hệ thống tiêm chủng"];
        Assert.Equal(("", "Đang dự thảo", ""), (yt3[4], yt3[5], yt3[9]));
        Assert.Equal(("Đang dự thảo", ""), (rows["Cổng thông tin giáo dục"][5], rows["Cổng thông tin giáo dục"][9]));

        // Excel: the table sheet has the form's twelve headers, the numbering row and one row per system.
        var response = await leader.GetAsync($"/Reports/Annual?handler=Excel&year={year}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using (var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync()))
        {
            var sheets = SecurityPortal.Web.Infrastructure.Spreadsheet.Read(stream);
            Assert.Equal(["Thông tin chung", "Chủ quản, đơn vị chuyên trách", "Chi tiết hệ thống"], sheets.Select(x => x.Name));
            var table = sheets[2];
            Assert.Equal(SecurityPortal.Web.Documents.DossierDocuments.Mau08Columns, table.Header);
            Assert.Equal("(12)", table.Rows[0].Cells[11]);
            Assert.Equal(6, table.Rows.Count);
            Assert.Contains(sheets[1].Rows, r => r.Cells[0] == "(1) Tên chủ quản hệ thống thông tin" && r.Cells[1] == "Trường THPT Phan Bội Châu");
        }

        // Word: a landscape document with the form's subject and a table of twelve columns.
        var word = await leader.GetAsync($"/Reports/Annual?handler=Word&year={year}");
        Assert.Equal(HttpStatusCode.OK, word.StatusCode);
        using (var stream = new MemoryStream(await word.Content.ReadAsByteArrayAsync()))
        using (var document = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(stream, false))
        {
            Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(document)); // written row by row: still a valid document
            var body = document.MainDocumentPart!.Document.Body!;
            Assert.Contains("V/v kết quả công tác bảo đảm an ninh mạng hệ thống thông tin", body.InnerText, StringComparison.Ordinal);
            var table = body.Elements<DocumentFormat.OpenXml.Wordprocessing.Table>()
                .Single(t => t.Elements<DocumentFormat.OpenXml.Wordprocessing.TableGrid>().Single().Elements<DocumentFormat.OpenXml.Wordprocessing.GridColumn>().Count() == 12);
            Assert.Equal(2 + 5, table.Elements<DocumentFormat.OpenXml.Wordprocessing.TableRow>().Count());
            Assert.Equal(DocumentFormat.OpenXml.Wordprocessing.PageOrientationValues.Landscape,
                body.Elements<DocumentFormat.OpenXml.Wordprocessing.SectionProperties>().Single().GetFirstChild<DocumentFormat.OpenXml.Wordprocessing.PageSize>()!.Orient!.Value);
        }

        // A year outside the reporting years is explained and the form keeps it.
        var wrong = await leader.GetDocumentAsync("/Reports/Annual?year=1990");
        Assert.Contains($"Năm báo cáo phải từ 2017 đến {year}", wrong.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("1990", wrong.QuerySelector("#year")!.GetAttribute("value"));
    }

    [Fact]
    public async Task An_officer_reports_on_their_own_agency_only()
    {
        await ArrangeAsync();
        var officer = await SignInAsync("yte@sl.vn");
        var page = await officer.GetDocumentAsync("/Reports/Annual");
        Assert.Equal(3, page.QuerySelectorAll("#report-rows tbody tr").Length);
        Assert.Null(page.QuerySelector("#agency"));
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/Reports/Annual?agency={_education.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/Reports/Annual?handler=Excel&agency={_education.Id}")).StatusCode);
        var rows = await officer.GetExcelRowsAsync("/Reports/Annual?handler=Excel");
        Assert.Equal(["Chủ quản hệ thống thông tin", "Sở Y tế"], rows[2]);
    }

    [Fact]
    public async Task List_exports_hold_the_filtered_rows_the_user_may_see_and_no_others()
    {
        await ArrangeAsync();
        var leader = await SignInAsync("lanhdao@sl.vn");
        var officer = await SignInAsync("yte@sl.vn");

        // Dossiers: every one for the leader (three approved, one draft), the draft alone when filtered, the health
        // department's own for its officer.
        Assert.Equal(4, (await leader.GetExcelRowsAsync("/Dossiers?handler=Excel&scope=all")).Count - 1);
        var drafts = await leader.GetExcelRowsAsync($"/Dossiers?handler=Excel&state={DossierState.Draft}");
        Assert.Equal("Hệ thống tiêm chủng", Assert.Single(drafts.Skip(1))[0]);
        var own = await officer.GetExcelRowsAsync("/Dossiers?handler=Excel&scope=all");
        Assert.Equal(["Cổng thông tin Sở Y tế", "Hệ thống quản lý hồ sơ", "Hệ thống tiêm chủng"], own.Skip(1).Select(r => r[0]).Order(StringComparer.Ordinal));

        // Assessments of the year with their filed scores; incidents by agency.
        var assessments = await leader.GetExcelRowsAsync($"/Assessments?handler=Excel&cycle={Today.Year}");
        Assert.Equal([0d, 100d], assessments.Skip(1).Select(r => double.Parse(r[8], System.Globalization.CultureInfo.InvariantCulture)).Order());
        Assert.Equal(2, (await leader.GetExcelRowsAsync("/Incidents?handler=Excel")).Count - 1);
        Assert.Equal("Trang chủ bị thay đổi", Assert.Single((await officer.GetExcelRowsAsync("/Incidents?handler=Excel")).Skip(1))[0]);
        Assert.Single(await leader.GetExcelRowsAsync("/Warnings?handler=Excel"));
        (await officer.GetAsync("/Warnings?handler=Excel")).AssertRedirectsTo("/Account/AccessDenied");
    }
}
