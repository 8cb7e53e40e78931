using SecurityPortal.Domain.Common;

namespace SecurityPortal.Domain.Support;

/// <summary>What an agency asks the provincial unit for.</summary>
public enum SupportCategory
{
    MalwareRemoval,
    Configuration,
    Upgrade,
    IncidentAnalysis,
    Other,
}

/// <summary>How urgent the request is; each urgency has its response-time target (settings, section <c>Support</c>).</summary>
public enum SupportUrgency
{
    Critical,
    High,
    Normal,
    Low,
}

/// <summary>Mới → Đã tiếp nhận → Đang xử lý → Đã giải quyết → Đã đóng (by the requester), or reopened from «Đã giải quyết».</summary>
public enum SupportState
{
    New,
    Accepted,
    InProgress,
    Resolved,
    Closed,
}

/// <summary>What one line of the request's thread records.</summary>
public enum SupportAction
{
    Opened,
    Message,
    Accepted,
    Assigned,
    Started,
    Resolved,
    Reopened,
    Closed,
    ConvertedToIncident,
    ConvertedToTasks,
}

/// <summary>Who acts on a request, as the web layer established it: the provincial unit (reviewers) or the requesting agency.</summary>
public sealed record SupportActor(string UserId, string Name, bool IsProvince, bool IsRequester);

/// <summary>
/// A support request (yêu cầu hỗ trợ) from an agency to the provincial unit about one of its systems or the agency as a whole:
/// category, urgency with a response-time target, a thread of messages with attachments, an assignee in the provincial unit,
/// and the states of <see cref="SupportState"/>. The province may turn it into an incident or remediation tasks; the link is kept.
/// </summary>
public sealed class SupportRequest : Entity
{
    public const int TitleMaxLength = 300;
    public const int TextMaxLength = 4000;
    public const int NameMaxLength = 200;

    /// <summary>The states in which the province still owes an answer: the target runs and the request may be overdue.</summary>
    public static readonly SupportState[] Open = [SupportState.New, SupportState.Accepted, SupportState.InProgress];

    private readonly List<SupportMessage> _messages = [];
    private readonly List<SupportAttachment> _attachments = [];

    private SupportRequest()
    {
        Title = string.Empty;
        Description = string.Empty;
        RequestedById = string.Empty;
        RequestedByName = string.Empty;
    }

    public SupportRequest(
        Guid agencyId, Guid? systemId, SupportCategory category, SupportUrgency urgency, string? title, string? description,
        SupportActor requester, TimeSpan responseTarget, DateTime nowUtc)
    {
        if (!Enum.IsDefined(category))
        {
            throw new DomainException("Loại hỗ trợ không hợp lệ.");
        }

        if (!Enum.IsDefined(urgency))
        {
            throw new DomainException("Mức độ khẩn cấp không hợp lệ.");
        }

        AgencyId = agencyId;
        SystemId = systemId;
        Category = category;
        Urgency = urgency;
        Title = BoundedText.Optional(title, TitleMaxLength, "Tiêu đề") ?? throw new DomainException("Hãy nhập tiêu đề của yêu cầu.");
        Description = BoundedText.Optional(description, TextMaxLength, "Mô tả") ?? throw new DomainException("Hãy mô tả điều cần hỗ trợ.");
        State = SupportState.New;
        RequestedById = requester.UserId;
        RequestedByName = BoundedText.Clip(requester.Name, NameMaxLength);
        RequestedAtUtc = nowUtc;
        DueAtUtc = nowUtc + responseTarget;
        AddEntry(SupportAction.Opened, requester, null, nowUtc);
    }

    public Guid AgencyId { get; private set; }

    /// <summary>The system the request is about; none when it concerns the agency as a whole.</summary>
    public Guid? SystemId { get; private set; }

    public SupportCategory Category { get; private set; }
    public SupportUrgency Urgency { get; private set; }
    public string Title { get; private set; }
    public string Description { get; private set; }
    public SupportState State { get; private set; }
    public string RequestedById { get; private set; }
    public string RequestedByName { get; private set; }
    public DateTime RequestedAtUtc { get; private set; }

