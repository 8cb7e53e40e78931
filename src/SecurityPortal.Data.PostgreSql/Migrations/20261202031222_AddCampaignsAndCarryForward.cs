using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecurityPortal.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class AddCampaignsAndCarryForward : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "CampaignId",
                table: "Assessments",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "CarriedFromId",
                table: "Assessments",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CarriedAnswer",
                table: "AssessmentItems",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CarriedEvidenceNote",
                table: "AssessmentItems",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CarriedJustification",
                table: "AssessmentItems",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsNewRequirement",
                table: "AssessmentItems",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "RequirementTextChanged",
                table: "AssessmentItems",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "Campaigns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Cycle = table.Column<int>(type: "integer", nullable: false),
                    CatalogVersionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    TargetKind = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    TargetLevel = table.Column<int>(type: "integer", nullable: true),
                    CreatedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ConcurrencyStamp = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Campaigns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Campaigns_CatalogVersions_CatalogVersionId",
                        column: x => x.CatalogVersionId,
                        principalTable: "CatalogVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_CampaignId",
                table: "Assessments",
                column: "CampaignId");

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_CatalogVersionId",
                table: "Campaigns",
                column: "CatalogVersionId");

            migrationBuilder.CreateIndex(
                name: "IX_Campaigns_Cycle",
                table: "Campaigns",
                column: "Cycle");

            migrationBuilder.AddForeignKey(
                name: "FK_Assessments_Campaigns_CampaignId",
                table: "Assessments",
                column: "CampaignId",
                principalTable: "Campaigns",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Assessments_Campaigns_CampaignId",
                table: "Assessments");

            migrationBuilder.DropTable(
                name: "Campaigns");

            migrationBuilder.DropIndex(
                name: "IX_Assessments_CampaignId",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "CampaignId",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "CarriedFromId",
                table: "Assessments");

            migrationBuilder.DropColumn(
                name: "CarriedAnswer",
                table: "AssessmentItems");

            migrationBuilder.DropColumn(
                name: "CarriedEvidenceNote",
                table: "AssessmentItems");

            migrationBuilder.DropColumn(
                name: "CarriedJustification",
                table: "AssessmentItems");

            migrationBuilder.DropColumn(
                name: "IsNewRequirement",
                table: "AssessmentItems");

            migrationBuilder.DropColumn(
                name: "RequirementTextChanged",
                table: "AssessmentItems");
        }
    }
}
