using SecurityPortal.Domain.Common;

namespace SecurityPortal.Domain.Remediation;

public enum TaskSource
{
    SelfAssessmentGap,
    AppraisalFinding,
    InspectionConclusion,
    VulnerabilityWarning,
    Incident,
    OutdatedSoftware,
    Other,
    WebsiteCheck,
    ScannerReport,
    SupportRequest,
}

public enum TaskSeverity
{
    Critical,
    High,
    Medium,
    Low,
}

public enum RemediationStatus
{
    New,
    InProgress,
    Resolved,
    Verified,
    Reopened,
    Cancelled,
}

public enum TaskAction
{
    Created,
    Commented,
    Started,
    Resolved,
    Verified,
    Reopened,
    Cancelled,
    Reassigned,
    DueDateChanged,
    EvidenceAdded,
}

/// <summary>Who acts on a task, as the web layer established it.</summary>
public sealed record TaskActor(string UserId, string Name, bool IsReviewer, bool IsAgencyOfficer);

/// <summary>
/// A remediation task (nhiệm vụ khắc phục) for one system, linked to the record that raised it. Mới → Đang xử lý →
/// Đã xử lý (resolution note and evidence) → Đã xác minh by a reviewer who did not resolve it, or Mở lại with a
/// reason; Hủy by a reviewer with a reason. Every step and comment is an entry of its thread.
/// </summary>
public sealed class RemediationTask : Entity, IBelongsToSystem
{
    public const int TitleMaxLength = 300;
    public const int TextMaxLength = 4000;

    private readonly List<TaskEntry> _entries = [];
    private readonly List<TaskAttachment> _attachments = [];

    private RemediationTask()
    {
        Title = string.Empty;
        CreatedById = string.Empty;
    }

    public RemediationTask(
        Guid systemId, string title, string? description, TaskSource source, Guid? sourceId, Guid? sourceItemId, string? requirementCode,
        TaskSeverity severity, DateOnly dueDate, string createdById, DateTime createdAtUtc, string? createdByName = null)
    {
        SystemId = systemId;
        Title = Text(title, TitleMaxLength, "Tên nhiệm vụ") ?? throw new DomainException("Tên nhiệm vụ không được để trống.");
        Description = Text(description, TextMaxLength, "Mô tả");
        Source = Enum.IsDefined(source) ? source : throw new DomainException("Nguồn phát sinh không hợp lệ.");
        SourceId = sourceId;
        SourceItemId = sourceItemId;
        RequirementCode = requirementCode;
        Severity = Enum.IsDefined(severity) ? severity : throw new DomainException("Mức độ không hợp lệ.");
        DueDate = dueDate;
        Status = RemediationStatus.New;
        CreatedById = createdById;
        CreatedAtUtc = createdAtUtc;
        _entries.Add(new TaskEntry(Id, TaskAction.Created, createdById, createdByName ?? "Hệ thống", createdAtUtc, Description));
    }

    public Guid SystemId { get; private set; }
    public string Title { get; private set; }
    public string? Description { get; private set; }
    public TaskSource Source { get; private set; }

    /// <summary>The record that raised the task (an assessment, a dossier, a warning…).</summary>
    public Guid? SourceId { get; private set; }

    /// <summary>The line of that record (an assessment item), so the same gap is never turned into two tasks.</summary>
    public Guid? SourceItemId { get; private set; }

