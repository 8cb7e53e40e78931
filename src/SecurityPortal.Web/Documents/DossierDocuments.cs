using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using SecurityPortal.Domain.Classification;
using SecurityPortal.Domain.Dossiers;

namespace SecurityPortal.Web.Documents;

/// <summary>
/// What the dossier documents are filled from: the dossier and the names the registry knows. ProvinceName is
/// written in full ("Tỉnh Sông Lam"); SecurityUnitName is the owner's cybersecurity unit, e.g. "Sở Khoa học và
/// Công nghệ (đơn vị chuyên trách về an toàn thông tin)"; Today gives the year of an undated document.
/// </summary>
public sealed record DossierDocumentData(
    LevelDossier Dossier,
    string SystemName,
    string SystemCode,
    string OwnerName,
    string? OwnerAddress,
    string OperatorName,
    string? OperatorAddress,
    string ProvinceName,
    string SecurityUnitName,
    DateOnly Today);

/// <summary>
/// Word (.docx) drafts of the Decree 331/2026/NĐ-CP appendix templates in the Decree 30/2020/NĐ-CP layout
/// (Times New Roman 13, A4): the request (Mẫu 01 / Mẫu 02) and the decision approving the level (Mẫu 06).
/// Unknown values are left as "……" for the official to complete; nothing here throws for a missing value.
/// </summary>
public static partial class DossierDocuments
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public const string Blank = "……";
    private const string FontName = "Times New Roman";
    private const int BodySize = 26;
    private const int PageWidth = 11906 - 1701 - 1134;
    private const int HeaderLeft = 3600;
    private const int FirstLineIndent = 567;
    private const string Law = "Căn cứ Luật An ninh mạng số 116/2025/QH15;";
    private const string NationalAppraisalBody = "Bộ Công an (Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao)";

    private static readonly string[] ProvincePrefixes = ["Tỉnh ", "Thành phố ", "TP. "];

    /// <summary>
    /// Mẫu 01 for levels 1–2, Mẫu 02 for levels 3–5 (per the dossier's route). Sent by the operating unit to the
    /// security unit (levels 1–3), or by the owner to the Ministry of Public Security (levels 4–5).
    /// </summary>
    public static byte[] Request(DossierDocumentData data)
    {
        var dossier = data.Dossier;
        var route = dossier.Route;
        var form01 = string.Equals(route.RequestForm, "Mẫu 01", StringComparison.Ordinal);
        var issuer = Value(route.NationalAppraisal ? data.OwnerName : data.OperatorName);
        var parent = route.NationalAppraisal || SameName(data.OwnerName, data.OperatorName) ? null : data.OwnerName;
        var addressee = route.NationalAppraisal ? NationalAppraisalBody : Value(data.SecurityUnitName);
        var system = Value(data.SystemName);
        var subject = form01 ? "V/v đề nghị thẩm định, phê duyệt hồ sơ đề xuất cấp độ" : "V/v đề nghị thẩm định hồ sơ đề xuất cấp độ";

        var content = new List<OpenXmlElement>
        {
            Header(parent, issuer, $"Số: {Blank}/{Blank}", subject, PlaceAndDate(data, dossier.SubmittedOn)),
            Para(JustificationValues.Center, 120, 0, Span($"Kính gửi: {addressee}.")),
            Item(Law),
            Item($"Căn cứ {DecreeTitle(dossier.RuleSet)};"),
            Item($"{issuer} đề nghị thẩm định, phê duyệt hồ sơ đề xuất cấp độ với các nội dung sau:"),
            Heading("Phần 1. Thông tin chung"),
            Item($"1. Tên hệ thống thông tin: {system}"),
            Item($"2. Đơn vị vận hành hệ thống thông tin: {Value(data.OperatorName)}"),
            Item($"3. Địa chỉ: {Address(data)}"),
            Item($"4. Cấp độ hệ thống thông tin đề xuất: {LevelText(dossier.ProposedLevel)}"),
        };
        content.AddRange(LevelBasis(dossier).Select(line => Item(line)));
        content.Add(Heading("Phần 2. Hồ sơ kèm theo"));
        content.AddRange(AttachmentList(dossier).Select((line, i) => Item($"{Invariant(i + 1)}. {line}")));
        var criticalList = dossier.RuleSet == RuleSet.Decree331 && dossier.ProposedLevel == 5
            ? ", đồng thời đề nghị đưa hệ thống vào Danh mục hệ thống thông tin quan trọng về an ninh quốc gia"
            : string.Empty;
        content.Add(Item(form01
            ? $"{issuer} đề nghị {addressee} thẩm định và phê duyệt hồ sơ đề xuất cấp độ của hệ thống thông tin {system}."
            : $"{issuer} đề nghị {addressee} cho ý kiến thẩm định hồ sơ đề xuất cấp độ hệ thống thông tin đối với {system}{criticalList}."));
        content.Add(new Paragraph());
        content.Add(Signature(null));
        return Build(content);
    }

    /// <summary>
    /// Mẫu 06, the draft decision approving the level, issued by the security unit (levels 1–2) or the owner
    /// (levels 3–5). The decision number, date and signer are filled once the dossier records them.
    /// </summary>
    public static byte[] DraftDecision(DossierDocumentData data)
    {
        var dossier = data.Dossier;
        var route = dossier.Route;
        var byUnit = route.Approver == Approver.SecurityUnit;
        var issuer = Value(byUnit ? data.SecurityUnitName : data.OwnerName);
        var parent = byUnit && !SameName(data.OwnerName, HeaderName(issuer)) ? data.OwnerName : null;
        var operatorName = Value(data.OperatorName);
        var system = Value(data.SystemName);
        var level = dossier.ApprovedLevel ?? dossier.ProposedLevel;
        var levelNumber = level is { } l ? Invariant(l) : Blank;
        var decree85 = dossier.RuleSet == RuleSet.Decree85;
        var standard = decree85 ? "TCVN 11930:2017" : Blank;
        var duties = decree85 ? "Điều 22 Nghị định số 85/2016/NĐ-CP" : "Điều 33 Nghị định số 331/2026/NĐ-CP";
        var number = string.IsNullOrWhiteSpace(dossier.DecisionNumber) ? $"{Blank}/QĐ-{Blank}" : dossier.DecisionNumber.Trim();

        var content = new List<OpenXmlElement>
        {
            Header(parent, issuer, $"Số: {number}", null, PlaceAndDate(data, dossier.DecisionDate)),
            Para(JustificationValues.Center, 0, 0, Span("QUYẾT ĐỊNH", bold: true)),
            Para(JustificationValues.Center, 0, 0, Span("Về việc phê duyệt cấp độ hệ thống thông tin", bold: true)),
            Rule(1800, PageWidth),
            Para(JustificationValues.Center, 120, 0, Span($"{Blank} {HeaderName(issuer).ToUpperInvariant()}", bold: true)),
            Item(Span(Law, italic: true)),
            Item(Span($"Căn cứ {DecreeTitle(dossier.RuleSet)};", italic: true)),
        };
        if (route.NeedsExpertOpinion)
        {
            content.Add(Item(Span(
                $"Căn cứ ý kiến chuyên môn của {Value(data.SecurityUnitName)} tại văn bản số {Value(dossier.ExpertOpinionNumber)} ngày {ShortDate(dossier.ExpertOpinionDate)};",
                italic: true)));
        }

        if (!byUnit || !string.IsNullOrWhiteSpace(dossier.AppraisalDocumentNumber))
        {
            var appraiser = dossier.AppraisalBody ?? (route.NationalAppraisal ? NationalAppraisalBody : data.SecurityUnitName);
            content.Add(Item(Span(
                $"Căn cứ ý kiến thẩm định của {Value(appraiser)} tại văn bản số {Value(dossier.AppraisalDocumentNumber)} ngày {ShortDate(dossier.AppraisalDate)};",
                italic: true)));
        }

        content.AddRange(
        [
            Item(Span($"Xét đề nghị của {operatorName}.", italic: true)),
            Para(JustificationValues.Center, 120, 0, Span("QUYẾT ĐỊNH:", bold: true)),
            Item(Span("Điều 1. ", bold: true), Span($"Phê duyệt cấp độ hệ thống thông tin đối với {system} cụ thể như sau:")),
            Item("1. Thông tin chung"),
            Item($"a) Tên hệ thống thông tin: {system}"),
            Item($"b) Đơn vị vận hành hệ thống thông tin: {operatorName}"),
            Item($"c) Địa chỉ: {Address(data)}"),
            Item($"2. Cấp độ hệ thống thông tin: {LevelText(level)}"),
            Item("3. Phương án bảo đảm an ninh mạng:"),
            Item($"a) Phương án bảo đảm an ninh mạng trong thiết kế hệ thống thông tin tương ứng với cấp độ {levelNumber} là phù hợp với tiêu chuẩn quốc gia {standard}, quy chuẩn kỹ thuật quốc gia {Blank} về bảo đảm an ninh mạng theo cấp độ."),
            Item($"b) Phương án bảo đảm an ninh mạng trong quá trình vận hành hệ thống tương ứng với cấp độ {levelNumber} là phù hợp với tiêu chuẩn quốc gia {standard}, quy chuẩn kỹ thuật quốc gia {Blank} về bảo đảm an ninh mạng theo cấp độ."),
            Heading("Điều 2. Tổ chức thực hiện"),
            Item($"1. {operatorName} chịu trách nhiệm:"),
            Item($"a) Thực hiện trách nhiệm bảo đảm an ninh mạng hệ thống thông tin mình quản lý theo các quy định tại {duties}."),
            Item($"b) Các nội dung khác (nếu có): {Blank}"),
            Item($"2. Trách nhiệm của các cơ quan liên quan khác (nếu có): {Blank}"),
            Heading("Điều 3. Điều khoản thi hành"),
            Item($"1. {operatorName} và các cơ quan liên quan khác chịu trách nhiệm thi hành Quyết định này."),
            Item($"2. {Value(data.SecurityUnitName)} chịu trách nhiệm kiểm tra, giám sát việc thực hiện Quyết định này báo cáo {Value(data.OwnerName)} theo quy định của pháp luật."),
            new Paragraph(),
            Signature(dossier.DecisionSigner),
        ]);
        return Build(content);
    }

    /// <summary>
    /// A safe ASCII download name such as "mau-01-HT-CODE.docx": the digits of <paramref name="form"/> ("Mẫu 01",
    /// "06") and the system code with diacritics folded and anything else turned into hyphens.
    /// </summary>
    public static string FileName(DossierDocumentData data, string form)
    {
        var digits = new string((form ?? string.Empty).Where(char.IsAsciiDigit).Take(4).ToArray());
        var name = digits.Length == 0 ? "mau" : $"mau-{digits}";
        var code = AsciiSlug(data.SystemCode);
        return code.Length == 0 ? $"{name}.docx" : $"{name}-{code}.docx";
    }

    /// <summary>The criteria of the proposed level (or, failing that, of the engine's level) with their citations.</summary>
    private static IEnumerable<string> LevelBasis(LevelDossier dossier)
    {
        var result = dossier.Evaluate();
        var criteria = result.Matched.Where(c => c.Level == dossier.ProposedLevel).ToList();
        if (criteria.Count == 0)
        {
            criteria = result.Matched.Where(c => c.Level == result.Level).ToList();
        }

        if (criteria.Count == 0)
        {
            yield return $"Căn cứ: {Blank}";
        }

        foreach (var criterion in criteria)
        {
            yield return $"Căn cứ: {criterion.Citation} ({criterion.Text}).";
        }

        if (!string.IsNullOrWhiteSpace(dossier.ProposalJustification))
        {
            yield return $"Thuyết minh đề xuất cấp độ: {dossier.ProposalJustification.Trim()}";
        }
    }

    /// <summary>The template's items (item 5 only for levels 4–5), then any other kind of document attached.</summary>
    private static List<string> AttachmentList(LevelDossier dossier)
    {
        var items = new List<string>
        {
            "Tài liệu mô tả, thuyết minh tổng quan về hệ thống thông tin.",
            "Tài liệu thiết kế thi công đã được cấp có thẩm quyền phê duyệt hoặc tài liệu có giá trị tương đương.",
            "Tài liệu thuyết minh về việc đề xuất cấp độ căn cứ trên các tiêu chí theo quy định của pháp luật.",
            "Tài liệu thuyết minh phương án bảo đảm an ninh mạng theo cấp độ tương ứng.",
        };
        if (dossier.Route.NeedsExpertOpinion)
        {
            var reference = string.IsNullOrWhiteSpace(dossier.ExpertOpinionNumber)
                ? string.Empty
                : $": văn bản số {dossier.ExpertOpinionNumber.Trim()} ngày {ShortDate(dossier.ExpertOpinionDate)}";
            items.Add($"Ý kiến về mặt chuyên môn của đơn vị chuyên trách về an ninh mạng của chủ quản hệ thống thông tin (đối với hệ thống thông tin đề xuất cấp độ 4 hoặc cấp độ 5){reference}.");
        }

        items.AddRange(dossier.Attachments
            .Select(a => a.Kind)
            .Where(k => k is not (AttachmentKind.Overview or AttachmentKind.Design or AttachmentKind.SecurityPlan
                or AttachmentKind.ExpertOpinion or AttachmentKind.AppraisalOpinion or AttachmentKind.ScannedDecision))
            .Distinct()
            .Order()
            .Select(k => $"{k.Vietnamese()}."));
        return items;
    }

    /// <summary>The two-column heading: issuing body and number on the left, national title and date on the right.</summary>
    private static Table Header(string? parent, string issuer, string number, string? subject, string placeAndDate)
    {
        var body = new List<OpenXmlElement>();
        if (!string.IsNullOrWhiteSpace(parent))
        {
            body.Add(Para(JustificationValues.Center, 0, 0, Span(HeaderName(parent).ToUpperInvariant())));
        }

        body.Add(Para(JustificationValues.Center, 0, 0, Span(HeaderName(issuer).ToUpperInvariant(), bold: true)));
        body.Add(Rule(1200, HeaderLeft));
        var nation = new List<OpenXmlElement>
        {
            Para(JustificationValues.Center, 0, 0, Span("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold: true, size: 24)),
            Para(JustificationValues.Center, 0, 0, Span("Độc lập - Tự do - Hạnh phúc", bold: true, underline: true)),
        };
        var reference = new List<OpenXmlElement> { Para(JustificationValues.Center, 0, 0, Span(number)) };
        if (subject is not null)
        {
            reference.Add(Para(JustificationValues.Center, 0, 0, Span(subject, size: 24)));
        }

        var date = new List<OpenXmlElement> { Para(JustificationValues.Center, 240, 0, Span(placeAndDate, italic: true)) };
        return Grid(HeaderLeft, PageWidth - HeaderLeft, (body, nation), (reference, date));
    }

    private static Table Signature(string? signer)
    {
        var recipients = new List<OpenXmlElement>
        {
            Para(JustificationValues.Left, 0, 0, Span("Nơi nhận:", bold: true, italic: true, size: 24)),
            Para(JustificationValues.Left, 0, 0, Span("- Như trên;", size: 22)),
            Para(JustificationValues.Left, 0, 0, Span($"- {Blank}", size: 22)),
        };
        var sign = new List<OpenXmlElement>
        {
            Para(JustificationValues.Center, 0, 0, Span("ĐẠI DIỆN CỦA CƠ QUAN, TỔ CHỨC", bold: true)),
            Para(JustificationValues.Center, 0, 0, Span("(Ký, ghi rõ họ tên, chức danh và đóng dấu)", italic: true)),
            new Paragraph(),
            new Paragraph(),
            new Paragraph(),
            new Paragraph(),
            Para(JustificationValues.Center, 0, 0, Span(signer, bold: true)),
        };
        return Grid(PageWidth / 2, PageWidth - (PageWidth / 2), (recipients, sign));
    }

    private static Table Grid(int leftWidth, int rightWidth, params (List<OpenXmlElement> Left, List<OpenXmlElement> Right)[] rows)
    {
        var table = new Table(
            new TableProperties(
                new TableWidth { Width = Invariant(leftWidth + rightWidth), Type = TableWidthUnitValues.Dxa },
                new TableBorders(
                    new TopBorder { Val = BorderValues.None },
                    new LeftBorder { Val = BorderValues.None },
                    new BottomBorder { Val = BorderValues.None },
                    new RightBorder { Val = BorderValues.None },
                    new InsideHorizontalBorder { Val = BorderValues.None },
                    new InsideVerticalBorder { Val = BorderValues.None }),
                new TableLayout { Type = TableLayoutValues.Fixed }),
            new TableGrid(new GridColumn { Width = Invariant(leftWidth) }, new GridColumn { Width = Invariant(rightWidth) }));
        foreach (var (left, right) in rows)
        {
            table.Append(new TableRow(Cell(leftWidth, left), Cell(rightWidth, right)));
        }

        return table;
    }

    private static TableCell Cell(int width, List<OpenXmlElement> content)
    {
        var cell = new TableCell(new TableCellProperties(new TableCellWidth { Width = Invariant(width), Type = TableWidthUnitValues.Dxa }));
        cell.Append(content);
        if (!cell.Elements<Paragraph>().Any())
        {
            cell.Append(new Paragraph());
        }

        return cell;
    }

    /// <summary>A short centred horizontal rule (the line under a body name or a title).</summary>
    private static Paragraph Rule(int length, int available)
    {
        var indent = Invariant(Math.Max(0, (available - length) / 2));
        return new Paragraph(new ParagraphProperties
        {
            ParagraphBorders = new ParagraphBorders(new BottomBorder { Val = BorderValues.Single, Size = 6U, Space = 1U, Color = "000000" }),
            SpacingBetweenLines = new SpacingBetweenLines { Before = "0", After = "120", Line = "120", LineRule = LineSpacingRuleValues.Exact },
            Indentation = new Indentation { Left = indent, Right = indent },
        });
    }

    private static Paragraph Heading(string text) => Item(Span(text, bold: true));

    private static Paragraph Item(string text) => Item(Span(text));

    private static Paragraph Item(params Run[] runs) => Para(JustificationValues.Both, 120, FirstLineIndent, runs);

    private static Paragraph Para(JustificationValues align, int after, int firstLine, params Run[] runs)
    {
        var properties = new ParagraphProperties
        {
            SpacingBetweenLines = new SpacingBetweenLines { Before = "0", After = Invariant(after) },
            Indentation = firstLine > 0 ? new Indentation { FirstLine = Invariant(firstLine) } : null,
            Justification = new Justification { Val = align },
        };
        var paragraph = new Paragraph(properties);
        paragraph.Append(runs);
        return paragraph;
    }

    /// <summary>A run of text (a blank value becomes "……"); line breaks in the text become breaks in the run.</summary>
    private static Run Span(string? text, bool bold = false, bool italic = false, bool underline = false, int size = BodySize)
    {
        var properties = new RunProperties
        {
            Bold = bold ? new Bold() : null,
            Italic = italic ? new Italic() : null,
            FontSize = size == BodySize ? null : new FontSize { Val = Invariant(size) },
            FontSizeComplexScript = size == BodySize ? null : new FontSizeComplexScript { Val = Invariant(size) },
            Underline = underline ? new Underline { Val = UnderlineValues.Single } : null,
        };
        var run = new Run(properties);
        var lines = Clean(Value(text)).Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                run.Append(new Break());
            }

            run.Append(new Text(lines[i]) { Space = SpaceProcessingModeValues.Preserve });
        }

        return run;
    }

    private static byte[] Build(IEnumerable<OpenXmlElement> content, bool landscape = false) =>
        Build(writer =>
        {
            foreach (var element in content)
            {
                writer.WriteElement(element);
            }
        }, landscape);

    /// <summary>
    /// The document, its body written element by element through an <see cref="OpenXmlWriter"/>: a long table (Mẫu 08
    /// at province scale has 8,000 rows of 12 cells) never stands whole in memory as an element tree.
    /// </summary>
    private static byte[] Build(Action<OpenXmlWriter> writeBody, bool landscape)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = new Styles(new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = FontName, HighAnsi = FontName, ComplexScript = FontName, EastAsia = FontName },
                    new FontSize { Val = Invariant(BodySize) },
                    new FontSizeComplexScript { Val = Invariant(BodySize) },
                    new Languages { Val = "vi-VN" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                    new SpacingBetweenLines { Before = "0", After = "120", Line = "276", LineRule = LineSpacingRuleValues.Auto }))));
            using var writer = OpenXmlWriter.Create(main);
            writer.WriteStartDocument();
            writer.WriteStartElement(new Document());
            writer.WriteStartElement(new Body());
            writeBody(writer);
            writer.WriteElement(new Paragraph());
            writer.WriteElement(new SectionProperties(
                landscape ? new PageSize { Width = 16838U, Height = 11906U, Orient = PageOrientationValues.Landscape } : new PageSize { Width = 11906U, Height = 16838U },
                new PageMargin { Top = 1134, Bottom = 1134, Left = 1701U, Right = 1134U, Header = 709U, Footer = 709U, Gutter = 0U }));
            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        return stream.ToArray();
    }

    private static string DecreeTitle(RuleSet ruleSet) => ruleSet == RuleSet.Decree85
        ? "Nghị định số 85/2016/NĐ-CP ngày 01 tháng 7 năm 2016 của Chính phủ về bảo đảm an toàn hệ thống thông tin theo cấp độ"
        : "Nghị định số 331/2026/NĐ-CP ngày 19 tháng 8 năm 2026 của Chính phủ về bảo vệ an ninh mạng đối với hệ thống thông tin";

    /// <summary>"Sông Lam, ngày 05 tháng 3 năm 2026" (Decree 30: a zero before days below 10 and months 1–2).</summary>
    private static string PlaceAndDate(DossierDocumentData data, DateOnly? date) => PlaceAndDate(data.ProvinceName, data.Today, date);

    private static string PlaceAndDate(string provinceName, DateOnly today, DateOnly? date)
    {
        var place = Value(provinceName);
        foreach (var prefix in ProvincePrefixes)
        {
            if (place.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && place.Length > prefix.Length)
            {
                place = place[prefix.Length..].Trim();
                break;
            }
        }

        if (date is not { } d)
        {
            return $"{place}, ngày {Blank} tháng {Blank} năm {Invariant(today.Year)}";
        }

        var month = d.Month <= 2 ? d.Month.ToString("00", CultureInfo.InvariantCulture) : Invariant(d.Month);
        return $"{place}, ngày {d.Day.ToString("00", CultureInfo.InvariantCulture)} tháng {month} năm {Invariant(d.Year)}";
    }

    private static string Address(DossierDocumentData data) =>
        !string.IsNullOrWhiteSpace(data.OperatorAddress) ? data.OperatorAddress.Trim()
        : SameName(data.OwnerName, data.OperatorName) ? Value(data.OwnerAddress)
        : Blank;

    /// <summary>The name without a trailing explanation in brackets, for the heading of a document.</summary>
    private static string HeaderName(string name)
    {
        var trimmed = Value(name);
        return trimmed.EndsWith(')') && trimmed.LastIndexOf(" (", StringComparison.Ordinal) is > 0 and var cut ? trimmed[..cut] : trimmed;
    }

    private static bool SameName(string? a, string? b) =>
        string.Equals(a?.Trim(), b?.Trim(), StringComparison.OrdinalIgnoreCase);

    private static string LevelText(int? level) => level is { } l ? $"Cấp độ {Invariant(l)}" : Blank;

    private static string ShortDate(DateOnly? date) => date?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? Blank;

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Value(string? text) => string.IsNullOrWhiteSpace(text) ? Blank : text.Trim();

    /// <summary>Drops what XML cannot carry (controls, U+FFFE/U+FFFF, lone surrogates); tabs become spaces.</summary>
    private static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                builder.Append(c).Append(text[++i]);
            }
            else if (c is '\n' or '\t')
            {
                builder.Append(c == '\t' ? ' ' : c);
            }
            else if (!char.IsControl(c) && !char.IsSurrogate(c) && c is not ('\uFFFE' or '\uFFFF'))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>ASCII letters, digits and single hyphens only: diacritics folded, "Đ" as "D".</summary>
    private static string AsciiSlug(string? text)
    {
        var builder = new StringBuilder();
        foreach (var c in (text ?? string.Empty).Normalize(NormalizationForm.FormD))
        {
            var folded = c switch
            {
                'Đ' => 'D',
                'đ' => 'd',
                _ => c,
            };
            if (char.IsAsciiLetterOrDigit(folded))
            {
                builder.Append(folded);
            }
            else if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark && builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }

            if (builder.Length >= 60)
            {
                break;
            }
        }

        return builder.ToString().Trim('-');
    }
}
