namespace SecurityPortal.Domain.Notifications;

/// <summary>
/// An e-mail waiting to be sent, written in the same transaction as the change it tells about. A sender claims it
/// with a lease (so several web instances never send it twice), sends it, and marks it sent; a failure is retried
/// later with a growing pause, and after <see cref="MaxAttempts"/> it waits for an administrator — it is never dropped.
/// </summary>
public sealed class OutboxMail
{
    public const int AddressMaxLength = 256;
    public const int SubjectMaxLength = 200;
    public const int BodyMaxLength = 20_000;
    public const int ErrorMaxLength = 500;
    public const int MaxAttempts = 10;

    private OutboxMail()
    {
        ToAddress = string.Empty;
        Subject = string.Empty;
        Body = string.Empty;
    }

    public OutboxMail(string toAddress, string subject, string body, DateTime createdAtUtc)
    {
        ToAddress = toAddress.Length <= AddressMaxLength ? toAddress : throw new ArgumentException("Address too long.", nameof(toAddress));
        Subject = Clip(subject.ReplaceLineEndings(" "), SubjectMaxLength);
        Body = Clip(body, BodyMaxLength);
        CreatedAtUtc = createdAtUtc;
        NextAttemptAtUtc = createdAtUtc;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public string ToAddress { get; private set; }
    public string Subject { get; private set; }
    public string Body { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public int Attempts { get; private set; }
    public DateTime NextAttemptAtUtc { get; private set; }
    public DateTime? SentAtUtc { get; private set; }

    /// <summary>Set after <see cref="MaxAttempts"/> failures; an administrator may put the mail back in the queue.</summary>
    public DateTime? GaveUpAtUtc { get; private set; }

    public string? LastError { get; private set; }

    /// <summary>The sender holding the mail, and until when; another sender may take it only after that.</summary>
    public Guid? LeaseToken { get; private set; }

    public DateTime? LeaseUntilUtc { get; private set; }

    public bool IsWaiting => SentAtUtc is null && GaveUpAtUtc is null;

    /// <summary>The pause before attempt n+1 after n failures: 30 s, 1 min, 2 min … capped at one hour.</summary>
    public static TimeSpan Backoff(int failures) =>
        TimeSpan.FromSeconds(Math.Min(3600, 30 * Math.Pow(2, Math.Max(0, failures - 1))));

    public void MarkSent(DateTime nowUtc)
    {
        SentAtUtc = nowUtc;
        GaveUpAtUtc = null;
        LastError = null;
        Release();
    }

    public void MarkFailed(string error, DateTime nowUtc)
    {
        if (!IsWaiting)
        {
            return;
        }

        Attempts++;
        LastError = Clip(error.ReplaceLineEndings(" "), ErrorMaxLength);
        NextAttemptAtUtc = nowUtc + Backoff(Attempts);
        if (Attempts >= MaxAttempts)
        {
            GaveUpAtUtc = nowUtc;
        }

        Release();
    }

    /// <summary>An administrator puts a mail that was given up back in the queue.</summary>
    public void Retry(DateTime nowUtc)
    {
        if (SentAtUtc is not null)
        {
            return;
        }

        GaveUpAtUtc = null;
        Attempts = 0;
        NextAttemptAtUtc = nowUtc;
        Release();
    }

    private void Release()
    {
        LeaseToken = null;
        LeaseUntilUtc = null;
    }

    private static string Clip(string text, int max) => text.Length > max ? text[..max] : text;
}

/// <summary>
/// A reminder or digest already produced, by a key such as <c>task:{id}:due:{date}:3</c>. The key is the primary key, so
/// a reminder is produced once even when two instances scan at the same moment.
/// </summary>
public sealed class ReminderLog
{
    public const int KeyMaxLength = 200;

    private ReminderLog()
    {
        Key = string.Empty;
    }

    public ReminderLog(string key, DateTime createdAtUtc)
    {
        Key = key.Length <= KeyMaxLength ? key : throw new ArgumentException("Key too long.", nameof(key));
        CreatedAtUtc = createdAtUtc;
    }

    public string Key { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
}
