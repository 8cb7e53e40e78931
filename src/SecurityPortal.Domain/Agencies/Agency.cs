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
    public bool IsActive { get; private set; } = true;

    /// <summary>The name folded for diacritic-insensitive search.</summary>
    public string SearchName { get; private set; }

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
