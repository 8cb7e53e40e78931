using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecurityPortal.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class ListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_RemediationTasks_DueDate_Status_SystemId",
                table: "RemediationTasks",
                columns: new[] { "DueDate", "Status", "SystemId" });

            migrationBuilder.CreateIndex(
                name: "IX_RemediationTasks_Severity_DueDate_Status_SystemId",
                table: "RemediationTasks",
                columns: new[] { "Severity", "DueDate", "Status", "SystemId" });

            migrationBuilder.CreateIndex(
                name: "IX_LevelDossiers_Queue",
                table: "LevelDossiers",
                columns: new[] { "ProposedLevel", "State", "SystemId", "CompletenessDue", "AppraisalDue", "ApprovalDue", "CreatedAtUtc", "CreatedOn", "RuleSet", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RemediationTasks_DueDate_Status_SystemId",
                table: "RemediationTasks");

            migrationBuilder.DropIndex(
                name: "IX_RemediationTasks_Severity_DueDate_Status_SystemId",
                table: "RemediationTasks");

            migrationBuilder.DropIndex(
                name: "IX_LevelDossiers_Queue",
                table: "LevelDossiers");
        }
    }
}
