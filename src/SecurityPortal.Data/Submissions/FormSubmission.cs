namespace SecurityPortal.Data.Submissions;

/// <summary>
/// One submission of a form, by the key the form carried (a fresh GUID per rendered form). The row is written before
/// the handler runs, so a second submission of the same form — a double click, a refresh, a retry after a time-out,
/// on this or another instance — finds it and is answered with the first one's outcome instead of acting twice.
/// Plumbing, not business data: not audited, removed after <see cref="KeepDays"/> days.
/// </summary>
public sealed class FormSubmission
{
    public const int KeepDays = 2;
    public const int LocationMaxLength = 2000;

    public string UserId { get; init; } = string.Empty;
    public Guid Key { get; init; }
    public DateTime CreatedAtUtc { get; init; }

    /// <summary>Set when the handler answered with a redirect: where the repeated submission is sent.</summary>
    public string? Location { get; set; }

    public DateTime? CompletedAtUtc { get; set; }
}