    /// <summary>When the province should have resolved it: opened (or reopened) + the target of its urgency.</summary>
    public DateTime DueAtUtc { get; private set; }

    public string? AssigneeId { get; private set; }
    public string? AssigneeName { get; private set; }
    public DateTime? AcceptedAtUtc { get; private set; }
    public DateTime? ResolvedAtUtc { get; private set; }
    public DateTime? ClosedAtUtc { get; private set; }

    /// <summary>The incident the request became, if it did.</summary>
    public Guid? IncidentId { get; private set; }

    public IReadOnlyList<SupportMessage> Messages => _messages;
    public IReadOnlyList<SupportAttachment> Attachments => _attachments;

    public bool IsOpen => Open.Contains(State);

    public static bool IsOverdueFor(SupportState state, DateTime dueAtUtc, DateTime nowUtc) => Open.Contains(state) && nowUtc > dueAtUtc;

    public bool IsOverdue(DateTime nowUtc) => IsOverdueFor(State, DueAtUtc, nowUtc);

    /// <summary>The province takes the request on and names who handles it (the accepting reviewer when none is named).</summary>
    public void Accept(SupportActor actor, string? assigneeId, string? assigneeName, string? text, DateTime nowUtc)
    {
        EnsureProvince(actor, "tiếp nhận");
        EnsureState(SupportState.New, "tiếp nhận");
        AssigneeId = assigneeId ?? actor.UserId;
        AssigneeName = BoundedText.Clip(assigneeName ?? actor.Name, NameMaxLength);
        AcceptedAtUtc = nowUtc;
        State = SupportState.Accepted;
        AddEntry(SupportAction.Accepted, actor, Text(text), nowUtc);
    }

    /// <summary>Hands the request to another reviewer while it is open.</summary>
    public void Assign(SupportActor actor, string assigneeId, string assigneeName, DateTime nowUtc)
    {
        EnsureProvince(actor, "giao xử lý");
        if (State is not (SupportState.Accepted or SupportState.InProgress))
        {
            throw new DomainException($"Yêu cầu đang ở trạng thái «{State.Vietnamese()}»: không thể giao xử lý.");
        }

        AssigneeId = assigneeId;
        AssigneeName = BoundedText.Clip(assigneeName, NameMaxLength);
        AddEntry(SupportAction.Assigned, actor, AssigneeName, nowUtc);
    }

    public void Start(SupportActor actor, DateTime nowUtc)
    {
        EnsureProvince(actor, "bắt đầu xử lý");
        EnsureState(SupportState.Accepted, "bắt đầu xử lý");
        State = SupportState.InProgress;
        AddEntry(SupportAction.Started, actor, null, nowUtc);
    }

    /// <summary>The province reports what it did; the requester then closes the request or reopens it.</summary>
    public void Resolve(SupportActor actor, string? note, DateTime nowUtc)
    {
        EnsureProvince(actor, "báo đã giải quyết");
        if (State is not (SupportState.Accepted or SupportState.InProgress))
        {
            throw new DomainException($"Yêu cầu đang ở trạng thái «{State.Vietnamese()}»: không thể báo đã giải quyết.");
        }

        var text = Text(note) ?? throw new DomainException("Hãy ghi kết quả hỗ trợ để đơn vị kiểm tra trước khi đóng yêu cầu.");
        State = SupportState.Resolved;
        ResolvedAtUtc = nowUtc;
        AddEntry(SupportAction.Resolved, actor, text, nowUtc);
    }

    /// <summary>The requesting agency confirms the help solved the problem.</summary>
    public void Close(SupportActor actor, string? text, DateTime nowUtc)
    {
        EnsureRequester(actor, "đóng");
        EnsureState(SupportState.Resolved, "đóng");
        State = SupportState.Closed;
        ClosedAtUtc = nowUtc;
        AddEntry(SupportAction.Closed, actor, Text(text), nowUtc);
    }

