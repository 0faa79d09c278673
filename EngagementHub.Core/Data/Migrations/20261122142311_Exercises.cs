using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EngagementHub.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class Exercises : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Communities",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    IsSeldomHeard = table.Column<bool>(type: "INTEGER", nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Communities", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Exercises",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    LeadCommissionerId = table.Column<int>(type: "INTEGER", nullable: false),
                    LinkOrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProposedByOrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    PartnerIds = table.Column<string>(type: "TEXT", nullable: false),
                    DecisionInformed = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    DecisionDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    StartDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    EndDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    CommunityIds = table.Column<string>(type: "TEXT", nullable: false),
                    Scope = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    LocalityIds = table.Column<string>(type: "TEXT", nullable: false),
                    Sector = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Setting = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Level = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Stage = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CurrentOption = table.Column<int>(type: "INTEGER", nullable: true),
                    AgreementStatus = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Exercises", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Exercises_Organisations_LeadCommissionerId",
                        column: x => x.LeadCommissionerId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Exercises_Organisations_LinkOrganisationId",
                        column: x => x.LinkOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Exercises_Organisations_ProposedByOrganisationId",
                        column: x => x.ProposedByOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "JointWorkingProposals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ExerciseId = table.Column<int>(type: "INTEGER", nullable: false),
                    PrimaryOption = table.Column<int>(type: "INTEGER", nullable: false),
                    Reasons = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Parts = table.Column<string>(type: "TEXT", nullable: false),
                    ProposedBySide = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ProposedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ProposedByOrganisation = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ProposedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CommissionerAgreedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CommissionerAgreedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LinkAgreedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LinkAgreedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ChangeRequestedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ChangeRequestedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    ChangeRequestComment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JointWorkingProposals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_JointWorkingProposals_Exercises_ExerciseId",
                        column: x => x.ExerciseId,
                        principalTable: "Exercises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Communities_Name",
                table: "Communities",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Exercises_CurrentOption",
                table: "Exercises",
                column: "CurrentOption");

            migrationBuilder.CreateIndex(
                name: "IX_Exercises_LeadCommissionerId",
                table: "Exercises",
                column: "LeadCommissionerId");

            migrationBuilder.CreateIndex(
                name: "IX_Exercises_LinkOrganisationId",
                table: "Exercises",
                column: "LinkOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Exercises_ProposedByOrganisationId",
                table: "Exercises",
                column: "ProposedByOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_Exercises_StartDate_Id",
                table: "Exercises",
                columns: new[] { "StartDate", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Exercises_State",
                table: "Exercises",
                column: "State");

            migrationBuilder.CreateIndex(
                name: "IX_JointWorkingProposals_ExerciseId",
                table: "JointWorkingProposals",
                column: "ExerciseId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Communities");

            migrationBuilder.DropTable(
                name: "JointWorkingProposals");

            migrationBuilder.DropTable(
                name: "Exercises");
        }
    }
}
