using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecurityPortal.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AuditTrailAppendOnly : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Hand-written (no model change): the database itself refuses to change or remove audit rows.
            migrationBuilder.Sql("CREATE TRIGGER \"AuditEntries_NoUpdate\" BEFORE UPDATE ON \"AuditEntries\" BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only'); END;");
            migrationBuilder.Sql("CREATE TRIGGER \"AuditEntries_NoDelete\" BEFORE DELETE ON \"AuditEntries\" BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only'); END;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"AuditEntries_NoUpdate\";");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS \"AuditEntries_NoDelete\";");
        }
    }
}
