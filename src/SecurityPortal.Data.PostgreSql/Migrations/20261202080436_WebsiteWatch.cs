using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecurityPortal.Data.PostgreSql.Migrations
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SystemId = table.Column<Guid>(type: "uuid", nullable: false),
                    Url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    NextCheckUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LeaseToken = table.Column<Guid>(type: "uuid", nullable: true),
                    LeaseUntilUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastCheckId = table.Column<Guid>(type: "uuid", nullable: true),
                    LastCheckedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Health = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    ResponseMs = table.Column<int>(type: "integer", nullable: true),
                    CertificateNotAfterUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FindingCodes = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    DownSinceUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    BaselineTitle = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    BaselineFingerprint = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    BaselinePhrases = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    BaselineCheckId = table.Column<Guid>(type: "uuid", nullable: true),
                    BaselineSetUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    BaselineSetBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    AlertCheckId = table.Column<Guid>(type: "uuid", nullable: true),
                    AlertRaisedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "uuid", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WatchId = table.Column<Guid>(type: "uuid", nullable: false),
                    SystemId = table.Column<Guid>(type: "uuid", nullable: false),
                    Url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    StartedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DurationMs = table.Column<int>(type: "integer", nullable: false),
                    Health = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    StatusCode = table.Column<int>(type: "integer", nullable: true),
                    FinalUrl = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Fingerprint = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    Similarity = table.Column<double>(type: "double precision", nullable: true),
                    Phrases = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    TlsProtocol = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CertificateSubject = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    CertificateIssuer = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    CertificateNotAfterUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Server = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    FindingsJson = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    SoftwareJson = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false)
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
