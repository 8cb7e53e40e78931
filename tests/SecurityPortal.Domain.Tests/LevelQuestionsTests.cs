using SecurityPortal.Domain.Classification;
using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Domain.Tests;

/// <summary>
/// Issue 18, "the wizard asks only what applies": every criterion is decided by a minimal set of facts (one sufficient
/// branch of a «hoặc» is enough), and the questions asked depend on the kind of system and on the answers already given.
/// </summary>
public sealed class LevelQuestionsTests
{
    private const RuleSet D85 = RuleSet.Decree85;
    private const RuleSet D331 = RuleSet.Decree331;

    private static ClassificationFacts Kind(SystemFunctionKind kind) => new() { FunctionKind = kind };

    private static ClassificationFacts Secret(NationalSecurityHarm harm) => new() { InformationTypes = InformationTypes.StateSecret, NationalSecurityHarm = harm };

    /// <summary>For each criterion, the fewest answers that make it apply; nothing else answered.</summary>
    public static TheoryData<RuleSet, string, ClassificationFacts> MinimalFacts()
    {
        var citizen = Kind(SystemFunctionKind.CitizenBusinessService);
        var infra = Kind(SystemFunctionKind.InformationInfrastructure);
        var ics = Kind(SystemFunctionKind.IndustrialControl);
        var personal = citizen with { InformationTypes = InformationTypes.Personal };
        return new()
        {
            { D85, "Điều 7", Kind(SystemFunctionKind.Internal) with { InformationTypes = InformationTypes.Public } },
            { D85, "Điều 8 khoản 1", Kind(SystemFunctionKind.Internal) with { InformationTypes = InformationTypes.Private } },
            { D85, "Điều 8 khoản 2 điểm a", citizen with { OnlineServiceLevel = 2 } },
            { D85, "Điều 8 khoản 2 điểm b", citizen with { ConditionalBusinessLine = false } },
            { D85, "Điều 8 khoản 2 điểm c", personal with { UserCount = 9_999 } },
            { D85, "Điều 8 khoản 3", infra with { InfrastructureScope = InfrastructureScope.SingleOrganisation } },
            { D85, "Điều 9 khoản 1", Secret(NationalSecurityHarm.Harm) },
            { D85, "Điều 9 khoản 2 điểm a", citizen with { OnlineServiceLevel = 3 } },
            { D85, "Điều 9 khoản 2 điểm b", citizen with { ConditionalBusinessLine = true } },
            { D85, "Điều 9 khoản 2 điểm c", personal with { UserCount = 10_000 } },
            { D85, "Điều 9 khoản 3", infra with { InfrastructureScope = InfrastructureScope.SectorOrProvince } },
            { D85, "Điều 9 khoản 4", ics with { IndustrialControlClass = ConstructionWorkClass.ClassIV } },
            { D85, "Điều 10 khoản 1", Secret(NationalSecurityHarm.Serious) },
            { D85, "Điều 10 khoản 2", new() { Requires24x7 = true, NationalEGovernmentSystem = true } },
            { D85, "Điều 10 khoản 3", infra with { InfrastructureScope = InfrastructureScope.Nationwide, Requires24x7 = true } },
            { D85, "Điều 10 khoản 4", ics with { IndustrialControlClass = ConstructionWorkClass.ClassI } },
            { D85, "Điều 11 khoản 1", Secret(NationalSecurityHarm.EspeciallySerious) },
            { D85, "Điều 11 khoản 2", new() { CentralisedNationalData = true } },
            { D85, "Điều 11 khoản 3", infra with { InternationalInfrastructureLink = true } },
            // «cấp đặc biệt hoặc công trình quan trọng liên quan đến an ninh quốc gia»: either branch alone.
            { D85, "Điều 11 khoản 4", ics with { IndustrialControlClass = ConstructionWorkClass.Special } },
            { D85, "Điều 11 khoản 4", ics with { ServesNationalSecurityWork = true } },
            { D85, "Điều 11 khoản 5", new() { DesignatedLevel = 5 } },
            { D331, "Điều 11 khoản 1", Kind(SystemFunctionKind.Internal) with { InformationTypes = InformationTypes.Public } },
            { D331, "Điều 11 khoản 2", new() { RiskFrameworkLevel = 1 } },
            { D331, "Điều 12 khoản 1", Kind(SystemFunctionKind.Internal) with { InformationTypes = InformationTypes.Personal } },
            { D331, "Điều 12 khoản 2 điểm a", citizen with { ConditionalBusinessLine = false } },
            { D331, "Điều 12 khoản 2 điểm b", personal with { BasicPersonalDataSubjects = 99_999, SensitivePersonalDataSubjects = 9_999 } },
            { D331, "Điều 12 khoản 3", infra with { InfrastructureScope = InfrastructureScope.SingleOrganisation } },
            { D331, "Điều 12 khoản 4", new() { DesignatedLevel = 2 } },
            { D331, "Điều 12 khoản 4", new() { RiskFrameworkLevel = 2 } },
            { D331, "Điều 13 khoản 1", Secret(NationalSecurityHarm.Harm) },
            { D331, "Điều 13 khoản 2 điểm a", citizen with { ConditionalBusinessLine = true } },
            { D331, "Điều 13 khoản 2 điểm b", new() { HandlesAdministrativeProcedures = true } },
            { D331, "Điều 13 khoản 2 điểm c", personal with { BasicPersonalDataSubjects = 100_000, SensitivePersonalDataSubjects = 0 } },
            { D331, "Điều 13 khoản 3", infra with { InfrastructureScope = InfrastructureScope.SectorOrProvince } },
            { D331, "Điều 13 khoản 4", ics with { IndustrialControlClass = ConstructionWorkClass.ClassII } },
            { D331, "Điều 13 khoản 5", new() { RiskFrameworkLevel = 3 } },
            { D331, "Điều 14 khoản 1", Secret(NationalSecurityHarm.Serious) },
            // «Chính phủ điện tử hoặc hạ tầng toàn quốc»: nationwide 24/7 infrastructure needs no e-government answer.
            { D331, "Điều 14 khoản 2", infra with { InfrastructureScope = InfrastructureScope.Nationwide, Requires24x7 = true } },
            { D331, "Điều 14 khoản 2", new() { Requires24x7 = true, NationalEGovernmentSystem = true } },
            { D331, "Điều 14 khoản 3", ics with { IndustrialControlClass = ConstructionWorkClass.ClassI } },
            { D331, "Điều 14 khoản 4", new() { DesignatedLevel = 4 } },
            { D331, "Điều 15 khoản 1", Secret(NationalSecurityHarm.EspeciallySerious) with { Strategic = true } },
            { D331, "Điều 15 khoản 2", new() { CentralisedNationalData = true } },
            { D331, "Điều 15 khoản 3", infra with { InternationalInfrastructureLink = true } },
            { D331, "Điều 15 khoản 4", ics with { IndustrialControlClass = ConstructionWorkClass.Special } },
            { D331, "Điều 15 khoản 4", ics with { ServesNationalSecurityWork = true } },
            { D331, "Điều 15 khoản 5", new() { RiskFrameworkLevel = 5 } },
        };
    }

