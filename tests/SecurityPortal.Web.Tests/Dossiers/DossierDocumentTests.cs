using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using SecurityPortal.Domain.Calendar;
using SecurityPortal.Domain.Classification;
using SecurityPortal.Domain.Dossiers;
using SecurityPortal.Domain.Systems;
using SecurityPortal.Tests.Plumbing;
using SecurityPortal.Web.Documents;
using SecurityPortal.Web.Reporting;

namespace SecurityPortal.Tests.Dossiers;

/// <summary>
/// The dossier documents (Mẫu 01, 02, 06, 07) and the annual report's Word file (Mẫu 08) filled from their Word templates (docs/decisions/0011): the templates are
/// valid, their wording matches the reviewed text beside them, template and code agree slot for slot, and each output
/// is a valid document with the dossier's values, the form's «……» where a value is unknown, and none left in a slot.
/// </summary>
[Trait("Category", "ProviderIndependent")]
public sealed class DossierDocumentTests
{
    private const string Blank = "……";
    private const string Unit = "Sở Khoa học và Công nghệ (đơn vị chuyên trách về an toàn thông tin)";
    private static readonly DateOnly Day = new(2026, 9, 1);
    private static readonly DossierActor Officer = new("officer", "Cán bộ", IsReviewer: false, IsOwnerOfficer: true);
    private static readonly DossierActor Reviewer = new("reviewer", "Thẩm định", IsReviewer: true, IsOwnerOfficer: false);
    private static readonly DossierActor Approver = new("reviewer2", "Thẩm định 2", IsReviewer: true, IsOwnerOfficer: false);
    private static readonly WorkingDays Calendar = new([new DateOnly(2026, 9, 2)]);

