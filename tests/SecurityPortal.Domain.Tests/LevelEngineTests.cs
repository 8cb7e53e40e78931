using SecurityPortal.Domain.Classification;
using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Domain.Tests;

/// <summary>
/// The level engine against the texts of Decree 85/2016 (Art. 7–11) and Decree 331/2026 (Art. 11–15): each case
/// asserts the level and the article that gives it.
/// </summary>
public sealed class LevelEngineTests
{
    /// <summary>A province's ordinary system: every fact answered, nothing special.</summary>
    private static ClassificationFacts Base(SystemFunctionKind kind, InformationTypes info) => new()
    {
        FunctionKind = kind,
        InformationTypes = info,
        NationalSecurityHarm = NationalSecurityHarm.None,
        OnlineServiceLevel = 0,
        ConditionalBusinessLine = false,
        UserCount = 100,
        BasicPersonalDataSubjects = 0,
        SensitivePersonalDataSubjects = 0,
        HandlesAdministrativeProcedures = false,
        InfrastructureScope = InfrastructureScope.SingleOrganisation,
        Requires24x7 = false,
        NationalEGovernmentSystem = false,
        CentralisedNationalData = false,
        InternationalInfrastructureLink = false,
        ServesNationalSecurityWork = false,
        DesignatedLevel = 0,
        RiskFrameworkLevel = 0,
    };

