using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Common;
using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Reporting;

namespace SecurityPortal.Tests.Dashboard;

/// <summary>
/// Part 2 of Mẫu 08 (Decree 331/2026/NĐ-CP): every owner (a) paired with its own security unit (b), filled from the
/// registry, compared line by line with a hand-built expected Part 2 in the Excel file, the Word file and on the page;
/// who reports (the People's Committee for the province, or one owner) and «Kính gửi» from the configuration.
/// </summary>
public sealed class AnnualReportPartTwoTests : PortalTestBase
{
    private const string Blank = "……";
    private const string Addressee = "Bộ Công an (Cục Thử nghiệm A05)";
    private const string Committee = "Ủy ban nhân dân tỉnh Thử Nghiệm";
    private static readonly int Year = AnnualReport.YearOf(VietnamTime.Today(TimeProvider.System));

    private const string OwnerHeading = "a) Thông tin về chủ quản hệ thống thông tin";
    private const string UnitHeading = "b) Thông tin về đơn vị chuyên trách về an ninh mạng";

    private static readonly string[] OwnerLabels =
    [
        "(1) Tên chủ quản hệ thống thông tin", "(2) Quy định chức năng, nhiệm vụ và quyền hạn", "(3) Người đại diện, chức vụ",
        "(4) Địa chỉ liên lạc của cơ quan chủ quản hệ thống thông tin", "(5) Thông tin liên hệ (số điện thoại, thư điện tử)",
    ];

    private static readonly string[] UnitLabels =
    [
        "(1) Tên đơn vị chuyên trách về an ninh mạng", "(2) Quy định chức năng, nhiệm vụ và quyền hạn", "(3) Người đại diện, chức vụ",
        "(4) Địa chỉ liên lạc của đơn vị chuyên trách về an ninh mạng", "(5) Thông tin liên hệ (số điện thoại, thư điện tử)",
    ];

    /// <summary>«Kính gửi» and the People's Committee are configuration (names of bodies are never code).</summary>
    protected override PortalFactory Configure(PortalFactory factory) =>
        factory.With("Portal:AnnualReportAddressee", Addressee).With("Portal:ProvinceCommitteeName", Committee);

    /// <summary>
    /// Sở Tài chính: everything recorded; its unit is its own centre (a unit under it), which has no e-mail.
    /// Sở Xây dựng: only its head's name; its unit is Sở Khoa học và Công nghệ, which has no mandate recorded and owns no system.
    /// Sở Y tế: nothing recorded and no unit named. One system each.
    /// </summary>
    private async Task<(Agency Finance, Agency Construction, Agency Health, Agency Science)> ArrangeAsync()
    {
        var finance = await Factory.CreateAgencyAsync("SL-STC", "Sở Tài chính");
        var centre = await Factory.CreateAgencyAsync("SL-STC-TT", "Trung tâm Thông tin Tài chính", AgencyKind.PublicServiceUnit);
        var construction = await Factory.CreateAgencyAsync("SL-SXD", "Sở Xây dựng");
        var health = await Factory.CreateAgencyAsync("SL-SYT", "Sở Y tế");
        var science = await Factory.CreateAgencyAsync("SL-SKHCN", "Sở Khoa học và Công nghệ");
        await Factory.WithDbAsync(async db =>
        {
            var f = await db.Agencies.FindAsync(finance.Id);
            (f!.Mandate, f.HeadName, f.HeadTitle, f.Address, f.Phone, f.Email, f.SecurityUnitId) =
                ("Quyết định số 05/2025/QĐ-UBND ngày 10/03/2025", "Nguyễn Văn Tài", "Giám đốc", "Số 3 đường Lê Lợi", "0238 3 111 111", "stc@sl.vn", centre.Id);
            var c = await db.Agencies.FindAsync(centre.Id);
            (c!.Mandate, c.HeadName, c.HeadTitle, c.Address, c.Phone) =
                ("Quyết định số 20/QĐ-STC ngày 01/04/2025", "Trần Minh", "Giám đốc Trung tâm", "Số 5 đường Lê Lợi", "0238 3 111 222");
            var x = await db.Agencies.FindAsync(construction.Id);
            (x!.HeadName, x.SecurityUnitId) = ("Lê Văn Xây", science.Id);
            var s = await db.Agencies.FindAsync(science.Id);
            (s!.HeadName, s.HeadTitle, s.Address, s.Phone, s.Email) = ("Trần Thị Mai", "Giám đốc", "Số 75 đường Nguyễn Thị Minh Khai", "0238 3 844 500", "skhcn@sl.vn");
            return await db.SaveChangesAsync();
        });
        await Factory.CreateSystemAsync("TC1", "Cổng dịch vụ tài chính", finance.Id);
        await Factory.CreateSystemAsync("XD1", "Cổng thông tin xây dựng", construction.Id);
        await Factory.CreateSystemAsync("YT1", "Hồ sơ sức khỏe điện tử", health.Id);
        await Factory.CreateUserAsync("lanhdao@sl.vn", PortalRoles.Leadership);
        await Factory.CreateUserAsync("stc@sl.vn", PortalRoles.AgencyOfficer, finance.Id);
        return (finance, construction, health, science);
    }