    public string? RequirementCode { get; private set; }
    public TaskSeverity Severity { get; private set; }
    public DateOnly DueDate { get; private set; }
    public RemediationStatus Status { get; private set; }
    public string? AssigneeId { get; private set; }
    public string? AssigneeName { get; private set; }
    public string? ResolutionNote { get; private set; }
    public string? ResolvedById { get; private set; }
    public DateTime? ResolvedAtUtc { get; private set; }
    public string? VerifiedById { get; private set; }
    public DateTime? VerifiedAtUtc { get; private set; }
    public string CreatedById { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public IReadOnlyList<TaskEntry> Entries => _entries;
    public IReadOnlyList<TaskAttachment> Attachments => _attachments;

    public bool IsOpen => Status is not (RemediationStatus.Verified or RemediationStatus.Cancelled);

    /// <summary>The states in which the agency still has work to do (a resolved task waits for the reviewer, not for the agency).</summary>
    public static readonly RemediationStatus[] ToWorkOn = [RemediationStatus.New, RemediationStatus.InProgress, RemediationStatus.Reopened];

    /// <summary>Overdue while work is still to be done; also for rows read without the entity.</summary>
    public static bool IsOverdueFor(RemediationStatus status, DateOnly dueDate, DateOnly today) => ToWorkOn.Contains(status) && today > dueDate;

    public bool IsOverdue(DateOnly today) => IsOverdueFor(Status, DueDate, today);

    /// <summary>The due date a severity gives by default (days from today); the creator may only shorten it.</summary>
    public static DateOnly DefaultDueDate(TaskSeverity severity, DateOnly today, IReadOnlyDictionary<TaskSeverity, int> days) =>
        today.AddDays(days.TryGetValue(severity, out var n) ? n : 90);

    /// <summary>A due date chosen at creation: not in the past, not later than the severity's default.</summary>
    public static void CheckDueDate(DateOnly dueDate, TaskSeverity severity, DateOnly today, IReadOnlyDictionary<TaskSeverity, int> days)
    {
        if (dueDate < today)
        {
            throw new DomainException("Hạn xử lý không được trước ngày hôm nay.");
        }

        var latest = DefaultDueDate(severity, today, days);
        if (dueDate > latest)
        {
            throw new DomainException($"Với mức độ «{severity.Vietnamese()}», hạn xử lý muộn nhất là {Format(latest)}; chỉ được rút ngắn.");
        }
    }

    public void Assign(TaskActor actor, string? assigneeId, string? assigneeName, DateTime nowUtc)
    {
        EnsureOpen("giao nhiệm vụ");
        EnsureParticipant(actor);
        AssigneeId = string.IsNullOrWhiteSpace(assigneeId) ? null : assigneeId;
        AssigneeName = AssigneeId is null ? null : Text(assigneeName, 256, "Tên người được giao") ?? AssigneeId;
        Add(TaskAction.Reassigned, actor, nowUtc, AssigneeId is null ? "Bỏ giao việc" : $"Giao cho {AssigneeName}");
    }

    /// <summary>
    /// A new task goes to its system's technical contact when that person has a portal account (the web layer finds them);
    /// the thread says so under the task's creator, at its creation.
    /// </summary>
    public void AssignToContact(string assigneeId, string assigneeName)
    {
        if (AssigneeId is not null || _entries.Count != 1 || Status != RemediationStatus.New)
        {
            throw new DomainException("Chỉ giao cho người phụ trách kỹ thuật khi vừa tạo nhiệm vụ chưa giao cho ai.");
        }

        AssigneeId = string.IsNullOrWhiteSpace(assigneeId) ? throw new DomainException("Thiếu người được giao.") : assigneeId;
        AssigneeName = Text(assigneeName, 256, "Tên người được giao") ?? assigneeId;
        _entries.Add(new TaskEntry(Id, TaskAction.Reassigned, CreatedById, _entries[0].UserName, CreatedAtUtc,
            $"Giao cho {AssigneeName} (người phụ trách kỹ thuật của hệ thống)"));
    }

    public void Comment(TaskActor actor, string? text, DateTime nowUtc)
    {
        EnsureOpen("gửi ý kiến");
        EnsureParticipant(actor);
        var body = Text(text, TextMaxLength, "Ý kiến") ?? throw new DomainException("Ý kiến không được để trống.");
        Add(TaskAction.Commented, actor, nowUtc, body);
    }

    public void Start(TaskActor actor, DateTime nowUtc)
    {
        if (Status is not (RemediationStatus.New or RemediationStatus.Reopened))
        {
            throw new DomainException($"Nhiệm vụ đang ở trạng thái «{Status.Vietnamese()}»: không thể bắt đầu xử lý.");
        }

        EnsureParticipant(actor);
        Status = RemediationStatus.InProgress;
        Add(TaskAction.Started, actor, nowUtc, null);
    }

    public void AddAttachment(TaskActor actor, string fileName, string contentType, long length, string sha256, DateTime nowUtc)
    {
        EnsureOpen("thêm minh chứng");
        EnsureParticipant(actor);
        var attachment = new TaskAttachment(Id, new UploadedFile(UploadName.Clean(fileName, "minh-chung"), contentType, length, sha256, actor.UserId, nowUtc));
        _attachments.Add(attachment);
        Add(TaskAction.EvidenceAdded, actor, nowUtc, attachment.File.FileName);
    }

    /// <summary>
    /// Đã xử lý: the agency says what it did and shows it. <paramref name="recorded"/> is what the step also changed
    /// elsewhere (a warning's task records the new versions in the registry); the thread shows it under the note.
    /// </summary>
    public void Resolve(TaskActor actor, string? note, DateTime nowUtc, string? recorded = null)
    {
        var text = CheckResolvable(actor, note);
        ResolutionNote = text;
        ResolvedById = actor.UserId;
        ResolvedAtUtc = nowUtc;
        Status = RemediationStatus.Resolved;
        Add(TaskAction.Resolved, actor, nowUtc, recorded is null ? text : BoundedText.Clip($"{text}\n{recorded}", TextMaxLength));
    }

    /// <summary>The refusals of <see cref="Resolve"/>, for a step that must pass them before it changes anything else; returns the note.</summary>
    public string CheckResolvable(TaskActor actor, string? note)
    {
        if (Status is not (RemediationStatus.New or RemediationStatus.InProgress or RemediationStatus.Reopened))
        {
            throw new DomainException($"Nhiệm vụ đang ở trạng thái «{Status.Vietnamese()}»: không thể báo đã xử lý.");
        }

        if (!actor.IsAgencyOfficer && !actor.IsReviewer)
        {
            throw new DomainException("Chỉ cán bộ của đơn vị hoặc cán bộ thẩm định được báo đã xử lý.");
        }

        var text = Text(note, TextMaxLength, "Kết quả xử lý") ?? throw new DomainException("Cần ghi kết quả xử lý (đã làm gì, khi nào).");
        return _attachments.Count == 0
            ? throw new DomainException("Cần đính kèm ít nhất một minh chứng (ảnh chụp, biên bản, nhật ký cập nhật…) trước khi báo đã xử lý.")
            : text;
    }

    /// <summary>A later scanner report still finds what the task is about: the thread records it (the task's history).</summary>
    public void RecordScan(TaskActor actor, string text, DateTime nowUtc)
    {
        EnsureOpen("ghi kết quả quét");
        EnsureParticipant(actor);
        Add(TaskAction.Commented, actor, nowUtc, Text(text, TextMaxLength, "Kết quả quét"));
    }

    /// <summary>
    /// A later scan of the same target no longer finds it: the task is proposed for verification (Đã xử lý), the scan
    /// being its evidence; a reviewer verifies or reopens it as any resolved task.
    /// </summary>
    public void ProposeFixedByScan(TaskActor actor, string note, DateTime nowUtc)
    {
        if (!ToWorkOn.Contains(Status))
        {
            throw new DomainException($"Nhiệm vụ đang ở trạng thái «{Status.Vietnamese()}»: không thể báo đã xử lý.");
        }

        EnsureParticipant(actor);
        ResolutionNote = Text(note, TextMaxLength, "Kết quả xử lý") ?? throw new DomainException("Cần ghi kết quả xử lý (đã làm gì, khi nào).");
        ResolvedById = actor.UserId;
        ResolvedAtUtc = nowUtc;
        Status = RemediationStatus.Resolved;
        Add(TaskAction.Resolved, actor, nowUtc, ResolutionNote);
    }

    /// <summary>The refusals of <see cref="Verify"/> (status, role, no self-verification), checked before anything else.</summary>
    public void CheckVerifiable(TaskActor actor) => EnsureReviewerStep(actor, "xác minh");

    /// <summary>Đã xác minh: a provincial reviewer who did not resolve it confirms the fix.</summary>
    public void Verify(TaskActor actor, string? note, DateTime nowUtc)
    {
        CheckVerifiable(actor);
        var text = Text(note, TextMaxLength, "Ghi chú");
        VerifiedById = actor.UserId;
        VerifiedAtUtc = nowUtc;
        Status = RemediationStatus.Verified;
        Add(TaskAction.Verified, actor, nowUtc, text);
    }

    public void Reopen(TaskActor actor, string? reason, DateTime nowUtc)
    {
        EnsureReviewerStep(actor, "mở lại");
        var text = Text(reason, TextMaxLength, "Lý do mở lại") ?? throw new DomainException("Cần nêu lý do mở lại.");
        Status = RemediationStatus.Reopened;
        ResolvedAtUtc = null;
        Add(TaskAction.Reopened, actor, nowUtc, text);
    }

    public void Cancel(TaskActor actor, string? reason, DateTime nowUtc)
    {
        EnsureOpen("hủy");
        if (!actor.IsReviewer)
        {
            throw new DomainException("Chỉ cán bộ thẩm định được hủy nhiệm vụ.");
        }

        var text = Text(reason, TextMaxLength, "Lý do hủy") ?? throw new DomainException("Cần nêu lý do hủy.");
        Status = RemediationStatus.Cancelled;
        Add(TaskAction.Cancelled, actor, nowUtc, text);
    }

    /// <summary>A reviewer moves the due date (earlier or later), always with a reason.</summary>
    public void ChangeDueDate(TaskActor actor, DateOnly dueDate, string? reason, DateOnly today, DateTime nowUtc)
    {
        EnsureOpen("đổi hạn");
        if (!actor.IsReviewer)
        {
            throw new DomainException("Chỉ cán bộ thẩm định được đổi hạn xử lý.");
        }

        if (dueDate < today)
        {
            throw new DomainException("Hạn xử lý không được trước ngày hôm nay.");
        }

        var text = Text(reason, TextMaxLength, "Lý do đổi hạn") ?? throw new DomainException("Cần nêu lý do đổi hạn.");
        var before = DueDate;
        DueDate = dueDate;
        Add(TaskAction.DueDateChanged, actor, nowUtc, $"{Format(before)} → {Format(dueDate)}: {text}");
    }

    private void EnsureReviewerStep(TaskActor actor, string what)
    {
        if (Status != RemediationStatus.Resolved)
        {
            throw new DomainException($"Nhiệm vụ đang ở trạng thái «{Status.Vietnamese()}»: không thể {what}.");
        }

        if (!actor.IsReviewer)
        {
            throw new DomainException($"Chỉ cán bộ thẩm định được {what}.");
        }

        if (actor.UserId == ResolvedById)
        {
            throw new DomainException($"Người báo đã xử lý không được tự {what} nhiệm vụ của mình.");
        }
    }

    private void EnsureOpen(string what)
    {
        if (!IsOpen)
        {
            throw new DomainException($"Nhiệm vụ đã {(Status == RemediationStatus.Verified ? "được xác minh" : "bị hủy")}: không thể {what}.");
        }
    }

    private static void EnsureParticipant(TaskActor actor)
    {
        if (!actor.IsAgencyOfficer && !actor.IsReviewer)
        {
            throw new DomainException("Chỉ cán bộ của đơn vị hoặc cán bộ thẩm định được thao tác trên nhiệm vụ.");
        }
    }

    private void Add(TaskAction action, TaskActor actor, DateTime nowUtc, string? text) =>
        _entries.Add(new TaskEntry(Id, action, actor.UserId, actor.Name, nowUtc, text));

    private static string Format(DateOnly date) => date.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    private static string? Text(string? text, int max, string name) => BoundedText.Optional(text, max, name);
}

/// <summary>One line of a task's thread: a step or a comment, who, when.</summary>
public sealed class TaskEntry : IAggregatePart
{
    private TaskEntry()
    {
        UserId = string.Empty;
        UserName = string.Empty;
    }

