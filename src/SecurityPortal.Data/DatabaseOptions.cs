namespace SecurityPortal.Data;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    PostgreSql,
}

/// <summary>The <c>Database</c> configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations on start. On by default for SQLite, off otherwise.</summary>
    public bool? MigrateOnStartup { get; set; }

    public bool ShouldMigrateOnStartup => MigrateOnStartup ?? Provider == DatabaseProvider.Sqlite;

    /// <summary>
    /// SQL Server and PostgreSQL: how often a command that failed for a transient reason (the server restarting, a dropped
    /// connection) is tried again before the page gives up and answers 503. Each wait doubles, up to
    /// <see cref="RetryMaxDelaySeconds"/>; with the defaults a request may wait about a minute while the server is gone.
    /// </summary>
    public int RetryCount { get; set; } = 6;

    /// <summary>The longest wait between two tries of a failed command, in seconds.</summary>
    public int RetryMaxDelaySeconds { get; set; } = 30;
}
