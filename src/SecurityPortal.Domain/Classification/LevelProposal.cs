using SecurityPortal.Domain.Common;

namespace SecurityPortal.Domain.Classification;

/// <summary>The officer's proposed level, checked against the engine's answer.</summary>
public static class LevelProposal
{
    public const int JustificationMaxLength = 4000;

    /// <summary>
    /// The engine's level is a floor: a higher level may be proposed with a justification (for example after a
    /// risk assessment, Decree 331 Art. 10.5); a lower one is refused, naming the criteria that forbid it.
    /// </summary>
    public static void Check(LevelResult result, int proposed, string? justification)
    {
        if (proposed is < 1 or > 5)
        {
            throw new DomainException("Cấp độ đề xuất phải từ 1 đến 5.");
        }

        if (result.Level is { } floor && proposed < floor)
        {
            var forbidding = string.Join("; ", result.Matched.Where(c => c.Level > proposed).Select(c => c.Citation));
            throw new DomainException($"Không thể đề xuất cấp độ {proposed} thấp hơn cấp độ {floor} theo tiêu chí: {forbidding}.");
        }

        if ((result.Level is null || proposed > result.Level) && string.IsNullOrWhiteSpace(justification))
        {
            throw new DomainException(result.Level is null
                ? "Chưa có tiêu chí nào xác định cấp độ: cần nêu rõ lý do đề xuất cấp độ này."
                : $"Đề xuất cấp độ {proposed} cao hơn cấp độ {result.Level} theo tiêu chí: cần nêu rõ lý do.");
        }

        if (justification?.Trim().Length > JustificationMaxLength)
        {
            throw new DomainException($"Lý do không được dài quá {JustificationMaxLength} ký tự.");
        }
    }
}