    private static Criterion Find(RuleSet ruleSet, string clause) =>
        LevelEngine.Criteria(ruleSet).Single(c => c.Citation == $"{clause} {ruleSet.Citation()}");

    [Theory]
    [MemberData(nameof(MinimalFacts))]
    public void Each_criterion_is_decided_by_its_minimal_facts_and_by_no_fewer(RuleSet ruleSet, string clause, ClassificationFacts facts)
    {
        var criterion = Find(ruleSet, clause);
        Assert.True(criterion.Applies(facts), $"{clause}: does not apply");
        Assert.Contains(criterion, LevelEngine.Evaluate(ruleSet, facts).Matched);
        // Decided: nothing is left to ask for it (its facts may still be asked for a higher criterion).
        Assert.Empty(criterion.When.Undecided(facts));
        foreach (var fact in Enum.GetValues<Fact>().Where(facts.IsAnswered))
        {
            Assert.False(criterion.IsDecided(facts.Without(fact)), $"{clause}: still decided without {fact}, which is then not needed");
        }
    }

    [Fact]
    public void Every_criterion_of_both_decrees_has_its_minimal_facts()
    {
        var covered = MinimalFacts().Select(row => ((RuleSet)row[0], $"{row[1]} {((RuleSet)row[0]).Citation()}")).ToHashSet();
        foreach (var ruleSet in new[] { D85, D331 })
        {
            Assert.All(LevelEngine.Criteria(ruleSet), c => Assert.Contains((ruleSet, c.Citation), covered));
        }
    }

    [Fact]
    public void A_special_class_industrial_control_system_is_level_5_without_the_national_security_question()
    {
        var facts = Kind(SystemFunctionKind.IndustrialControl) with { IndustrialControlClass = ConstructionWorkClass.Special };
        foreach (var ruleSet in new[] { D85, D331 })
        {
            Assert.Equal(5, LevelEngine.Evaluate(ruleSet, facts).Level);
            Assert.DoesNotContain(Fact.ServesNationalSecurityWork, LevelEngine.Questions(ruleSet, facts));
        }
    }

