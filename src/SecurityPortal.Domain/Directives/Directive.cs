using SecurityPortal.Domain.Agencies;
using SecurityPortal.Domain.Common;

namespace SecurityPortal.Domain.Directives;

/// <summary>
/// A directive (văn bản chỉ đạo) of the province: number, date, issuer, subject, the signed file, and the actions it
/// requires, each with a deadline and the agencies it applies to (kinds of agency, levels of their systems). It is written
/// as a draft with its recipients («Kính gửi») and sent once: every recipient to which at least one action applies gets
/// a <see cref="DirectiveReport"/> to answer.
/// </summary>
public sealed class Directive : Entity
{
    public const int NumberMaxLength = 50;
    public const int IssuerMaxLength = 300;
    public const int SubjectMaxLength = 1000;
    public const int MaxActions = 20;

    private readonly List<DirectiveAction> _actions = [];
    private readonly List<DirectiveRecipient> _recipients = [];
    private readonly List<DirectiveFile> _files = [];

    private Directive()
    {
        Number = string.Empty;
        Issuer = string.Empty;
        Subject = string.Empty;
        CreatedById = string.Empty;
    }

    public Directive(string? number, DateOnly issuedOn, string? issuer, string? subject, string userId, DateTime nowUtc)
    {
        Number = BoundedText.Optional(number, NumberMaxLength, "Số hiệu văn bản") ?? throw new DomainException("Hãy nhập số hiệu văn bản.");
        Issuer = BoundedText.Optional(issuer, IssuerMaxLength, "Cơ quan ban hành") ?? throw new DomainException("Hãy nhập cơ quan ban hành.");
        Subject = BoundedText.Optional(subject, SubjectMaxLength, "Trích yếu") ?? throw new DomainException("Hãy nhập trích yếu của văn bản.");
        if (issuedOn == default || issuedOn > DateOnly.FromDateTime(VietnamTime.FromUtc(nowUtc)))
        {
            throw new DomainException("Ngày ban hành không hợp lệ (không được sau hôm nay).");
        }

        IssuedOn = issuedOn;
        CreatedById = userId;
        CreatedAtUtc = nowUtc;
        State = DirectiveState.Draft;
    }

    public string Number { get; private set; }
    public DateOnly IssuedOn { get; private set; }
    public string Issuer { get; private set; }
    public string Subject { get; private set; }
    public DirectiveState State { get; private set; }
    public string CreatedById { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public string? SentById { get; private set; }
    public DateTime? SentAtUtc { get; private set; }
    public DateTime? ClosedAtUtc { get; private set; }

    public IReadOnlyList<DirectiveAction> Actions => _actions;
    public IReadOnlyList<DirectiveRecipient> Recipients => _recipients;

    /// <summary>The signed file; the list holds at most one (attaching again replaces it while the directive is a draft).</summary>
    public IReadOnlyList<DirectiveFile> Files => _files;

    public DirectiveFile? SignedFile => _files.Count == 0 ? null : _files[0];

    /// <summary>The latest deadline of its actions: the directive is followed until then at least.</summary>
    public DateOnly? LastDeadline => _actions.Count == 0 ? null : _actions.Max(a => a.Deadline);

    public DirectiveAction AddAction(string? text, DateOnly deadline, string? evidenceExpected, IEnumerable<AgencyKind>? kinds, IEnumerable<int>? levels, DateOnly today)
    {
        EnsureDraft("thêm yêu cầu");
        if (_actions.Count >= MaxActions)
        {
            throw new DomainException($"Một văn bản có tối đa {MaxActions} yêu cầu.");
        }

        if (deadline < today)
        {
            throw new DomainException($"Yêu cầu {_actions.Count + 1}: thời hạn ({deadline.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture)}) đã qua.");
        }

        if (deadline < IssuedOn)
        {
            throw new DomainException($"Yêu cầu {_actions.Count + 1}: thời hạn phải từ ngày ban hành trở đi.");
        }

        var action = new DirectiveAction(Id, _actions.Count + 1, text, deadline, evidenceExpected, kinds, levels);
        _actions.Add(action);
        return action;
    }

    /// <summary>The recipients («Kính gửi»): chosen agencies, each once; replaces the earlier choice while a draft.</summary>
    public void SetRecipients(IEnumerable<Guid> agencyIds)
    {
        EnsureDraft("đổi nơi nhận");
        var ids = agencyIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            throw new DomainException("Hãy chọn nơi nhận: các sở, ban, ngành và UBND xã, phường, hoặc từng cơ quan.");
        }

        _recipients.Clear();
        _recipients.AddRange(ids.Select(id => new DirectiveRecipient(Id, id)));
    }

