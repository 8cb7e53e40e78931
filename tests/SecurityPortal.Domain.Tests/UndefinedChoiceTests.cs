using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Assessments;
using SecurityPortal.Domain.Classification;
using SecurityPortal.Domain.Common;
using SecurityPortal.Domain.Dossiers;
using SecurityPortal.Domain.Systems;

namespace SecurityPortal.Domain.Tests;

/// <summary>
/// A forged form can post a number that is no enum member; stored as text it could not be read back. Every entry
/// point refuses it with a message and changes nothing.
/// </summary>
public sealed class UndefinedChoiceTests
{
    [Fact]
    public void A_dossier_refuses_an_undefined_rule_set_fact_or_conclusion()
    {
        var (_, draft) = DossierScenario.Complete(2);
        var facts = draft.Facts;
        Assert.Throws<DomainException>(() => draft.ChooseRuleSet((RuleSet)9, null, "x"));
        Assert.Throws<DomainException>(() => draft.SetFacts(facts with { FunctionKind = (SystemFunctionKind)99 }));
        Assert.Throws<DomainException>(() => draft.SetFacts(facts with { InformationTypes = (InformationTypes)64 }));
        Assert.Throws<DomainException>(() => draft.SetFacts(facts with { InfrastructureScope = (InfrastructureScope)7 }));
        Assert.Equal(facts, draft.Facts);

        var (_, appraising) = DossierScenario.Reach(2, DossierState.UnderAppraisal);
        var error = Assert.Throws<DomainException>(() => appraising.RecordAppraisal(
            DossierScenario.Reviewer2, (AppraisalConclusion)99, "x", null, null, null, DossierScenario.WorkCalendar, DossierScenario.AppraiseDay,
            DossierScenario.At(DossierScenario.AppraiseDay)));
        Assert.Contains("Kết luận thẩm định không hợp lệ", error.Message, StringComparison.Ordinal);
        Assert.Equal(DossierState.UnderAppraisal, appraising.State);
    }

    [Fact]
    public void An_item_review_and_a_campaign_target_refuse_undefined_values()
    {
        var assessment = AssessmentScenario.Reach(AssessmentState.UnderReview);
        var item = assessment.Items[0];
        Assert.Throws<DomainException>(() => assessment.ReviewItem(AssessmentScenario.Reviewer, item.Id, (ItemReview)99, "x"));
        Assert.Equal(ItemReview.None, item.Review);
        Assert.Throws<DomainException>(() => new Campaign("Đợt 2026", 2026, Guid.NewGuid(), new DateOnly(2026, 12, 31), (AgencyKind)99, null, "u",
            new DateOnly(2026, 12, 1), DateTime.UtcNow));
    }
}
