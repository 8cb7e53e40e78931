using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Domain.Assessments;

/// <summary>Where one assessment of a campaign stands, for the progress table.</summary>
public enum CampaignProgress
{
    NotStarted,
    InProgress,
    Submitted,
    Accepted,
    Overdue,
}

/// <summary>
/// A province-wide assessment round (đợt đánh giá): a cycle, a catalog version, a deadline and a target (all operating
/// systems, or those of one agency kind and/or one level). Launching it creates the draft assessments.
/// </summary>
public sealed class Campaign : Entity
{
    public const int TitleMaxLength = 300;

    private Campaign()
    {
        Title = string.Empty;
        CreatedById = string.Empty;
    }

    public Campaign(string title, int cycle, Guid catalogVersionId, DateOnly deadline, AgencyKind? targetKind, int? targetLevel, string createdById, DateOnly today, DateTime nowUtc)
    {
        if (string.IsNullOrWhiteSpace(title) || title.Trim().Length > TitleMaxLength)
        {
            throw new DomainException($"Tên đợt đánh giá không được để trống và tối đa {TitleMaxLength} ký tự.");
        }

        if (cycle is < 2000 or > 2100)
        {
            throw new DomainException("Năm đánh giá không hợp lệ.");
        }

        if (deadline < today)
        {
            throw new DomainException("Hạn hoàn thành đã qua: hãy chọn một ngày từ hôm nay trở đi.");
        }

        if (targetKind is { } kind && !Enum.IsDefined(kind))
        {
            throw new DomainException("Loại cơ quan không hợp lệ.");
        }

        if (targetLevel is < 1 or > 5)
        {
            throw new DomainException("Cấp độ phải từ 1 đến 5.");
        }

        Title = title.Trim();
        Cycle = cycle;
        CatalogVersionId = catalogVersionId;
        Deadline = deadline;
        TargetKind = targetKind;
        TargetLevel = targetLevel;
        CreatedById = createdById;
        CreatedAtUtc = nowUtc;
    }

    public string Title { get; private set; }
    public int Cycle { get; private set; }
    public Guid CatalogVersionId { get; private set; }
    public DateOnly Deadline { get; private set; }
    public AgencyKind? TargetKind { get; private set; }
    public int? TargetLevel { get; private set; }
    public string CreatedById { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }

    public static CampaignProgress ProgressOf(AssessmentState state, int answered, DateOnly deadline, DateOnly today) => state switch
    {
        AssessmentState.Accepted => CampaignProgress.Accepted,
        AssessmentState.Submitted or AssessmentState.UnderReview => CampaignProgress.Submitted,
        _ when today > deadline => CampaignProgress.Overdue,
        _ when answered == 0 && state == AssessmentState.Draft => CampaignProgress.NotStarted,
        _ => CampaignProgress.InProgress,
    };
}

public static class CampaignText
{
    public static string Vietnamese(this CampaignProgress progress) => progress switch
    {
        CampaignProgress.NotStarted => "Chưa bắt đầu",
        CampaignProgress.InProgress => "Đang thực hiện",
        CampaignProgress.Submitted => "Đã gửi",
        CampaignProgress.Accepted => "Đã chấp nhận",
        _ => "Quá hạn",
    };
}
