using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecurityPortal.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ScannerReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ScanFindings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: true),
                    Scanner = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Target = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Cves = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Cvss = table.Column<double>(type: "REAL", nullable: true),
                    Severity = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Kev = table.Column<bool>(type: "INTEGER", nullable: false),
                    Package = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    InstalledVersion = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    FixedVersion = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Purl = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    TaskId = table.Column<Guid>(type: "TEXT", nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    FirstImportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    LastImportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FirstSeenUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastSeenUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConcurrencyStamp = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScanFindings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScanFindings_InformationSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "InformationSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ScanFindings_RemediationTasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "RemediationTasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "ScanReportImports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Format = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ImportedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ImportedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ScannedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    NewTasks = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedTasks = table.Column<int>(type: "INTEGER", nullable: false),
                    ProposedTasks = table.Column<int>(type: "INTEGER", nullable: false),
                    Unmatched = table.Column<int>(type: "INTEGER", nullable: false),
                    ConcurrencyStamp = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScanReportImports", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ScanFindings_SystemId_Key",
                table: "ScanFindings",
                columns: new[] { "SystemId", "Key" });

            migrationBuilder.CreateIndex(
                name: "IX_ScanFindings_SystemId_Target",
                table: "ScanFindings",
                columns: new[] { "SystemId", "Target" });

            migrationBuilder.CreateIndex(
                name: "IX_ScanFindings_TaskId",
                table: "ScanFindings",
                column: "TaskId");

            migrationBuilder.CreateIndex(
                name: "IX_ScanReportImports_Sha256",
                table: "ScanReportImports",
                column: "Sha256",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ScanFindings");

            migrationBuilder.DropTable(
                name: "ScanReportImports");
        }
    }
}
