using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SecurityPortal.Domain.Classification;
using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Domain.Dossiers;

/// <summary>Where a reviewable section of a dossier comes from: the wizard's answers, the explanatory content, or the documents.</summary>
public enum SectionGroup
{
    Answers,
    Content,
    Documents,
}

/// <summary>
/// One part of a dossier the reviewer judges on its own («Đạt» / «Cần bổ sung»): a step of the wizard's answers
/// (steps 1–4), one of the thirteen content sections (step 5), or the files of one kind of document.
/// <see cref="Fingerprint"/> identifies what the section holds, so a later version can say whether it changed;
/// <see cref="Text"/> is what it reads as.
/// </summary>
public sealed record DossierSection(string Key, string Title, SectionGroup Group, int? WizardStep, AttachmentKind? Kind, string Text, string Fingerprint);

/// <summary>How a section stands against the version the reviewer returned.</summary>
/// <summary>
/// One question of the dossier's answers and its answer in parts (each part one wording, e.g. one kind of information);
/// <paramref name="Argument"/> fills a part's «{0}»; a <paramref name="Verbatim"/> answer is typed text, a date or a figure.
/// </summary>
public sealed record AnswerRow(string Question, IReadOnlyList<string> Parts, bool Verbatim = false, string? Argument = null)
{
    /// <summary>The answer in Vietnamese, as one line.</summary>
    public string Text => string.Join(", ", Parts.Select(p => Argument is null ? p : p.Replace("{0}", Argument, StringComparison.Ordinal)));
}

public enum SectionChange
{
    Unchanged,
    Changed,
    Added,
    Removed,
}

/// <summary>The reviewable sections of a level dossier and their keys (stored with each verdict).</summary>
public static class DossierSections
{
    public const int KeyMaxLength = 60;
    public const string None = "(chưa trả lời)";

    /// <summary>The wizard's steps of answers, each reviewed as one section; step 5 is the content, reviewed section by section.</summary>
    public static IReadOnlyList<string> AnswerSteps { get; } =
        ["Văn bản áp dụng", "Loại hệ thống và thông tin", "Quy mô, dịch vụ và hạ tầng", "Cấp độ đề xuất"];

    /// <summary>The documents the officer files: the reviewer's and the decision's own documents are not sections of the dossier under review.</summary>
    public static bool IsOfficerDocument(AttachmentKind kind) =>
        kind is not (AttachmentKind.ExpertOpinion or AttachmentKind.AppraisalOpinion or AttachmentKind.ScannedDecision);

    /// <summary>The start of every documents section's key.</summary>
    public const string DocumentsPrefix = "Documents:";

    /// <summary>The wizard step that asks for a fact: 2 (function and information) or 3 (scale, services and infrastructure).</summary>
    public static int StepOf(Fact fact) => fact < Fact.OnlineServiceLevel ? 2 : 3;

    public static string AnswersKey(int step) => $"Answers:{step}";

    public static string ContentKey(string field) => $"Content:{field}";

    public static string DocumentsKey(AttachmentKind kind) => DocumentsPrefix + kind;