    internal TaskEntry(Guid taskId, TaskAction action, string userId, string userName, DateTime atUtc, string? text)
    {
        TaskId = taskId;
        Action = action;
        UserId = userId;
        UserName = userName;
        AtUtc = atUtc;
        Text = text;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid TaskId { get; private set; }

    Guid IAggregatePart.AggregateId => TaskId;
    public TaskAction Action { get; private set; }
    public string UserId { get; private set; }
    public string UserName { get; private set; }
    public DateTime AtUtc { get; private set; }
    public string? Text { get; private set; }
}

/// <summary>Evidence of a task; the file is stored once by its hash, like all uploads.</summary>
public sealed class TaskAttachment : IAggregatePart
{
    private TaskAttachment()
    {
        File = null!;
    }

    internal TaskAttachment(Guid taskId, UploadedFile file)
    {
        TaskId = taskId;
        File = file;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid TaskId { get; private set; }

    Guid IAggregatePart.AggregateId => TaskId;
    public UploadedFile File { get; private set; }
}

public static class RemediationText
{
    public static string Vietnamese(this RemediationStatus status) => status switch
    {
        RemediationStatus.New => "Mới",
        RemediationStatus.InProgress => "Đang xử lý",
        RemediationStatus.Resolved => "Đã xử lý",
        RemediationStatus.Verified => "Đã xác minh",
        RemediationStatus.Reopened => "Mở lại",
        _ => "Hủy",
    };

