using System.Globalization;
using System.Text;
using SecurityPortal.Domain.Classification;
using SecurityPortal.Domain.Dossiers;

namespace SecurityPortal.Web.Documents;

/// <summary>
/// What the dossier documents are filled from: the dossier and the names the registry knows. ProvinceName is
/// written in full ("Tỉnh Sông Lam"); SecurityUnitName is the owner's cybersecurity unit, e.g. "Sở Khoa học và
/// Công nghệ (đơn vị chuyên trách về an toàn thông tin)"; Today gives the year of an undated document. The heads'
/// titles («Giám đốc») name who decides in Mẫu 06/07.
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
    DateOnly Today,
    string? OwnerHeadTitle = null,
    string? SecurityUnitHeadTitle = null);

/// <summary>
/// Word (.docx) drafts of the Decree 331/2026/NĐ-CP appendix templates in the Decree 30/2020/NĐ-CP layout
/// (Times New Roman 13, A4): the request (Mẫu 01 / Mẫu 02), the decision approving the level (Mẫu 06) or the security
/// plan (Mẫu 07), filled into the Word templates of Documents/Templates (<see cref="DocumentTemplate"/>, ADR 0011).
/// Unknown values are left as "……" for the official to complete; nothing here throws for a missing value.
/// </summary>
public static partial class DossierDocuments
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public const string Blank = "……";
    private const string NationalAppraisalBody = "Bộ Công an (Cục An ninh mạng và phòng, chống tội phạm sử dụng công nghệ cao)";

    private static readonly string[] ProvincePrefixes = ["Tỉnh ", "Thành phố ", "TP. "];

    /// <summary>
    /// Mẫu 01 for levels 1–2, Mẫu 02 for levels 3–5 (per the dossier's route), from Templates/mau-01.docx or mau-02.docx.
    /// Sent by the operating unit to the security unit (levels 1–3), or by the owner to the Ministry of Public Security
    /// (levels 4–5).
    /// </summary>
    public static byte[] Request(DossierDocumentData data)
    {
        var dossier = data.Dossier;
        var route = dossier.Route;
        var form01 = string.Equals(route.RequestForm, "Mẫu 01", StringComparison.Ordinal);
        var issuer = Value(route.NationalAppraisal ? data.OwnerName : data.OperatorName);
        var parent = route.NationalAppraisal || SameName(data.OwnerName, data.OperatorName) ? null : data.OwnerName;
        var values = Common(data, parent, issuer, signer: null);
        values.Text["addressee"] = route.NationalAppraisal ? NationalAppraisalBody : Value(data.SecurityUnitName);
        values.Text["place-date"] = PlaceAndDate(data, dossier.SubmittedOn);
        values.Text["issuer-name"] = issuer;
        values.Text["level"] = LevelText(dossier.ProposedLevel);
        values.Lists["basis"] = [.. LevelBasis(dossier)];
        var extra = ExtraAttachments(dossier);
        var first = form01 || !route.NeedsExpertOpinion ? 5 : 6;
        values.Lists["attachments"] = [.. extra.Select((line, i) => $"{Invariant(first + i)}. {line}")];
        if (!form01)
        {
            values.Conditions["if-expert-attachment"] = route.NeedsExpertOpinion;
            values.Text["expert-reference"] = string.IsNullOrWhiteSpace(dossier.ExpertOpinionNumber)
                ? string.Empty
                : $": văn bản số {dossier.ExpertOpinionNumber.Trim()} ngày {ShortDate(dossier.ExpertOpinionDate)}";
            values.Text["national-list"] = dossier.RuleSet == RuleSet.Decree331 && dossier.ProposedLevel == 5
                ? ", đồng thời đề nghị đưa hệ thống vào Danh mục hệ thống thông tin quan trọng về an ninh quốc gia"
                : string.Empty;
        }

        return DocumentTemplate.Fill(form01 ? "mau-01" : "mau-02", values);
    }

    /// <summary>
    /// The draft decision the dossier ends with: Mẫu 07 (approval of the security plan by the owner) for level 5, whose
    /// level the Prime Minister approves through the list (Decree 331 Art. 18.3.d–đ and Art. 20.3.c; the same split in
    /// Decree 85 Art. 12.3.d–đ, filled with its citations); Mẫu 06 (approval of the level) otherwise.
    /// </summary>
    public static string DecisionForm(LevelDossier dossier) => DecisionForms[(dossier.ApprovedLevel ?? dossier.ProposedLevel) == 5 ? 1 : 0];

    /// <summary>The forms of a draft decision, as the dossier page names them: Mẫu 06 (the level), Mẫu 07 (the security plan).</summary>
    public static IReadOnlyList<string> DecisionForms { get; } = ["Mẫu 06", "Mẫu 07"];

    /// <summary>
    /// The draft decision (<see cref="DecisionForm"/>), issued by the security unit (levels 1–2) or the owner (levels
    /// 3–5), from Templates/mau-06.docx or mau-07.docx. The decision number, date and signer are filled once the dossier
    /// records them.
    /// </summary>
    public static byte[] DraftDecision(DossierDocumentData data)
    {
        var dossier = data.Dossier;
        var route = dossier.Route;
        var byUnit = route.Approver == Approver.SecurityUnit;
        var issuer = Value(byUnit ? data.SecurityUnitName : data.OwnerName);
        var parent = byUnit && !SameName(data.OwnerName, HeaderName(issuer)) ? data.OwnerName : null;
        var plan = DecisionForm(dossier) == DecisionForms[1];
        var level = dossier.ApprovedLevel ?? dossier.ProposedLevel;
        var decree85 = dossier.RuleSet == RuleSet.Decree85;
        var values = Common(data, parent, issuer, dossier.DecisionSigner);
        values.Text["number"] = string.IsNullOrWhiteSpace(dossier.DecisionNumber) ? $"{Blank}/QĐ-{Blank}" : dossier.DecisionNumber.Trim();
        values.Text["place-date"] = PlaceAndDate(data, dossier.DecisionDate);
        values.Text["head"] = Head(byUnit ? data.SecurityUnitHeadTitle : data.OwnerHeadTitle, issuer);
        values.Conditions["if-expert"] = route.NeedsExpertOpinion;
        values.Text["expert-unit"] = Value(data.SecurityUnitName);
        values.Text["expert-number"] = Value(dossier.ExpertOpinionNumber);
        values.Text["expert-date"] = ShortDate(dossier.ExpertOpinionDate);
        values.Conditions["if-appraisal"] = !byUnit || !string.IsNullOrWhiteSpace(dossier.AppraisalDocumentNumber);
        values.Text["appraiser"] = Value(dossier.AppraisalBody ?? (route.NationalAppraisal ? NationalAppraisalBody : data.SecurityUnitName));
        values.Text["appraisal-number"] = Value(dossier.AppraisalDocumentNumber);
        values.Text["appraisal-date"] = ShortDate(dossier.AppraisalDate);
        if (!plan)
        {
            values.Text["level"] = LevelText(level);
        }

        values.Text["level-number"] = level is { } l ? Invariant(l) : Blank;
        values.Text["standard"] = decree85 ? "TCVN 11930:2017" : Blank;
        values.Text["regulation"] = Blank;
        values.Text["duties"] = decree85 ? "Điều 22 Nghị định số 85/2016/NĐ-CP" : "Điều 33 Nghị định số 331/2026/NĐ-CP";
        values.Text["security-unit"] = Value(data.SecurityUnitName);
        values.Text["owner"] = Value(data.OwnerName);
        return DocumentTemplate.Fill(plan ? "mau-07" : "mau-06", values);
    }

    /// <summary>The slots every dossier form has: the heading, the decree cited, the system, its operator and the signer.</summary>
    private static TemplateValues Common(DossierDocumentData data, string? parent, string issuer, string? signer)
    {
        var values = new TemplateValues();
        values.Conditions["if-parent"] = !string.IsNullOrWhiteSpace(parent);
        values.Text["parent"] = HeaderName(parent ?? string.Empty).ToUpperInvariant();
        values.Text["issuer"] = HeaderName(issuer).ToUpperInvariant();
        values.Text["decree"] = DecreeTitle(data.Dossier.RuleSet);
        values.Text["system"] = Value(data.SystemName);
        values.Text["operator"] = Value(data.OperatorName);
        values.Text["address"] = Address(data);
        values.Text["signer"] = signer?.Trim() ?? string.Empty;
        return values;
    }

    /// <summary>
    /// The line naming who decides, «(THỦ TRƯỞNG CƠ QUAN TỔ CHỨC)» in the form: the head's title from the registry and the
    /// body, «GIÁM ĐỐC SỞ Y TẾ»; «THỦ TRƯỞNG …» when the registry has no title.
    /// </summary>
    private static string Head(string? title, string issuer)
    {
        var name = HeaderName(issuer);
        var head = string.IsNullOrWhiteSpace(title) ? "Thủ trưởng"
            : title.Trim().Contains(name, StringComparison.OrdinalIgnoreCase) ? null
            : title.Trim();
        return (head is null ? title!.Trim() : $"{head} {name}").ToUpperInvariant();
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

    /// <summary>The kinds of document attached beyond the form's own items (overview, design, plan, expert opinion), once each.</summary>
    private static List<string> ExtraAttachments(LevelDossier dossier) =>
    [
        .. dossier.Attachments
            .Select(a => a.Kind)
            .Where(k => k is not (AttachmentKind.Overview or AttachmentKind.Design or AttachmentKind.SecurityPlan
                or AttachmentKind.ExpertOpinion or AttachmentKind.AppraisalOpinion or AttachmentKind.ScannedDecision))
            .Distinct()
            .Order()
            .Select(k => $"{k.Vietnamese()}."),
    ];

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
    internal static string Clean(string text)
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
