using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecurityPortal.Data.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class TaskListOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RemediationTasks_Severity_Status_DueDate_SystemId",
                table: "RemediationTasks");

            migrationBuilder.DropIndex(
                name: "IX_RemediationTasks_Status_DueDate_SystemId",
                table: "RemediationTasks");

            migrationBuilder.CreateIndex(
                name: "IX_RemediationTasks_DueDate_Status_SystemId",
                table: "RemediationTasks",
                columns: new[] { "DueDate", "Status", "SystemId" });

            migrationBuilder.CreateIndex(
                name: "IX_RemediationTasks_Severity_DueDate_Status_SystemId",
                table: "RemediationTasks",
                columns: new[] { "Severity", "DueDate", "Status", "SystemId" });
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

            migrationBuilder.CreateIndex(
                name: "IX_RemediationTasks_Severity_Status_DueDate_SystemId",
                table: "RemediationTasks",
                columns: new[] { "Severity", "Status", "DueDate", "SystemId" });

            migrationBuilder.CreateIndex(
                name: "IX_RemediationTasks_Status_DueDate_SystemId",
                table: "RemediationTasks",
                columns: new[] { "Status", "DueDate", "SystemId" });
        }
    }
}