    public static string Vietnamese(this TaskSeverity severity) => severity switch
    {
        TaskSeverity.Critical => "Nghiêm trọng",
        TaskSeverity.High => "Cao",
        TaskSeverity.Medium => "Trung bình",
        _ => "Thấp",
    };

    public static string Vietnamese(this TaskSource source) => source switch
    {
        TaskSource.SelfAssessmentGap => "Tự đánh giá chưa đáp ứng",
        TaskSource.AppraisalFinding => "Kết luận thẩm định",
        TaskSource.InspectionConclusion => "Kết luận kiểm tra",
        TaskSource.VulnerabilityWarning => "Cảnh báo lỗ hổng",
        TaskSource.Incident => "Sự cố",
        TaskSource.OutdatedSoftware => "Phần mềm lỗi thời",
        TaskSource.WebsiteCheck => "Giám sát trang web",
        TaskSource.ScannerReport => "Báo cáo quét lỗ hổng",
        TaskSource.SupportRequest => "Yêu cầu hỗ trợ",
        _ => "Khác",
    };

    public static string Vietnamese(this TaskAction action) => action switch
    {
        TaskAction.Created => "Tạo nhiệm vụ",
        TaskAction.Commented => "Ý kiến",
        TaskAction.Started => "Bắt đầu xử lý",
        TaskAction.Resolved => "Báo đã xử lý",
        TaskAction.Verified => "Xác minh",
        TaskAction.Reopened => "Mở lại",
        TaskAction.Cancelled => "Hủy",
        TaskAction.Reassigned => "Giao việc",
        TaskAction.DueDateChanged => "Đổi hạn",
        _ => "Thêm minh chứng",
    };
}