    public void AttachSignedFile(string fileName, string contentType, long length, string sha256, string userId, DateTime nowUtc)
    {
        EnsureDraft("thay tệp văn bản");
        _files.Clear();
        _files.Add(new DirectiveFile(Id, new UploadedFile(UploadName.Clean(fileName, "van-ban"), contentType, length, sha256, userId, nowUtc)));
    }

    /// <summary>
    /// Sends the directive: every recipient to which at least one action applies (its kind, the levels of its systems) gets
    /// a report with one answer per applicable action. Returns the reports, and the recipients left out because no action applies.
    /// </summary>
    public (IReadOnlyList<DirectiveReport> Reports, IReadOnlyList<Guid> NothingApplies) Send(
        IReadOnlyDictionary<Guid, RecipientFacts> recipients, string userId, DateTime nowUtc)
    {
        EnsureDraft("gửi");
        if (SignedFile is null)
        {
            throw new DomainException("Hãy đính kèm tệp văn bản đã ký trước khi gửi.");
        }

        if (_actions.Count == 0)
        {
            throw new DomainException("Văn bản chưa có yêu cầu nào cần thực hiện.");
        }

        if (_recipients.Count == 0)
        {
            throw new DomainException("Hãy chọn nơi nhận trước khi gửi.");
        }

        var reports = new List<DirectiveReport>();
        var left = new List<Guid>();
        foreach (var recipient in _recipients)
        {
            if (!recipients.TryGetValue(recipient.AgencyId, out var facts))
            {
                throw new DomainException("Một cơ quan nhận không còn hoạt động: hãy chọn lại nơi nhận.");
            }

            var applicable = _actions.Where(a => a.AppliesTo(facts)).ToList();
            if (applicable.Count == 0)
            {
                left.Add(recipient.AgencyId);
                continue;
            }

            reports.Add(new DirectiveReport(this, recipient.AgencyId, applicable));
        }

        if (reports.Count == 0)
        {
            throw new DomainException("Không yêu cầu nào áp dụng cho các cơ quan đã chọn: hãy xem lại phạm vi áp dụng hoặc nơi nhận.");
        }

        State = DirectiveState.Sent;
        SentById = userId;
        SentAtUtc = nowUtc;
        return (reports, left);
    }

    public void Close(DateTime nowUtc)
    {
        if (State != DirectiveState.Sent)
        {
            throw new DomainException($"Văn bản đang ở trạng thái «{State.Vietnamese()}»: không thể kết thúc theo dõi.");
        }

        State = DirectiveState.Closed;
        ClosedAtUtc = nowUtc;
    }

    private void EnsureDraft(string what)
    {
        if (State != DirectiveState.Draft)
        {
            throw new DomainException($"Văn bản đã gửi: không thể {what}.");
        }
    }
}

/// <summary>What decides whether an action applies to a recipient: its kind and the security levels of the systems it owns.</summary>
public sealed record RecipientFacts(AgencyKind Kind, IReadOnlySet<int> Levels);

/// <summary>One action the directive requires: its text, deadline, the evidence expected, and to whom it applies (empty: everyone).</summary>
public sealed class DirectiveAction : IAggregatePart
{
    public const int TextMaxLength = 2000;
    public const int EvidenceMaxLength = 1000;