    /// <summary>Part 2 by hand: heading lines carry no value.</summary>
    private static List<(string Label, string? Value)> Pairs(params (string[] Owner, string[] Unit)[] pairs)
    {
        var lines = new List<(string, string?)>();
        foreach (var (owner, unit) in pairs)
        {
            lines.Add((OwnerHeading, null));
            lines.AddRange(OwnerLabels.Zip(owner, (l, v) => (l, (string?)v)));
            lines.Add((UnitHeading, null));
            lines.AddRange(UnitLabels.Zip(unit, (l, v) => (l, (string?)v)));
        }

        return lines;
    }

    private static readonly string[] FinanceOwner =
        ["Sở Tài chính", "Quyết định số 05/2025/QĐ-UBND ngày 10/03/2025", "Nguyễn Văn Tài, Giám đốc", "Số 3 đường Lê Lợi", "Điện thoại: 0238 3 111 111; thư điện tử: stc@sl.vn"];

    private static readonly string[] FinanceUnit =
        ["Trung tâm Thông tin Tài chính", "Quyết định số 20/QĐ-STC ngày 01/04/2025", "Trần Minh, Giám đốc Trung tâm", "Số 5 đường Lê Lợi", $"Điện thoại: 0238 3 111 222; thư điện tử: {Blank}"];

    private static readonly string[] ConstructionOwner = ["Sở Xây dựng", Blank, $"Lê Văn Xây, {Blank}", Blank, Blank];

    private static readonly string[] ConstructionUnit =
        ["Sở Khoa học và Công nghệ", Blank, "Trần Thị Mai, Giám đốc", "Số 75 đường Nguyễn Thị Minh Khai", "Điện thoại: 0238 3 844 500; thư điện tử: skhcn@sl.vn"];

    private static readonly string[] HealthOwner = ["Sở Y tế", Blank, Blank, Blank, Blank];
    private static readonly string[] NoUnit = [Blank, Blank, Blank, Blank, Blank];

