using System.Globalization;
using System.IO.Compression;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecurityPortal.Domain.Assessments;
using SecurityPortal.Domain.Calendar;
using SecurityPortal.Domain.Classification;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Dossiers;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Web.Documents;
using SecurityPortal.Web.Options;
using SecurityPortal.Web.Reporting;

namespace SecurityPortal.Tests.Dashboard;

/// <summary>
/// Mẫu 08 against a report built by hand, cell by cell, for a province of two agencies and four systems that cover
/// the cases of columns 6, 8, 9 and 12 (see <see cref="ArrangeAsync"/>); and the Excel file's layout.
/// </summary>
public sealed class AnnualReportTests : PortalTestBase
{
    private static readonly DateOnly Today = VietnamTime.Today(TimeProvider.System);
    private static readonly int Year = AnnualReport.YearOf(Today);
    private static readonly DossierActor Officer = new("officer", "Cán bộ", false, true);
    private static readonly DossierActor Reviewer = new("reviewer", "Thẩm định", true, false);
    private static readonly WorkingDays Calendar = new([]);

    private enum Stage
    {
        Approved,
        NotSuitable,
        Rejected,
    }

    /// <summary>
    /// Sở Tài chính: TC1 approved at level 2 with its rules decision recorded, assessed before going live and again
    /// this year (both); TC2 in construction, appraised «chưa phù hợp», expected approval typed, assessed before use.
    /// Sở Xây dựng: XD1 operating, its dossier rejected, a rules decision attached but not typed, never assessed;
    /// XD2 operating with no dossier, assessed this year (periodic).
    /// </summary>
    private async Task<(Guid Finance, Guid Construction)> ArrangeAsync()
    {
        var finance = await Factory.CreateAgencyAsync("SL-STC", "Sở Tài chính");
        var construction = await Factory.CreateAgencyAsync("SL-SXD", "Sở Xây dựng");
        await Factory.CreateUserAsync("lanhdao@sl.vn", PortalRoles.Leadership);
        var tc1 = await Factory.CreateSystemAsync("TC1", "Cổng dịch vụ tài chính", finance.Id, s => s.ChangeLifecycle(LifecycleStatus.Operating, Today.AddDays(-100)));
        var tc2 = await Factory.CreateSystemAsync("TC2", "Hệ thống kế toán", finance.Id, s => s.ChangeLifecycle(LifecycleStatus.InConstruction, null));
        var xd1 = await Factory.CreateSystemAsync("XD1", "Cổng thông tin xây dựng", construction.Id);
        var xd2 = await Factory.CreateSystemAsync("XD2", "Hệ thống quản lý công trình", construction.Id);

        await DossierAsync(tc1.Id, Stage.Approved, d => d.RecordRulesDecision("12/QĐ-STC", new DateOnly(2025, 3, 4), "Sở Tài chính"));
        await DossierAsync(tc2.Id, Stage.NotSuitable, d => d.PlanApproval(Today.AddDays(90)));
        await DossierAsync(xd1.Id, Stage.Rejected, d => d.AddAttachment(Officer, AttachmentKind.SecurityRulesDecision, "qc.pdf", "application/pdf", 10, new string('a', 64), DateTime.UtcNow));

        var now = DateTime.UtcNow;
        await AcceptedAssessmentAsync(tc1.Id, Year - 1, now.AddDays(-110));
        await AcceptedAssessmentAsync(tc1.Id, Year, now);
        await AcceptedAssessmentAsync(tc2.Id, Year, now);
        await AcceptedAssessmentAsync(xd2.Id, Year, now);
        return (finance.Id, construction.Id);
    }

