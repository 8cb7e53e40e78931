using SecurityPortal.Domain.Common;

namespace SecurityPortal.Domain.Agencies;

/// <summary>A province agency or unit (cơ quan, đơn vị). The registry issue grows its behaviour.</summary>
public sealed class Agency : Entity
{
    public const int CodeMaxLength = 20;
    public const int NameMaxLength = 300;

    private Agency()
    {
        Code = string.Empty;
        Name = string.Empty;
        SearchName = string.Empty;
    }

    public Agency(string code, string name, AgencyKind kind, Guid? parentId = null)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            throw new DomainException("Mã định danh của cơ quan không được để trống.");
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException("Tên cơ quan không được để trống.");
        }

        Code = code.Trim().ToUpperInvariant();
        Kind = kind;
        ParentId = parentId;
        Name = string.Empty;
        SearchName = string.Empty;
        Rename(name);
    }

    public string Code { get; private set; }
    public string Name { get; private set; }
    public string? ShortName { get; set; }
    public AgencyKind Kind { get; set; }
    public Guid? ParentId { get; private set; }
    public string? HeadName { get; set; }
    public string? HeadTitle { get; set; }
    public string? ItContactName { get; set; }
    public string? ItContactPhone { get; set; }
    public string? ItContactEmail { get; set; }
    public string? Address { get; set; }

    /// <summary>The agency's own telephone (Mẫu 08 Part 2 (5), Decree 331/2026): not the IT contact's.</summary>
    public string? Phone { get; set; }

    /// <summary>The agency's own e-mail address (Mẫu 08 Part 2 (5)).</summary>
    public string? Email { get; set; }

    /// <summary>The document setting the agency's functions, duties and powers (Mẫu 08 Part 2 (2)), e.g. «Quyết định số …».</summary>
    public string? Mandate { get; set; }

    /// <summary>
    /// The agency or unit the agency, as an owner of systems, assigned as its specialised cybersecurity unit (đơn vị
    /// chuyên trách về an ninh mạng, Decree 331/2026 Art. 3.2): a unit under it in the tree, another agency, or itself.
    /// </summary>
    public Guid? SecurityUnitId { get; set; }
    public bool IsActive { get; private set; } = true;

    /// <summary>Set when the agency was merged into another one (re-organisation); it then stays inactive.</summary>
    public Guid? MergedIntoId { get; private set; }

    public DateOnly? MergedOn { get; private set; }

    /// <summary>The name folded for diacritic-insensitive search.</summary>
    public string SearchName { get; private set; }

    /// <summary>Moves the agency under another parent; <paramref name="parentOf"/> is the current tree.</summary>
    public void MoveTo(Guid? parentId, IReadOnlyDictionary<Guid, Guid?> parentOf)
    {
        AgencyTree.EnsureNoCycle(Id, parentId, parentOf);
        ParentId = parentId;
    }

    /// <summary>
    /// Merges this agency into <paramref name="target"/>: it becomes inactive and remembers where it went.
    /// Moving its systems and users is the caller's work, in the same save.
    /// </summary>
    public void MergeInto(Agency target, DateOnly on)
    {
        if (target.Id == Id)
        {
            throw new DomainException("Không thể sáp nhập một cơ quan vào chính nó.");
        }

        if (!IsActive)
        {
            throw new DomainException($"Cơ quan {Name} đã ngừng hoạt động, không thể sáp nhập.");
        }

        if (!target.IsActive)
        {
            throw new DomainException($"Cơ quan nhận sáp nhập {target.Name} đã ngừng hoạt động.");
        }

        IsActive = false;
        MergedIntoId = target.Id;
        MergedOn = on;
    }

    public void Rename(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException("Tên cơ quan không được để trống.");
        }

        Name = name.Trim();
        SearchName = SearchText.Normalize($"{Name} {ShortName} {Code}");
    }
}
