namespace SecurityPortal.Domain.Catalog;

/// <summary>What changed between two catalog versions, requirement by requirement (matched by code).</summary>
public sealed record CatalogDiff(
    IReadOnlyList<CatalogRequirement> Added,
    IReadOnlyList<CatalogRequirement> Removed,
    IReadOnlyList<(CatalogRequirement From, CatalogRequirement To, IReadOnlyList<string> Changes)> Changed)
{
    public static CatalogDiff Compare(CatalogVersion from, CatalogVersion to)
    {
        var before = from.Requirements.ToDictionary(r => r.Code, StringComparer.OrdinalIgnoreCase);
        var after = to.Requirements.ToDictionary(r => r.Code, StringComparer.OrdinalIgnoreCase);
        var added = to.Requirements.Where(r => !before.ContainsKey(r.Code)).OrderBy(r => r.Order).ToList();
        var removed = from.Requirements.Where(r => !after.ContainsKey(r.Code)).OrderBy(r => r.Order).ToList();
        var changed = new List<(CatalogRequirement, CatalogRequirement, IReadOnlyList<string>)>();
        foreach (var next in to.Requirements.OrderBy(r => r.Order))
        {
            if (!before.TryGetValue(next.Code, out var previous))
            {
                continue;
            }

            var changes = Changes(previous, next);
            if (changes.Count > 0)
            {
                changed.Add((previous, next, changes));
            }
        }

        return new CatalogDiff(added, removed, changed);
    }

    private static List<string> Changes(CatalogRequirement a, CatalogRequirement b)
    {
        var changes = new List<string>();
        if (a.Title != b.Title)
        {
            changes.Add($"Tên: «{a.Title}» → «{b.Title}»");
        }

        if (a.Text != b.Text)
        {
            changes.Add("Nội dung yêu cầu thay đổi");
        }

        if (a.GroupCode != b.GroupCode)
        {
            changes.Add($"Nhóm: {a.GroupCode} → {b.GroupCode}");
        }

        var levelsA = string.Join(", ", a.Levels.Select(l => l.Level).Order());
        var levelsB = string.Join(", ", b.Levels.Select(l => l.Level).Order());
        if (levelsA != levelsB)
        {
            changes.Add($"Cấp độ áp dụng: {levelsA} → {levelsB}");
        }

        foreach (var level in b.Levels.OrderBy(l => l.Level))
        {
            if (a.ForLevel(level.Level) is { } old && (old.Text != level.Text || old.Reference != level.Reference))
            {
                changes.Add($"Cấp độ {level.Level}: nội dung hoặc căn cứ thay đổi");
            }
        }

        return changes;
    }
}
