using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecurityPortal.Data.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Mau08ExpectedApprovalAndRulesDecision : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "ExpectedApprovalOn",
                table: "LevelDossiers",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "RulesDecisionDate",
                table: "LevelDossiers",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RulesDecisionIssuer",
                table: "LevelDossiers",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RulesDecisionNumber",
                table: "LevelDossiers",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ExpectedApprovalOn",
                table: "LevelDossiers");

            migrationBuilder.DropColumn(
                name: "RulesDecisionDate",
                table: "LevelDossiers");

            migrationBuilder.DropColumn(
                name: "RulesDecisionIssuer",
                table: "LevelDossiers");

            migrationBuilder.DropColumn(
                name: "RulesDecisionNumber",
                table: "LevelDossiers");
        }
    }
}
