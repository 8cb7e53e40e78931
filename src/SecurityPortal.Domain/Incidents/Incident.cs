using SecurityPortal.Domain.Common;

namespace SecurityPortal.Domain.Incidents;

public enum IncidentKind
{
    Defacement,
    Malware,
    DenialOfService,
    DataLeak,
    TargetedAttack,
    AccountCompromise,
    Other,
}

public enum IncidentStatus
{
    New,
    InProgress,
    Remediated,
    Closed,
}

/// <summary>Where a reporting clock stands: not due, done in time, done late, running, or overdue.</summary>
public sealed record ReportClock(string Name, DateTime DueUtc, DateTime? DoneUtc)
{
    public bool IsDone => DoneUtc is not null;
    public bool IsLate(DateTime nowUtc) => (DoneUtc ?? nowUtc) > DueUtc;
    public TimeSpan Remaining(DateTime nowUtc) => DueUtc - nowUtc;
}

/// <summary>
/// A cybersecurity incident (sự cố) reported by an agency: affected systems, detection time, severity, what was done;
/// Mới → Đang xử lý → Đã khắc phục → Đóng. A serious incident runs the clocks of Decree 331 Art. 31.2.d: an initial
/// notice within 24 hours of detection and a full report within 72 hours.
/// </summary>
public sealed class Incident : Entity
{
    public const int TitleMaxLength = 300;
    public const int TextMaxLength = 4000;
    public static readonly TimeSpan InitialNoticeWithin = TimeSpan.FromHours(24);
    public static readonly TimeSpan FullReportWithin = TimeSpan.FromHours(72);

    private readonly List<IncidentSystem> _systems = [];

    private Incident()
    {
        Title = string.Empty;
        ReportedById = string.Empty;
    }

    public Incident(
        Guid agencyId, IncidentKind kind, string title, string? description, DateTime detectedAtUtc, bool serious, string? actionsTaken,
        IReadOnlyCollection<Guid> systemIds, string reportedById, DateTime nowUtc)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new DomainException("Loại sự cố không hợp lệ.");
        }

        if (detectedAtUtc > nowUtc.AddMinutes(5))
        {
            throw new DomainException("Thời điểm phát hiện không được sau thời điểm hiện tại.");
        }

        if (systemIds.Count == 0)
        {
            throw new DomainException("Hãy chọn ít nhất một hệ thống bị ảnh hưởng.");
        }

        AgencyId = agencyId;
        Kind = kind;
        Title = Text(title, TitleMaxLength, "Tên sự cố") ?? throw new DomainException("Tên sự cố không được để trống.");
        Description = Text(description, TextMaxLength, "Mô tả");
        DetectedAtUtc = detectedAtUtc;
        Serious = serious;
        ActionsTaken = Text(actionsTaken, TextMaxLength, "Biện pháp đã thực hiện");
        Status = IncidentStatus.New;
        ReportedById = reportedById;
        ReportedAtUtc = nowUtc;
        foreach (var systemId in systemIds.Distinct())
        {
            _systems.Add(new IncidentSystem(Id, systemId));
        }
    }

    /// <summary>The agency that reported it; officers see their agency's incidents.</summary>
    public Guid AgencyId { get; private set; }

    public IncidentKind Kind { get; private set; }
    public string Title { get; private set; }
    public string? Description { get; private set; }
    public DateTime DetectedAtUtc { get; private set; }

    /// <summary>Serious incidents (sự cố nghiêm trọng) run the 24-hour initial-notice clock.</summary>
    public bool Serious { get; private set; }

    public string? ActionsTaken { get; private set; }
    public IncidentStatus Status { get; private set; }
    public string ReportedById { get; private set; }
    public DateTime ReportedAtUtc { get; private set; }
    public DateTime? InitialNoticeAtUtc { get; private set; }
    public DateTime? FullReportAtUtc { get; private set; }
    public IReadOnlyList<IncidentSystem> Systems => _systems;

    /// <summary>The clocks that apply: the initial notice (serious incidents only) and the full report.</summary>
    public IReadOnlyList<ReportClock> Clocks()
    {
        var clocks = new List<ReportClock>();
        if (Serious)
        {
            clocks.Add(new ReportClock("Thông báo ban đầu (24 giờ)", DetectedAtUtc + InitialNoticeWithin, InitialNoticeAtUtc));
        }

        clocks.Add(new ReportClock("Báo cáo đầy đủ (72 giờ)", DetectedAtUtc + FullReportWithin, FullReportAtUtc));
        return clocks;
    }

    public void RecordInitialNotice(DateTime nowUtc)
    {
        if (InitialNoticeAtUtc is not null)
        {
            throw new DomainException("Thông báo ban đầu đã được ghi nhận.");
        }

        InitialNoticeAtUtc = nowUtc;
    }

    public void RecordFullReport(DateTime nowUtc, string? actionsTaken)
    {
        if (FullReportAtUtc is not null)
        {
            throw new DomainException("Báo cáo đầy đủ đã được ghi nhận.");
        }

        ActionsTaken = Text(actionsTaken, TextMaxLength, "Biện pháp đã thực hiện") ?? ActionsTaken
            ?? throw new DomainException("Báo cáo đầy đủ cần nêu nguyên nhân, phạm vi và biện pháp khắc phục.");
        FullReportAtUtc = nowUtc;
    }

    /// <summary>Mới → Đang xử lý → Đã khắc phục → Đóng; closing needs the full report.</summary>
    public void MoveTo(IncidentStatus next)
    {
        var allowed = (Status, next) switch
        {
            (IncidentStatus.New, IncidentStatus.InProgress) => true,
            (IncidentStatus.InProgress, IncidentStatus.Remediated) => true,
            (IncidentStatus.Remediated, IncidentStatus.Closed) => true,
            (IncidentStatus.Remediated, IncidentStatus.InProgress) => true,
            _ => false,
        };
        if (!allowed)
        {
            throw new DomainException($"Không thể chuyển sự cố từ «{Status.Vietnamese()}» sang «{next.Vietnamese()}».");
        }

        if (next == IncidentStatus.Closed && FullReportAtUtc is null)
        {
            throw new DomainException("Cần ghi nhận báo cáo đầy đủ trước khi đóng sự cố.");
        }

        Status = next;
    }

    private static string? Text(string? text, int max, string name) => BoundedText.Optional(text, max, name);
}

public sealed class IncidentSystem : IAggregatePart
{
    private IncidentSystem()
    {
    }

    internal IncidentSystem(Guid incidentId, Guid systemId)
    {
        IncidentId = incidentId;
        SystemId = systemId;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid IncidentId { get; private set; }

    Guid IAggregatePart.AggregateId => IncidentId;
    public Guid SystemId { get; private set; }
}

public static class IncidentText
{
    public static string Vietnamese(this IncidentKind kind) => kind switch
    {
        IncidentKind.Defacement => "Thay đổi giao diện trang web",
        IncidentKind.Malware => "Mã độc",
        IncidentKind.DenialOfService => "Tấn công từ chối dịch vụ",
        IncidentKind.DataLeak => "Lộ, lọt dữ liệu",
        IncidentKind.TargetedAttack => "Tấn công có chủ đích (APT)",
        IncidentKind.AccountCompromise => "Chiếm đoạt tài khoản",
        _ => "Khác",
    };

    public static string Vietnamese(this IncidentStatus status) => status switch
    {
        IncidentStatus.New => "Mới",
        IncidentStatus.InProgress => "Đang xử lý",
        IncidentStatus.Remediated => "Đã khắc phục",
        _ => "Đóng",
    };
}