    [Fact]
    public async Task Part_two_pairs_each_owner_with_its_own_unit_in_Excel_Word_and_on_the_page_line_by_line()
    {
        await ArrangeAsync();
        var expected = Pairs((FinanceOwner, FinanceUnit), (ConstructionOwner, ConstructionUnit), (HealthOwner, NoUnit));
        var leader = await SignInAsync("lanhdao@sl.vn");

        // Excel: the second sheet, one line per row, headings with an empty value cell.
        var excel = await leader.GetAsync($"/Reports/Annual?handler=Excel&year={Year}");
        Assert.Equal(HttpStatusCode.OK, excel.StatusCode);
        using (var stream = new MemoryStream(await excel.Content.ReadAsByteArrayAsync()))
        {
            var sheets = Spreadsheet.Read(stream);
            var general = sheets[0].Rows.ToDictionary(r => r.Cells[0], r => r.Cells.ElementAtOrDefault(1) ?? string.Empty);
            Assert.Equal((Committee, Addressee), (general["Chủ quản hệ thống thông tin"], general["Kính gửi"]));
            var part2 = sheets[1].Rows.Select(r => (r.Cells[0], r.Cells.ElementAtOrDefault(1) ?? string.Empty)).ToList();
            AssertLines(expected.Select(e => (e.Label, e.Value ?? string.Empty)).ToList(), part2, "Excel");
        }

        // Word: the paragraphs between the headings of parts 2 and 3, as the form writes them.
        var word = await leader.GetAsync($"/Reports/Annual?handler=Word&year={Year}");
        Assert.Equal(HttpStatusCode.OK, word.StatusCode);
        using (var stream = new MemoryStream(await word.Content.ReadAsByteArrayAsync()))
        using (var document = WordprocessingDocument.Open(stream, false))
        {
            var paragraphs = document.MainDocumentPart!.Document!.Body!.Elements<Paragraph>().Select(p => p.InnerText).ToList();
            Assert.Contains($"Kính gửi: {Addressee}", paragraphs);
            var start = paragraphs.IndexOf("2. Thông tin về chủ quản hệ thống thông tin và đơn vị chuyên trách về an ninh mạng");
            var end = paragraphs.IndexOf("3. Thông tin chi tiết về các hệ thống thông tin thuộc phạm vi quản lý");
            Assert.True(start >= 0 && end > start, $"Part 2 not found in: {string.Join(" | ", paragraphs)}");
            var part2 = paragraphs.Skip(start + 1).Take(end - start - 1).Select(p => (p, string.Empty)).ToList();
            AssertLines(expected.Select(e => (e.Value is null ? $"{e.Label}:" : $"{e.Label}: {e.Value};", string.Empty)).ToList(), part2, "Word");
            Assert.Contains(document.MainDocumentPart.Document.Body.Descendants<Paragraph>(), p => p.InnerText == Committee.ToUpperInvariant());
        }

        // The page: each pair is a section with the two headings and their five lines.
        var page = await leader.GetDocumentAsync($"/Reports/Annual?year={Year}");
        Assert.Equal(Committee, page.QuerySelector("#report-issuer")!.TextContent);
        Assert.Equal($"Kính gửi: {Addressee}", page.QuerySelector("#report-addressee")!.TextContent.Trim());
        var shown = new List<(string, string)>();
        foreach (var section in page.QuerySelectorAll("#report-parties .report-pair"))
        {
            foreach (var element in section.Children)
            {
                if (element.LocalName == "h3")
                {
                    shown.Add((element.TextContent.Trim(), string.Empty));
                }
                else
                {
                    shown.AddRange(element.QuerySelectorAll("tr").Select(tr => (tr.QuerySelector("th")!.TextContent.Trim(), tr.QuerySelector("td")!.TextContent.Trim())));
                }
            }
        }

        AssertLines(expected.Select(e => (e.Label, e.Value ?? string.Empty)).ToList(), shown, "page");
    }

