namespace SecurityPortal.Data.SqlServer;

/// <summary>
/// The SQL Server trigger that keeps the audit trail append-only; the schema test validates it with DacFx.
/// Never change it: migration AuditTrailAppendOnly applies it. A new body needs a new migration and constant.
/// </summary>
public static class AuditTrailSql
{
    public const string CreateTrigger =
        "CREATE TRIGGER [dbo].[AuditEntries_AppendOnly] ON [dbo].[AuditEntries] INSTEAD OF UPDATE, DELETE AS " +
        "BEGIN SET NOCOUNT ON; THROW 51000, 'The audit trail is append-only', 1; END";

    /// <summary>CREATE TRIGGER must start its batch, and the idempotent script wraps each migration in IF blocks.</summary>
    public static string CreateTriggerStatement => $"EXEC(N'{CreateTrigger.Replace("'", "''", StringComparison.Ordinal)}');";
}
