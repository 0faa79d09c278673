using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EngagementHub.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class RecommendationEarlierResponse : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "EarlierRespondedAt",
                table: "Recommendations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EarlierRespondedBy",
                table: "Recommendations",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EarlierResponse",
                table: "Recommendations",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "EarlierResponseText",
                table: "Recommendations",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            // Rows saved before a later act set aside what no longer held: what was recorded of carrying out a
            // recommendation that is no longer accepted, and the LINk's view of it, are not where it stands; nor is a
            // planned date once it is done or dropped, or "what changed" once dropped. The audit log keeps every value
            // as it was recorded. (Which response came before is not known for these rows: the earlier one stays empty.)
            migrationBuilder.Sql("""
                UPDATE "Recommendations"
                SET "Implementation" = NULL, "PlannedDate" = NULL, "DroppedReason" = NULL, "ChangeMade" = NULL,
                    "ImplementationUpdatedBy" = NULL, "ImplementationUpdatedAt" = NULL,
                    "LinkVerdict" = NULL, "LinkComment" = NULL, "LinkVerdictBy" = NULL, "LinkVerdictAt" = NULL
                WHERE "Response" NOT IN ('Accepted', 'PartlyAccepted');
                """);
            migrationBuilder.Sql("""
                UPDATE "Recommendations" SET "PlannedDate" = NULL WHERE "Implementation" IN ('Done', 'Dropped');
                """);
            migrationBuilder.Sql("""
                UPDATE "Recommendations" SET "ChangeMade" = NULL WHERE "Implementation" = 'Dropped';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EarlierRespondedAt",
                table: "Recommendations");

            migrationBuilder.DropColumn(
                name: "EarlierRespondedBy",
                table: "Recommendations");

            migrationBuilder.DropColumn(
                name: "EarlierResponse",
                table: "Recommendations");

            migrationBuilder.DropColumn(
                name: "EarlierResponseText",
                table: "Recommendations");
        }
    }
}
