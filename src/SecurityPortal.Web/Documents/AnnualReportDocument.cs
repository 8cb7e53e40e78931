using SecurityPortal.Web.Infrastructure;
using SecurityPortal.Web.Reporting;

namespace SecurityPortal.Web.Documents;

/// <summary>
/// Mẫu 08 of Decree 331/2026/NĐ-CP (the annual report), as Word (landscape A4, the form's wording) and as Excel
/// (three sheets: general information, owners, the per-system table). The captured form has no signature block;
/// the Word template adds the one every other form of the appendix ends with, for the official to sign.
/// </summary>
public static partial class DossierDocuments
{
    public const string Mau08Subject = "V/v kết quả công tác bảo đảm an ninh mạng hệ thống thông tin";
    public const string Mau08OwnerHeading = "a) Thông tin về chủ quản hệ thống thông tin";
    public const string Mau08UnitHeading = "b) Thông tin về đơn vị chuyên trách về an ninh mạng";

    public static readonly string[] Mau08Counts =
    [
        "Tổng số hệ thống thông tin thuộc phạm vi quản lý",
        "Tổng số hệ thống thông tin đã được phân loại (đã xác định được loại hình hệ thống thông tin)",
        "Tổng số hệ thống thông tin đã xây dựng hồ sơ đề xuất cấp độ",
        "Tổng số hệ thống thông tin đã được thẩm định hồ sơ đề xuất cấp độ",
        "Tổng số hệ thống thông tin đã được phê duyệt cấp độ",
        "Tổng số hệ thống thông tin đã phê duyệt cấp độ được kiểm tra, đánh giá an ninh mạng định kỳ theo quy định",
        "Dự kiến thời gian hoàn thành phê duyệt đề xuất cấp độ hệ thống thông tin đối với tất cả các hệ thống thông tin thuộc phạm vi quản lý",
    ];

    public static readonly string[] Mau08Columns =
    [
        "STT", "Tên HTTT", "Chủ quản HTTT", "Đơn vị vận hành HTTT", "Cấp độ đề xuất", "Tình trạng phê duyệt cấp độ", "Quyết định phê duyệt cấp độ",
        "Quy chế bảo đảm ANM cho hệ thống", "Dự kiến thời điểm phê duyệt HSĐXCĐ", "Đã triển khai đầy đủ PA BĐANM",
        "Dự kiến thời điểm triển khai đầy đủ PA BĐANM", "Đã kiểm tra, đánh giá ANM",
    ];

    /// <summary>The columns of <see cref="Mau08Cells"/> that hold the portal's own words (a status, «Định kỳ»), which the screen translates.</summary>
    public static readonly IReadOnlySet<int> Mau08WordColumns = new HashSet<int> { 5, 9, 11 };

    public static readonly string[] OwnerFields =
    [
        "(1) Tên chủ quản hệ thống thông tin", "(2) Quy định chức năng, nhiệm vụ và quyền hạn", "(3) Người đại diện, chức vụ",
        "(4) Địa chỉ liên lạc của cơ quan chủ quản hệ thống thông tin", "(5) Thông tin liên hệ (số điện thoại, thư điện tử)",
    ];

    public static readonly string[] UnitFields =
    [
        "(1) Tên đơn vị chuyên trách về an ninh mạng", "(2) Quy định chức năng, nhiệm vụ và quyền hạn", "(3) Người đại diện, chức vụ",
        "(4) Địa chỉ liên lạc của đơn vị chuyên trách về an ninh mạng", "(5) Thông tin liên hệ (số điện thoại, thư điện tử)",
    ];

    public static IReadOnlyList<string?> CountValues(AnnualReport report) =>
    [
        Invariant(report.Counts.Total), Invariant(report.Counts.Classified), Invariant(report.Counts.DossierPrepared), Invariant(report.Counts.Appraised),
        Invariant(report.Counts.Approved), Invariant(report.Counts.ApprovedAndAssessed), report.ExpectedAllApproved,
    ];

    /// <summary>Columns (1)–(12) of one row, as the form prints them.</summary>
    public static IReadOnlyList<object?> Mau08Cells(AnnualRow row, int number) =>
    [
        number, row.SystemName, row.OwnerName, row.OperatorName, row.ProposedLevel, row.ApprovalStatus, row.Decision, row.Regulation,
        row.ExpectedApproval is { } a ? Display.Date(a) : null, row.Deployment, row.ExpectedFullDeployment is { } f ? Display.Date(f) : null, row.Checked,
    ];

    /// <summary>Column widths of the table sheet, in characters.</summary>
    public static readonly double[] Mau08ExcelWidths = [6, 30, 24, 24, 9, 16, 30, 30, 13, 18, 13, 22];

