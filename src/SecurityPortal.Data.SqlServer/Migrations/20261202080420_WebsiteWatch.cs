using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecurityPortal.Data.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class WebsiteWatch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "WatchedWebsites",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SystemId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Url = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    Active = table.Column<bool>(type: "bit", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    NextCheckUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    LeaseToken = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    LeaseUntilUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LastCheckId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    LastCheckedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Health = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    ResponseMs = table.Column<int>(type: "int", nullable: true),
                    CertificateNotAfterUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    FindingCodes = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    DownSinceUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    BaselineTitle = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: true),
                    BaselineFingerprint = table.Column<string>(type: "nvarchar(512)", maxLength: 512, nullable: true),
                    BaselinePhrases = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    BaselineCheckId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    BaselineSetUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    BaselineSetBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    AlertCheckId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    AlertRaisedUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "uniqueidentifier", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WatchedWebsites", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WatchedWebsites_InformationSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "InformationSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "WebsiteChecks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    WatchId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    SystemId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Url = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    StartedUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    DurationMs = table.Column<int>(type: "int", nullable: false),
                    Health = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    StatusCode = table.Column<int>(type: "int", nullable: true),
                    FinalUrl = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    Title = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: true),
                    Fingerprint = table.Column<string>(type: "nvarchar(512)", maxLength: 512, nullable: true),
                    Similarity = table.Column<double>(type: "float", nullable: true),
                    Phrases = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    TlsProtocol = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    CertificateSubject = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: true),
                    CertificateIssuer = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: true),
                    CertificateNotAfterUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Server = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    FindingsJson = table.Column<string>(type: "nvarchar(max)", maxLength: 20000, nullable: false),
                    SoftwareJson = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebsiteChecks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WebsiteChecks_WatchedWebsites_WatchId",
                        column: x => x.WatchId,
                        principalTable: "WatchedWebsites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WatchedWebsites_Active_Health",
                table: "WatchedWebsites",
                columns: new[] { "Active", "Health" });

            migrationBuilder.CreateIndex(
                name: "IX_WatchedWebsites_Active_NextCheckUtc",
                table: "WatchedWebsites",
                columns: new[] { "Active", "NextCheckUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_WatchedWebsites_SystemId_Url",
                table: "WatchedWebsites",
                columns: new[] { "SystemId", "Url" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WebsiteChecks_WatchId_StartedUtc",
                table: "WebsiteChecks",
                columns: new[] { "WatchId", "StartedUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WebsiteChecks");

            migrationBuilder.DropTable(
                name: "WatchedWebsites");
        }
    }
}
