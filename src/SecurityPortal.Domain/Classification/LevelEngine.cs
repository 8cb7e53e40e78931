using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Domain.Classification;

public enum RuleSet
{
    Decree85,
    Decree331,
}

/// <summary>A fact the engine needs, with the question the wizard asks for it, in the order the wizard asks them.</summary>
public enum Fact
{
    FunctionKind,
    InformationTypes,
    NationalSecurityHarm,
    Strategic,
    IndustrialControlClass,
    ServesNationalSecurityWork,
    OnlineServiceLevel,
    ConditionalBusinessLine,
    UserCount,
    PersonalDataSubjects,
    HandlesAdministrativeProcedures,
    InfrastructureScope,
    Requires24x7,
    NationalEGovernmentSystem,
    CentralisedNationalData,
    InternationalInfrastructureLink,
    DesignatedLevel,
    RiskFrameworkLevel,
}

/// <summary>One criterion of the law: the level it gives, where it is written, and the condition it sets on the facts.</summary>
public sealed record Criterion(int Level, string Citation, string Text, Condition When)
{
    /// <summary>Every fact the criterion reads.</summary>
    public IReadOnlyList<Fact> Needs => When.Facts.ToList();

    public bool Applies(ClassificationFacts facts) => When.Evaluate(facts) == true;

