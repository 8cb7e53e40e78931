using SecurityPortal.Domain.Common;

namespace SecurityPortal.Domain.Systems;

/// <summary>
/// An information system (hệ thống thông tin) with the facts Circular 12/2022 Art. 8 and Mẫu 08 ask for,
/// its addresses and its software inventory. It is never deleted while anything refers to it: it is
/// decommissioned.
/// </summary>
public sealed class InformationSystem : Entity
{
    public const int NameMaxLength = 300;
    public const int CodeMaxLength = 30;
    public const int DescriptionMaxLength = 4000;

    private readonly List<SystemEndpoint> _endpoints = [];
    private readonly List<SoftwareComponent> _components = [];

    private InformationSystem()
    {
        Name = string.Empty;
        Code = string.Empty;
        SearchText = string.Empty;
    }

    public InformationSystem(string code, string name, Guid ownerAgencyId, Guid operatorAgencyId)
    {
        Code = string.Empty;
        Name = string.Empty;
        SearchText = string.Empty;
        SetIdentity(code, name, null);
        OwnerAgencyId = ownerAgencyId;
        OperatorAgencyId = operatorAgencyId;
    }

    public string Code { get; private set; }
    public string Name { get; private set; }
    public string? Description { get; private set; }
    public Guid OwnerAgencyId { get; set; }
    public Guid OperatorAgencyId { get; set; }
    public SystemFunctionKind FunctionKind { get; set; }
    public InformationTypes InformationTypes { get; set; }
    public int? UserCount { get; set; }
    public int? BasicPersonalDataSubjects { get; set; }
    public int? SensitivePersonalDataSubjects { get; set; }

    /// <summary>Online public service level 1–4 where the system provides one (Decree 85 wording).</summary>
    public int? OnlineServiceLevel { get; set; }

    public bool HandlesAdministrativeProcedures { get; set; }
    public bool ConditionalBusinessLine { get; set; }
    public InfrastructureScope InfrastructureScope { get; set; }
    public bool Requires24x7 { get; set; }
    public ConstructionWorkClass? IndustrialControlClass { get; set; }
    public HostingModel Hosting { get; set; }
    public string? HostingProvider { get; set; }
    public LifecycleStatus Lifecycle { get; private set; } = LifecycleStatus.Operating;
    public DateOnly? GoLiveDate { get; set; }
    public string? TechnicalContactName { get; set; }
    public string? TechnicalContactPhone { get; set; }
    public string? TechnicalContactEmail { get; set; }

    /// <summary>Set only by an approved level dossier (<see cref="ApplyApprovedLevel"/>).</summary>
    public int? ApprovedLevel { get; private set; }

    /// <summary>The dossier whose decision set <see cref="ApprovedLevel"/>, and the decision's date.</summary>
    public Guid? ApprovedDossierId { get; private set; }

    public DateOnly? ApprovedOn { get; private set; }

    /// <summary>Name, code and description folded for diacritic-insensitive search.</summary>
    public string SearchText { get; private set; }

    public IReadOnlyList<SystemEndpoint> Endpoints => _endpoints;
    public IReadOnlyList<SoftwareComponent> Components => _components;

    public void SetIdentity(string code, string name, string? description)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            throw new DomainException("Mã hệ thống không được để trống.");
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            throw new DomainException("Tên hệ thống không được để trống.");
        }

        if (code.Trim().Length > CodeMaxLength || name.Trim().Length > NameMaxLength || description?.Trim().Length > DescriptionMaxLength)
        {
            throw new DomainException($"Mã hệ thống tối đa {CodeMaxLength} ký tự, tên tối đa {NameMaxLength} ký tự, mô tả tối đa {DescriptionMaxLength} ký tự.");
        }

        Code = code.Trim().ToUpperInvariant();
        Name = name.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        SearchText = Common.SearchText.Normalize($"{Name} {Code} {Description}");
    }

    /// <summary>Called by <see cref="Dossiers.LevelDossier.Approve"/>: the approved level replaces the previous one.</summary>
    internal void ApplyApprovedLevel(int level, Guid dossierId, DateOnly decisionDate)
    {
        ApprovedLevel = level;
        ApprovedDossierId = dossierId;
        ApprovedOn = decisionDate;
    }

    public void ChangeLifecycle(LifecycleStatus status, DateOnly? goLiveDate)
    {
        Lifecycle = status;
        GoLiveDate = goLiveDate;
    }

    /// <summary>A soft state: the system and everything attached to it stay, for history and reports.</summary>
    public void Decommission()
    {
        if (Lifecycle == LifecycleStatus.Decommissioned)
        {
            throw new DomainException("Hệ thống này đã ngừng sử dụng.");
        }

        Lifecycle = LifecycleStatus.Decommissioned;
    }

    public SystemEndpoint AddEndpoint(string url, bool isPublic)
    {
        var endpoint = new SystemEndpoint(Id, SystemEndpoint.NormalizeUrl(url), isPublic);
        if (_endpoints.Any(e => string.Equals(e.Url, endpoint.Url, StringComparison.OrdinalIgnoreCase)))
        {
            throw new DomainException($"Địa chỉ {endpoint.Url} đã có trong hệ thống này.");
        }

        _endpoints.Add(endpoint);
        return endpoint;
    }

    public void RemoveEndpoint(Guid endpointId) => _endpoints.RemoveAll(e => e.Id == endpointId);

    public SoftwareComponent AddComponent(ComponentKind kind, string product, string? vendor, string? version)
    {
        var component = new SoftwareComponent(Id, kind, product, vendor, version);
        _components.Add(component);
        return component;
    }

    public void RemoveComponent(Guid componentId) => _components.RemoveAll(c => c.Id == componentId);

    /// <summary>The components that need attention today: past end of life, not patched recently, or patch date unknown.</summary>
    public IEnumerable<SoftwareComponent> FlaggedComponents(DateOnly today, int maxDaysSincePatch) =>
        _components.Where(c => c.Alert(today, maxDaysSincePatch) != ComponentAlert.None);
}