    /// <summary>
    /// Three sheets (general information, owners, the table), A4 landscape; counts, numbers and levels are numbers,
    /// headings bold, and the table's heading and numbering rows repeat on every printed page.
    /// </summary>
    public static byte[] AnnualReportExcel(AnnualReport report)
    {
        using var stream = new MemoryStream();
        using (var xlsx = new XlsxWriter(stream))
        {
            xlsx.BeginSheet("Thông tin chung", ["Mục", "Nội dung"], new SheetLayout([95, 40], Landscape: true));
            xlsx.WriteRow(["Mẫu số 08 (Nghị định số 331/2026/NĐ-CP)", null], bold: true);
            xlsx.WriteRow(["Chủ quản hệ thống thông tin", report.IssuerName]);
            xlsx.WriteRow(["Trích yếu", Mau08Subject]);
            xlsx.WriteRow(["Kính gửi", report.Addressee]);
            xlsx.WriteRow(["Kỳ báo cáo (chốt số liệu)", $"Từ {Display.Date(report.PeriodStart)} đến {Display.Date(report.PeriodEnd)}"]);
            xlsx.WriteRow(["1. Thông tin chung", null], bold: true);
            var c = report.Counts;
            object?[] counts = [c.Total, c.Classified, c.DossierPrepared, c.Appraised, c.Approved, c.ApprovedAndAssessed, report.ExpectedAllApproved];
            for (var i = 0; i < Mau08Counts.Length; i++)
            {
                xlsx.WriteRow([$"- {Mau08Counts[i]}", counts[i]]);
            }

            xlsx.BeginSheet(
                "Chủ quản, đơn vị chuyên trách",
                ["2. Thông tin về chủ quản hệ thống thông tin và đơn vị chuyên trách về an ninh mạng", "Nội dung"],
                new SheetLayout([75, 60], Landscape: true));
            foreach (var owner in report.Owners)
            {
                xlsx.WriteRow([Mau08OwnerHeading, null], bold: true);
                foreach (var (field, value) in OwnerFields.Zip(PartyValues(owner.Owner)))
                {
                    xlsx.WriteRow([field, value]);
                }

                xlsx.WriteRow([Mau08UnitHeading, null], bold: true);
                foreach (var (field, value) in UnitFields.Zip(PartyValues(owner.Unit)))
                {
                    xlsx.WriteRow([field, value]);
                }
            }

            xlsx.BeginSheet("Chi tiết hệ thống", Mau08Columns, new SheetLayout(Mau08ExcelWidths, RepeatRows: 2, Landscape: true));
            xlsx.WriteRow(Mau08Columns.Select((_, i) => (object?)$"({i + 1})").ToList(), bold: true);
            for (var i = 0; i < report.Rows.Count; i++)
            {
                xlsx.WriteRow(Mau08Cells(report.Rows[i], i + 1));
            }
        }

        return stream.ToArray();
    }

    /// <summary>The tags of fields (1)–(5) of Part 2 in Templates/mau-08.docx, after «owner-» or «unit-».</summary>
    private static readonly string[] PartyTags = ["name", "mandate", "head", "address", "contact"];

    /// <summary>The tags of columns (1)–(12) of Part 3 in Templates/mau-08.docx.</summary>
    private static readonly string[] Mau08Tags =
    [
        "number", "system", "owner", "operator", "level", "status", "decision", "regulation", "expected-approval", "deployment",
        "expected-deployment", "checked",
    ];

    /// <summary>The tags of the counts of Part 1 in Templates/mau-08.docx, in the order of <see cref="Mau08Counts"/>.</summary>
    private static readonly string[] CountTags = ["total", "classified", "dossier-prepared", "appraised", "approved", "assessed", "expected-all-approved"];

    /// <summary>
    /// Mẫu 08 as Word, from Templates/mau-08.docx (docs/decisions/0011): the heading, the counts of Part 1, an owner and
    /// its unit per block of Part 2, a table row per system in Part 3 (written row by row). The signer's line stays empty.
    /// </summary>
    public static byte[] AnnualReportWord(AnnualReport report, string provinceName, DateOnly today)
    {
        var values = new TemplateValues();
        values.Text["issuer"] = Value(HeaderName(report.IssuerName).ToUpperInvariant());
        values.Text["place-date"] = PlaceAndDate(provinceName, today, null);
        values.Text["addressee"] = Value(report.Addressee);
        values.Text["period-start"] = Display.Date(report.PeriodStart);
        values.Text["period-end"] = Display.Date(report.PeriodEnd);
        foreach (var (tag, count) in CountTags.Zip(CountValues(report)))
        {
            values.Text[$"count-{tag}"] = Value(count);
        }

        values.Repeats["each-owner"] = report.Owners.Select(owner => (IReadOnlyDictionary<string, string>)PartyTags.Zip(PartyValues(owner.Owner))
            .Select(x => ($"owner-{x.First}", x.Second))
            .Concat(PartyTags.Zip(PartyValues(owner.Unit)).Select(x => ($"unit-{x.First}", x.Second)))
            .ToDictionary(x => x.Item1, x => x.Item2, StringComparer.Ordinal));
        values.Repeats["each-system"] = report.Rows.Select((row, i) => (IReadOnlyDictionary<string, string>)Mau08Tags.Zip(Mau08Cells(row, i + 1))
            .ToDictionary(x => x.First, x => x.Second switch
            {
                null => string.Empty,
                int n => Invariant(n),
                { } c => c.ToString() ?? string.Empty,
            }, StringComparer.Ordinal));
        return DocumentTemplate.Fill("mau-08", values);
    }

    /// <summary>
    /// Fields (1)–(5) of Part 2 for an owner or its unit, as the form prints them: what the registry does not record is
    /// the form's dotted blank «……», never an empty cell; no unit at all gives five blanks.
    /// </summary>
    public static string[] PartyValues(AnnualParty? party)
    {
        if (party is null)
        {
            return [Blank, Blank, Blank, Blank, Blank];
        }

        var head = string.IsNullOrWhiteSpace(party.HeadName) && string.IsNullOrWhiteSpace(party.HeadTitle) ? Blank : $"{Value(party.HeadName)}, {Value(party.HeadTitle)}";
        var contact = string.IsNullOrWhiteSpace(party.Phone) && string.IsNullOrWhiteSpace(party.Email)
            ? Blank
            : $"Điện thoại: {Value(party.Phone)}; thư điện tử: {Value(party.Email)}";
        return [Value(party.Name), Value(party.Mandate), head, Value(party.Address), contact];
    }
}
