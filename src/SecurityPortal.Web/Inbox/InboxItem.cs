using SecurityPortal.Domain.Dossiers;

namespace SecurityPortal.Web.Inbox;

/// <summary>What kind of work an inbox line is; it decides the line's label and the page it links to.</summary>
public enum InboxKind
{
    // Agency officers
    DossierReturned,
    AssessmentToFill,
    AssessmentReturned,
    Task,
    Warning,
    IncidentClock,
    DirectiveToAnswer,

    // Provincial reviewers
    DossierToCheck,
    DossierToAppraise,
    DossierToApprove,
    AssessmentToReview,
    TaskToVerify,
    IncidentToFollow,
    DirectiveToReview,

    // Leadership (approvals waiting for a decision are DossierToApprove)
    OverdueAgency,
}

/// <summary>Overdue work of one agency, for leadership's inbox line.</summary>
public sealed record OverdueCounts(int Tasks, int Dossiers, int Assessments);

/// <summary>
/// One line of «Việc của tôi»: what waits, its deadline (null when the step has none), and the record it links to
/// (<see cref="InboxText.Page"/> with <see cref="Id"/>).
/// </summary>
public sealed record InboxItem(
    InboxKind Kind, Guid Id, string Title, string? SystemName, string AgencyName, DateOnly? Due, bool Unassigned, int? Cycle, OverdueCounts? Overdue)
{
    public string Page => Kind.Page();

    /// <summary>A dossier's deadline basis (article and clause, or that the texts set none); null for other lines.</summary>
    public DeadlineBasis? Basis { get; init; }
}

/// <summary>The inbox of one user: its lines, oldest deadline first, and how many there are in all.</summary>
public sealed record InboxList(IReadOnlyList<InboxItem> Items, int Count, DateOnly Today)
{
    /// <summary>True when some lines are not shown (more than <see cref="PersonalInbox.MaxPerKind"/> of one kind).</summary>
    public bool Capped => Items.Count < Count;

    public bool IsOverdue(InboxItem item) => item.Due is { } due && due < Today;
}

public static class InboxText
{
    /// <summary>The line's label (a localizer key).</summary>
    public static string Vietnamese(this InboxKind kind) => kind switch
    {
        InboxKind.DossierReturned => "Hồ sơ cấp độ bị trả lại, cần chỉnh sửa",
        InboxKind.AssessmentToFill => "Bản tự đánh giá cần hoàn thành",
        InboxKind.AssessmentReturned => "Bản tự đánh giá bị trả lại",
        InboxKind.Task => "Nhiệm vụ khắc phục",
        InboxKind.Warning => "Cảnh báo lỗ hổng chưa xử lý",
        InboxKind.IncidentClock => "Sự cố: thời hạn báo cáo đang chạy",
        InboxKind.DossierToCheck => "Hồ sơ chờ kiểm tra tính đầy đủ",
        InboxKind.DossierToAppraise => "Hồ sơ chờ thẩm định",
        InboxKind.DossierToApprove => "Hồ sơ chờ quyết định phê duyệt",
        InboxKind.AssessmentToReview => "Bản tự đánh giá chờ xem xét",
        InboxKind.TaskToVerify => "Nhiệm vụ chờ xác minh",
        InboxKind.IncidentToFollow => "Sự cố cần theo dõi",
        InboxKind.DirectiveToAnswer => "Văn bản chỉ đạo cần báo cáo thực hiện",
        InboxKind.DirectiveToReview => "Báo cáo thực hiện văn bản chỉ đạo chờ xem xét",
        _ => "Việc quá hạn của đơn vị",
    };

    /// <summary>The page the line links to, with the record's id as its route value.</summary>
    public static string Page(this InboxKind kind) => kind switch
    {
        InboxKind.DossierReturned or InboxKind.DossierToCheck or InboxKind.DossierToAppraise or InboxKind.DossierToApprove => "/Dossiers/Details",
        InboxKind.AssessmentToFill or InboxKind.AssessmentReturned or InboxKind.AssessmentToReview => "/Assessments/Details",
        InboxKind.Task or InboxKind.Warning or InboxKind.TaskToVerify => "/Tasks/Details",
        InboxKind.IncidentClock or InboxKind.IncidentToFollow => "/Incidents/Details",
        InboxKind.DirectiveToAnswer or InboxKind.DirectiveToReview => "/Directives/Report",
        _ => "/Dashboard/Agency",
    };
}
