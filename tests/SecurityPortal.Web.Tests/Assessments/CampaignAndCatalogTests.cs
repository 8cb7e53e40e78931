using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Assessments;
using SecurityPortal.Domain.Catalog;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Tests.Assessments;

public sealed class CampaignAndCatalogTests : PortalTestBase
{
    private static readonly DateOnly Today = VietnamTime.Today(TimeProvider.System);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private async Task<(Agency Health, Agency School)> ArrangeAsync()
    {
        var health = await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        var school = await Factory.CreateAgencyAsync("SL-THPT", "Trường THPT Bến Thủy", AgencyKind.School);
        await Factory.CreateUserAsync("yte@sl.vn", PortalRoles.AgencyOfficer, health.Id);
        await Factory.CreateUserAsync("td@sl.vn", PortalRoles.ProvincialReviewer, authenticatorKey: Totp.Key);
        await Factory.CreateUserAsync("lanhdao@sl.vn", PortalRoles.Leadership);
        return (health, school);
    }

    [Fact]
    public async Task A_campaign_creates_the_drafts_for_its_target_notifies_agencies_and_shows_progress_per_agency()
    {
        var (health, school) = await ArrangeAsync();
        var his = await Factory.CreateSystemAsync("SYT-HIS", "Hệ thống thông tin bệnh viện", health.Id);
        var web = await Factory.CreateSystemAsync("THPT-WEB", "Trang thông tin trường", school.Id);
        await Factory.CreateSystemAsync("SYT-NEW", "Hệ thống chưa có cấp độ", health.Id);
        await Factory.ApproveLevelAsync(his.Id, 2);
        await Factory.ApproveLevelAsync(web.Id, 1);

        var officer = await SignInAsync("yte@sl.vn");
        Assert.Equal(HttpStatusCode.Redirect, (await officer.GetAsync("/Campaigns")).StatusCode);
        var reviewer = await SignInAsync("td@sl.vn", Totp.Key);
        var past = await reviewer.PostFormAsync("/Campaigns", new()
        {
            ["Input.Title"] = "Tự đánh giá năm nay", ["Input.Cycle"] = Today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.CatalogCode"] = "TT12-2022", ["Input.Deadline"] = Iso(Today.AddDays(-1)),
        });
        Assert.Contains("Hạn hoàn thành đã qua", (await past.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Tự đánh giá năm nay", (await past.ParseAsync()).QuerySelector("#Input_Title")!.GetAttribute("value"));

        var launched = await reviewer.PostFormAsync("/Campaigns", new()
        {
            ["Input.Title"] = "Tự đánh giá năm nay", ["Input.Cycle"] = Today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.CatalogCode"] = "TT12-2022", ["Input.Deadline"] = Iso(Today.AddDays(20)), ["Input.TargetKind"] = nameof(AgencyKind.Department),
        });
        Assert.Equal(HttpStatusCode.Redirect, launched.StatusCode);
        var campaignUrl = launched.Headers.Location!.OriginalString;
        Assert.Contains("tạo 1 bản tự đánh giá", (await reviewer.GetDocumentAsync(campaignUrl)).Body!.TextContent, StringComparison.Ordinal);
        var assessments = await Factory.WithDbAsync(db => db.Assessments.ToListAsync());
        var only = Assert.Single(assessments);
        Assert.Equal(his.Id, only.SystemId);
        Assert.Equal(2, only.Level);
        Assert.True(only.LevelIsApproved);
        var officerId = await Factory.WithDbAsync(db => db.Users.Where(u => u.Email == "yte@sl.vn").Select(u => u.Id).SingleAsync());
        Assert.True(await Factory.WithDbAsync(db => db.Notifications.AnyAsync(n => n.UserId == officerId && n.Text.Contains("Tự đánh giá năm nay"))));

        var progress = await reviewer.GetDocumentAsync(campaignUrl);
        var row = progress.QuerySelectorAll("#campaign-progress tbody tr").Single();
        Assert.Contains("Sở Y tế", row.TextContent, StringComparison.Ordinal);
        Assert.Equal("1", row.QuerySelectorAll("td")[1].TextContent);
        var excel = await reviewer.GetExcelRowsAsync($"{campaignUrl}?handler=Excel");
        Assert.Equal("Sở Y tế", excel[1][0]);
        var leader = await SignInAsync("lanhdao@sl.vn");
        Assert.Equal(HttpStatusCode.OK, (await leader.GetAsync(campaignUrl)).StatusCode);
        (await leader.PostFormAsync("/Campaigns", new() { ["Input.Title"] = "x" }, pageUrl: "/Campaigns")).AssertRedirectsTo("/Account/AccessDenied");
    }

    /// <summary>A level-1 system whose assessment of last year, every item met with a note and one file, was accepted.</summary>
    private async Task<(InformationSystem System, Guid PreviousId)> LastYearAcceptedAsync()
    {
        var (health, _) = await ArrangeAsync();
        var his = await Factory.CreateSystemAsync("SYT-HIS", "Hệ thống thông tin bệnh viện", health.Id);
        await Factory.ApproveLevelAsync(his.Id, 1);
        var previousId = await Factory.WithDbAsync(async db =>
        {
            var system = await db.InformationSystems.SingleAsync(s => s.Id == his.Id);
            var catalog = await db.CatalogVersions.Include(v => v.Requirements).ThenInclude(r => r.Levels).SingleAsync();
            var last = Assessment.Start(system, catalog, Today.Year - 1, 1, true, "officer", DateTime.UtcNow);
            foreach (var item in last.Items)
            {
                last.AnswerItem(item.Id, Answer.Met, null, $"Minh chứng {item.RequirementCode}", null, null, Today, "officer", DateTime.UtcNow);
            }

            last.AddEvidence(last.Items[0].Id, "quy-che.pdf", "application/pdf", 10, new string('b', 64), "officer", DateTime.UtcNow);
            last.Submit("officer", "Giám đốc", DateTime.UtcNow);
            last.StartReview("reviewer");
            last.Accept("reviewer", DateTime.UtcNow);
            db.Assessments.Add(last);
            await db.SaveChangesAsync();
            return last.Id;
        });
        return (his, previousId);
    }

    [Fact]
    public async Task A_new_cycle_carries_forward_the_last_accepted_answers_and_evidence_to_confirm()
    {
        var (his, previousId) = await LastYearAcceptedAsync();
        var officer = await SignInAsync("yte@sl.vn");
        var form = await officer.GetDocumentAsync($"/Assessments/Create?systemId={his.Id}");
        Assert.Contains($"năm {Today.Year - 1}", form.Body!.TextContent, StringComparison.Ordinal);
        var created = await officer.PostFormAsync($"/Assessments/Create?systemId={his.Id}", new()
        {
            ["Cycle"] = Today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), ["CatalogCode"] = "TT12-2022", ["CarryForward"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var current = await Factory.WithDbAsync(db => db.Assessments.Include(a => a.Items).Include(a => a.Evidence).SingleAsync(a => a.Cycle == Today.Year));
        Assert.Equal(previousId, current.CarriedFromId);
        Assert.All(current.Items, i =>
        {
            Assert.Equal(Answer.Unanswered, i.Answer);
            Assert.Equal(Answer.Met, i.CarriedAnswer);
            Assert.Equal($"Minh chứng {i.RequirementCode}", i.CarriedEvidenceNote);
        });
        Assert.Equal("quy-che.pdf", Assert.Single(current.Evidence).File.FileName);
        var page = await officer.GetDocumentAsync($"/Assessments/Details/{current.Id}");
        var first = current.Items.OrderBy(i => i.Order).First();
        Assert.Contains("Năm trước: Đáp ứng", page.QuerySelector($"#item-{first.Id}")!.TextContent, StringComparison.Ordinal);
        Assert.Contains($"Minh chứng {first.RequirementCode}", page.QuerySelector($"#item-{first.Id} .carried-answer")!.TextContent, StringComparison.Ordinal);
        // A proposal is not an answer until the officer confirms it: its fields stay empty, so «Lưu tất cả» never confirms it unseen.
        Assert.Equal(string.Empty, page.QuerySelector($"#note-{first.Id}")!.TextContent);
        Assert.Null(page.QuerySelector($"#item-{first.Id} input[type=radio][checked]"));

        // One click confirms every proposal that still passes.
        var confirmed = await officer.PostFormAsync($"/Assessments/Details/{current.Id}?handler=ConfirmCarried", [], pageUrl: $"/Assessments/Details/{current.Id}");
        confirmed.AssertRedirectsTo($"/Assessments/Details/{current.Id}");
        var after = await Factory.WithDbAsync(db => db.AssessmentItems.Where(i => i.AssessmentId == current.Id).ToListAsync());
        Assert.All(after, i =>
        {
            Assert.Equal(Answer.Met, i.Answer);
            Assert.Equal($"Minh chứng {i.RequirementCode}", i.EvidenceNote);
        });
        var done = await officer.GetDocumentAsync($"/Assessments/Details/{current.Id}");
        Assert.Contains($"Đã xác nhận {after.Count} câu trả lời năm trước.", done.Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(done.QuerySelector("#carried"));
        Assert.Null(done.QuerySelector("#copy-previous"));
    }

    [Fact]
    public async Task An_assessment_started_without_last_years_answers_can_take_them_from_its_page()
    {
        var (his, previousId) = await LastYearAcceptedAsync();
        var officer = await SignInAsync("yte@sl.vn");
        var created = await officer.PostFormAsync($"/Assessments/Create?systemId={his.Id}", new()
        {
            ["Cycle"] = Today.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), ["CatalogCode"] = "TT12-2022", ["CarryForward"] = "false",
        });
        var url = created.Headers.Location!.OriginalString.Split('?', '#')[0];
        var current = await Factory.WithDbAsync(db => db.Assessments.Include(a => a.Items).SingleAsync(a => a.Cycle == Today.Year));
        Assert.Null(current.CarriedFromId);
        var first = current.Items.OrderBy(i => i.Order).First();
        var second = current.Items.OrderBy(i => i.Order).Skip(1).First();
        await Factory.WithDbAsync(async db =>
        {
            var a = await db.Assessments.Include(x => x.Items).SingleAsync(x => x.Id == current.Id);
            a.AnswerItem(second.Id, Answer.NotMet, null, "Của năm nay", Today.AddDays(30), "Trần B", Today, "officer", DateTime.UtcNow);
            return await db.SaveChangesAsync();
        });

        var page = await officer.GetDocumentAsync(url);
        Assert.Contains($"năm {Today.Year - 1}", page.QuerySelector("#copy-previous")!.TextContent, StringComparison.Ordinal);
        (await officer.PostFormAsync($"{url}?handler=CopyPrevious", [], pageUrl: url)).AssertRedirectsTo(url);

        var items = await Factory.WithDbAsync(db => db.AssessmentItems.Where(i => i.AssessmentId == current.Id).ToDictionaryAsync(i => i.Id));
        Assert.Equal(Answer.Met, items[first.Id].CarriedAnswer);
        Assert.Equal(Answer.Unanswered, items[first.Id].Answer);
        Assert.Null(items[second.Id].CarriedAnswer); // answered this year: left alone
        Assert.Equal("Của năm nay", items[second.Id].EvidenceNote);
        Assert.Equal(previousId, await Factory.WithDbAsync(db => db.Assessments.Where(a => a.Id == current.Id).Select(a => a.CarriedFromId).SingleAsync()));
        Assert.Equal(["quy-che.pdf"], await Factory.WithDbAsync(db => db.AssessmentEvidence.Where(e => e.AssessmentId == current.Id).Select(e => e.File.FileName).ToListAsync()));
        var again = await officer.GetDocumentAsync(url);
        Assert.NotNull(again.QuerySelector("#carried"));
        Assert.Null(again.QuerySelector("#copy-previous"));

        // Another agency's officer cannot take anything into it.
        var other = await Factory.CreateAgencyAsync("SL-STC", "Sở Tài chính");
        await Factory.CreateUserAsync("stc@sl.vn", PortalRoles.AgencyOfficer, other.Id);
        var stranger = await SignInAsync("stc@sl.vn");
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostFormAsync($"{url}?handler=CopyPrevious", [], pageUrl: "/Assessments")).StatusCode);
    }

    [Fact]
    public async Task A_catalog_file_with_errors_is_explained_and_a_valid_one_becomes_a_draft_compared_then_published()
    {
        await ArrangeAsync();
        var reviewer = await SignInAsync("td@sl.vn", Totp.Key);
        var shipped = CatalogDocument.Parse(Data.Seeding.PortalSeeder.ReadEmbedded("catalog-tt12-2022.json"));
        var broken = shipped with
        {
            Code = "TT12-2022",
            Requirements = [.. shipped.Requirements, shipped.Requirements[0] with { Levels = new() { ["6"] = new() { Text = "x", Reference = "y" } } }],
        };
        var refused = await reviewer.PostFileAsync("/Catalog/Import", [], "Upload", "danh-muc.json", broken.ToJson());
        var errors = (await refused.ParseAsync()).QuerySelector("#import-errors")!.TextContent;
        Assert.Contains($"Mã yêu cầu «{shipped.Requirements[0].Code}» bị trùng", errors, StringComparison.Ordinal);
        Assert.Contains("cấp độ «6» không hợp lệ", errors, StringComparison.Ordinal);
        var notJson = await reviewer.PostFileAsync("/Catalog/Import", [], "Upload", "danh-muc.json", Encoding.UTF8.GetBytes("{ \"code\": "));
        Assert.Contains("không đúng định dạng JSON", (await notJson.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);
        var sameCode = await reviewer.PostFileAsync("/Catalog/Import", [], "Upload", "danh-muc.json", shipped.ToJson());
        Assert.Contains("đã có: một phiên bản mới cần mã mới", (await sameCode.ParseAsync()).Body!.TextContent, StringComparison.Ordinal);

        var next = shipped with
        {
            Code = "TT12-2022-B",
            Requirements = [.. shipped.Requirements.Skip(1).Select((r, i) => i == 0 ? r with { Title = r.Title + " (sửa đổi)" } : r),
                new CatalogDocument.RequirementEntry
                {
                    Code = "CH.9.1", Group = shipped.Groups[^1].Code, Kind = RequirementKind.Technical, Title = "Vá lỗ hổng hằng tháng", Text = "Cập nhật bản vá hằng tháng.",
                    Levels = new() { ["3"] = new() { Text = "Cập nhật bản vá hằng tháng.", Reference = "Thử nghiệm" } },
                }],
        };
        var imported = await reviewer.PostFileAsync("/Catalog/Import", [], "Upload", "danh-muc.json", next.ToJson());
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        Assert.Equal(CatalogStatus.Draft, await Factory.WithDbAsync(db => db.CatalogVersions.Where(v => v.Code == "TT12-2022-B").Select(v => v.Status).SingleAsync()));
        var diff = await reviewer.GetDocumentAsync("/Catalog/Diff?from=TT12-2022&to=TT12-2022-B");
        Assert.Contains("Thêm 1, bỏ 1, thay đổi 1 yêu cầu.", diff.QuerySelector("#diff-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("CH.9.1", diff.QuerySelector("#diff-added")!.TextContent, StringComparison.Ordinal);
        Assert.Contains(shipped.Requirements[0].Code, diff.QuerySelector("#diff-removed")!.TextContent, StringComparison.Ordinal);
        (await reviewer.PostFormAsync("/Catalog/Diff?handler=Publish&to=TT12-2022-B&from=TT12-2022", [], pageUrl: "/Catalog/Diff?from=TT12-2022&to=TT12-2022-B"))
            .AssertRedirectsTo("/Catalog");
        Assert.Equal(CatalogStatus.Published, await Factory.WithDbAsync(db => db.CatalogVersions.Where(v => v.Code == "TT12-2022-B").Select(v => v.Status).SingleAsync()));

        // A draft that should not go out is discarded; the published catalog is untouched.
        var draft = next with { Code = "TT12-2022-C" };
        Assert.Equal(HttpStatusCode.Redirect, (await reviewer.PostFileAsync("/Catalog/Import", [], "Upload", "danh-muc.json", draft.ToJson())).StatusCode);
        (await reviewer.PostFormAsync("/Catalog/Diff?handler=Discard&to=TT12-2022-C&from=TT12-2022-B", [], pageUrl: "/Catalog/Diff?from=TT12-2022-B&to=TT12-2022-C"))
            .AssertRedirectsTo("/Catalog");
        Assert.False(await Factory.WithDbAsync(db => db.CatalogVersions.AnyAsync(v => v.Code == "TT12-2022-C")));
        Assert.Equal(CatalogStatus.Published, await Factory.WithDbAsync(db => db.CatalogVersions.Where(v => v.Code == "TT12-2022-B").Select(v => v.Status).SingleAsync()));

        var officer = await SignInAsync("yte@sl.vn");
        (await officer.GetAsync("/Catalog/Import")).AssertRedirectsTo("/Account/AccessDenied");
    }

    [Fact]
    public async Task A_catalog_goes_out_as_Excel_and_comes_back_as_the_same_catalog_and_a_broken_workbook_is_explained()
    {
        await ArrangeAsync();
        var reviewer = await SignInAsync("td@sl.vn", Totp.Key);
        var shipped = CatalogDocument.Parse(Data.Seeding.PortalSeeder.ReadEmbedded("catalog-tt12-2022.json"));

        // Export, read back: the same document as the shipped JSON, level by level.
        var export = await reviewer.GetAsync($"/Catalog?handler=ExportExcel&version={shipped.Code}");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var (read, problems) = Web.Pages.Catalog.CatalogWorkbook.Read(new MemoryStream(await export.Content.ReadAsByteArrayAsync()));
        Assert.Empty(problems);
        Assert.Equal(Encoding.UTF8.GetString(shipped.ToJson()), Encoding.UTF8.GetString(read!.ToJson()));

        // Edited in Excel under a new code, it imports as a draft.
        var edited = Web.Pages.Catalog.CatalogWorkbook.Write(read with { Code = "TT12-2022-XLSX", Title = read.Title + " (bản Excel)" });
        var imported = await reviewer.PostFileAsync("/Catalog/Import", [], "Upload", "danh-muc.xlsx", edited);
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        Assert.Equal(shipped.Requirements.Count, await Factory.WithDbAsync(db => db.CatalogRequirements.CountAsync(r => db.CatalogVersions.Any(v => v.Id == r.VersionId && v.Code == "TT12-2022-XLSX"))));

        // A wrong kind is reported with its sheet and row; a workbook without the requirement sheet says which sheet is missing.
        using var exported = new MemoryStream(await (await reviewer.GetAsync($"/Catalog?handler=ExportExcel&version={shipped.Code}")).Content.ReadAsByteArrayAsync());
        var sheets = Web.Infrastructure.Spreadsheet.Read(exported);
        IEnumerable<IReadOnlyList<object?>> Rows(int sheet, Func<int, string[], string[]> change) =>
            sheets[sheet].Rows.Select((r, i) => (IReadOnlyList<object?>)change(i, r.Cells).Cast<object?>().ToList());
        var wrongKind = Web.Infrastructure.Spreadsheet.Write(
        [
            (sheets[0].Name, sheets[0].Header, Rows(0, (i, c) => i == 0 ? [c[0], "TT12-2022-Y"] : c)),
            (sheets[1].Name, sheets[1].Header, Rows(1, (i, c) => i == 0 ? [c[0], "Vật lý", .. c[2..]] : c)),
            (sheets[2].Name, sheets[2].Header, Rows(2, (_, c) => c)),
        ]);
        var refused = await reviewer.PostFileAsync("/Catalog/Import", [], "Upload", "danh-muc.xlsx", wrongKind);
        Assert.Contains("Trang «Nhóm yêu cầu», dòng 2: loại «Vật lý» không hợp lệ (Quản lý hoặc Kỹ thuật).", (await refused.ParseAsync()).QuerySelector("#import-errors")!.TextContent, StringComparison.Ordinal);
        var partial = Web.Infrastructure.Spreadsheet.Write([("Danh mục", ["Trường", "Giá trị"], [])]);
        var missing = await reviewer.PostFileAsync("/Catalog/Import", [], "Upload", "danh-muc.xlsx", partial);
        Assert.Contains("Thiếu trang «Yêu cầu»", (await missing.ParseAsync()).QuerySelector("#import-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await Factory.WithDbAsync(db => db.CatalogVersions.CountAsync(v => v.Code == "TT12-2022-Y")));
    }
}
