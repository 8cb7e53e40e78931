namespace SecurityPortal.Domain.Directives;

/// <summary>A directive is written as a draft, sent once to its recipients, and closed when the province stops following it.</summary>
public enum DirectiveState
{
    Draft,
    Sent,
    Closed,
}

/// <summary>An agency's answer to one required action.</summary>
public enum ActionAnswer
{
    Unanswered,
    Done,
    InProgress,
    NotApplicable,
}

/// <summary>The reviewer's verdict on one answer.</summary>
public enum AnswerReview
{
    Pending,
    Accepted,
    Returned,
}

/// <summary>Where one agency's report on a directive stands.</summary>
public enum ReportState
{
    NotStarted,
    InProgress,
    Submitted,
    Returned,
    Completed,
}

public static class DirectiveText
{
    public static string Vietnamese(this DirectiveState state) => state switch
    {
        DirectiveState.Draft => "Dự thảo, chưa gửi",
        DirectiveState.Sent => "Đã gửi, đang theo dõi",
        _ => "Đã kết thúc theo dõi",
    };

    public static string Vietnamese(this ActionAnswer answer) => answer switch
    {
        ActionAnswer.Done => "Đã thực hiện",
        ActionAnswer.InProgress => "Đang thực hiện",
        ActionAnswer.NotApplicable => "Không áp dụng",
        _ => "Chưa trả lời",
    };

    public static string Vietnamese(this AnswerReview review) => review switch
    {
        AnswerReview.Accepted => "Đã chấp nhận",
        AnswerReview.Returned => "Trả lại để bổ sung",
        _ => "Chưa xem xét",
    };

    public static string Vietnamese(this ReportState state) => state switch
    {
        ReportState.NotStarted => "Chưa thực hiện",
        ReportState.InProgress => "Đang báo cáo",
        ReportState.Submitted => "Đã gửi báo cáo, chờ xem xét",
        ReportState.Returned => "Bị trả lại để bổ sung",
        _ => "Hoàn thành",
    };
}
