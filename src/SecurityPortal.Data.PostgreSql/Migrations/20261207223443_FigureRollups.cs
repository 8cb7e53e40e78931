using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecurityPortal.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class FigureRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FigureGroupRollups",
                columns: table => new
                {
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    CatalogVersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    GroupCode = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Met = table.Column<int>(type: "integer", nullable: false),
                    Partial = table.Column<int>(type: "integer", nullable: false),
                    NotMet = table.Column<int>(type: "integer", nullable: false),
                    NotApplicable = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FigureGroupRollups", x => new { x.AgencyId, x.Level, x.CatalogVersionId, x.GroupCode });
                });

            migrationBuilder.CreateTable(
                name: "FigureRollupBases",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Basis = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FigureRollupBases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FigureRollups",
                columns: table => new
                {
                    AgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    Systems = table.Column<int>(type: "integer", nullable: false),
                    DossierInProgress = table.Column<int>(type: "integer", nullable: false),
                    DossierDraft = table.Column<int>(type: "integer", nullable: false),
                    DossiersOpen = table.Column<int>(type: "integer", nullable: false),
                    DossiersOverdue = table.Column<int>(type: "integer", nullable: false),
                    PlanNotDeployed = table.Column<int>(type: "integer", nullable: false),
                    PlanPartly = table.Column<int>(type: "integer", nullable: false),
                    PlanFully = table.Column<int>(type: "integer", nullable: false),
                    CampaignExpected = table.Column<int>(type: "integer", nullable: false),
                    CampaignFiled = table.Column<int>(type: "integer", nullable: false),
                    CampaignAccepted = table.Column<int>(type: "integer", nullable: false),
                    ScoreSum = table.Column<decimal>(type: "numeric(18,1)", precision: 18, scale: 1, nullable: false),
                    ScoreCount = table.Column<int>(type: "integer", nullable: false),
                    OpenCritical = table.Column<int>(type: "integer", nullable: false),
                    OpenHigh = table.Column<int>(type: "integer", nullable: false),
                    OpenMedium = table.Column<int>(type: "integer", nullable: false),
                    OpenLow = table.Column<int>(type: "integer", nullable: false),
                    OverdueTasks = table.Column<int>(type: "integer", nullable: false),
                    OutdatedSystems = table.Column<int>(type: "integer", nullable: false),
                    WarningTasks = table.Column<int>(type: "integer", nullable: false),
                    WarningResolved = table.Column<int>(type: "integer", nullable: false),
                    WarningVerified = table.Column<int>(type: "integer", nullable: false),
                    WarningOverdue = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FigureRollups", x => new { x.AgencyId, x.Level });
                });

            migrationBuilder.InsertData(
                table: "FigureRollupBases",
                columns: new[] { "Id", "Basis" },
                values: new object[] { 1, "" });

            migrationBuilder.CreateIndex(
                name: "IX_FigureSnapshots_Day_AgencyId_Systems_WithApprovedLevel_Scor~",
                table: "FigureSnapshots",
                columns: new[] { "Day", "AgencyId", "Systems", "WithApprovedLevel", "ScoreSum", "ScoreCount", "OpenTasks", "OverdueTasks" });

            migrationBuilder.CreateIndex(
                name: "IX_FigureGroupRollups_CatalogVersionId_GroupCode_AgencyId_Leve~",
                table: "FigureGroupRollups",
                columns: new[] { "CatalogVersionId", "GroupCode", "AgencyId", "Level", "Met", "Partial", "NotMet", "NotApplicable" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FigureGroupRollups");

            migrationBuilder.DropTable(
                name: "FigureRollupBases");

            migrationBuilder.DropTable(
                name: "FigureRollups");

            migrationBuilder.DropIndex(
                name: "IX_FigureSnapshots_Day_AgencyId_Systems_WithApprovedLevel_Scor~",
                table: "FigureSnapshots");
        }
    }
}
