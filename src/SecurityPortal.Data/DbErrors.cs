using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace SecurityPortal.Data;

/// <summary>Recognises a unique-key violation on every provider (they report it differently).</summary>
public static class DbErrors
{
    public static bool IsUniqueViolation(DbUpdateException exception) => exception.InnerException switch
    {
        DbException { SqlState: "23505" } => true,                                         // PostgreSQL
        DbException e when e.GetType().Name == "SqliteException" =>                       // SQLITE_CONSTRAINT_UNIQUE, _PRIMARYKEY
            e.GetType().GetProperty("SqliteExtendedErrorCode")?.GetValue(e) is 2067 or 1555,
        DbException e when e.GetType().Name == "SqlException" =>
            e.GetType().GetProperty("Number")?.GetValue(e) is 2601 or 2627,                // SQL Server
        _ => false,
    };
}
