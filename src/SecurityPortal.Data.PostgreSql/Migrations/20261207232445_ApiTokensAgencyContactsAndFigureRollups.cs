using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecurityPortal.Data.PostgreSql.Migrations
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
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Mandate",
                table: "Agencies",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Phone",
                table: "Agencies",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SecurityUnitId",
                table: "Agencies",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ApiTokens",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Scopes = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    SecretHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Hint = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    SecurityStamp = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastUsedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RevokedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RevokedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
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
                name: "IX_FigureGroupRollups_CatalogVersionId_GroupCode_AgencyId_Leve~",
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
                name: "IX_FigureSnapshots_Day_AgencyId_Systems_WithApprovedLevel_Scor~",
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
