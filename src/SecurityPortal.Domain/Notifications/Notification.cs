namespace SecurityPortal.Domain.Notifications;

/// <summary>An in-app message to one user: what happened and where to look. Its e-mail follows the user's choice for its kind.</summary>
public sealed class Notification
{
    public const int TextMaxLength = 500;
    public const int LinkMaxLength = 300;

    private Notification()
    {
        UserId = string.Empty;
        Text = string.Empty;
        Link = string.Empty;
    }

    public Notification(string userId, NotificationKind kind, string text, string link, DateTime createdAtUtc)
    {
        UserId = userId;
        Kind = Enum.IsDefined(kind) ? kind : throw new ArgumentOutOfRangeException(nameof(kind));
        Text = text.Length > TextMaxLength ? text[..TextMaxLength] : text;
        Link = IsLocalPath(link)
            ? link
            : throw new ArgumentException("A notification links to a page of the portal.", nameof(link));
        CreatedAtUtc = createdAtUtc;
    }

    /// <summary>A path of the portal: starts with one slash, no backslash or control character (browsers read «/\x» as «//x»).</summary>
    public static bool IsLocalPath(string link) =>
        link.Length is > 0 and <= LinkMaxLength && link[0] == '/' && !link.StartsWith("//", StringComparison.Ordinal)
        && !link.Any(c => c == '\\' || char.IsControl(c));

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public string UserId { get; private set; }
    public NotificationKind Kind { get; private set; }
    public string Text { get; private set; }

    /// <summary>A local path of the portal; never an outside address.</summary>
    public string Link { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? ReadAtUtc { get; private set; }

    /// <summary>Where the e-mail of this notification stands.</summary>
    public MailState Mail { get; private set; }

    public void MarkRead(DateTime nowUtc) => ReadAtUtc ??= nowUtc;

    /// <summary>Decides the e-mail once, when the notification is saved, from the user's choice for its kind.</summary>
    public void PlanMail(MailFrequency frequency, bool hasAddress)
    {
        if (Mail != MailState.Undecided)
        {
            return;
        }

        Mail = !hasAddress ? MailState.None : frequency switch
        {
            MailFrequency.Immediate => MailState.Queued,
            MailFrequency.Daily => MailState.AwaitingDigest,
            _ => MailState.None,
        };
    }

    /// <summary>The notification went out in the user's daily digest.</summary>
    public void MarkDigested()
    {
        if (Mail == MailState.AwaitingDigest)
        {
            Mail = MailState.Digested;
        }
    }
}

public enum MailState
{
    /// <summary>Not saved yet: the e-mail is decided when it is.</summary>
    Undecided = 0,
    None = 1,
    Queued = 2,
    AwaitingDigest = 3,
    Digested = 4,
}

/// <summary>What a notification is about; users choose how each kind reaches them by e-mail.</summary>
public enum NotificationKind
{
    Other = 0,
    TaskAssigned = 1,
    TaskCommented = 2,
    TaskResolved = 3,
    TaskVerified = 4,
    TaskReopened = 5,
    TaskDueSoon = 6,
    TaskOverdue = 7,
    WarningPublished = 8,
    Dossier = 9,
    Assessment = 10,
    Incident = 11,
    WebsiteAlert = 12,
    Directive = 13,
    Support = 14,
}

/// <summary>How often a user wants e-mail for one kind of notification. In-app notifications always appear.</summary>
public enum MailFrequency
{
    Immediate = 0,
    Daily = 1,
    Off = 2,
}

/// <summary>A user's e-mail choice for one kind; no row means <see cref="MailFrequency.Immediate"/>.</summary>
public sealed class NotificationPreference
{
    private NotificationPreference()
    {
        UserId = string.Empty;
    }

    public NotificationPreference(string userId, NotificationKind kind, MailFrequency frequency)
    {
        UserId = userId;
        Kind = Enum.IsDefined(kind) ? kind : throw new Common.DomainException("Loại thông báo không hợp lệ.");
        Set(frequency);
    }

    public string UserId { get; private set; }
    public NotificationKind Kind { get; private set; }
    public MailFrequency Frequency { get; private set; }

    public void Set(MailFrequency frequency) =>
        Frequency = Enum.IsDefined(frequency) ? frequency : throw new Common.DomainException("Tần suất nhận e-mail không hợp lệ.");
}

public static class NotificationText
{
    public static string Vietnamese(this NotificationKind kind) => kind switch
    {
        NotificationKind.TaskAssigned => "Nhiệm vụ mới hoặc được giao cho tôi",
        NotificationKind.TaskCommented => "Ý kiến mới trên nhiệm vụ",
        NotificationKind.TaskResolved => "Nhiệm vụ được báo đã xử lý",
        NotificationKind.TaskVerified => "Nhiệm vụ được xác minh",
        NotificationKind.TaskReopened => "Nhiệm vụ bị mở lại",
        NotificationKind.TaskDueSoon => "Nhắc hạn nhiệm vụ (còn 7, 3, 1 ngày)",
        NotificationKind.TaskOverdue => "Tổng hợp nhiệm vụ quá hạn (mỗi ngày làm việc)",
        NotificationKind.WarningPublished => "Cảnh báo lỗ hổng ảnh hưởng hệ thống",
        NotificationKind.Dossier => "Hồ sơ đề xuất cấp độ",
        NotificationKind.Assessment => "Tự đánh giá và đợt đánh giá",
        NotificationKind.Incident => "Sự cố và thời hạn báo cáo",
        NotificationKind.WebsiteAlert => "Giám sát trang web (cảnh báo nghiêm trọng, thay đổi giao diện)",
        NotificationKind.Directive => "Văn bản chỉ đạo và báo cáo thực hiện",
        NotificationKind.Support => "Yêu cầu hỗ trợ",
        _ => "Thông báo khác",
    };

    public static string Vietnamese(this MailFrequency frequency) => frequency switch
    {
        MailFrequency.Immediate => "Gửi ngay",
        MailFrequency.Daily => "Gộp vào thư tổng hợp hằng ngày",
        _ => "Không gửi e-mail",
    };
}
