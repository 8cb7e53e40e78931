using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SecurityPortal.Data.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class AddSystemsRegistry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AggregateKey",
                table: "AuditEntries",
                type: "character varying(450)",
                maxLength: 450,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<Guid>(
                name: "MergedIntoId",
                table: "Agencies",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "MergedOn",
                table: "Agencies",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "InformationSystems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    OwnerAgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    OperatorAgencyId = table.Column<Guid>(type: "uuid", nullable: false),
                    FunctionKind = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    InformationTypes = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    UserCount = table.Column<int>(type: "integer", nullable: true),
                    BasicPersonalDataSubjects = table.Column<int>(type: "integer", nullable: true),
                    SensitivePersonalDataSubjects = table.Column<int>(type: "integer", nullable: true),
                    OnlineServiceLevel = table.Column<int>(type: "integer", nullable: true),
                    HandlesAdministrativeProcedures = table.Column<bool>(type: "boolean", nullable: false),
                    ConditionalBusinessLine = table.Column<bool>(type: "boolean", nullable: false),
                    InfrastructureScope = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Requires24x7 = table.Column<bool>(type: "boolean", nullable: false),
                    IndustrialControlClass = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Hosting = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    HostingProvider = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Lifecycle = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    GoLiveDate = table.Column<DateOnly>(type: "date", nullable: true),
                    TechnicalContactName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    TechnicalContactPhone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    TechnicalContactEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ApprovedLevel = table.Column<int>(type: "integer", nullable: true),
                    SearchText = table.Column<string>(type: "character varying(4332)", maxLength: 4332, nullable: false),
                    ConcurrencyStamp = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InformationSystems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InformationSystems_Agencies_OperatorAgencyId",
                        column: x => x.OperatorAgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_InformationSystems_Agencies_OwnerAgencyId",
                        column: x => x.OwnerAgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SoftwareComponents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SystemId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Product = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Vendor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Version = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    EndOfLife = table.Column<DateOnly>(type: "date", nullable: true),
                    LastPatched = table.Column<DateOnly>(type: "date", nullable: true),
                    Notes = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    NormalizedProduct = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SoftwareComponents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SoftwareComponents_InformationSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "InformationSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SystemEndpoints",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SystemId = table.Column<Guid>(type: "uuid", nullable: false),
                    Url = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    IsPublic = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SystemEndpoints", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SystemEndpoints_InformationSystems_SystemId",
                        column: x => x.SystemId,
                        principalTable: "InformationSystems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_AggregateKey_OccurredAtUtc",
                table: "AuditEntries",
                columns: new[] { "AggregateKey", "OccurredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Agencies_MergedIntoId",
                table: "Agencies",
                column: "MergedIntoId");

            migrationBuilder.CreateIndex(
                name: "IX_InformationSystems_Code",
                table: "InformationSystems",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InformationSystems_Lifecycle",
                table: "InformationSystems",
                column: "Lifecycle");

            migrationBuilder.CreateIndex(
                name: "IX_InformationSystems_OperatorAgencyId",
                table: "InformationSystems",
                column: "OperatorAgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_InformationSystems_OwnerAgencyId",
                table: "InformationSystems",
                column: "OwnerAgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_SoftwareComponents_NormalizedProduct",
                table: "SoftwareComponents",
                column: "NormalizedProduct");

            migrationBuilder.CreateIndex(
                name: "IX_SoftwareComponents_SystemId",
                table: "SoftwareComponents",
                column: "SystemId");

            migrationBuilder.CreateIndex(
                name: "IX_SystemEndpoints_SystemId_Url",
                table: "SystemEndpoints",
                columns: new[] { "SystemId", "Url" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Agencies_Agencies_MergedIntoId",
                table: "Agencies",
                column: "MergedIntoId",
                principalTable: "Agencies",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Agencies_Agencies_MergedIntoId",
                table: "Agencies");

            migrationBuilder.DropTable(
                name: "SoftwareComponents");

            migrationBuilder.DropTable(
                name: "SystemEndpoints");

            migrationBuilder.DropTable(
                name: "InformationSystems");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_AggregateKey_OccurredAtUtc",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_Agencies_MergedIntoId",
                table: "Agencies");

            migrationBuilder.DropColumn(
                name: "AggregateKey",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "MergedIntoId",
                table: "Agencies");

            migrationBuilder.DropColumn(
                name: "MergedOn",
                table: "Agencies");
        }
    }
}
