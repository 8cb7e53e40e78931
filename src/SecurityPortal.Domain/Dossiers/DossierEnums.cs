namespace SecurityPortal.Domain.Dossiers;

/// <summary>
/// Where a level dossier stands (regulations.md §9.2). The Mẫu 08 column 6 value follows from it
/// (<see cref="DossierText.ReportStatus"/>).
/// </summary>
public enum DossierState
{
    Draft,
    Submitted,
    Returned,
    UnderAppraisal,
    NeedsRevision,
    AwaitingApproval,
    Approved,
    Rejected,
}

/// <summary>The documents a dossier carries (Decree 85 Art. 15, Decree 331 Art. 21, 24).</summary>
public enum AttachmentKind
{
    Overview,
    Design,
    SecurityPlan,
    SecurityRulesDecision,
    RiskAssessment,
    ExpertOpinion,
    AppraisalOpinion,
    ScannedDecision,
    Other,
}

public enum AppraisalConclusion
{
    Suitable,
    NotSuitable,
}

/// <summary>Who approves a level: the owner's cybersecurity unit (levels 1–2) or the owner itself (levels 3–5).</summary>
public enum Approver
{
    SecurityUnit,
    Owner,
}

public enum DossierAction
{
    Created,
    Submitted,
    Returned,
    ExpertOpinionRecorded,
    Accepted,
    Appraised,
    Approved,
    Rejected,
}

public static class DossierText
{
    public static string Vietnamese(this DossierState state) => state switch
    {
        DossierState.Draft => "Đang dự thảo",
        DossierState.Submitted => "Đã gửi, chờ kiểm tra hồ sơ",
        DossierState.Returned => "Bị trả lại (chưa đầy đủ)",
        DossierState.UnderAppraisal => "Đang thẩm định",
        DossierState.NeedsRevision => "Thẩm định chưa phù hợp, cần chỉnh sửa",
        DossierState.AwaitingApproval => "Đã thẩm định, chờ phê duyệt",
        DossierState.Approved => "Đã được phê duyệt",
        _ => "Không phê duyệt",
    };

    /// <summary>The value of Mẫu 08 column 6 (approval status); a rejected dossier is back to drafting.</summary>
    public static string ReportStatus(this DossierState state) => state switch
    {
        DossierState.Submitted or DossierState.UnderAppraisal => "Đã gửi thẩm định",
        DossierState.AwaitingApproval => "Đã thẩm định",
        DossierState.Approved => "Đã được phê duyệt",
        _ => "Đang dự thảo",
    };

    public static string Vietnamese(this AttachmentKind kind) => kind switch
    {
        AttachmentKind.Overview => "Tài liệu mô tả, thuyết minh tổng quan",
        AttachmentKind.Design => "Tài liệu thiết kế",
        AttachmentKind.SecurityPlan => "Phương án bảo đảm an toàn hệ thống thông tin",
        AttachmentKind.SecurityRulesDecision => "Quyết định ban hành quy chế bảo đảm an toàn",
        AttachmentKind.RiskAssessment => "Báo cáo đánh giá rủi ro",
        AttachmentKind.ExpertOpinion => "Ý kiến chuyên môn của đơn vị chuyên trách",
        AttachmentKind.AppraisalOpinion => "Văn bản thẩm định",
        AttachmentKind.ScannedDecision => "Bản quét quyết định phê duyệt",
        _ => "Tài liệu khác",
    };

    public static string Vietnamese(this AppraisalConclusion conclusion) =>
        conclusion == AppraisalConclusion.Suitable ? "Phù hợp" : "Chưa phù hợp";

    public static string Vietnamese(this DossierAction action) => action switch
    {
        DossierAction.Created => "Lập hồ sơ",
        DossierAction.Submitted => "Gửi thẩm định",
        DossierAction.Returned => "Trả lại hồ sơ chưa đầy đủ",
        DossierAction.ExpertOpinionRecorded => "Ghi nhận ý kiến chuyên môn",
        DossierAction.Accepted => "Tiếp nhận, bắt đầu thẩm định",
        DossierAction.Appraised => "Ghi nhận kết quả thẩm định",
        DossierAction.Approved => "Phê duyệt cấp độ",
        _ => "Không phê duyệt",
    };
}