    [Fact]
    public void Nationwide_infrastructure_running_24x7_is_not_asked_about_the_national_e_government_system()
    {
        var facts = Kind(SystemFunctionKind.InformationInfrastructure) with { InformationTypes = InformationTypes.Private, InfrastructureScope = InfrastructureScope.Nationwide, Requires24x7 = true };
        var result = LevelEngine.Evaluate(D331, facts);
        Assert.Equal(4, result.Level);
        Assert.DoesNotContain(Fact.NationalEGovernmentSystem, result.MissingFacts);
        Assert.DoesNotContain(Fact.NationalEGovernmentSystem, LevelEngine.Questions(D331, facts));
    }

    [Theory]
    [InlineData(true, 5, "Điều 15 khoản 1 Nghị định 331/2026/NĐ-CP")]
    [InlineData(false, 4, "Điều 14 khoản 1 Nghị định 331/2026/NĐ-CP")]
    public void Under_Decree_331_an_especially_serious_harm_gives_level_5_only_to_a_strategic_system(bool strategic, int level, string citation)
    {
        var facts = Kind(SystemFunctionKind.Internal) with { InformationTypes = InformationTypes.StateSecret, NationalSecurityHarm = NationalSecurityHarm.EspeciallySerious };
        Assert.Contains(Fact.Strategic, LevelEngine.Evaluate(D331, facts).MissingFacts);
        var result = LevelEngine.Evaluate(D331, facts with { Strategic = strategic });
        Assert.Equal(level, result.Level);
        Assert.Equal(citation, result.Matched[0].Citation);
        // Decree 85 Art. 11.1 has no «mang tính chiến lược»: the question is not asked there.
        Assert.Equal(5, LevelEngine.Evaluate(D85, facts).Level);
        Assert.DoesNotContain(Fact.Strategic, LevelEngine.Questions(D85, facts));
    }

    [Theory]
    [InlineData(NationalSecurityHarm.Harm)]
    [InlineData(NationalSecurityHarm.Serious)]
    public void The_strategic_question_is_asked_only_of_an_especially_serious_harm(NationalSecurityHarm harm) =>
        Assert.DoesNotContain(Fact.Strategic, LevelEngine.Questions(D331, Kind(SystemFunctionKind.Internal) with { InformationTypes = InformationTypes.StateSecret, NationalSecurityHarm = harm }));

    [Fact]
    public void A_level_1_from_the_risk_management_framework_is_expressible_under_Decree_331_only()
    {
        var facts = Kind(SystemFunctionKind.Other) with { InformationTypes = InformationTypes.Public, RiskFrameworkLevel = 1 };
        var result = LevelEngine.Evaluate(D331, facts);
        Assert.Equal(1, result.Level);
        Assert.Equal("Điều 11 khoản 2 Nghị định 331/2026/NĐ-CP", result.Matched[0].Citation);
        Assert.DoesNotContain(Fact.RiskFrameworkLevel, LevelEngine.Questions(D85, facts));
        Assert.Null(LevelEngine.Evaluate(D85, facts).Level);
    }

    /// <summary>The questions for each kind of system that processes private information (no state secrets), nothing else answered yet.</summary>
    public static TheoryData<RuleSet, SystemFunctionKind, Fact[]> QuestionsByKind() => new()
    {
        { D85, SystemFunctionKind.Internal, [Fact.FunctionKind, Fact.InformationTypes, Fact.Requires24x7, Fact.CentralisedNationalData, Fact.DesignatedLevel] },
        {
            D85, SystemFunctionKind.CitizenBusinessService,
            [Fact.FunctionKind, Fact.InformationTypes, Fact.OnlineServiceLevel, Fact.ConditionalBusinessLine, Fact.UserCount, Fact.Requires24x7, Fact.CentralisedNationalData, Fact.DesignatedLevel]
        },
        {
            D85, SystemFunctionKind.InformationInfrastructure,
            [Fact.FunctionKind, Fact.InformationTypes, Fact.InfrastructureScope, Fact.Requires24x7, Fact.CentralisedNationalData, Fact.InternationalInfrastructureLink, Fact.DesignatedLevel]
        },
        {
            D85, SystemFunctionKind.IndustrialControl,
            [Fact.FunctionKind, Fact.InformationTypes, Fact.IndustrialControlClass, Fact.ServesNationalSecurityWork, Fact.Requires24x7, Fact.CentralisedNationalData, Fact.DesignatedLevel]
        },
        { D85, SystemFunctionKind.Other, [Fact.FunctionKind, Fact.InformationTypes, Fact.Requires24x7, Fact.CentralisedNationalData, Fact.DesignatedLevel] },
        {
            D331, SystemFunctionKind.Internal,
            [Fact.FunctionKind, Fact.InformationTypes, Fact.HandlesAdministrativeProcedures, Fact.Requires24x7, Fact.CentralisedNationalData, Fact.DesignatedLevel, Fact.RiskFrameworkLevel]
        },
        {
            D331, SystemFunctionKind.CitizenBusinessService,
            [
                Fact.FunctionKind, Fact.InformationTypes, Fact.ConditionalBusinessLine, Fact.PersonalDataSubjects, Fact.HandlesAdministrativeProcedures,
                Fact.Requires24x7, Fact.CentralisedNationalData, Fact.DesignatedLevel, Fact.RiskFrameworkLevel,
            ]
        },
        {
            D331, SystemFunctionKind.InformationInfrastructure,
            [
                Fact.FunctionKind, Fact.InformationTypes, Fact.HandlesAdministrativeProcedures, Fact.InfrastructureScope, Fact.Requires24x7,
                Fact.CentralisedNationalData, Fact.InternationalInfrastructureLink, Fact.DesignatedLevel, Fact.RiskFrameworkLevel,
            ]
        },
        {
            D331, SystemFunctionKind.IndustrialControl,
            [
                Fact.FunctionKind, Fact.InformationTypes, Fact.IndustrialControlClass, Fact.ServesNationalSecurityWork, Fact.HandlesAdministrativeProcedures,
                Fact.Requires24x7, Fact.CentralisedNationalData, Fact.DesignatedLevel, Fact.RiskFrameworkLevel,
            ]
        },
        {
            D331, SystemFunctionKind.Other,
            [Fact.FunctionKind, Fact.InformationTypes, Fact.HandlesAdministrativeProcedures, Fact.Requires24x7, Fact.CentralisedNationalData, Fact.DesignatedLevel, Fact.RiskFrameworkLevel]
        },
    };

