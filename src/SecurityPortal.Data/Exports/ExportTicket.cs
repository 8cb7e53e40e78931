namespace SecurityPortal.Data.Exports;

/// <summary>
/// How far one spreadsheet export is, by the user who started it and the random token its link carried. Kept in the
/// database so that any instance behind a balancer can answer the progress page, whichever instance writes the file.
/// Plumbing, not business data: not audited, removed after <see cref="KeepHours"/> hours.
/// </summary>
public sealed class ExportTicket
{
    public const int KeepHours = 24;

    public string UserId { get; init; } = string.Empty;
    public Guid Token { get; init; }
    public DateTime StartedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
    public int Written { get; set; }
    public int? Total { get; set; }
    public ExportState State { get; set; }

    /// <summary>The list was longer than one export may write: the file ends with a row that says so.</summary>
    public bool Truncated { get; set; }
}

public enum ExportState
{
    Running,
    Done,
    Failed,
}
