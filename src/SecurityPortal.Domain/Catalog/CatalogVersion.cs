using SecurityPortal.Domain.Common;

namespace SecurityPortal.Domain.Catalog;

public enum CatalogStatus
{
    Draft,
    Published,
    Retired,
}

public enum RequirementKind
{
    Management,
    Technical,
}

/// <summary>The Vietnamese names of a catalog's status and of a requirement's kind.</summary>
public static class CatalogText
{
    public static string Vietnamese(this CatalogStatus status) => status switch
    {
        CatalogStatus.Draft => "dự thảo",
        CatalogStatus.Published => "đã công bố",
        _ => "ngừng áp dụng",
    };

    public static string Vietnamese(this RequirementKind kind) => kind == RequirementKind.Management ? "Quản lý" : "Kỹ thuật";
}

/// <summary>
/// A version of the requirement catalog (for example "TT12-2022": Circular 12/2022 Annexes I–V with TCVN
/// 11930:2017). A published version never changes: a change is a new version, so an assessment pinned to a
/// version always reads the same requirements.
/// </summary>
public sealed class CatalogVersion : Entity
{
    public const int CodeMaxLength = 50;
    public const int TitleMaxLength = 300;
    public const int TextMaxLength = 4000;

    private readonly List<CatalogGroup> _groups = [];
    private readonly List<CatalogRequirement> _requirements = [];

    private CatalogVersion()
    {
        Code = string.Empty;
        Title = string.Empty;
        LegalBasis = string.Empty;
        ContentHash = string.Empty;
    }

    public CatalogVersion(string code, string title, string legalBasis, DateOnly effectiveDate, string contentHash)
    {
        Code = code;
        Title = title;
        LegalBasis = legalBasis;
        EffectiveDate = effectiveDate;
        ContentHash = contentHash;
        Status = CatalogStatus.Draft;
    }

    public string Code { get; private set; }
    public string Title { get; private set; }
    public string LegalBasis { get; private set; }
    public DateOnly EffectiveDate { get; private set; }
    public CatalogStatus Status { get; private set; }

    /// <summary>SHA-256 of the catalog file it was loaded from: loading the same file again changes nothing.</summary>
    public string ContentHash { get; private set; }

    public IReadOnlyList<CatalogGroup> Groups => _groups;
    public IReadOnlyList<CatalogRequirement> Requirements => _requirements;

    public CatalogGroup AddGroup(string code, RequirementKind kind, string title, string? titleEn)
    {
        EnsureDraft();
        var group = new CatalogGroup(Id, code, kind, title, titleEn, _groups.Count + 1);
        _groups.Add(group);
        return group;
    }

    public CatalogRequirement AddRequirement(
        string code, string groupCode, RequirementKind kind, string title, string? titleEn, string text, string? guidance, string? evidence,
        IEnumerable<(int Level, string Text, string Reference)> levels)
    {
        EnsureDraft();
        var requirement = new CatalogRequirement(Id, code, groupCode, kind, title, titleEn, text, guidance, evidence, _requirements.Count + 1);
        foreach (var (level, levelText, reference) in levels)
        {
            requirement.AddLevel(level, levelText, reference);
        }

        _requirements.Add(requirement);
        return requirement;
    }

    public void Publish()
    {
        EnsureDraft();
        if (_requirements.Count == 0)
        {
            throw new DomainException("Danh mục chưa có yêu cầu nào: không thể công bố.");
        }

        Status = CatalogStatus.Published;
    }

    public void Retire()
    {
        if (Status != CatalogStatus.Published)
        {
            throw new DomainException("Chỉ danh mục đã công bố mới được ngừng áp dụng.");
        }

        Status = CatalogStatus.Retired;
    }

    /// <summary>The requirements that apply to a level, in catalog order.</summary>
    public IEnumerable<CatalogRequirement> ApplicableTo(int level) => _requirements.Where(r => r.AppliesTo(level)).OrderBy(r => r.Order);

    private void EnsureDraft()
    {
        if (Status != CatalogStatus.Draft)
        {
            throw new DomainException($"Danh mục {Code} đã công bố: không được thay đổi; mọi thay đổi là một phiên bản mới.");
        }
    }
}

public sealed class CatalogGroup : IAggregatePart
{
    private CatalogGroup()
    {
        Code = string.Empty;
        Title = string.Empty;
    }

    internal CatalogGroup(Guid versionId, string code, RequirementKind kind, string title, string? titleEn, int order)
    {
        VersionId = versionId;
        Code = code;
        Kind = kind;
        Title = title;
        TitleEn = titleEn;
        Order = order;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid VersionId { get; private set; }

    Guid IAggregatePart.AggregateId => VersionId;
    public string Code { get; private set; }
    public RequirementKind Kind { get; private set; }
    public string Title { get; private set; }
    public string? TitleEn { get; private set; }
    public int Order { get; private set; }
}

public sealed class CatalogRequirement : IAggregatePart
{
    private readonly List<RequirementLevel> _levels = [];

    private CatalogRequirement()
    {
        Code = string.Empty;
        GroupCode = string.Empty;
        Title = string.Empty;
        Text = string.Empty;
    }

    internal CatalogRequirement(
        Guid versionId, string code, string groupCode, RequirementKind kind, string title, string? titleEn, string text, string? guidance, string? evidence, int order)
    {
        VersionId = versionId;
        Code = code;
        GroupCode = groupCode;
        Kind = kind;
        Title = title;
        TitleEn = titleEn;
        Text = text;
        Guidance = guidance;
        Evidence = evidence;
        Order = order;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid VersionId { get; private set; }

    Guid IAggregatePart.AggregateId => VersionId;
    public string Code { get; private set; }
    public string GroupCode { get; private set; }
    public RequirementKind Kind { get; private set; }
    public string Title { get; private set; }
    public string? TitleEn { get; private set; }
    public string Text { get; private set; }
    public string? Guidance { get; private set; }
    public string? Evidence { get; private set; }
    public int Order { get; private set; }
    public IReadOnlyList<RequirementLevel> Levels => _levels;

    public bool AppliesTo(int level) => _levels.Any(l => l.Level == level);

    public RequirementLevel? ForLevel(int level) => _levels.FirstOrDefault(l => l.Level == level);

    internal void AddLevel(int level, string text, string reference) => _levels.Add(new RequirementLevel(Id, level, text, reference));
}

/// <summary>How a requirement reads at one level, and where that level's annex states it.</summary>
public sealed class RequirementLevel
{
    private RequirementLevel()
    {
        Text = string.Empty;
        Reference = string.Empty;
    }

    internal RequirementLevel(Guid requirementId, int level, string text, string reference)
    {
        RequirementId = requirementId;
        Level = level;
        Text = text;
        Reference = reference;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid RequirementId { get; private set; }
    public int Level { get; private set; }
    public string Text { get; private set; }
    public string Reference { get; private set; }
}