    private Task<int> DossierAsync(Guid systemId, Stage stage, Action<LevelDossier> prepare) => Factory.WithDbAsync(async db =>
    {
        var now = DateTime.UtcNow;
        var system = await db.InformationSystems.SingleAsync(s => s.Id == systemId);
        var dossier = LevelDossier.Start(system, Officer, Today, now, null);
        dossier.SetFacts(new ClassificationFacts
        {
            FunctionKind = SystemFunctionKind.Internal, InformationTypes = InformationTypes.Private,
            OnlineServiceLevel = 0, ConditionalBusinessLine = false, UserCount = 10, BasicPersonalDataSubjects = 0, SensitivePersonalDataSubjects = 0,
            HandlesAdministrativeProcedures = false, InfrastructureScope = InfrastructureScope.SingleOrganisation, Requires24x7 = false,
            NationalEGovernmentSystem = false, CentralisedNationalData = false, InternationalInfrastructureLink = false, DesignatedLevel = 0, RiskFrameworkLevel = 0,
        });
        dossier.Propose(2, null);
        dossier.SetContent(DossierContent.FromSections(DossierContent.SectionList.ToDictionary(s => s.Field, s => (string?)"Nội dung")));
        prepare(dossier);
        foreach (var kind in DossierRoute.For(2).RequiredToSubmit)
        {
            dossier.AddAttachment(Officer, kind, "a.pdf", "application/pdf", 10, new string('a', 64), now);
        }

        dossier.Submit(Officer, Calendar, Today, now);
        dossier.Accept(Reviewer, Calendar, Today, now);
        if (stage == Stage.NotSuitable)
        {
            dossier.ReviewSections(Reviewer, [new SectionVerdict("Content:SecurityPlan", ItemReview.NeedsChange, "Chưa có phương án sao lưu.")], now);
            dossier.RecordAppraisal(Reviewer, AppraisalConclusion.NotSuitable, "Chưa có phương án sao lưu.", null, null, null, Calendar, Today, now);
        }
        else
        {
            dossier.RecordAppraisal(Reviewer, AppraisalConclusion.Suitable, null, "2/TĐ", Today, "Bộ Công an", Calendar, Today, now);
            foreach (var kind in DossierRoute.For(2).RequiredToApprove)
            {
                dossier.AddAttachment(Reviewer, kind, "q.pdf", "application/pdf", 10, new string('a', 64), now);
            }

            if (stage == Stage.Approved)
            {
                dossier.Approve(Reviewer, system, "3/QĐ", Today, "Giám đốc", Today, now);
            }
            else
            {
                dossier.Reject(Reviewer, "Phương án chưa đủ.", now);
            }
        }

        db.LevelDossiers.Add(dossier);
        return await db.SaveChangesAsync();
    });

    private Task<int> AcceptedAssessmentAsync(Guid systemId, int cycle, DateTime acceptedAtUtc) => Factory.WithDbAsync(async db =>
    {
        var system = await db.InformationSystems.SingleAsync(s => s.Id == systemId);
        var catalog = await db.CatalogVersions.Include(v => v.Requirements).ThenInclude(r => r.Levels).SingleAsync();
        var assessment = Assessment.Start(system, catalog, cycle, 2, true, "officer", acceptedAtUtc);
        foreach (var item in assessment.Items)
        {
            assessment.AnswerItem(item.Id, Answer.Met, null, "Minh chứng", null, null, Today, "officer", acceptedAtUtc);
        }

        assessment.Submit("officer", "Giám đốc", acceptedAtUtc);
        assessment.StartReview("reviewer");
        assessment.Accept("reviewer", acceptedAtUtc);
        db.Assessments.Add(assessment);
        return await db.SaveChangesAsync();
    });

