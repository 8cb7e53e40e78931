namespace SecurityPortal.Domain.Assessments;

public enum AssessmentState
{
    Draft,
    Submitted,
    UnderReview,
    Returned,
    Accepted,
}

/// <summary>The answer to one requirement; <see cref="Unanswered"/> until the officer answers.</summary>
public enum Answer
{
    Unanswered,
    Met,
    PartiallyMet,
    NotMet,
    NotApplicable,
}

public enum ItemReview
{
    None,
    Accepted,
    NeedsChange,
}

/// <summary>Mẫu 08 column 10: how far the security plan is deployed.</summary>
public enum PlanDeployment
{
    NotDeployed,
    PartlyDeployed,
    FullyDeployed,
}

public static class AssessmentText
{
    public static string Vietnamese(this AssessmentState state) => state switch
    {
        AssessmentState.Draft => "Đang thực hiện",
        AssessmentState.Submitted => "Đã gửi, chờ xem xét",
        AssessmentState.UnderReview => "Đang xem xét",
        AssessmentState.Returned => "Trả lại để bổ sung",
        _ => "Đã chấp nhận",
    };

    public static string Vietnamese(this Answer answer) => answer switch
    {
        Answer.Met => "Đáp ứng",
        Answer.PartiallyMet => "Đáp ứng một phần",
        Answer.NotMet => "Chưa đáp ứng",
        Answer.NotApplicable => "Không áp dụng",
        _ => "Chưa trả lời",
    };

    public static string Vietnamese(this ItemReview review) => review switch
    {
        ItemReview.Accepted => "Đạt",
        ItemReview.NeedsChange => "Cần bổ sung",
        _ => "Chưa xem xét",
    };

    public static string Vietnamese(this PlanDeployment deployment) => deployment switch
    {
        PlanDeployment.NotDeployed => "Chưa triển khai",
        PlanDeployment.PartlyDeployed => "Đã triển khai một số hạng mục",
        _ => "Đã triển khai đầy đủ",
    };
}
