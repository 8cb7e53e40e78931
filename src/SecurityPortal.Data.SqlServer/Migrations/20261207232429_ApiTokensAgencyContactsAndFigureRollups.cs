using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecurityPortal.Data.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ApiTokensAgencyContactsAndFigureRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Email",
                table: "Agencies",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Mandate",
                table: "Agencies",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Phone",
                table: "Agencies",
                type: "nvarchar(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SecurityUnitId",
                table: "Agencies",
                type: "uniqueidentifier",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ApiTokens",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    UserId = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Scopes = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    SecretHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Hint = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    SecurityStamp = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    LastUsedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RevokedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RevokedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiTokens", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApiTokens_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "FigureGroupRollups",
                columns: table => new
                {
                    AgencyId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Level = table.Column<int>(type: "int", nullable: false),
                    CatalogVersionId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    GroupCode = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    Met = table.Column<int>(type: "int", nullable: false),
                    Partial = table.Column<int>(type: "int", nullable: false),
                    NotMet = table.Column<int>(type: "int", nullable: false),
                    NotApplicable = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FigureGroupRollups", x => new { x.AgencyId, x.Level, x.CatalogVersionId, x.GroupCode });
                });

            migrationBuilder.CreateTable(
                name: "FigureRollupBases",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false),
                    Basis = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FigureRollupBases", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FigureRollups",
                columns: table => new
                {
                    AgencyId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Level = table.Column<int>(type: "int", nullable: false),
                    Systems = table.Column<int>(type: "int", nullable: false),
                    DossierInProgress = table.Column<int>(type: "int", nullable: false),
                    DossierDraft = table.Column<int>(type: "int", nullable: false),
                    DossiersOpen = table.Column<int>(type: "int", nullable: false),
                    DossiersOverdue = table.Column<int>(type: "int", nullable: false),
                    PlanNotDeployed = table.Column<int>(type: "int", nullable: false),
                    PlanPartly = table.Column<int>(type: "int", nullable: false),
                    PlanFully = table.Column<int>(type: "int", nullable: false),
                    CampaignExpected = table.Column<int>(type: "int", nullable: false),
                    CampaignFiled = table.Column<int>(type: "int", nullable: false),
                    CampaignAccepted = table.Column<int>(type: "int", nullable: false),
                    ScoreSum = table.Column<decimal>(type: "decimal(18,1)", precision: 18, scale: 1, nullable: false),
                    ScoreCount = table.Column<int>(type: "int", nullable: false),
                    OpenCritical = table.Column<int>(type: "int", nullable: false),
                    OpenHigh = table.Column<int>(type: "int", nullable: false),
                    OpenMedium = table.Column<int>(type: "int", nullable: false),
                    OpenLow = table.Column<int>(type: "int", nullable: false),
                    OverdueTasks = table.Column<int>(type: "int", nullable: false),
                    OutdatedSystems = table.Column<int>(type: "int", nullable: false),
                    WarningTasks = table.Column<int>(type: "int", nullable: false),
                    WarningResolved = table.Column<int>(type: "int", nullable: false),
                    WarningVerified = table.Column<int>(type: "int", nullable: false),
                    WarningOverdue = table.Column<int>(type: "int", nullable: false)
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
                name: "IX_FigureSnapshots_Day_AgencyId_Systems_WithApprovedLevel_ScoreSum_ScoreCount_OpenTasks_OverdueTasks",
                table: "FigureSnapshots",
                columns: new[] { "Day", "AgencyId", "Systems", "WithApprovedLevel", "ScoreSum", "ScoreCount", "OpenTasks", "OverdueTasks" });

            migrationBuilder.CreateIndex(
                name: "IX_Agencies_SecurityUnitId",
                table: "Agencies",
                column: "SecurityUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_ApiTokens_SecretHash",
                table: "ApiTokens",
                column: "SecretHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApiTokens_UserId",
                table: "ApiTokens",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_FigureGroupRollups_CatalogVersionId_GroupCode_AgencyId_Level_Met_Partial_NotMet_NotApplicable",
                table: "FigureGroupRollups",
                columns: new[] { "CatalogVersionId", "GroupCode", "AgencyId", "Level", "Met", "Partial", "NotMet", "NotApplicable" });

            migrationBuilder.AddForeignKey(
                name: "FK_Agencies_Agencies_SecurityUnitId",
                table: "Agencies",
                column: "SecurityUnitId",
                principalTable: "Agencies",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Agencies_Agencies_SecurityUnitId",
                table: "Agencies");

            migrationBuilder.DropTable(
                name: "ApiTokens");

            migrationBuilder.DropTable(
                name: "FigureGroupRollups");

            migrationBuilder.DropTable(
                name: "FigureRollupBases");

            migrationBuilder.DropTable(
                name: "FigureRollups");

            migrationBuilder.DropIndex(
                name: "IX_FigureSnapshots_Day_AgencyId_Systems_WithApprovedLevel_ScoreSum_ScoreCount_OpenTasks_OverdueTasks",
                table: "FigureSnapshots");

            migrationBuilder.DropIndex(
                name: "IX_Agencies_SecurityUnitId",
                table: "Agencies");

            migrationBuilder.DropColumn(
                name: "Email",
                table: "Agencies");

            migrationBuilder.DropColumn(
                name: "Mandate",
                table: "Agencies");

            migrationBuilder.DropColumn(
                name: "Phone",
                table: "Agencies");

            migrationBuilder.DropColumn(
                name: "SecurityUnitId",
                table: "Agencies");
        }
    }
}