    /// <summary>A section's title from its key, also for a section the dossier no longer has; null for an unknown key.</summary>
    public static string? Title(string key)
    {
        var (group, name) = Split(key);
        return group switch
        {
            "Answers" when int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out var step) && step is >= 1 and <= 4 => AnswerSteps[step - 1],
            "Content" => DossierContent.SectionList.FirstOrDefault(s => s.Field == name)?.Title,
            "Documents" when Enum.TryParse<AttachmentKind>(name, out var kind) && Enum.IsDefined(kind) && IsOfficerDocument(kind) => kind.Vietnamese(),
            _ => null,
        };
    }

    /// <summary>The sections of the dossier as it stands, in reading order: the answers, the content the level needs (or that was written), the documents.</summary>
    public static IReadOnlyList<DossierSection> Of(LevelDossier dossier)
    {
        var sections = new List<DossierSection>();
        for (var step = 1; step <= AnswerSteps.Count; step++)
        {
            var rows = AnswerRows(dossier, step).ToList();
            sections.Add(new DossierSection(
                AnswersKey(step), AnswerSteps[step - 1], SectionGroup.Answers, step, null,
                string.Join("\n", rows.Select(r => $"{r.Question}: {r.Text}")), Hash(RawAnswers(dossier, step))));
        }

        var level = dossier.ProposedLevel ?? dossier.Evaluate().Level ?? 1;
        foreach (var part in DossierContent.SectionList)
        {
            var text = dossier.Content.Text(part.Field);
            if (part.FromLevel <= level || text is not null)
            {
                sections.Add(new DossierSection(ContentKey(part.Field), part.Title, SectionGroup.Content, 5, null, text ?? string.Empty, Hash(text ?? string.Empty)));
            }
        }

        foreach (var group in dossier.Attachments.Where(a => IsOfficerDocument(a.Kind)).GroupBy(a => a.Kind).OrderBy(g => g.Key))
        {
            var files = group.OrderBy(a => a.File.FileName, StringComparer.Ordinal).ThenBy(a => a.File.Sha256, StringComparer.Ordinal).ToList();
            sections.Add(new DossierSection(
                DocumentsKey(group.Key), group.Key.Vietnamese(), SectionGroup.Documents, null, group.Key,
                string.Join("\n", files.Select(a => a.File.FileName)), Hash(string.Join("\n", files.Select(a => $"{a.File.Sha256} {a.File.FileName}")))));
        }

        return sections;
    }

    /// <summary>
    /// The officer's answers of one wizard step, question by question, as the dossier shows them. The question and every
    /// part of an answer are wording the page translates one by one (several parts are joined with commas), except a
    /// <see cref="AnswerRow.Verbatim"/> answer: what the officer typed, a date or a figure, shown as it is.
    /// </summary>
    public static IEnumerable<AnswerRow> AnswerRows(LevelDossier dossier, int step)
    {
        static AnswerRow Said(string question, string answer) => new(question, [answer]);
        static AnswerRow Typed(string question, string answer) => new(question, [answer], Verbatim: true);
        static AnswerRow YesNo(string question, bool? value) => Said(question, value is null ? None : value.Value ? "Có" : "Không");
        static string Count(int? value) => value?.ToString("N0", CultureInfo.GetCultureInfo("vi-VN")) ?? "—";
        static AnswerRow Number(string question, int? value, string? zero = null) =>
            value is null ? Said(question, None) : value == 0 && zero is not null ? Said(question, zero) : Typed(question, Count(value));
        var f = dossier.Facts;
        AnswerRow Answer(Fact fact) => fact switch
        {
            Fact.FunctionKind => Said(fact.Question(), f.FunctionKind?.Vietnamese() ?? None),
            Fact.InformationTypes => f.InformationTypes is { } types && types != InformationTypes.None
                ? new AnswerRow(fact.Question(), [.. types.Names()])
                : Said(fact.Question(), f.InformationTypes?.Vietnamese() ?? None),
            Fact.NationalSecurityHarm => Said(fact.Question(), f.NationalSecurityHarm?.Vietnamese() ?? None),
            Fact.Strategic => YesNo(fact.Question(), f.Strategic),
            Fact.IndustrialControlClass => Said(fact.Question(), f.IndustrialControlClass?.Vietnamese() ?? None),
            Fact.ServesNationalSecurityWork => YesNo(fact.Question(), f.ServesNationalSecurityWork),
            Fact.OnlineServiceLevel => Number(fact.Question(), f.OnlineServiceLevel, zero: "Không có"),
            Fact.ConditionalBusinessLine => YesNo(fact.Question(), f.ConditionalBusinessLine),
            Fact.UserCount => Number(fact.Question(), f.UserCount),
            Fact.PersonalDataSubjects => f.BasicPersonalDataSubjects is null && f.SensitivePersonalDataSubjects is null
                ? Said("Số chủ thể dữ liệu cá nhân cơ bản / nhạy cảm", None)
                : Typed("Số chủ thể dữ liệu cá nhân cơ bản / nhạy cảm", $"{Count(f.BasicPersonalDataSubjects)} / {Count(f.SensitivePersonalDataSubjects)}"),
            Fact.HandlesAdministrativeProcedures => YesNo(fact.Question(), f.HandlesAdministrativeProcedures),
            Fact.InfrastructureScope => Said(fact.Question(), f.InfrastructureScope?.Vietnamese() ?? None),
            Fact.Requires24x7 => YesNo(fact.Question(), f.Requires24x7),
            Fact.NationalEGovernmentSystem => YesNo(fact.Question(), f.NationalEGovernmentSystem),
            Fact.CentralisedNationalData => YesNo(fact.Question(), f.CentralisedNationalData),
            Fact.InternationalInfrastructureLink => YesNo(fact.Question(), f.InternationalInfrastructureLink),
            Fact.DesignatedLevel => Number(fact.Question(), f.DesignatedLevel, zero: "Không"),
            _ => Number(fact.Question(), f.RiskFrameworkLevel, zero: "Không được đánh giá theo Khung"),
        };

        switch (step)
        {
            case 1:
                yield return Said("Văn bản áp dụng", dossier.RuleSet.Citation());
                yield return dossier.InvestmentStarted is { } started
                    ? Typed("Ngày bắt đầu đầu tư hệ thống", started.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture))
                    : Said("Ngày bắt đầu đầu tư hệ thống", "(không có)");
                if (dossier.RuleSetReason is { } reason)
                {
                    yield return Typed("Lý do chọn văn bản khác mặc định", reason);
                }

                break;
            case 2:
            case 3:
                // Only the questions the wizard asks for this system (LevelEngine.Questions), as it asks them.
                foreach (var fact in LevelEngine.Questions(dossier.RuleSet, f).Where(q => StepOf(q) == step))
                {
                    yield return Answer(fact);
                }

                break;
            case 4:
                yield return dossier.ProposedLevel is { } proposed
                    ? new AnswerRow("Cấp độ đề xuất", ["Cấp độ {0}"], Argument: proposed.ToString(CultureInfo.InvariantCulture))
                    : Said("Cấp độ đề xuất", "(chưa chọn)");
                if (dossier.ProposalJustification is { } why)
                {
                    yield return Typed("Lý do đề xuất cao hơn", why);
                }

                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(step), step, "The answers have steps 1 to 4.");
        }
    }

    /// <summary>How each section of the returned version stands now, then the sections added since, in the dossier's order.</summary>
    public static IReadOnlyList<(string Key, SectionChange Change)> Compare(
        IReadOnlyDictionary<string, string> returnedFingerprints, IReadOnlyList<DossierSection> now)
    {
        var current = now.ToDictionary(s => s.Key, StringComparer.Ordinal);
        var compared = returnedFingerprints
            .Select(r => (r.Key, Change: current.TryGetValue(r.Key, out var section)
                ? section.Fingerprint == r.Value ? SectionChange.Unchanged : SectionChange.Changed
                : SectionChange.Removed))
            .ToList();
        compared.AddRange(now.Where(s => !returnedFingerprints.ContainsKey(s.Key)).Select(s => (s.Key, SectionChange.Added)));
        var order = now.Select((s, i) => (s.Key, i)).ToDictionary(x => x.Key, x => x.i, StringComparer.Ordinal);
        return compared.OrderBy(c => order.GetValueOrDefault(c.Key, int.MaxValue)).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
    }

    public static string Vietnamese(this SectionChange change) => change switch
    {
        SectionChange.Unchanged => "Không thay đổi",
        SectionChange.Changed => "Đã sửa",
        SectionChange.Added => "Mới thêm",
        _ => "Đã gỡ",
    };

    /// <summary>The answers of a step as stored (names, not wording), so a new wording of a question never reads as a change.</summary>
    private static string RawAnswers(LevelDossier dossier, int step)
    {
        var f = dossier.Facts;
        object?[] values = step switch
        {
            1 => [dossier.RuleSet, dossier.InvestmentStarted, dossier.RuleSetReason],
            // The facts of issue 18 come last and only once answered, so a section returned before them keeps its fingerprint.
            2 => [f.FunctionKind, f.InformationTypes, f.NationalSecurityHarm, f.IndustrialControlClass, f.ServesNationalSecurityWork, .. Answered(f.Strategic)],
            3 =>
            [
                f.OnlineServiceLevel, f.ConditionalBusinessLine, f.UserCount, f.BasicPersonalDataSubjects, f.SensitivePersonalDataSubjects,
                f.HandlesAdministrativeProcedures, f.InfrastructureScope, f.Requires24x7, f.NationalEGovernmentSystem, f.CentralisedNationalData,
                f.InternationalInfrastructureLink, f.DesignatedLevel, .. Answered(f.RiskFrameworkLevel),
            ],
            _ => [dossier.ProposedLevel, dossier.ProposalJustification],
        };
        return string.Join("\u001f", values.Select(v => v is IFormattable formattable ? formattable.ToString(null, CultureInfo.InvariantCulture) : v?.ToString() ?? "∅"));
    }

    private static object?[] Answered(object? value) => value is null ? [] : [value];

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static (string Group, string Name) Split(string key)
    {
        var colon = key.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? (key, string.Empty) : (key[..colon], key[(colon + 1)..]);
    }
}