    [Theory]
    [MemberData(nameof(QuestionsByKind))]
    public void Each_kind_of_system_is_asked_exactly_the_questions_that_can_change_its_level(RuleSet ruleSet, SystemFunctionKind kind, Fact[] expected) =>
        Assert.Equal(expected, LevelEngine.Questions(ruleSet, Kind(kind) with { InformationTypes = InformationTypes.Private }));

    [Theory]
    [InlineData(D85)]
    [InlineData(D331)]
    public void An_answer_brings_the_question_it_opens_and_drops_the_ones_it_settles(RuleSet ruleSet)
    {
        var facts = Kind(SystemFunctionKind.Internal) with { InformationTypes = InformationTypes.Private };
        // «24/7 and a national e-government system»: the second is asked only after «yes» to the first.
        Assert.DoesNotContain(Fact.NationalEGovernmentSystem, LevelEngine.Questions(ruleSet, facts with { Requires24x7 = false }));
        Assert.Contains(Fact.NationalEGovernmentSystem, LevelEngine.Questions(ruleSet, facts with { Requires24x7 = true }));
        // State secrets bring the harm; level 5 from centralised national data leaves nothing after it to ask.
        Assert.Contains(Fact.NationalSecurityHarm, LevelEngine.Questions(ruleSet, facts with { InformationTypes = InformationTypes.StateSecret }));
        Assert.Equal([Fact.FunctionKind, Fact.InformationTypes, Fact.Requires24x7, Fact.CentralisedNationalData],
            LevelEngine.Questions(ruleSet, facts with { Requires24x7 = false, CentralisedNationalData = true }).Where(f => f != Fact.HandlesAdministrativeProcedures));
    }

    [Fact]
    public void A_fact_the_engine_reports_missing_is_always_a_question_the_wizard_asks()
    {
        // Every combination of a few answers that change which questions apply, under both decrees.
        bool?[] yesNo = [null, true, false];
        var combinations =
            from ruleSet in new[] { D85, D331 }
            from kind in Enum.GetValues<SystemFunctionKind>().Cast<SystemFunctionKind?>().Append(null)
            from info in new InformationTypes?[] { null, InformationTypes.Public, InformationTypes.Personal, InformationTypes.StateSecret }
            from harm in new NationalSecurityHarm?[] { null, NationalSecurityHarm.EspeciallySerious }
            from workClass in new ConstructionWorkClass?[] { null, ConstructionWorkClass.Special, ConstructionWorkClass.ClassI }
            from scope in new InfrastructureScope?[] { null, InfrastructureScope.Nationwide }
            from always in yesNo
            from centralised in yesNo
            select (ruleSet, new ClassificationFacts
            {
                FunctionKind = kind, InformationTypes = info, NationalSecurityHarm = harm, IndustrialControlClass = workClass,
                InfrastructureScope = scope, Requires24x7 = always, CentralisedNationalData = centralised,
            });
        foreach (var (ruleSet, facts) in combinations)
        {
            var asked = LevelEngine.Questions(ruleSet, facts);
            Assert.All(LevelEngine.Evaluate(ruleSet, facts).MissingFacts, missing => Assert.Contains(missing, asked));
        }
    }
}
