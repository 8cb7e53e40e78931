using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecurityPortal.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class AssessmentCampaignStateIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Assessments_CampaignId",
                table: "Assessments");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_CampaignId_State",
                table: "Assessments",
                columns: new[] { "CampaignId", "State" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Assessments_CampaignId_State",
                table: "Assessments");

            migrationBuilder.CreateIndex(
                name: "IX_Assessments_CampaignId",
                table: "Assessments",
                column: "CampaignId");
        }
    }
}
