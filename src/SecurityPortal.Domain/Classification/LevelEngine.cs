using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Domain.Classification;

public enum RuleSet
{
    Decree85,
    Decree331,
}

/// <summary>A fact the engine needs, with the question the wizard asks for it.</summary>
public enum Fact
{
    FunctionKind,
    InformationTypes,
    NationalSecurityHarm,
    OnlineServiceLevel,
    ConditionalBusinessLine,
    UserCount,
    PersonalDataSubjects,
    HandlesAdministrativeProcedures,
    InfrastructureScope,
    Requires24x7,
    NationalEGovernmentSystem,
    IndustrialControlClass,
    ServesNationalSecurityWork,
    CentralisedNationalData,
    InternationalInfrastructureLink,
    DesignatedLevel,
}

/// <summary>One criterion of the law: the level it gives, where it is written, and when it applies.</summary>
public sealed record Criterion(int Level, string Citation, string Text, IReadOnlyList<Fact> Needs, Func<ClassificationFacts, bool> Applies);

/// <summary>The engine's answer: the level (highest matching criterion), every match with its citation, and what is missing.</summary>
public sealed record LevelResult(RuleSet RuleSet, int? Level, IReadOnlyList<Criterion> Matched, IReadOnlyList<Fact> MissingFacts)
{
    /// <summary>Missing facts could still raise the level: the answer is then "at least <see cref="Level"/>".</summary>
    public bool IsComplete => MissingFacts.Count == 0;
}

/// <summary>
/// Decree 85/2016 Art. 7–11 and Decree 331/2026 Art. 11–15 as tables of criteria. A system is at the highest
/// level any criterion gives it (Decree 331 Art. 8.2); facts that are missing are reported, never guessed.
/// </summary>
public static class LevelEngine
{
    public static LevelResult Evaluate(RuleSet ruleSet, ClassificationFacts facts)
    {
        var criteria = ruleSet == RuleSet.Decree85 ? Decree85Criteria.All : Decree331Criteria.All;
        var missing = new SortedSet<Fact>();
        var matched = new List<Criterion>();
        foreach (var criterion in criteria)
        {
            var unknown = criterion.Needs.Where(f => !IsKnown(facts, f)).ToList();
            if (unknown.Count > 0)
            {
                missing.UnionWith(unknown);
                continue;
            }

            if (criterion.Applies(facts))
            {
                matched.Add(criterion);
            }
        }

        int? level = matched.Count == 0 ? null : matched.Max(c => c.Level);
        // A missing fact matters only if a criterion needing it could give a higher level than what matched.
        var relevant = missing.Where(f => criteria.Any(c => c.Needs.Contains(f) && (level is null || c.Level > level))).ToList();
        return new LevelResult(ruleSet, level, matched.OrderByDescending(c => c.Level).ToList(), relevant);
    }

    /// <summary>
    /// Decree 331 for dossiers from 19/8/2026; Decree 85 for systems whose investment began before 01/7/2026 while
    /// the transition lasts (Decree 331 Art. 39.1: six months from 01/7/2026), and for older dossiers.
    /// </summary>
    public static RuleSet DefaultRuleSet(DateOnly dossierCreated, DateOnly? investmentStarted)
    {
        if (investmentStarted is { } started && started < new DateOnly(2026, 7, 1) && dossierCreated <= new DateOnly(2026, 12, 31))
        {
            return RuleSet.Decree85;
        }

        return dossierCreated >= new DateOnly(2026, 8, 19) ? RuleSet.Decree331 : RuleSet.Decree85;
    }

    private static bool IsKnown(ClassificationFacts f, Fact fact) => fact switch
    {
        Fact.FunctionKind => f.FunctionKind is not null,
        Fact.InformationTypes => f.InformationTypes is not null,
        // The harm is needed only when state secrets are processed; without them it is "none".
        Fact.NationalSecurityHarm => f.InformationTypes is { } t && (!t.HasFlag(InformationTypes.StateSecret) || f.NationalSecurityHarm is not null),
        Fact.OnlineServiceLevel => f.OnlineServiceLevel is not null,
        Fact.ConditionalBusinessLine => f.ConditionalBusinessLine is not null,
        Fact.UserCount => f.UserCount is not null,
        Fact.PersonalDataSubjects => f.BasicPersonalDataSubjects is not null && f.SensitivePersonalDataSubjects is not null,
        Fact.HandlesAdministrativeProcedures => f.HandlesAdministrativeProcedures is not null,
        Fact.InfrastructureScope => f.InfrastructureScope is not null,
        Fact.Requires24x7 => f.Requires24x7 is not null,
        Fact.NationalEGovernmentSystem => f.NationalEGovernmentSystem is not null,
        Fact.IndustrialControlClass => f.IndustrialControlClass is not null || f.FunctionKind is not SystemFunctionKind.IndustrialControl,
        Fact.ServesNationalSecurityWork => f.ServesNationalSecurityWork is not null || f.FunctionKind is not SystemFunctionKind.IndustrialControl,
        Fact.CentralisedNationalData => f.CentralisedNationalData is not null,
        Fact.InternationalInfrastructureLink => f.InternationalInfrastructureLink is not null,
        Fact.DesignatedLevel => f.DesignatedLevel is not null,
        _ => false,
    };

    // Small predicates shared by both decrees.
    internal static bool Is(ClassificationFacts f, SystemFunctionKind kind) => f.FunctionKind == kind;

    internal static bool OnlyPublic(ClassificationFacts f) => f.InformationTypes == InformationTypes.Public;

    internal static bool PrivateOrPersonal(ClassificationFacts f) =>
        f.InformationTypes is { } t && (t.HasFlag(InformationTypes.Private) || t.HasFlag(InformationTypes.Personal));

    internal static bool StateSecret(ClassificationFacts f) => f.InformationTypes is { } t && t.HasFlag(InformationTypes.StateSecret);

    internal static bool Harm(ClassificationFacts f, NationalSecurityHarm harm) => StateSecret(f) && f.NationalSecurityHarm == harm;

    internal static bool WorkClass(ClassificationFacts f, params ConstructionWorkClass[] classes) =>
        Is(f, SystemFunctionKind.IndustrialControl) && f.IndustrialControlClass is { } c && classes.Contains(c);

    // Criteria whose wording is the same in both decrees; the tables cite them per decree.
    internal static bool InternalPublicOnly(ClassificationFacts f) => Is(f, SystemFunctionKind.Internal) && OnlyPublic(f);

    internal static bool InternalPrivateNoSecret(ClassificationFacts f) => Is(f, SystemFunctionKind.Internal) && PrivateOrPersonal(f) && !StateSecret(f);

    internal static bool CitizenService(ClassificationFacts f, bool conditionalBusiness) =>
        Is(f, SystemFunctionKind.CitizenBusinessService) && f.ConditionalBusinessLine == conditionalBusiness;

    internal static bool Infrastructure(ClassificationFacts f, InfrastructureScope scope) =>
        Is(f, SystemFunctionKind.InformationInfrastructure) && f.InfrastructureScope == scope;

    internal static bool IcsSpecialOrNationalSecurity(ClassificationFacts f) =>
        WorkClass(f, ConstructionWorkClass.Special) || (Is(f, SystemFunctionKind.IndustrialControl) && f.ServesNationalSecurityWork == true);

    internal static readonly ConstructionWorkClass[] ClassesTwoToFour = [ConstructionWorkClass.ClassII, ConstructionWorkClass.ClassIII, ConstructionWorkClass.ClassIV];
}