    [Fact]
    public void Every_template_is_a_valid_document_whose_wording_is_the_reviewed_text_beside_it()
    {
        var directory = Path.Combine(AsvsMatrixTests.RepositoryRoot(), "src", "SecurityPortal.Web", "Documents", "Templates");
        Assert.Equal(
            DocumentTemplate.Names.Order(StringComparer.Ordinal),
            Directory.GetFiles(directory, "*.docx").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal));
        foreach (var name in DocumentTemplate.Names)
        {
            var template = DocumentTemplate.Read(name);
            Assert.Equal(File.ReadAllBytes(Path.Combine(directory, $"{name}.docx")), template); // the shipped copy is the committed one
            using var stream = new MemoryStream(template);
            using var document = WordprocessingDocument.Open(stream, false);
            Assert.Empty(new OpenXmlValidator().Validate(document));
            var text = Render(document.MainDocumentPart!.Document!.Body!);
            var file = Path.Combine(directory, $"{name}.txt");
            if (Environment.GetEnvironmentVariable("PORTAL_TEMPLATES_WRITE") == "1")
            {
                File.WriteAllText(file, text);
            }

            Assert.True(File.Exists(file) && File.ReadAllText(file) == text,
                $"{name}.docx differs from {name}.txt: run with PORTAL_TEMPLATES_WRITE=1, review the diff of the .txt and commit both.");
        }
    }

    [Fact]
    public void Every_template_is_filled_slot_for_slot_for_every_level_and_decree_and_keeps_no_slot()
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var ruleSet in new[] { RuleSet.Decree331, RuleSet.Decree85 })
        {
            for (var level = 1; level <= 5; level++)
            {
                var dossier = Draft(level, ruleSet);
                var data = Data(dossier);
                used.Add(string.Equals(dossier.Route.RequestForm, "Mẫu 01", StringComparison.Ordinal) ? "mau-01" : "mau-02");
                used.Add(DossierDocuments.DecisionForm(dossier) == "Mẫu 07" ? "mau-07" : "mau-06");
                foreach (var bytes in new[] { DossierDocuments.Request(data), DossierDocuments.DraftDecision(data) })
                {
                    using var document = Open(bytes);
                    Assert.Empty(new OpenXmlValidator().Validate(document));
                    var body = document.MainDocumentPart!.Document!.Body!;
                    Assert.Empty(body.Descendants<SdtRun>());
                    Assert.Empty(body.Descendants<SdtBlock>());
                    Assert.DoesNotContain(body.Descendants<Paragraph>(), p => p.InnerText.Trim() == Blank); // no lone «……»
                    Assert.DoesNotContain("(Tên", body.InnerText, StringComparison.Ordinal); // no placeholder of the form left
                }
            }
        }

        foreach (var report in new[] { Report(0), Report(3) })
        {
            using var document = Open(DossierDocuments.AnnualReportWord(report, "Tỉnh Sông Lam", Day));
            Assert.Empty(new OpenXmlValidator().Validate(document));
            var body = document.MainDocumentPart!.Document!.Body!;
            Assert.Empty(body.Descendants<SdtRun>());
            Assert.Empty(body.Descendants<SdtBlock>());
            Assert.Empty(body.Descendants<SdtRow>());
            Assert.DoesNotContain(body.Descendants<Paragraph>(), p => p.InnerText.Trim() == Blank); // no lone «……» (the signer's line)
            Assert.DoesNotContain("(Tên", body.InnerText, StringComparison.Ordinal);
            used.Add("mau-08");
        }

        Assert.Equal(DocumentTemplate.Names.Order(StringComparer.Ordinal), used.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_template_slot_without_a_value_or_a_value_without_a_slot_is_refused_by_name()
    {
        var values = new TemplateValues();
        foreach (var (tag, kind) in DocumentTemplate.Slots(DocumentTemplate.Read("mau-07")))
        {
            switch (kind)
            {
                case SlotKind.Text: values.Text[tag] = "x"; break;
                case SlotKind.Condition: values.Conditions[tag] = true; break;
                default: values.Lists[tag] = ["x"]; break;
            }
        }

        Assert.Contains("head", values.Text.Keys);
        Assert.DoesNotContain("level", values.Text.Keys); // Mẫu 07 approves the plan, not the level
        using (var filled = Open(DocumentTemplate.Fill("mau-07", values)))
        {
            Assert.Empty(new OpenXmlValidator().Validate(filled));
        }

        values.Text["level"] = "Cấp độ 5";
        Assert.Contains("[level]", Assert.Throws<InvalidOperationException>(() => DocumentTemplate.Fill("mau-07", values)).Message, StringComparison.Ordinal);
        values.Text.Remove("level");
        values.Text.Remove("address");
        Assert.Contains("[address]", Assert.Throws<InvalidOperationException>(() => DocumentTemplate.Fill("mau-07", values)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mau_01_names_the_system_operator_address_level_and_date_and_leaves_only_the_forms_own_blanks()
    {
        var dossier = Draft(2, RuleSet.Decree331);
        dossier.Submit(Officer, Calendar, Day, At(Day));
        var text = Text(DossierDocuments.Request(Data(dossier)));

        Assert.Contains("V/v đề nghị thẩm định, phê duyệt hồ sơ đề xuất cấp độ", text, StringComparison.Ordinal);
        Assert.Contains("1. Tên hệ thống thông tin: Hệ thống quản lý văn bản", text, StringComparison.Ordinal);
        Assert.Contains("2. Đơn vị vận hành hệ thống thông tin: Trung tâm Công nghệ thông tin", text, StringComparison.Ordinal);
        Assert.Contains("3. Địa chỉ: Số 5 Lê Lợi, phường Bến Thủy", text, StringComparison.Ordinal);
        Assert.Contains("4. Cấp độ hệ thống thông tin đề xuất: Cấp độ 2", text, StringComparison.Ordinal);
        Assert.Contains("Sông Lam, ngày 01 tháng 9 năm 2026", text, StringComparison.Ordinal);
        Assert.Contains("Kính gửi: Sở Khoa học và Công nghệ (đơn vị chuyên trách về an toàn thông tin).", text, StringComparison.Ordinal);
        Assert.Contains("Căn cứ Nghị định số 331/2026/NĐ-CP", text, StringComparison.Ordinal);
        Assert.Contains("SỞ Y TẾ", text, StringComparison.Ordinal); // the owner above the operating unit in the heading
        // What only the official can write: the number («Số: ……/……») and the other recipients («- ……»).
        Assert.Equal(3, Count(text, Blank));
    }

    [Fact]
    public void Mau_02_has_no_lone_blank_and_for_level_5_asks_for_the_national_list()
    {
        var three = Draft(3, RuleSet.Decree331);
        three.Submit(Officer, Calendar, Day, At(Day));
        var text = Text(DossierDocuments.Request(Data(three)));
        Assert.Contains("V/v đề nghị thẩm định hồ sơ đề xuất cấp độ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("5. Ý kiến về mặt chuyên môn", text, StringComparison.Ordinal); // levels 4–5 only
        Assert.Contains("cho ý kiến thẩm định hồ sơ đề xuất cấp độ hệ thống thông tin đối với Hệ thống quản lý văn bản.", text, StringComparison.Ordinal);
        Assert.Equal(3, Count(text, Blank));

        var five = Text(DossierDocuments.Request(Data(Draft(5, RuleSet.Decree331))));
        Assert.Contains("Kính gửi: Bộ Công an", five, StringComparison.Ordinal);
        Assert.Contains("5. Ý kiến về mặt chuyên môn của đơn vị chuyên trách về an ninh mạng", five, StringComparison.Ordinal);
        Assert.Contains("Hệ thống quản lý văn bản, đồng thời đề nghị đưa hệ thống vào Danh mục hệ thống thông tin quan trọng về an ninh quốc gia.", five, StringComparison.Ordinal);
        Assert.Contains("6. Báo cáo", five, StringComparison.Ordinal); // the risk assessment numbered after item 5
    }

    [Fact]
    public void Mau_06_names_the_head_and_the_decision_with_a_space_after_article_1_and_fills_the_address()
    {
        var dossier = Approved(2);
        var text = Text(DossierDocuments.DraftDecision(Data(dossier, unitHeadTitle: "Giám đốc")));

        Assert.Contains("Về việc phê duyệt cấp độ hệ thống thông tin", text, StringComparison.Ordinal);
        Assert.Contains("GIÁM ĐỐC SỞ KHOA HỌC VÀ CÔNG NGHỆ", text, StringComparison.Ordinal);
        Assert.DoesNotContain($"{Blank} SỞ", text, StringComparison.Ordinal);
        Assert.Contains("Điều 1. Phê duyệt cấp độ hệ thống thông tin đối với Hệ thống quản lý văn bản cụ thể như sau:", text, StringComparison.Ordinal);
        Assert.Contains("c) Địa chỉ: Số 5 Lê Lợi, phường Bến Thủy", text, StringComparison.Ordinal);
        Assert.Contains("2. Cấp độ hệ thống thông tin: Cấp độ 2", text, StringComparison.Ordinal);
        Assert.Contains("Số: 12/QĐ-SKHCN", text, StringComparison.Ordinal);
        Assert.Contains("Sông Lam, ngày 14 tháng 9 năm 2026", text, StringComparison.Ordinal);
        Assert.Contains("Nguyễn Văn An", text, StringComparison.Ordinal);
        Assert.Contains("theo các quy định tại Điều 33 Nghị định số 331/2026/NĐ-CP.", text, StringComparison.Ordinal);

        var owner = Text(DossierDocuments.DraftDecision(Data(Draft(3, RuleSet.Decree331), ownerHeadTitle: "Giám đốc Sở Y tế")));
        Assert.Contains("GIÁM ĐỐC SỞ Y TẾ", owner, StringComparison.Ordinal); // a title that already names the body is used alone
        Assert.DoesNotContain("SỞ Y TẾ SỞ Y TẾ", owner, StringComparison.Ordinal);
    }

    [Fact]
    public void Mau_07_is_the_decision_for_level_5_and_approves_the_plan()
    {
        var five = Draft(5, RuleSet.Decree331);
        Assert.Equal("Mẫu 07", DossierDocuments.DecisionForm(five));
        Assert.Equal("Mẫu 07", DossierDocuments.DecisionForm(Draft(5, RuleSet.Decree85))); // Decree 85 Art. 12.3.d: the same split
        Assert.Equal("Mẫu 06", DossierDocuments.DecisionForm(Draft(4, RuleSet.Decree331)));
        Assert.Equal("Mẫu 06", DossierDocuments.DecisionForm(Draft(4, RuleSet.Decree85)));
        Assert.Equal("mau-07-HT-QLVB.docx", DossierDocuments.FileName(Data(five), DossierDocuments.DecisionForm(five)));

        var text = Text(DossierDocuments.DraftDecision(Data(five, ownerHeadTitle: "Giám đốc")));
        Assert.Contains("Về việc phê duyệt phương án bảo đảm an ninh mạng hệ thống thông tin", text, StringComparison.Ordinal);
        Assert.Contains("GIÁM ĐỐC SỞ Y TẾ", text, StringComparison.Ordinal);
        Assert.Contains("Điều 1. Phê duyệt phương án đảm bảo an ninh mạng đối với Hệ thống quản lý văn bản cụ thể như sau:", text, StringComparison.Ordinal);
        Assert.Contains("c) Địa chỉ: Số 5 Lê Lợi, phường Bến Thủy", text, StringComparison.Ordinal);
        Assert.Contains("2. Phương án bảo đảm an ninh mạng:", text, StringComparison.Ordinal);
        Assert.Contains("tương ứng với cấp độ 5 là phù hợp", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Cấp độ hệ thống thông tin:", text, StringComparison.Ordinal);
        Assert.Contains("Căn cứ ý kiến thẩm định của Bộ Công an", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_value_prints_the_forms_dotted_blank()
    {
        var dossier = Draft(3, RuleSet.Decree85);
        var data = new DossierDocumentData(dossier, " ", "HT-QLVB", "Sở Y tế", null, string.Empty, null, "Tỉnh Sông Lam", Unit, Day);

        var request = Text(DossierDocuments.Request(data));
        Assert.Contains($"1. Tên hệ thống thông tin: {Blank}", request, StringComparison.Ordinal);
        Assert.Contains($"2. Đơn vị vận hành hệ thống thông tin: {Blank}", request, StringComparison.Ordinal);
        Assert.Contains($"3. Địa chỉ: {Blank}", request, StringComparison.Ordinal);
        Assert.Contains($"Sông Lam, ngày {Blank} tháng {Blank} năm 2026", request, StringComparison.Ordinal); // not yet sent

        var decision = Text(DossierDocuments.DraftDecision(data));
        Assert.Contains("THỦ TRƯỞNG SỞ Y TẾ", decision, StringComparison.Ordinal); // no title in the registry
        Assert.Contains($"Số: {Blank}/QĐ-{Blank}", decision, StringComparison.Ordinal);
        Assert.Contains($"c) Địa chỉ: {Blank}", decision, StringComparison.Ordinal);
        Assert.Contains("tiêu chuẩn quốc gia TCVN 11930:2017", decision, StringComparison.Ordinal);
        Assert.Contains("Điều 22 Nghị định số 85/2016/NĐ-CP", decision, StringComparison.Ordinal);
        Assert.Contains($"Căn cứ ý kiến thẩm định của Sở Khoa học và Công nghệ (đơn vị chuyên trách về an toàn thông tin) tại văn bản số {Blank} ngày {Blank};", decision, StringComparison.Ordinal);
    }

    [Fact]
    public void Mau_08_repeats_a_block_per_owner_and_a_table_row_per_system_in_the_form_columns()
    {
        var report = Report(3) with
        {
            Owners =
            [
                new AnnualOwner(new AnnualParty("Sở Y tế", null, "Lê Văn Hùng", "Giám đốc", "Số 1 Trần Phú", "0238 1", "syt@sl.vn"), null),
                new AnnualOwner(new AnnualParty("Sở Tài chính", "Quyết định 12/QĐ-UBND", null, null, null, null, null), new AnnualParty("Phòng CNTT", null, null, null, null, null, "cntt@sl.vn")),
            ],
        };
        using var document = Open(DossierDocuments.AnnualReportWord(report, "Tỉnh Sông Lam", Day));
        var body = document.MainDocumentPart!.Document!.Body!;
        var paragraphs = body.Elements<Paragraph>().Select(p => p.InnerText).ToList();
        var start = paragraphs.IndexOf("2. Thông tin về chủ quản hệ thống thông tin và đơn vị chuyên trách về an ninh mạng");
        Assert.Equal(
            [
                "a) Thông tin về chủ quản hệ thống thông tin:", "(1) Tên chủ quản hệ thống thông tin: Sở Y tế;",
                $"(2) Quy định chức năng, nhiệm vụ và quyền hạn: {Blank};", "(3) Người đại diện, chức vụ: Lê Văn Hùng, Giám đốc;",
                "(4) Địa chỉ liên lạc của cơ quan chủ quản hệ thống thông tin: Số 1 Trần Phú;",
                "(5) Thông tin liên hệ (số điện thoại, thư điện tử): Điện thoại: 0238 1; thư điện tử: syt@sl.vn;",
                "b) Thông tin về đơn vị chuyên trách về an ninh mạng:", $"(1) Tên đơn vị chuyên trách về an ninh mạng: {Blank};",
                $"(2) Quy định chức năng, nhiệm vụ và quyền hạn: {Blank};", $"(3) Người đại diện, chức vụ: {Blank};",
                $"(4) Địa chỉ liên lạc của đơn vị chuyên trách về an ninh mạng: {Blank};", $"(5) Thông tin liên hệ (số điện thoại, thư điện tử): {Blank};",
                "a) Thông tin về chủ quản hệ thống thông tin:", "(1) Tên chủ quản hệ thống thông tin: Sở Tài chính;",
                "(2) Quy định chức năng, nhiệm vụ và quyền hạn: Quyết định 12/QĐ-UBND;", $"(3) Người đại diện, chức vụ: {Blank};",
                $"(4) Địa chỉ liên lạc của cơ quan chủ quản hệ thống thông tin: {Blank};", $"(5) Thông tin liên hệ (số điện thoại, thư điện tử): {Blank};",
                "b) Thông tin về đơn vị chuyên trách về an ninh mạng:", "(1) Tên đơn vị chuyên trách về an ninh mạng: Phòng CNTT;",
                $"(2) Quy định chức năng, nhiệm vụ và quyền hạn: {Blank};", $"(3) Người đại diện, chức vụ: {Blank};",
                $"(4) Địa chỉ liên lạc của đơn vị chuyên trách về an ninh mạng: {Blank};",
                $"(5) Thông tin liên hệ (số điện thoại, thư điện tử): Điện thoại: {Blank}; thư điện tử: cntt@sl.vn;",
                "3. Thông tin chi tiết về các hệ thống thông tin thuộc phạm vi quản lý",
            ],
            paragraphs.Skip(start + 1).Take(25));
        Assert.Contains("- Tổng số hệ thống thông tin thuộc phạm vi quản lý: 3;", paragraphs);
        Assert.Contains($"- Dự kiến thời gian hoàn thành phê duyệt đề xuất cấp độ hệ thống thông tin đối với tất cả các hệ thống thông tin thuộc phạm vi quản lý: {Blank}.", paragraphs);
        Assert.Contains("Kỳ báo cáo: số liệu từ ngày 15/12/2025 đến ngày 14/12/2026 (Điều 35 khoản 3 Nghị định số 331/2026/NĐ-CP).", paragraphs);

        var rows = body.Elements<Table>().Single(t => t.Elements<TableGrid>().Single().Elements<GridColumn>().Count() == 12).Elements<TableRow>()
            .Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToList()).ToList();
        Assert.Equal(5, rows.Count); // the heading, the numbering, a row per system
        Assert.Equal(DossierDocuments.Mau08Columns, rows[0]);
        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"({i})"), rows[1]);
        Assert.Equal(["1", "Hệ thống 1", "Sở Y tế", "Trung tâm CNTT", "2", "Đã phê duyệt", "12/QĐ-SYT ngày 14/09/2026", "Quy chế 1", "01/03/2027", "Đã triển khai", "", "Định kỳ"], rows[2]);
        Assert.Equal(["3", "Hệ thống 3", "Sở Y tế", "Trung tâm CNTT", "", "Đang dự thảo", "", "", "", "", "", ""], rows[4]);
    }

    [Fact]
    public void Mau_08_refuses_a_record_that_does_not_match_its_repeated_row_and_writes_thousands_of_rows()
    {
        var slots = DocumentTemplate.Slots(DocumentTemplate.Read("mau-08"));
        Assert.Equal(SlotKind.Repeat, slots["each-system"]);
        Assert.Equal(SlotKind.Repeat, slots["each-owner"]);
        Assert.DoesNotContain("checked", slots.Keys); // a record's slot, not the document's
        Assert.DoesNotContain("signer", slots.Keys); // Mẫu 08 prints no signer's name

        var values = new TemplateValues();
        foreach (var (tag, kind) in slots)
        {
            switch (kind)
            {
                case SlotKind.Text: values.Text[tag] = "x"; break;
                default: values.Repeats[tag] = []; break;
            }
        }

        string[] columns = ["number", "system", "owner", "operator", "level", "status", "decision", "regulation", "expected-approval", "deployment", "expected-deployment"];
        values.Repeats["each-system"] = [columns.ToDictionary(c => c, c => c)];
        Assert.Contains("ô chưa điền [checked]", Assert.Throws<InvalidOperationException>(() => DocumentTemplate.Fill("mau-08", values)).Message, StringComparison.Ordinal);
        values.Repeats["each-system"] = [columns.Append("checked").Append("extra").ToDictionary(c => c, c => c)];
        Assert.Contains("giá trị không có ô [extra]", Assert.Throws<InvalidOperationException>(() => DocumentTemplate.Fill("mau-08", values)).Message, StringComparison.Ordinal);

        using var document = Open(DossierDocuments.AnnualReportWord(Report(8000), "Tỉnh Sông Lam", Day));
        var table = document.MainDocumentPart!.Document!.Body!.Elements<Table>().Last(t => t.Elements<TableGrid>().Single().Elements<GridColumn>().Count() == 12);
        Assert.Equal(8002, table.Elements<TableRow>().Count());
        Assert.Equal("Hệ thống 8000", table.Elements<TableRow>().Last().Elements<TableCell>().ElementAt(1).InnerText);
    }

    /// <summary>A report of 2026 with <paramref name="systems"/> rows (each third one a draft with no level) and one owner.</summary>
    private static AnnualReport Report(int systems) => new(
        2026, "Ủy ban nhân dân tỉnh Sông Lam", "Công an tỉnh Sông Lam", new AnnualCounts(systems, systems, 1, 1, 1, 0), null,
        [new AnnualOwner(new AnnualParty("Sở Y tế", null, null, null, null, null, null), null)],
        [.. Enumerable.Range(1, systems).Select(i => i % 3 == 0
            ? new AnnualRow($"Hệ thống {i}", "Sở Y tế", "Trung tâm CNTT", null, "Đang dự thảo", null, null, null, null, null, null)
            : new AnnualRow($"Hệ thống {i}", "Sở Y tế", "Trung tâm CNTT", 2, "Đã phê duyệt", "12/QĐ-SYT ngày 14/09/2026", $"Quy chế {i}", new DateOnly(2027, 3, 1), "Đã triển khai", null, "Định kỳ"))]);

    /// <summary>A draft of the level: level-1 facts, the level proposed (a higher one with a justification), every section, the files to submit.</summary>
    private static LevelDossier Draft(int level, RuleSet ruleSet) => Start(level, ruleSet).Dossier;

    private static (InformationSystem System, LevelDossier Dossier) Start(int level, RuleSet ruleSet)
    {
        var system = new InformationSystem("HT-QLVB", "Hệ thống quản lý văn bản", Guid.NewGuid(), Guid.NewGuid());
        var dossier = LevelDossier.Start(system, Officer, Day, At(Day), ruleSet == RuleSet.Decree85 ? new DateOnly(2025, 3, 1) : null);
        Assert.Equal(ruleSet, dossier.RuleSet);
        dossier.SetFacts(new ClassificationFacts
        {
            FunctionKind = SystemFunctionKind.Internal, InformationTypes = InformationTypes.Public, NationalSecurityHarm = NationalSecurityHarm.None,
            OnlineServiceLevel = 0, ConditionalBusinessLine = false, UserCount = 100, BasicPersonalDataSubjects = 0, SensitivePersonalDataSubjects = 0,
            HandlesAdministrativeProcedures = false, InfrastructureScope = InfrastructureScope.SingleOrganisation, Requires24x7 = false,
            NationalEGovernmentSystem = false, CentralisedNationalData = false, InternationalInfrastructureLink = false, DesignatedLevel = 0, RiskFrameworkLevel = 0,
        });
        dossier.Propose(level, level > 1 ? "Đề xuất cấp độ cao hơn sau khi đánh giá rủi ro." : null);
        dossier.SetContent(DossierContent.FromSections(DossierContent.SectionList.ToDictionary(s => s.Field, s => (string?)$"Nội dung {s.Title}")));
        foreach (var kind in DossierRoute.For(level).RequiredToSubmit)
        {
            dossier.AddAttachment(Officer, kind, $"{kind}.pdf", "application/pdf", 2048, new string('a', 64), At(Day));
        }

        return (system, dossier);
    }

    /// <summary>A level-1/2 dossier submitted, accepted, appraised and approved by the unit, decision 12/QĐ-SKHCN of 14/09/2026.</summary>
    private static LevelDossier Approved(int level)
    {
        var (system, dossier) = Start(level, RuleSet.Decree331);
        dossier.Submit(Officer, Calendar, Day, At(Day));
        var accepted = new DateOnly(2026, 9, 4);
        dossier.Accept(Reviewer, Calendar, accepted, At(accepted));
        var appraised = new DateOnly(2026, 9, 10);
        dossier.RecordAppraisal(Reviewer, AppraisalConclusion.Suitable, null, null, null, null, Calendar, appraised, At(appraised));
        var decided = new DateOnly(2026, 9, 14);
        dossier.AddAttachment(Approver, AttachmentKind.ScannedDecision, "qd.pdf", "application/pdf", 2048, new string('b', 64), At(decided));
        dossier.Approve(Approver, system, "12/QĐ-SKHCN", decided, "Nguyễn Văn An", decided, At(decided));
        return dossier;
    }

    private static DossierDocumentData Data(LevelDossier dossier, string? ownerHeadTitle = null, string? unitHeadTitle = null) => new(
        dossier, "Hệ thống quản lý văn bản", "HT-QLVB", "Sở Y tế", "Số 1 Trần Phú", "Trung tâm Công nghệ thông tin", "Số 5 Lê Lợi, phường Bến Thủy",
        "Tỉnh Sông Lam", Unit, Day, ownerHeadTitle, unitHeadTitle);

    private static DateTime At(DateOnly day) => day.ToDateTime(new TimeOnly(2, 30), DateTimeKind.Utc);

    private static WordprocessingDocument Open(byte[] bytes) => WordprocessingDocument.Open(new MemoryStream(bytes), false);

    /// <summary>The document's text, one paragraph a line.</summary>
    private static string Text(byte[] bytes)
    {
        using var document = Open(bytes);
        Assert.Empty(new OpenXmlValidator().Validate(document));
        return string.Join('\n', document.MainDocumentPart!.Document!.Body!.Descendants<Paragraph>().Select(p => p.InnerText));
    }

    private static int Count(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// The template as reviewable text: a paragraph a line (table cells joined by « | »), an inline slot as
    /// {{tag: placeholder}}, a block slot as [[tag]] … [[/tag]], bold as **…**.
    /// </summary>
    internal static string Render(Body body)
    {
        var text = new StringBuilder();
        foreach (var element in body.ChildElements)
        {
            RenderBlock(element, text);
        }

        return text.ToString();
    }

    private static void RenderBlock(OpenXmlElement element, StringBuilder text)
    {
        switch (element)
        {
            case Paragraph paragraph:
                text.Append(Inline(paragraph)).Append('\n');
                break;
            case SdtBlock block:
                var tag = block.SdtProperties!.GetFirstChild<Tag>()!.Val!.Value;
                text.Append("[[").Append(tag).Append("]]\n");
                foreach (var child in block.SdtContentBlock!.ChildElements)
                {
                    RenderBlock(child, text);
                }

                text.Append("[[/").Append(tag).Append("]]\n");
                break;
            case Table table:
                foreach (var part in table.ChildElements)
                {
                    if (part is SdtRow repeated)
                    {
                        var rowTag = repeated.SdtProperties!.GetFirstChild<Tag>()!.Val!.Value;
                        text.Append("[[").Append(rowTag).Append("]]\n");
                        foreach (var row in repeated.SdtContentRow!.Elements<TableRow>())
                        {
                            RenderRow(row, text);
                        }

                        text.Append("[[/").Append(rowTag).Append("]]\n");
                    }
                    else if (part is TableRow row)
                    {
                        RenderRow(row, text);
                    }
                }

                break;
        }
    }

    private static void RenderRow(TableRow row, StringBuilder text)
    {
        foreach (var cell in row.Elements<TableCell>())
        {
            text.Append("| ");
            foreach (var child in cell.ChildElements.Where(c => c is not TableCellProperties))
            {
                RenderBlock(child, text);
            }
        }

        text.Append("|-\n");
    }

    private static string Inline(OpenXmlElement paragraph)
    {
        var text = new StringBuilder();
        foreach (var child in paragraph.ChildElements)
        {
            if (child is Run run)
            {
                var bold = run.RunProperties?.Bold is not null;
                text.Append(bold ? "**" : string.Empty).Append(run.InnerText).Append(bold ? "**" : string.Empty);
            }
            else if (child is SdtRun slot)
            {
                text.Append("{{").Append(slot.SdtProperties!.GetFirstChild<Tag>()!.Val!.Value).Append(": ").Append(slot.SdtContentRun!.InnerText).Append("}}");
            }
        }

        return text.ToString();
    }
}
