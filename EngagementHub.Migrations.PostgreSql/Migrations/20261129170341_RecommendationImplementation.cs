using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace EngagementHub.Migrations.PostgreSql.Migrations
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
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DroppedReason",
                table: "Recommendations",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Implementation",
                table: "Recommendations",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ImplementationUpdatedAt",
                table: "Recommendations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ImplementationUpdatedBy",
                table: "Recommendations",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LinkComment",
                table: "Recommendations",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LinkVerdict",
                table: "Recommendations",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LinkVerdictAt",
                table: "Recommendations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LinkVerdictBy",
                table: "Recommendations",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PlannedDate",
                table: "Recommendations",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "Version",
                table: "Recommendations",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.CreateTable(
                name: "ImplementationMilestones",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    RecommendationId = table.Column<int>(type: "integer", nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
