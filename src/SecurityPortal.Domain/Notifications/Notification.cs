namespace SecurityPortal.Domain.Notifications;

/// <summary>An in-app message to one user: what happened and where to look. E-mail comes with the notifications feature.</summary>
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

    public Notification(string userId, string text, string link, DateTime createdAtUtc)
    {
        UserId = userId;
        Text = text.Length > TextMaxLength ? text[..TextMaxLength] : text;
        Link = link.StartsWith('/') && !link.StartsWith("//", StringComparison.Ordinal) && link.Length <= LinkMaxLength
            ? link
            : throw new ArgumentException("A notification links to a page of the portal.", nameof(link));
        CreatedAtUtc = createdAtUtc;
    }

    public Guid Id { get; private set; } = Guid.CreateVersion7();
    public string UserId { get; private set; }
    public string Text { get; private set; }

    /// <summary>A local path of the portal; never an outside address.</summary>
    public string Link { get; private set; }

    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? ReadAtUtc { get; private set; }

    public void MarkRead(DateTime nowUtc) => ReadAtUtc ??= nowUtc;
}
