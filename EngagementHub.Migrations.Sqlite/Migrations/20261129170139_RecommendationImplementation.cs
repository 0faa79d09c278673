using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EngagementHub.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class RecommendationImplementation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ChangeMade",
                table: "Recommendations",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DroppedReason",
                table: "Recommendations",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Implementation",
                table: "Recommendations",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ImplementationUpdatedAt",
                table: "Recommendations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ImplementationUpdatedBy",
                table: "Recommendations",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LinkComment",
                table: "Recommendations",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LinkVerdict",
                table: "Recommendations",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LinkVerdictAt",
                table: "Recommendations",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LinkVerdictBy",
                table: "Recommendations",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PlannedDate",
                table: "Recommendations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "Version",
                table: "Recommendations",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.CreateTable(
                name: "ImplementationMilestones",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RecommendationId = table.Column<int>(type: "INTEGER", nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImplementationMilestones", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ImplementationMilestones_Recommendations_RecommendationId",
                        column: x => x.RecommendationId,
                        principalTable: "Recommendations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Recommendations_Implementation_PlannedDate",
                table: "Recommendations",
                columns: new[] { "Implementation", "PlannedDate" });

            migrationBuilder.CreateIndex(
                name: "IX_ImplementationMilestones_RecommendationId",
                table: "ImplementationMilestones",
                column: "RecommendationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ImplementationMilestones");

            migrationBuilder.DropIndex(
                name: "IX_Recommendations_Implementation_PlannedDate",
                table: "Recommendations");

            migrationBuilder.DropColumn(
                name: "ChangeMade",
                table: "Recommendations");

            migrationBuilder.DropColumn(
                name: "DroppedReason",
                table: "Recommendations");

            migrationBuilder.DropColumn(
                name: "Implementation",
                table: "Recommendations");

            migrationBuilder.DropColumn(
                name: "ImplementationUpdatedAt",
                table: "Recommendations");

            migrationBuilder.DropColumn(
                name: "ImplementationUpdatedBy",
                table: "Recommendations");

            migrationBuilder.DropColumn(
                name: "LinkComment",
                table: "Recommendations");

            migrationBuilder.DropColumn(
                name: "LinkVerdict",
                table: "Recommendations");

            migrationBuilder.DropColumn(
                name: "LinkVerdictAt",
                table: "Recommendations");

            migrationBuilder.DropColumn(
                name: "LinkVerdictBy",
                table: "Recommendations");

            migrationBuilder.DropColumn(
                name: "PlannedDate",
                table: "Recommendations");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "Recommendations");
        }
    }
}
