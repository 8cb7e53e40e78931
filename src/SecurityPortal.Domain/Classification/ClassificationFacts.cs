using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Domain.Classification;

/// <summary>How much harm sabotage of a system that processes state secrets (or serves defence and security) would do.</summary>
public enum NationalSecurityHarm
{
    None,
    Harm,
    Serious,
    EspeciallySerious,
}

/// <summary>The facts a level decision rests on; null means "not answered yet", which the engine reports.</summary>
public sealed record ClassificationFacts
{
    public SystemFunctionKind? FunctionKind { get; init; }
    public InformationTypes? InformationTypes { get; init; }

    /// <summary>Required when state secrets are processed (or the system serves defence and security).</summary>
    public NationalSecurityHarm? NationalSecurityHarm { get; init; }

    /// <summary>Online public service level 1–4; 0 when the system provides none (Decree 85 wording).</summary>
    public int? OnlineServiceLevel { get; init; }

    public bool? ConditionalBusinessLine { get; init; }

    /// <summary>Users whose private or personal information is processed (Decree 85 threshold 10,000).</summary>
    public int? UserCount { get; init; }

    public int? BasicPersonalDataSubjects { get; init; }
    public int? SensitivePersonalDataSubjects { get; init; }
    public bool? HandlesAdministrativeProcedures { get; init; }
    public InfrastructureScope? InfrastructureScope { get; init; }
    public bool? Requires24x7 { get; init; }
    public bool? NationalEGovernmentSystem { get; init; }
    public ConstructionWorkClass? IndustrialControlClass { get; init; }
    public bool? ServesNationalSecurityWork { get; init; }
    public bool? CentralisedNationalData { get; init; }
    public bool? InternationalInfrastructureLink { get; init; }

    /// <summary>A level set by a Prime Minister's decision or by the risk-management framework; 0 when none.</summary>
    public int? DesignatedLevel { get; init; }

    /// <summary>The facts the registry already knows about a system; the dossier wizard asks for the rest.</summary>
    public static ClassificationFacts From(InformationSystem system) => new()
    {
        FunctionKind = system.FunctionKind,
        InformationTypes = system.InformationTypes == Systems.InformationTypes.None ? null : system.InformationTypes,
        OnlineServiceLevel = system.OnlineServiceLevel ?? 0,
        ConditionalBusinessLine = system.ConditionalBusinessLine,
        UserCount = system.UserCount,
        BasicPersonalDataSubjects = system.BasicPersonalDataSubjects,
        SensitivePersonalDataSubjects = system.SensitivePersonalDataSubjects,
        HandlesAdministrativeProcedures = system.HandlesAdministrativeProcedures,
        InfrastructureScope = system.InfrastructureScope,
        Requires24x7 = system.Requires24x7,
        IndustrialControlClass = system.IndustrialControlClass,
    };
}
