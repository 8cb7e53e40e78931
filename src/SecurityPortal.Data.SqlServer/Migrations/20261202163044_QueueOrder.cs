using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecurityPortal.Data.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class QueueOrder : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LevelDossiers_Queue",
                table: "LevelDossiers");

            migrationBuilder.AddColumn<DateOnly>(
                name: "QueueOrder",
                table: "LevelDossiers",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            // Existing dossiers get their sort key from their state, as LevelDossier.QueueOrder computes it (the same
            // statement on SQLite, PostgreSQL and SQL Server).
            migrationBuilder.Sql(
                """
                UPDATE "LevelDossiers" SET "QueueOrder" = COALESCE(CASE "State"
                    WHEN 'Submitted' THEN "CompletenessDue"
                    WHEN 'UnderAppraisal' THEN "AppraisalDue"
                    WHEN 'AwaitingApproval' THEN "ApprovalDue" END, '9999-12-31')
                """);


            migrationBuilder.CreateIndex(
                name: "IX_LevelDossiers_LevelQueue",
                table: "LevelDossiers",
                columns: new[] { "ProposedLevel", "QueueOrder", "CreatedAtUtc", "Id", "State" },
                descending: new[] { false, false, true, false, false });

            migrationBuilder.CreateIndex(
                name: "IX_LevelDossiers_Queue",
                table: "LevelDossiers",
                columns: new[] { "QueueOrder", "CreatedAtUtc", "Id", "State", "ProposedLevel" },
                descending: new[] { false, true, false, false, false });

            migrationBuilder.CreateIndex(
                name: "IX_InformationSystems_Name_Code",
                table: "InformationSystems",
                columns: new[] { "Name", "Code" });

            migrationBuilder.CreateIndex(
                name: "IX_Agencies_Name",
                table: "Agencies",
                column: "Name");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LevelDossiers_LevelQueue",
                table: "LevelDossiers");

            migrationBuilder.DropIndex(
                name: "IX_LevelDossiers_Queue",
                table: "LevelDossiers");

            migrationBuilder.DropIndex(
                name: "IX_InformationSystems_Name_Code",
                table: "InformationSystems");

            migrationBuilder.DropIndex(
                name: "IX_Agencies_Name",
                table: "Agencies");

            migrationBuilder.DropColumn(
                name: "QueueOrder",
                table: "LevelDossiers");

            migrationBuilder.CreateIndex(
                name: "IX_LevelDossiers_Queue",
                table: "LevelDossiers",
                columns: new[] { "ProposedLevel", "State", "SystemId", "CompletenessDue", "AppraisalDue", "ApprovalDue", "CreatedAtUtc", "CreatedOn", "RuleSet", "Id" });
        }
    }
}
