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

    /// <summary>
    /// The system processing state secrets or serving defence and security is «mang tính chiến lược» (Decree 331
    /// Art. 15.1); asked only when the harm would be especially serious.
    /// </summary>
    public bool? Strategic { get; init; }

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

    /// <summary>
    /// A level set by a Prime Minister's decision (Decree 85 Art. 11.5, Decree 331 Art. 12.4–15.5); 0 when none.
    /// Dossiers before issue 18 may hold here a level from the risk-management framework as well.
    /// </summary>
    public int? DesignatedLevel { get; init; }

    /// <summary>
    /// The level the system was assessed at under the cybersecurity risk-management framework (Decree 331 Art. 11.2,
    /// 12.4, 13.5, 14.4, 15.5); 0 when it was not assessed under it.
    /// </summary>
    public int? RiskFrameworkLevel { get; init; }

    /// <summary>Whether the question for <paramref name="fact"/> has an answer (both counts for the data subjects).</summary>
    public bool IsAnswered(Fact fact) => fact == Fact.PersonalDataSubjects
        ? BasicPersonalDataSubjects is not null && SensitivePersonalDataSubjects is not null
        : Without(fact) != this;

    /// <summary>No question answered.</summary>
    public static ClassificationFacts Unanswered { get; } = new();

    /// <summary>These facts with the answer to <paramref name="fact"/> taken away.</summary>
    public ClassificationFacts Without(Fact fact) => WithAnswerFrom(fact, Unanswered);

    /// <summary>These facts with the answer to <paramref name="fact"/> taken from <paramref name="source"/>.</summary>
    public ClassificationFacts WithAnswerFrom(Fact fact, ClassificationFacts source) => fact switch
    {
        Fact.FunctionKind => this with { FunctionKind = source.FunctionKind },
        Fact.InformationTypes => this with { InformationTypes = source.InformationTypes },
        Fact.NationalSecurityHarm => this with { NationalSecurityHarm = source.NationalSecurityHarm },
        Fact.Strategic => this with { Strategic = source.Strategic },
        Fact.IndustrialControlClass => this with { IndustrialControlClass = source.IndustrialControlClass },
        Fact.ServesNationalSecurityWork => this with { ServesNationalSecurityWork = source.ServesNationalSecurityWork },
        Fact.OnlineServiceLevel => this with { OnlineServiceLevel = source.OnlineServiceLevel },
        Fact.ConditionalBusinessLine => this with { ConditionalBusinessLine = source.ConditionalBusinessLine },
        Fact.UserCount => this with { UserCount = source.UserCount },
        Fact.PersonalDataSubjects => this with { BasicPersonalDataSubjects = source.BasicPersonalDataSubjects, SensitivePersonalDataSubjects = source.SensitivePersonalDataSubjects },
        Fact.HandlesAdministrativeProcedures => this with { HandlesAdministrativeProcedures = source.HandlesAdministrativeProcedures },
        Fact.InfrastructureScope => this with { InfrastructureScope = source.InfrastructureScope },
        Fact.Requires24x7 => this with { Requires24x7 = source.Requires24x7 },
        Fact.NationalEGovernmentSystem => this with { NationalEGovernmentSystem = source.NationalEGovernmentSystem },
        Fact.CentralisedNationalData => this with { CentralisedNationalData = source.CentralisedNationalData },
        Fact.InternationalInfrastructureLink => this with { InternationalInfrastructureLink = source.InternationalInfrastructureLink },
        Fact.DesignatedLevel => this with { DesignatedLevel = source.DesignatedLevel },
        Fact.RiskFrameworkLevel => this with { RiskFrameworkLevel = source.RiskFrameworkLevel },
        _ => throw new ArgumentOutOfRangeException(nameof(fact), fact, "Unknown fact."),
    };

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
