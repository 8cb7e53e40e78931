using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecurityPortal.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddFiledScoresAndFigureSnapshots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FiledDeployment",
                table: "Assessments",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FiledGroups",
                table: "Assessments",
                type: "TEXT",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "FiledScore",
                table: "Assessments",
                type: "TEXT",
                precision: 5,
                scale: 1,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "FigureSnapshots",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Systems = table.Column<int>(type: "INTEGER", nullable: false),
                    WithApprovedLevel = table.Column<int>(type: "INTEGER", nullable: false),
                    ScoreSum = table.Column<decimal>(type: "TEXT", precision: 18, scale: 1, nullable: false),
                    ScoreCount = table.Column<int>(type: "INTEGER", nullable: false),
                    OpenTasks = table.Column<int>(type: "INTEGER", nullable: false),
                    OverdueTasks = table.Column<int>(type: "INTEGER", nullable: false),
                    OutdatedSystems = table.Column<int>(type: "INTEGER", nullable: false),
                    Incidents = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FigureSnapshots", x => new { x.Day, x.AgencyId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_FigureSnapshots_AgencyId",
                table: "FigureSnapshots",
                column: "AgencyId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FigureSnapshots");

            migrationBuilder.DropColumn(
                name: "FiledDeployment",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "FiledGroups",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "FiledScore",
                table: "Assessments");
        }
    }
}
