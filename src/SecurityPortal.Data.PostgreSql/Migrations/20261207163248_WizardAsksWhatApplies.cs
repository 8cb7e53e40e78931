using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecurityPortal.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class WizardAsksWhatApplies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Facts_RiskFrameworkLevel",
                table: "LevelDossiers",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Facts_Strategic",
                table: "LevelDossiers",
                type: "boolean",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Facts_RiskFrameworkLevel",
                table: "LevelDossiers");

            migrationBuilder.DropColumn(
                name: "Facts_Strategic",
                table: "LevelDossiers");
        }
    }
}