    /// <summary>Decided (true or false) from the facts answered so far.</summary>
    public bool IsDecided(ClassificationFacts facts) => When.Evaluate(facts) is not null;
}

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
    public static IReadOnlyList<Criterion> Criteria(RuleSet ruleSet) => ruleSet == RuleSet.Decree85 ? Decree85Criteria.All : Decree331Criteria.All;

    /// <summary>
    /// The level and its criteria. A criterion is decided as soon as its condition is known (one sufficient branch of
    /// a «hoặc» is enough); the missing facts are the next questions (<see cref="Condition.Undecided"/>) of the undecided
    /// criteria that could give a higher level than the one reached.
    /// </summary>
    public static LevelResult Evaluate(RuleSet ruleSet, ClassificationFacts facts)
    {
        var criteria = Criteria(ruleSet);
        var matched = criteria.Where(c => c.Applies(facts)).OrderByDescending(c => c.Level).ToList();
        int? level = matched.Count == 0 ? null : matched[0].Level;
        var missing = criteria.Where(c => level is null || c.Level > level)
            .SelectMany(c => c.When.Undecided(facts))
            .Distinct().Order().ToList();
        return new LevelResult(ruleSet, level, matched, missing);
    }

    /// <summary>
    /// The questions the wizard asks, in its order: a question is asked when, given the answers to the questions
    /// before it, an undecided criterion that could still raise the level needs it. What the system is (its function
    /// kind) thus decides most of the list, and an answer can make a later question unnecessary, never an earlier one.
    /// Every fact <see cref="Evaluate"/> reports missing is among them.
    /// </summary>
    public static IReadOnlyList<Fact> Questions(RuleSet ruleSet, ClassificationFacts facts)
    {
        var asked = new List<Fact>();
        var known = ClassificationFacts.Unanswered;
        foreach (var fact in Enum.GetValues<Fact>())
        {
            // `known` holds the answers to the questions before this one only.
            if (Evaluate(ruleSet, known).MissingFacts.Contains(fact))
            {
                asked.Add(fact);
            }

            known = known.WithAnswerFrom(fact, facts);
        }

        return asked;
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

    // Conditions shared by both decrees: each reads one fact, and is unknown while that fact is unanswered.
    internal static Condition Kind(SystemFunctionKind kind) => Condition.When(Fact.FunctionKind, f => f.FunctionKind == kind);

    internal static Condition Information(Func<InformationTypes, bool> test) => Condition.When(Fact.InformationTypes, f => test(f.InformationTypes!.Value));

    internal static Condition Yes(Fact fact, Func<ClassificationFacts, bool?> answer) => Condition.When(fact, f => answer(f) == true);

    internal static Condition No(Fact fact, Func<ClassificationFacts, bool?> answer) => Condition.When(fact, f => answer(f) == false);

    internal static bool PrivateOrPersonal(InformationTypes t) => t.HasFlag(InformationTypes.Private) || t.HasFlag(InformationTypes.Personal);

    internal static Condition ProcessesPrivateOrPersonal => Information(PrivateOrPersonal);

    /// <summary>State secrets processed and the harm of sabotage one of <paramref name="harms"/> (the harm is asked only with state secrets).</summary>
    internal static Condition Harm(params NationalSecurityHarm[] harms) => Condition.AllOf(
        Information(t => t.HasFlag(InformationTypes.StateSecret)),
        Condition.When(Fact.NationalSecurityHarm, f => harms.Contains(f.NationalSecurityHarm!.Value)));

    internal static Condition WorkClass(params ConstructionWorkClass[] classes) => Condition.AllOf(
        Kind(SystemFunctionKind.IndustrialControl),
        Condition.When(Fact.IndustrialControlClass, f => classes.Contains(f.IndustrialControlClass!.Value)));

    internal static Condition Infrastructure(InfrastructureScope scope) => Condition.AllOf(
        Kind(SystemFunctionKind.InformationInfrastructure),
        Condition.When(Fact.InfrastructureScope, f => f.InfrastructureScope == scope));

    internal static Condition CitizenService(params Condition[] parts) => Condition.AllOf([Kind(SystemFunctionKind.CitizenBusinessService), .. parts]);

    internal static Condition PrimeMinisterDecision(int level) => Condition.When(Fact.DesignatedLevel, f => f.DesignatedLevel == level);

    internal static Condition RiskFramework(int level) => Condition.When(Fact.RiskFrameworkLevel, f => f.RiskFrameworkLevel == level);

    // Criteria whose wording is the same in both decrees; the tables cite them per decree.
    internal static Condition InternalPublicOnly => Condition.AllOf(Kind(SystemFunctionKind.Internal), Information(t => t == InformationTypes.Public));

    internal static Condition InternalPrivateNoSecret => Condition.AllOf(
        Kind(SystemFunctionKind.Internal), Information(t => PrivateOrPersonal(t) && !t.HasFlag(InformationTypes.StateSecret)));

    internal static Condition ConditionalBusiness(bool listed) => CitizenService(listed
        ? Yes(Fact.ConditionalBusinessLine, f => f.ConditionalBusinessLine)
        : No(Fact.ConditionalBusinessLine, f => f.ConditionalBusinessLine));

    /// <summary>Decree 85 Art. 11.4, Decree 331 Art. 15.4: a special-class work decides it without the national-security question.</summary>
    internal static Condition IcsSpecialOrNationalSecurity => Condition.AllOf(
        Kind(SystemFunctionKind.IndustrialControl),
        Condition.AnyOf(
            Condition.When(Fact.IndustrialControlClass, f => f.IndustrialControlClass == ConstructionWorkClass.Special),
            Yes(Fact.ServesNationalSecurityWork, f => f.ServesNationalSecurityWork)));

    /// <summary>Decree 85 Art. 11.3, Decree 331 Art. 15.3: national infrastructure linking Viet Nam with other countries.</summary>
    internal static Condition InternationalLink => Condition.AllOf(
        Kind(SystemFunctionKind.InformationInfrastructure), Yes(Fact.InternationalInfrastructureLink, f => f.InternationalInfrastructureLink));

    internal static Condition NationalEGovernment24x7 => Condition.AllOf(
        Yes(Fact.Requires24x7, f => f.Requires24x7), Yes(Fact.NationalEGovernmentSystem, f => f.NationalEGovernmentSystem));

    internal static Condition NationwideInfrastructure24x7 => Condition.AllOf(
        Infrastructure(InfrastructureScope.Nationwide), Yes(Fact.Requires24x7, f => f.Requires24x7));

    internal static Condition CentralisedData => Yes(Fact.CentralisedNationalData, f => f.CentralisedNationalData);

    internal static readonly ConstructionWorkClass[] ClassesTwoToFour = [ConstructionWorkClass.ClassII, ConstructionWorkClass.ClassIII, ConstructionWorkClass.ClassIV];
}
