using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecurityPortal.Data.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddLevelDossiers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "ApprovedDossierId",
                table: "InformationSystems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ApprovedOn",
                table: "InformationSystems",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "LevelDossiers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    SystemId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RuleSet = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    RuleSetReason = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    InvestmentStarted = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ProposedLevel = table.Column<int>(type: "INTEGER", nullable: true),
                    ProposalJustification = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    State = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    CreatedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SubmittedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    SubmittedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    CompletenessDue = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AppraisalDue = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ApprovalDue = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ExpertOpinionNumber = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ExpertOpinionDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ExpertOpinionSummary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    AppraisalConclusion = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    AppraisalComments = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    AppraisalBody = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AppraisalDocumentNumber = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AppraisalDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    AppraisedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    DecisionNumber = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DecisionDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DecisionSigner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ApprovedLevel = table.Column<int>(type: "INTEGER", nullable: true),
                    ApprovedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    Content_Applications = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Content_Architecture = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Content_Equipment = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Content_Impact = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Content_Justification24x7 = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Content_LevelJustification = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Content_NetworkZones = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Content_Parties = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Content_RelatedSystems = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Content_RiskSummary = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Content_ScopeAndUsers = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Content_SecurityPlan = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Content_Threats = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: true),
                    Facts_BasicPersonalDataSubjects = table.Column<int>(type: "INTEGER", nullable: true),
                    Facts_CentralisedNationalData = table.Column<bool>(type: "INTEGER", nullable: true),
                    Facts_ConditionalBusinessLine = table.Column<bool>(type: "INTEGER", nullable: true),
                    Facts_DesignatedLevel = table.Column<int>(type: "INTEGER", nullable: true),
                    Facts_FunctionKind = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Facts_HandlesAdministrativeProcedures = table.Column<bool>(type: "INTEGER", nullable: true),
                    Facts_IndustrialControlClass = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Facts_InformationTypes = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Facts_InfrastructureScope = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Facts_InternationalInfrastructureLink = table.Column<bool>(type: "INTEGER", nullable: true),
                    Facts_NationalEGovernmentSystem = table.Column<bool>(type: "INTEGER", nullable: true),
                    Facts_NationalSecurityHarm = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Facts_OnlineServiceLevel = table.Column<int>(type: "INTEGER", nullable: true),
                    Facts_Requires24x7 = table.Column<bool>(type: "INTEGER", nullable: true),
                    Facts_SensitivePersonalDataSubjects = table.Column<int>(type: "INTEGER", nullable: true),
                    Facts_ServesNationalSecurityWork = table.Column<bool>(type: "INTEGER", nullable: true),
                    Facts_UserCount = table.Column<int>(type: "INTEGER", nullable: true),
                    ConcurrencyStamp = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LevelDossiers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LevelDossiers_InformationSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "InformationSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Link = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReadAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DossierAttachments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DossierId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Length = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UploadedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    UploadedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DossierAttachments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DossierAttachments_LevelDossiers_DossierId",
                        column: x => x.DossierId,
                        principalTable: "LevelDossiers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "DossierEvent",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    DossierId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    FromState = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ToState = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    UserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DossierEvent", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DossierEvent_LevelDossiers_DossierId",
                        column: x => x.DossierId,
                        principalTable: "LevelDossiers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DossierAttachments_DossierId",
                table: "DossierAttachments",
                column: "DossierId");

            migrationBuilder.CreateIndex(
                name: "IX_DossierAttachments_Sha256",
                table: "DossierAttachments",
                column: "Sha256");

            migrationBuilder.CreateIndex(
                name: "IX_DossierEvent_DossierId",
                table: "DossierEvent",
                column: "DossierId");

            migrationBuilder.CreateIndex(
                name: "IX_LevelDossiers_State",
                table: "LevelDossiers",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_LevelDossiers_SystemId_State",
                table: "LevelDossiers",
                columns: new[] { "SystemId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_UserId_ReadAtUtc",
                table: "Notifications",
                columns: new[] { "UserId", "ReadAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DossierAttachments");

            migrationBuilder.DropTable(
                name: "DossierEvent");

            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropTable(
                name: "LevelDossiers");

            migrationBuilder.DropColumn(
                name: "ApprovedDossierId",
                table: "InformationSystems");

            migrationBuilder.DropColumn(
                name: "ApprovedOn",
                table: "InformationSystems");
        }
    }
}