    public static TheoryData<string, RuleSet, ClassificationFacts, int, string> Cases()
    {
        var internalPublic = Base(SystemFunctionKind.Internal, InformationTypes.Public);
        var internalPrivate = Base(SystemFunctionKind.Internal, InformationTypes.Private | InformationTypes.Personal);
        var portal = Base(SystemFunctionKind.CitizenBusinessService, InformationTypes.Public);
        var citizenPersonal = Base(SystemFunctionKind.CitizenBusinessService, InformationTypes.Personal);
        var infra = Base(SystemFunctionKind.InformationInfrastructure, InformationTypes.Private);
        var ics = Base(SystemFunctionKind.IndustrialControl, InformationTypes.Private);
        var secret = Base(SystemFunctionKind.Internal, InformationTypes.Private | InformationTypes.StateSecret);
        const RuleSet D85 = RuleSet.Decree85;
        const RuleSet D331 = RuleSet.Decree331;
        return new()
        {
            { "85: internal, public only", D85, internalPublic, 1, "Điều 7 Nghị định 85/2016/NĐ-CP" },
            { "85: internal, private", D85, internalPrivate, 2, "Điều 8 khoản 1 Nghị định 85/2016/NĐ-CP" },
            { "85: portal, no public service", D85, portal, 2, "Điều 8 khoản 2 điểm a Nghị định 85/2016/NĐ-CP" },
            { "85: public service level 2", D85, portal with { OnlineServiceLevel = 2 }, 2, "Điều 8 khoản 2 điểm a Nghị định 85/2016/NĐ-CP" },
            { "85: public service level 3", D85, portal with { OnlineServiceLevel = 3 }, 3, "Điều 9 khoản 2 điểm a Nghị định 85/2016/NĐ-CP" },
            { "85: public service level 4", D85, portal with { OnlineServiceLevel = 4 }, 3, "Điều 9 khoản 2 điểm a Nghị định 85/2016/NĐ-CP" },
            { "85: conditional business line", D85, portal with { ConditionalBusinessLine = true }, 3, "Điều 9 khoản 2 điểm b Nghị định 85/2016/NĐ-CP" },
            { "85: 9,999 users' personal data", D85, citizenPersonal with { UserCount = 9_999 }, 2, "Điều 8 khoản 2 điểm c Nghị định 85/2016/NĐ-CP" },
            { "85: 10,000 users' personal data", D85, citizenPersonal with { UserCount = 10_000 }, 3, "Điều 9 khoản 2 điểm c Nghị định 85/2016/NĐ-CP" },
            { "85: infrastructure of one organisation", D85, infra, 2, "Điều 8 khoản 3 Nghị định 85/2016/NĐ-CP" },
            { "85: provincial shared infrastructure", D85, infra with { InfrastructureScope = InfrastructureScope.SectorOrProvince }, 3, "Điều 9 khoản 3 Nghị định 85/2016/NĐ-CP" },
            { "85: nationwide infrastructure 24/7", D85, infra with { InfrastructureScope = InfrastructureScope.Nationwide, Requires24x7 = true }, 4, "Điều 10 khoản 3 Nghị định 85/2016/NĐ-CP" },
            { "85: national e-government 24/7", D85, portal with { NationalEGovernmentSystem = true, Requires24x7 = true }, 4, "Điều 10 khoản 2 Nghị định 85/2016/NĐ-CP" },
            { "85: ICS class III", D85, ics with { IndustrialControlClass = ConstructionWorkClass.ClassIII }, 3, "Điều 9 khoản 4 Nghị định 85/2016/NĐ-CP" },
            { "85: ICS class I", D85, ics with { IndustrialControlClass = ConstructionWorkClass.ClassI }, 4, "Điều 10 khoản 4 Nghị định 85/2016/NĐ-CP" },
            { "85: ICS special class", D85, ics with { IndustrialControlClass = ConstructionWorkClass.Special }, 5, "Điều 11 khoản 4 Nghị định 85/2016/NĐ-CP" },
            { "85: state secret, harm", D85, secret with { NationalSecurityHarm = NationalSecurityHarm.Harm }, 3, "Điều 9 khoản 1 Nghị định 85/2016/NĐ-CP" },
            { "85: state secret, serious harm", D85, secret with { NationalSecurityHarm = NationalSecurityHarm.Serious }, 4, "Điều 10 khoản 1 Nghị định 85/2016/NĐ-CP" },
            { "85: state secret, especially serious", D85, secret with { NationalSecurityHarm = NationalSecurityHarm.EspeciallySerious }, 5, "Điều 11 khoản 1 Nghị định 85/2016/NĐ-CP" },
            { "85: centralised national data", D85, internalPrivate with { CentralisedNationalData = true }, 5, "Điều 11 khoản 2 Nghị định 85/2016/NĐ-CP" },
            { "85: international link", D85, infra with { InternationalInfrastructureLink = true }, 5, "Điều 11 khoản 3 Nghị định 85/2016/NĐ-CP" },
            { "85: Prime Minister", D85, internalPublic with { DesignatedLevel = 5 }, 5, "Điều 11 khoản 5 Nghị định 85/2016/NĐ-CP" },
            { "85: administrative procedures alone do not raise the level", D85, portal with { HandlesAdministrativeProcedures = true }, 2, "Điều 8 khoản 2 điểm a Nghị định 85/2016/NĐ-CP" },
            { "331: internal, public only", D331, internalPublic, 1, "Điều 11 khoản 1 Nghị định 331/2026/NĐ-CP" },
            { "331: internal, private", D331, internalPrivate, 2, "Điều 12 khoản 1 Nghị định 331/2026/NĐ-CP" },
            { "331: online service, not conditional", D331, portal, 2, "Điều 12 khoản 2 điểm a Nghị định 331/2026/NĐ-CP" },
            { "331: conditional business line", D331, portal with { ConditionalBusinessLine = true }, 3, "Điều 13 khoản 2 điểm a Nghị định 331/2026/NĐ-CP" },
            { "331: any system handling administrative procedures", D331, internalPrivate with { HandlesAdministrativeProcedures = true }, 3, "Điều 13 khoản 2 điểm b Nghị định 331/2026/NĐ-CP" },
            { "331: 99,999 basic subjects", D331, citizenPersonal with { BasicPersonalDataSubjects = 99_999, SensitivePersonalDataSubjects = 9_999 }, 2, "Điều 12 khoản 2 điểm b Nghị định 331/2026/NĐ-CP" },
            { "331: 100,000 basic subjects", D331, citizenPersonal with { BasicPersonalDataSubjects = 100_000 }, 3, "Điều 13 khoản 2 điểm c Nghị định 331/2026/NĐ-CP" },
            { "331: 10,000 sensitive subjects", D331, citizenPersonal with { SensitivePersonalDataSubjects = 10_000 }, 3, "Điều 13 khoản 2 điểm c Nghị định 331/2026/NĐ-CP" },
            { "331: 50,000 users no longer decides", D331, citizenPersonal with { UserCount = 50_000, BasicPersonalDataSubjects = 50_000 }, 2, "Điều 12 khoản 2 điểm a Nghị định 331/2026/NĐ-CP" },
            { "331: provincial infrastructure", D331, infra with { InfrastructureScope = InfrastructureScope.SectorOrProvince }, 3, "Điều 13 khoản 3 Nghị định 331/2026/NĐ-CP" },
            { "331: nationwide infrastructure 24/7", D331, infra with { InfrastructureScope = InfrastructureScope.Nationwide, Requires24x7 = true }, 4, "Điều 14 khoản 2 Nghị định 331/2026/NĐ-CP" },
            { "331: infrastructure of one organisation", D331, infra, 2, "Điều 12 khoản 3 Nghị định 331/2026/NĐ-CP" },
            { "331: ICS class II", D331, ics with { IndustrialControlClass = ConstructionWorkClass.ClassII }, 3, "Điều 13 khoản 4 Nghị định 331/2026/NĐ-CP" },
            { "331: ICS class I", D331, ics with { IndustrialControlClass = ConstructionWorkClass.ClassI }, 4, "Điều 14 khoản 3 Nghị định 331/2026/NĐ-CP" },
            { "331: ICS for a national-security work", D331, ics with { IndustrialControlClass = ConstructionWorkClass.ClassIV, ServesNationalSecurityWork = true }, 5, "Điều 15 khoản 4 Nghị định 331/2026/NĐ-CP" },
            { "331: state secret, serious harm", D331, secret with { NationalSecurityHarm = NationalSecurityHarm.Serious }, 4, "Điều 14 khoản 1 Nghị định 331/2026/NĐ-CP" },
            // Issue 18: the risk-management framework has its own question; DesignatedLevel is the Prime Minister's decision.
            { "331: risk framework level 3", D331, internalPublic with { RiskFrameworkLevel = 3 }, 3, "Điều 13 khoản 5 Nghị định 331/2026/NĐ-CP" },
            { "331: Prime Minister level 4", D331, internalPublic with { DesignatedLevel = 4 }, 4, "Điều 14 khoản 4 Nghị định 331/2026/NĐ-CP" },
            { "331: risk framework level 1", D331, Base(SystemFunctionKind.Other, InformationTypes.Public) with { RiskFrameworkLevel = 1 }, 1, "Điều 11 khoản 2 Nghị định 331/2026/NĐ-CP" },
            { "331: state secret, especially serious, strategic", D331, secret with { NationalSecurityHarm = NationalSecurityHarm.EspeciallySerious, Strategic = true }, 5, "Điều 15 khoản 1 Nghị định 331/2026/NĐ-CP" },
            { "331: state secret, especially serious, not strategic", D331, secret with { NationalSecurityHarm = NationalSecurityHarm.EspeciallySerious, Strategic = false }, 4, "Điều 14 khoản 1 Nghị định 331/2026/NĐ-CP" },
            { "331: ICS special class", D331, ics with { IndustrialControlClass = ConstructionWorkClass.Special, ServesNationalSecurityWork = null }, 5, "Điều 15 khoản 4 Nghị định 331/2026/NĐ-CP" },
            { "331: centralised national data", D331, internalPrivate with { CentralisedNationalData = true }, 5, "Điều 15 khoản 2 Nghị định 331/2026/NĐ-CP" },
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_rule_set_gives_the_level_of_the_highest_criterion_and_cites_it(string name, RuleSet ruleSet, ClassificationFacts facts, int level, string citation)
    {
        var result = LevelEngine.Evaluate(ruleSet, facts);
        Assert.True(result.Level == level, $"{name}: level {result.Level}, expected {level}");
        Assert.True(result.IsComplete, $"{name}: missing {string.Join(", ", result.MissingFacts)}");
        Assert.Contains(result.Matched, c => c.Level == level && c.Citation == citation);
        Assert.All(result.Matched, c => Assert.True(c.Level <= level));
    }

    [Fact]
    public void Every_matching_criterion_is_listed_highest_first()
    {
        var facts = Base(SystemFunctionKind.CitizenBusinessService, InformationTypes.Personal) with
        {
            HandlesAdministrativeProcedures = true, BasicPersonalDataSubjects = 250_000,
        };
        var result = LevelEngine.Evaluate(RuleSet.Decree331, facts);
        Assert.Equal(3, result.Level);
        Assert.Equal(
            ["Điều 13 khoản 2 điểm b Nghị định 331/2026/NĐ-CP", "Điều 13 khoản 2 điểm c Nghị định 331/2026/NĐ-CP", "Điều 12 khoản 2 điểm a Nghị định 331/2026/NĐ-CP"],
            result.Matched.Select(c => c.Citation));
    }

    [Fact]
    public void A_system_no_criterion_describes_gets_no_level_rather_than_a_guess()
    {
        // Nationwide infrastructure that is not 24/7 is listed by neither decree; a person must decide.
        var facts = Base(SystemFunctionKind.InformationInfrastructure, InformationTypes.Private) with { InfrastructureScope = InfrastructureScope.Nationwide };
        var result = LevelEngine.Evaluate(RuleSet.Decree331, facts);
        Assert.Null(result.Level);
        Assert.Empty(result.Matched);
    }

    [Fact]
    public void Missing_facts_are_reported_not_guessed()
    {
        var facts = new ClassificationFacts { FunctionKind = SystemFunctionKind.CitizenBusinessService, InformationTypes = InformationTypes.Personal };
        var result = LevelEngine.Evaluate(RuleSet.Decree331, facts);
        Assert.False(result.IsComplete);
        Assert.Contains(Fact.PersonalDataSubjects, result.MissingFacts);
        Assert.Contains(Fact.HandlesAdministrativeProcedures, result.MissingFacts);
        Assert.Contains(Fact.ConditionalBusinessLine, result.MissingFacts);
    }

    [Fact]
    public void A_state_secret_without_a_harm_level_is_a_missing_fact()
    {
        var facts = Base(SystemFunctionKind.Internal, InformationTypes.StateSecret) with { NationalSecurityHarm = null };
        var result = LevelEngine.Evaluate(RuleSet.Decree85, facts);
        Assert.Contains(Fact.NationalSecurityHarm, result.MissingFacts);
    }

    [Fact]
    public void Facts_that_could_not_raise_the_level_are_not_demanded()
    {
        var facts = Base(SystemFunctionKind.Internal, InformationTypes.Public) with { CentralisedNationalData = true, DesignatedLevel = null };
        var result = LevelEngine.Evaluate(RuleSet.Decree85, facts);
        Assert.Equal(5, result.Level);
        Assert.True(result.IsComplete);
    }

    [Theory]
    [InlineData("2026-09-01", "2025-03-01", RuleSet.Decree85)]
    [InlineData("2027-01-05", "2025-03-01", RuleSet.Decree331)]
    [InlineData("2026-09-01", "2026-08-01", RuleSet.Decree331)]
    [InlineData("2026-08-18", null, RuleSet.Decree85)]
    [InlineData("2026-08-19", null, RuleSet.Decree331)]
    public void The_default_rule_set_follows_the_transition_of_Decree_331(string created, string? investment, RuleSet expected) =>
        Assert.Equal(expected, LevelEngine.DefaultRuleSet(DateOnly.Parse(created, System.Globalization.CultureInfo.InvariantCulture),
            investment is null ? null : DateOnly.Parse(investment, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Every_criterion_cites_an_article_of_its_decree_and_each_citation_is_written_once()
    {
        foreach (var (criteria, decree) in new[] { (Decree85Criteria.All, "Nghị định 85/2016/NĐ-CP"), (Decree331Criteria.All, "Nghị định 331/2026/NĐ-CP") })
        {
            Assert.All(criteria, c => Assert.StartsWith("Điều ", c.Citation, StringComparison.Ordinal));
            Assert.All(criteria, c => Assert.EndsWith(decree, c.Citation, StringComparison.Ordinal));
            Assert.Equal(criteria.Count, criteria.Select(c => c.Citation).Distinct().Count());
            Assert.Equal([1, 2, 3, 4, 5], criteria.Select(c => c.Level).Distinct().Order());
        }
    }
}