    private async Task<AnnualReport> BuildAsync(int year)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AnnualReportBuilder>().BuildAsync(year, null, "Quý IV", CancellationToken.None);
    }

    private static string D(DateOnly day) => day.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_annual_report_matches_the_hand_built_report_cell_by_cell()
    {
        await ArrangeAsync();
        var report = await BuildAsync(Year);
        string unit;
        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            unit = scope.ServiceProvider.GetRequiredService<PortalOptions>().ReviewingBodyName.Split(" (", 2)[0].Trim();
        }

        // Part 1: four systems; three classified (a type determined in a dossier: not XD2); three with a dossier; one
        // appraised and approved (the «chưa phù hợp» and the rejected ones are back to drafting); TC1 approved and
        // periodically assessed.
        Assert.Equal(new AnnualCounts(4, 3, 3, 1, 1, 1), report.Counts);
        Assert.Equal("Quý IV", report.ExpectedAllApproved);
        Assert.Equal(["Sở Tài chính", "Sở Xây dựng"], report.Owners.Select(o => o.Name));

        const string full = "Đã triển khai đầy đủ";
        object?[][] expected =
        [
            [1, "Cổng dịch vụ tài chính", "Sở Tài chính", "Sở Tài chính", 2, "Đã được phê duyệt", $"Số 3/QĐ, ngày {D(Today)}, {unit}",
                "Số 12/QĐ-STC, ngày 04/03/2025, Sở Tài chính", null, full, null, "Trước khi đưa vào sử dụng; Định kỳ"],
            [2, "Cổng thông tin xây dựng", "Sở Xây dựng", "Sở Xây dựng", 2, "Đang dự thảo", null, "Số ……, ngày ……, ……", null, null, null, null],
            [3, "Hệ thống kế toán", "Sở Tài chính", "Sở Tài chính", 2, "Đang dự thảo", null, null, D(Today.AddDays(90)), full, null, "Trước khi đưa vào sử dụng"],
            [4, "Hệ thống quản lý công trình", "Sở Xây dựng", "Sở Xây dựng", null, "Đang dự thảo", null, null, null, full, null, "Định kỳ"],
        ];
        Assert.Equal(expected.Length, report.Rows.Count);
        for (var r = 0; r < expected.Length; r++)
        {
            var cells = DossierDocuments.Mau08Cells(report.Rows[r], r + 1);
            for (var c = 0; c < 12; c++)
            {
                Assert.True(Equals(expected[r][c], cells[c]), $"Row {r + 1}, column ({c + 1}): expected «{expected[r][c]}», got «{cells[c]}»");
            }
        }

        // The page shows part 2 (each owner with its unit) as well as parts 1 and 3.
        var leader = await SignInAsync("lanhdao@sl.vn");
        var page = await leader.GetDocumentAsync($"/Reports/Annual?year={Year}");
        Assert.Equal(2, page.QuerySelectorAll("#report-parties .report-owner").Length);
        Assert.Equal("Sở Tài chính", page.QuerySelector("#report-parties .report-owner td")!.TextContent);
        Assert.Equal(2, page.QuerySelectorAll("#report-parties .report-unit").Length);
        Assert.Equal("Trước khi đưa vào sử dụng; Định kỳ", page.QuerySelectorAll("#report-rows tbody tr")[0].QuerySelectorAll("td")[11].TextContent);
    }

    [Fact]
    public async Task The_annual_Excel_file_stores_numbers_as_numbers_and_prints_A4_landscape_with_the_heading_repeated()
    {
        await ArrangeAsync();
        var bytes = DossierDocuments.AnnualReportExcel(await BuildAsync(Year));
        using var zip = new ZipArchive(new MemoryStream(bytes));
        XDocument Part(string name)
        {
            using var stream = zip.GetEntry(name)!.Open();
            return XDocument.Load(stream);
        }

        XNamespace x = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        var general = Part("xl/worksheets/sheet1.xml");
        var total = general.Descendants(x + "row").Single(r => r.Descendants(x + "t").Any(t => t.Value.StartsWith("- Tổng số hệ thống thông tin thuộc", StringComparison.Ordinal)));
        var number = total.Elements(x + "c").ElementAt(1);
        Assert.Null(number.Attribute("t"));
        Assert.Equal("4", number.Element(x + "v")!.Value);

        var table = Part("xl/worksheets/sheet3.xml");
        Assert.Equal(DossierDocuments.Mau08ExcelWidths.Length, table.Descendants(x + "col").Count());
        Assert.Equal("30", table.Descendants(x + "col").ElementAt(1).Attribute("width")!.Value);
        var setup = table.Descendants(x + "pageSetup").Single();
        Assert.Equal(("9", "landscape"), (setup.Attribute("paperSize")!.Value, setup.Attribute("orientation")!.Value));
        var rows = table.Descendants(x + "row").ToList();
        Assert.All(rows[0].Elements(x + "c").Concat(rows[1].Elements(x + "c")), c => Assert.Equal("1", c.Attribute("s")!.Value));
        Assert.All(rows[2].Elements(x + "c"), c => Assert.Null(c.Attribute("s")));
        Assert.Equal("1", rows[2].Elements(x + "c").First().Element(x + "v")!.Value); // STT: a number
        Assert.Equal("2", rows[2].Elements(x + "c").ElementAt(4).Element(x + "v")!.Value); // level: a number

        var titles = Part("xl/workbook.xml").Descendants(x + "definedName").Single();
        Assert.Equal(("_xlnm.Print_Titles", "2", "'Chi tiết hệ thống'!$1:$2"), (titles.Attribute("name")!.Value, titles.Attribute("localSheetId")!.Value, titles.Value));
        var bold = Part("xl/styles.xml").Descendants(x + "font").ElementAt(1);
        Assert.NotNull(bold.Element(x + "b"));

        // Still a workbook the portal (and Excel) reads: three sheets, the table's numbering row and four systems.
        using var stream = new MemoryStream(bytes);
        var sheets = SecurityPortal.Web.Infrastructure.Spreadsheet.Read(stream);
        Assert.Equal(5, sheets[2].Rows.Count);
    }

    [Fact]
    public async Task The_officer_types_the_expected_approval_date_and_the_rules_decision_in_the_wizard()
    {
        var finance = await Factory.CreateAgencyAsync("SL-STC", "Sở Tài chính");
        await Factory.CreateUserAsync("stc@sl.vn", PortalRoles.AgencyOfficer, finance.Id);
        var system = await Factory.CreateSystemAsync("TC1", "Cổng dịch vụ tài chính", finance.Id);
        var officer = await SignInAsync("stc@sl.vn");
        var id = await Dossiers.DossierTestKit.PrepareDossierAsync(officer, system, 2);
        var step4 = $"/Dossiers/Wizard/{id}?step=4";

        // A rules decision without its date, and an expected date before the dossier was started: explained in
        // Vietnamese, the form keeps what was typed (dd/MM/yyyy), nothing is saved.
        var noDate = await officer.PostFormAsync(step4, new Dictionary<string, string>
        {
            ["Input.ProposedLevel"] = "2", ["Input.ExpectedApprovalOn"] = D(Today.AddDays(30)),
            ["Input.RulesDecisionNumber"] = "12/QĐ-STC", ["Input.RulesDecisionIssuer"] = "Sở Tài chính",
        });
        var noDatePage = await noDate.ParseAsync();
        Assert.Contains("Ngày quyết định ban hành quy chế không được để trống.", noDatePage.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("12/QĐ-STC", noDatePage.QuerySelector("#Input_RulesDecisionNumber")!.GetAttribute("value"));
        Assert.Equal(D(Today.AddDays(30)), noDatePage.QuerySelector("#Input_ExpectedApprovalOn")!.GetAttribute("value"));
        var early = await officer.PostFormAsync(step4, new Dictionary<string, string> { ["Input.ProposedLevel"] = "2", ["Input.ExpectedApprovalOn"] = D(Today.AddDays(-1)) });
        Assert.Contains($"Thời gian dự kiến phê duyệt ({D(Today.AddDays(-1))}) không được trước ngày lập hồ sơ", (await early.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(await Factory.WithDbAsync(db => db.LevelDossiers.Where(d => d.Id == id).Select(d => d.ExpectedApprovalOn).SingleAsync()));

        // Saved, shown on the dossier and in columns 8 and 9 of the report.
        (await officer.PostFormAsync(step4, new Dictionary<string, string>
        {
            ["Input.ProposedLevel"] = "2", ["Input.ExpectedApprovalOn"] = D(Today.AddDays(30)),
            ["Input.RulesDecisionNumber"] = "12/QĐ-STC", ["Input.RulesDecisionDate"] = "04/03/2025", ["Input.RulesDecisionIssuer"] = "Sở Tài chính",
        })).AssertRedirectsTo($"/Dossiers/Wizard/{id}");
        var details = await officer.GetDocumentAsync($"/Dossiers/Details/{id}");
        Assert.Equal(D(Today.AddDays(30)), details.QuerySelector("#expected-approval")!.TextContent);
        Assert.Equal("Quyết định số 12/QĐ-STC ngày 04/03/2025, Sở Tài chính", details.QuerySelector("#rules-decision")!.TextContent);
        var row = Assert.Single((await BuildAsync(Year)).Rows);
        Assert.Equal(("Số 12/QĐ-STC, ngày 04/03/2025, Sở Tài chính", Today.AddDays(30), "Đang dự thảo"), (row.Regulation, row.ExpectedApproval, row.ApprovalStatus));
    }
}
