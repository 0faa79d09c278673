using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EngagementHub.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class WorkProgramme : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RaisedIssues",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LinkOrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    ReferrerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ReferrerContact = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    ConsentToContact = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReferrerIsGroup = table.Column<bool>(type: "INTEGER", nullable: false),
                    Services = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Communities = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Locality = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Sector = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RaisedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    RecordedByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Step = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DiscussedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DiscussedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DiscussionNotes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    DiscussionSkippedReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ConsultedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ConsultedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ConsultationNotes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    ConsultationSkippedReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    BusinessCaseOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    BusinessCaseBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    AffectsManyPeople = table.Column<bool>(type: "INTEGER", nullable: false),
                    LongLasting = table.Column<bool>(type: "INTEGER", nullable: false),
                    SignificantResources = table.Column<bool>(type: "INTEGER", nullable: false),
                    MajorQualityImplications = table.Column<bool>(type: "INTEGER", nullable: false),
                    AffectsInequalities = table.Column<bool>(type: "INTEGER", nullable: false),
                    NationalOrLocalPriority = table.Column<bool>(type: "INTEGER", nullable: false),
                    ExpectedEffort = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    SuccessLooksLike = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    BusinessCaseSkippedReason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PanelMembers = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    DecisionReasons = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    FeedbackDue = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    FeedbackReminderKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    FeedbackGivenOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    FeedbackGivenBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    FeedbackNotes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    DeadlineId = table.Column<int>(type: "INTEGER", nullable: true),
                    ExerciseId = table.Column<int>(type: "INTEGER", nullable: true),
                    PartnerOrganisationId = table.Column<int>(type: "INTEGER", nullable: true),
                    HandOffContact = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    ProjectOwner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ProjectMilestones = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ProjectEndDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RaisedIssues", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RaisedIssues_Deadlines_DeadlineId",
                        column: x => x.DeadlineId,
                        principalTable: "Deadlines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_RaisedIssues_Exercises_ExerciseId",
                        column: x => x.ExerciseId,
                        principalTable: "Exercises",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_RaisedIssues_Organisations_LinkOrganisationId",
                        column: x => x.LinkOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RaisedIssues_Organisations_PartnerOrganisationId",
                        column: x => x.PartnerOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RelevantDecisions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LinkOrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Reasons = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RaisedIssueId = table.Column<int>(type: "INTEGER", nullable: true),
                    DeadlineId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RelevantDecisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RelevantDecisions_Deadlines_DeadlineId",
                        column: x => x.DeadlineId,
                        principalTable: "Deadlines",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_RelevantDecisions_Organisations_LinkOrganisationId",
                        column: x => x.LinkOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RelevantDecisions_RaisedIssues_RaisedIssueId",
                        column: x => x.RaisedIssueId,
                        principalTable: "RaisedIssues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RaisedIssues_DeadlineId",
                table: "RaisedIssues",
                column: "DeadlineId");

            migrationBuilder.CreateIndex(
                name: "IX_RaisedIssues_ExerciseId",
                table: "RaisedIssues",
                column: "ExerciseId");

            migrationBuilder.CreateIndex(
                name: "IX_RaisedIssues_LinkOrganisationId",
                table: "RaisedIssues",
                column: "LinkOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_RaisedIssues_PartnerOrganisationId",
                table: "RaisedIssues",
                column: "PartnerOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_RaisedIssues_Step_FeedbackDue",
                table: "RaisedIssues",
                columns: new[] { "Step", "FeedbackDue" });

            migrationBuilder.CreateIndex(
                name: "IX_RelevantDecisions_DeadlineId",
                table: "RelevantDecisions",
                column: "DeadlineId");

            migrationBuilder.CreateIndex(
                name: "IX_RelevantDecisions_DecidedOn",
                table: "RelevantDecisions",
                column: "DecidedOn");

            migrationBuilder.CreateIndex(
                name: "IX_RelevantDecisions_LinkOrganisationId",
                table: "RelevantDecisions",
                column: "LinkOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_RelevantDecisions_RaisedIssueId",
                table: "RelevantDecisions",
                column: "RaisedIssueId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RelevantDecisions");

            migrationBuilder.DropTable(
                name: "RaisedIssues");
        }
    }
}
