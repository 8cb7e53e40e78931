using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecurityPortal.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class DirectivesSignedPdfsAndComponentIdentifiers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Cpe",
                table: "SoftwareComponents",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Purl",
                table: "SoftwareComponents",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SystemId",
                table: "ImportDrafts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SignatureReport",
                table: "DossierAttachments",
                type: "TEXT",
                maxLength: 16000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "SignaturesCheckedAtUtc",
                table: "DossierAttachments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Directives",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    IssuedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Issuer = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    CreatedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SentById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    SentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Directives", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TrustAnchors",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Der = table.Column<byte[]>(type: "BLOB", maxLength: 16384, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    Issuer = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: false),
                    Thumbprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    IsRoot = table.Column<bool>(type: "INTEGER", nullable: false),
                    NotBeforeUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    NotAfterUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AddedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    AddedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConcurrencyStamp = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TrustAnchors", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DirectiveAction",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DirectiveId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Deadline = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EvidenceExpected = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    AgencyKinds = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Levels = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DirectiveAction", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DirectiveAction_Directives_DirectiveId",
                        column: x => x.DirectiveId,
                        principalTable: "Directives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DirectiveFiles",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DirectiveId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Length = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UploadedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    UploadedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DirectiveFiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DirectiveFiles_Directives_DirectiveId",
                        column: x => x.DirectiveId,
                        principalTable: "Directives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DirectiveRecipient",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DirectiveId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DirectiveRecipient", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DirectiveRecipient_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DirectiveRecipient_Directives_DirectiveId",
                        column: x => x.DirectiveId,
                        principalTable: "Directives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DirectiveReports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DirectiveId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AgencyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Deadline = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    HeadConfirmation = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SubmittedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    SubmittedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FirstSubmittedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CompletedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DirectiveReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DirectiveReports_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DirectiveReports_Directives_DirectiveId",
                        column: x => x.DirectiveId,
                        principalTable: "Directives",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DirectiveAnswers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ConcurrencyStamp = table.Column<Guid>(type: "TEXT", nullable: false),
                    ActionId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Deadline = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EvidenceExpected = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Answer = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    AnsweredById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    AnsweredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Review = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    ReviewComment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ReviewerId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ChangedSinceReturn = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DirectiveAnswers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DirectiveAnswers_DirectiveAction_ActionId",
                        column: x => x.ActionId,
                        principalTable: "DirectiveAction",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DirectiveAnswers_DirectiveReports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "DirectiveReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DirectiveEvidence",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: false),
                    AnswerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Length = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UploadedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    UploadedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DirectiveEvidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DirectiveEvidence_DirectiveReports_ReportId",
                        column: x => x.ReportId,
                        principalTable: "DirectiveReports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DirectiveAction_DirectiveId_Order",
                table: "DirectiveAction",
                columns: new[] { "DirectiveId", "Order" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DirectiveAnswers_ActionId",
                table: "DirectiveAnswers",
                column: "ActionId");

            migrationBuilder.CreateIndex(
                name: "IX_DirectiveAnswers_ReportId_ActionId",
                table: "DirectiveAnswers",
                columns: new[] { "ReportId", "ActionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DirectiveEvidence_AnswerId",
                table: "DirectiveEvidence",
                column: "AnswerId");

            migrationBuilder.CreateIndex(
                name: "IX_DirectiveEvidence_ReportId",
                table: "DirectiveEvidence",
                column: "ReportId");

            migrationBuilder.CreateIndex(
                name: "IX_DirectiveEvidence_Sha256",
                table: "DirectiveEvidence",
                column: "Sha256");

            migrationBuilder.CreateIndex(
                name: "IX_DirectiveFiles_DirectiveId",
                table: "DirectiveFiles",
                column: "DirectiveId");

            migrationBuilder.CreateIndex(
                name: "IX_DirectiveFiles_Sha256",
                table: "DirectiveFiles",
                column: "Sha256");

            migrationBuilder.CreateIndex(
                name: "IX_DirectiveRecipient_AgencyId",
                table: "DirectiveRecipient",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_DirectiveRecipient_DirectiveId_AgencyId",
                table: "DirectiveRecipient",
                columns: new[] { "DirectiveId", "AgencyId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DirectiveReports_AgencyId_State",
                table: "DirectiveReports",
                columns: new[] { "AgencyId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_DirectiveReports_DirectiveId_AgencyId",
                table: "DirectiveReports",
                columns: new[] { "DirectiveId", "AgencyId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DirectiveReports_State",
                table: "DirectiveReports",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_Directives_State",
                table: "Directives",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_TrustAnchors_Thumbprint",
                table: "TrustAnchors",
                column: "Thumbprint",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DirectiveAnswers");

            migrationBuilder.DropTable(
                name: "DirectiveEvidence");

            migrationBuilder.DropTable(
                name: "DirectiveFiles");

            migrationBuilder.DropTable(
                name: "DirectiveRecipient");

            migrationBuilder.DropTable(
                name: "TrustAnchors");

            migrationBuilder.DropTable(
                name: "DirectiveAction");

            migrationBuilder.DropTable(
                name: "DirectiveReports");

            migrationBuilder.DropTable(
                name: "Directives");

            migrationBuilder.DropColumn(
                name: "Cpe",
                table: "SoftwareComponents");

            migrationBuilder.DropColumn(
                name: "Purl",
                table: "SoftwareComponents");

            migrationBuilder.DropColumn(
                name: "SystemId",
                table: "ImportDrafts");

            migrationBuilder.DropColumn(
                name: "SignatureReport",
                table: "DossierAttachments");

            migrationBuilder.DropColumn(
                name: "SignaturesCheckedAtUtc",
                table: "DossierAttachments");
        }
    }
}