    /// <summary>The requesting agency says the problem remains: back to «Đang xử lý» with a new target from now.</summary>
    public void Reopen(SupportActor actor, string? reason, TimeSpan responseTarget, DateTime nowUtc)
    {
        EnsureRequester(actor, "mở lại");
        EnsureState(SupportState.Resolved, "mở lại");
        var text = Text(reason) ?? throw new DomainException("Hãy nêu lý do mở lại (vấn đề còn tồn tại thế nào).");
        State = SupportState.InProgress;
        ResolvedAtUtc = null;
        DueAtUtc = nowUtc + responseTarget;
        AddEntry(SupportAction.Reopened, actor, text, nowUtc);
    }

    /// <summary>A message of either side, with or without a file (at least one of the two), while the request is not closed.</summary>
    public SupportMessage Post(SupportActor actor, string? text, bool hasFile, DateTime nowUtc)
    {
        if (!actor.IsProvince && !actor.IsRequester)
        {
            throw new DomainException("Chỉ đơn vị chuyên trách và đơn vị gửi yêu cầu được trao đổi trên yêu cầu này.");
        }

        if (State == SupportState.Closed)
        {
            throw new DomainException("Yêu cầu đã đóng: không thể gửi thêm trao đổi.");
        }

        var body = Text(text);
        if (body is null && !hasFile)
        {
            throw new DomainException("Hãy nhập nội dung trao đổi hoặc chọn tệp đính kèm.");
        }

        return AddEntry(SupportAction.Message, actor, body, nowUtc);
    }

    /// <summary>A file of the request: with its opening or with one message of the thread.</summary>
    public SupportAttachment Attach(SupportMessage message, string fileName, string contentType, long length, string sha256, string userId, DateTime nowUtc)
    {
        if (message.RequestId != Id)
        {
            throw new DomainException("Trao đổi này không thuộc yêu cầu.");
        }

        var attachment = new SupportAttachment(Id, message.Id, new UploadedFile(UploadName.Clean(fileName, "tep-dinh-kem"), contentType, length, sha256, userId, nowUtc));
        _attachments.Add(attachment);
        return attachment;
    }

    /// <summary>Records that the province turned the request into an incident (once).</summary>
    public void LinkIncident(SupportActor actor, Guid incidentId, string incidentTitle, DateTime nowUtc)
    {
        EnsureProvince(actor, "chuyển thành sự cố");
        EnsureNotClosed("chuyển thành sự cố");
        if (IncidentId is not null)
        {
            throw new DomainException("Yêu cầu đã được chuyển thành sự cố.");
        }

        IncidentId = incidentId;
        AddEntry(SupportAction.ConvertedToIncident, actor, incidentTitle, nowUtc);
    }

    /// <summary>Records that the province turned the request into remediation tasks (they point back through their source).</summary>
    public void RecordTasks(SupportActor actor, IReadOnlyCollection<string> taskTitles, DateTime nowUtc)
    {
        EnsureProvince(actor, "tạo nhiệm vụ khắc phục");
        EnsureNotClosed("tạo nhiệm vụ khắc phục");
        if (taskTitles.Count == 0)
        {
            throw new DomainException("Hãy chọn ít nhất một hệ thống để tạo nhiệm vụ khắc phục.");
        }

        AddEntry(SupportAction.ConvertedToTasks, actor, BoundedText.Clip(string.Join("; ", taskTitles), TextMaxLength), nowUtc);
    }

    private static string? Text(string? text) => BoundedText.Optional(text, TextMaxLength, "Nội dung");

    private static void EnsureProvince(SupportActor actor, string step)
    {
        if (!actor.IsProvince)
        {
            throw new DomainException($"Chỉ đơn vị chuyên trách được {step} yêu cầu hỗ trợ.");
        }
    }

    private static void EnsureRequester(SupportActor actor, string step)
    {
        if (!actor.IsRequester)
        {
            throw new DomainException($"Chỉ đơn vị gửi yêu cầu được {step} yêu cầu hỗ trợ.");
        }
    }