    private DirectiveAction()
    {
        Text = string.Empty;
        AgencyKinds = string.Empty;
        Levels = string.Empty;
    }

    internal DirectiveAction(Guid directiveId, int order, string? text, DateOnly deadline, string? evidenceExpected, IEnumerable<AgencyKind>? kinds, IEnumerable<int>? levels)
    {
        DirectiveId = directiveId;
        Order = order;
        Text = BoundedText.Optional(text, TextMaxLength, $"Yêu cầu {order}") ?? throw new DomainException($"Yêu cầu {order}: hãy nhập nội dung.");
        Deadline = deadline;
        EvidenceExpected = BoundedText.Optional(evidenceExpected, EvidenceMaxLength, $"Yêu cầu {order}: minh chứng cần có");
        var kindList = (kinds ?? []).Distinct().ToList();
        if (kindList.Any(k => !Enum.IsDefined(k)))
        {
            throw new DomainException($"Yêu cầu {order}: loại cơ quan không hợp lệ.");
        }

        var levelList = (levels ?? []).Distinct().Order().ToList();
        if (levelList.Any(l => l is < 1 or > 5))
        {
            throw new DomainException($"Yêu cầu {order}: cấp độ phải từ 1 đến 5.");
        }

        AgencyKinds = string.Join(',', kindList.Order());
        Levels = string.Join(',', levelList);
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DirectiveId { get; private set; }

    Guid IAggregatePart.AggregateId => DirectiveId;
    public int Order { get; private set; }
    public string Text { get; private set; }
    public DateOnly Deadline { get; private set; }
    public string? EvidenceExpected { get; private set; }

    /// <summary>The kinds of agency it applies to, comma separated; empty for every kind.</summary>
    public string AgencyKinds { get; private set; }

    /// <summary>The security levels (1–5) of systems it applies to, comma separated; empty for every agency whatever its systems.</summary>
    public string Levels { get; private set; }

    /// <summary>The kinds as a list; a stored value that is not a kind (never written by the portal) is skipped.</summary>
    public IReadOnlyList<AgencyKind> KindList =>
        [.. AgencyKinds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(k => Enum.TryParse<AgencyKind>(k, out var kind) && Enum.IsDefined(kind) ? kind : (AgencyKind?)null).OfType<AgencyKind>()];

    /// <summary>The levels as a list; a stored value that is not a level 1–5 is skipped.</summary>
    public IReadOnlyList<int> LevelList =>
        [.. Levels.Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => int.TryParse(l, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var level) && level is >= 1 and <= 5 ? level : 0)
            .Where(l => l > 0)];

    /// <summary>Applies when the agency's kind is listed (or none is) and it owns a system at a listed level (or none is).</summary>
    public bool AppliesTo(RecipientFacts facts) =>
        (KindList.Count == 0 || KindList.Contains(facts.Kind)) && (LevelList.Count == 0 || LevelList.Any(facts.Levels.Contains));
}

/// <summary>A recipient of the directive («Kính gửi»).</summary>
public sealed class DirectiveRecipient : IAggregatePart
{
    private DirectiveRecipient()
    {
    }

    internal DirectiveRecipient(Guid directiveId, Guid agencyId)
    {
        DirectiveId = directiveId;
        AgencyId = agencyId;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DirectiveId { get; private set; }

    Guid IAggregatePart.AggregateId => DirectiveId;
    public Guid AgencyId { get; private set; }
}

/// <summary>The signed file of the directive, stored once by its hash like every upload.</summary>
public sealed class DirectiveFile : IAggregatePart
{
    private DirectiveFile()
    {
        File = null!;
    }

    internal DirectiveFile(Guid directiveId, UploadedFile file)
    {
        DirectiveId = directiveId;
        File = file;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public Guid DirectiveId { get; private set; }

    Guid IAggregatePart.AggregateId => DirectiveId;
    public UploadedFile File { get; private set; }
}