    [Fact]
    public async Task One_owner_reports_for_itself_when_chosen_and_the_choice_needs_an_owner()
    {
        var (finance, _, _, _) = await ArrangeAsync();
        var leader = await SignInAsync("lanhdao@sl.vn");

        var own = await leader.GetDocumentAsync($"/Reports/Annual?year={Year}&by=owner&agency={finance.Id}");
        Assert.Equal("Sở Tài chính", own.QuerySelector("#report-issuer")!.TextContent);
        Assert.NotNull(own.QuerySelector("#by-owner")!.GetAttribute("checked"));
        Assert.Equal(finance.Id.ToString(), own.QuerySelector("#agency option[selected]")?.GetAttribute("value"));
        Assert.Single(own.QuerySelectorAll("#report-parties .report-pair"));
        Assert.Equal(["Cổng dịch vụ tài chính"], own.QuerySelectorAll("#report-rows tbody tr").Select(tr => tr.QuerySelectorAll("td")[1].TextContent));
        var rows = await leader.GetExcelRowsAsync($"/Reports/Annual?handler=Excel&year={Year}&by=owner&agency={finance.Id}");
        Assert.Contains(rows, r => r.Count > 1 && r[0] == "Chủ quản hệ thống thông tin" && r[1] == "Sở Tài chính");

        // The province chosen explicitly names the committee even when an agency is still selected in the list.
        var province = await leader.GetDocumentAsync($"/Reports/Annual?year={Year}&by=province&agency={finance.Id}");
        Assert.Equal(Committee, province.QuerySelector("#report-issuer")!.TextContent);
        Assert.Equal(3, province.QuerySelectorAll("#report-parties .report-pair").Length);

        // «Một chủ quản» without an owner: said in Vietnamese, no report, the choice kept.
        var missing = await leader.GetDocumentAsync($"/Reports/Annual?year={Year}&by=owner");
        Assert.Contains("Vui lòng chọn chủ quản hệ thống thông tin báo cáo.", missing.Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(missing.QuerySelector("#report-parties"));
        Assert.NotNull(missing.QuerySelector("#by-owner")!.GetAttribute("checked"));
        Assert.Equal(HttpStatusCode.NotFound, (await leader.GetAsync($"/Reports/Annual?year={Year}&by=everyone")).StatusCode);
    }

    [Fact]
    public async Task An_officer_reports_for_its_own_agency_only_and_never_sees_the_province()
    {
        var (finance, construction, _, _) = await ArrangeAsync();
        var officer = await SignInAsync("stc@sl.vn");

        var page = await officer.GetDocumentAsync($"/Reports/Annual?year={Year}");
        Assert.Null(page.QuerySelector("#report-by"));
        Assert.Equal("Sở Tài chính", page.QuerySelector("#report-issuer")!.TextContent);
        var text = page.Body!.TextContent;
        Assert.DoesNotContain("Sở Xây dựng", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Sở Y tế", text, StringComparison.Ordinal);

        // The province's report, or another owner's, answers 404 in every format.
        foreach (var query in new[] { "by=province", $"by=owner&agency={construction.Id}", $"agency={construction.Id}" })
        {
            foreach (var handler in new[] { string.Empty, "&handler=Excel", "&handler=Word" })
            {
                Assert.Equal(HttpStatusCode.NotFound, (await officer.GetAsync($"/Reports/Annual?year={Year}&{query}{handler}")).StatusCode);
            }
        }

        // Its own file, every sheet: the other owners are nowhere (Sở Khoa học và Công nghệ is not its unit).
        var excel = await officer.GetAsync($"/Reports/Annual?handler=Excel&year={Year}&by=owner&agency={finance.Id}");
        using var stream = new MemoryStream(await excel.Content.ReadAsByteArrayAsync());
        var cells = Spreadsheet.Read(stream).SelectMany(s => s.Rows.SelectMany(r => r.Cells)).ToList();
        Assert.Contains("Trung tâm Thông tin Tài chính", cells);
        Assert.DoesNotContain(cells, c => c.Contains("Xây dựng", StringComparison.Ordinal) || c.Contains("Y tế", StringComparison.Ordinal)
            || c.Contains("Khoa học", StringComparison.Ordinal));
    }

    private static void AssertLines(IReadOnlyList<(string, string)> expected, IReadOnlyList<(string, string)> actual, string where)
    {
        for (var i = 0; i < Math.Max(expected.Count, actual.Count); i++)
        {
            var e = i < expected.Count ? expected[i] : default;
            var a = i < actual.Count ? actual[i] : default;
            Assert.True(e == a, $"{where}, line {i + 1}: expected «{e.Item1}» «{e.Item2}», got «{a.Item1}» «{a.Item2}»");
        }
    }
}