    private void EnsureState(SupportState expected, string step)
    {
        if (State != expected)
        {
            throw new DomainException($"Yêu cầu đang ở trạng thái «{State.Vietnamese()}»: không thể {step}.");
        }
    }

    private void EnsureNotClosed(string step)
    {
        if (State == SupportState.Closed)
        {
            throw new DomainException($"Yêu cầu đã đóng: không thể {step}.");
        }
    }

    private SupportMessage AddEntry(SupportAction action, SupportActor actor, string? text, DateTime nowUtc)
    {
        var message = new SupportMessage(Id, action, actor.UserId, BoundedText.Clip(actor.Name, NameMaxLength), actor.IsProvince, nowUtc, text);
        _messages.Add(message);
        return message;
    }
}

/// <summary>One line of the thread: a message of either side, or a step with its note.</summary>
public sealed class SupportMessage : IAggregatePart
{
    private SupportMessage()
    {
        UserId = string.Empty;
        UserName = string.Empty;
    }

    internal SupportMessage(Guid requestId, SupportAction action, string userId, string userName, bool fromProvince, DateTime atUtc, string? text)
    {
        RequestId = requestId;
        Action = action;
        UserId = userId;
        UserName = userName;
        FromProvince = fromProvince;
        AtUtc = atUtc;
        Text = text;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid RequestId { get; private set; }

    Guid IAggregatePart.AggregateId => RequestId;
    public SupportAction Action { get; private set; }
    public string UserId { get; private set; }
    public string UserName { get; private set; }

    /// <summary>Written by the provincial unit (true) or by the requesting agency (false).</summary>
    public bool FromProvince { get; private set; }

    public DateTime AtUtc { get; private set; }
    public string? Text { get; private set; }
}

/// <summary>A file posted with the request or with one of its messages.</summary>
public sealed class SupportAttachment : IAggregatePart
{
    private SupportAttachment()
    {
        File = null!;
    }

    internal SupportAttachment(Guid requestId, Guid messageId, UploadedFile file)
    {
        RequestId = requestId;
        MessageId = messageId;
        File = file;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid RequestId { get; private set; }

    Guid IAggregatePart.AggregateId => RequestId;
    public Guid MessageId { get; private set; }
    public UploadedFile File { get; private set; }
}

public static class SupportText
{
    public static string Vietnamese(this SupportCategory category) => category switch
    {
        SupportCategory.MalwareRemoval => "Gỡ bỏ phần mềm độc hại",
        SupportCategory.Configuration => "Cấu hình",
        SupportCategory.Upgrade => "Nâng cấp",
        SupportCategory.IncidentAnalysis => "Phân tích sự cố",
        _ => "Khác",
    };

    public static string Vietnamese(this SupportUrgency urgency) => urgency switch
    {
        SupportUrgency.Critical => "Khẩn cấp",
        SupportUrgency.High => "Cao",
        SupportUrgency.Normal => "Bình thường",
        _ => "Thấp",
    };

    public static string Vietnamese(this SupportState state) => state switch
    {
        SupportState.New => "Mới",
        SupportState.Accepted => "Đã tiếp nhận",
        SupportState.InProgress => "Đang xử lý",
        SupportState.Resolved => "Đã giải quyết, chờ đơn vị xác nhận",
        _ => "Đã đóng",
    };

    public static string Vietnamese(this SupportAction action) => action switch
    {
        SupportAction.Opened => "Gửi yêu cầu",
        SupportAction.Message => "Trao đổi",
        SupportAction.Accepted => "Tiếp nhận",
        SupportAction.Assigned => "Giao xử lý",
        SupportAction.Started => "Bắt đầu xử lý",
        SupportAction.Resolved => "Báo đã giải quyết",
        SupportAction.Reopened => "Mở lại",
        SupportAction.Closed => "Đóng yêu cầu",
        SupportAction.ConvertedToIncident => "Chuyển thành sự cố",
        _ => "Tạo nhiệm vụ khắc phục",
    };
}
