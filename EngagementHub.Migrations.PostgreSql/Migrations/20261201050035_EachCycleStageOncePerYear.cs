using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EngagementHub.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class EachCycleStageOncePerYear : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A cycle generated twice for one organisation and year (two tabs at once) has each stage twice, which would
            // stop the unique index being made, and with it the upgrade. The later copies may have been edited or linked
            // to exercises since, so none is removed: they are unlinked from the cycle and stay as ordinary events.
            migrationBuilder.Sql("""
                UPDATE "TimetableEvents" SET "CycleTemplateId" = NULL, "CycleStage" = NULL
                WHERE "CycleTemplateId" IS NOT NULL AND EXISTS (
                    SELECT 1 FROM "TimetableEvents" AS e
                    WHERE e."OrganisationId" = "TimetableEvents"."OrganisationId" AND e."Year" = "TimetableEvents"."Year"
                      AND e."CycleTemplateId" = "TimetableEvents"."CycleTemplateId" AND e."CycleStage" = "TimetableEvents"."CycleStage"
                      AND e."Id" < "TimetableEvents"."Id");
                """);

            migrationBuilder.CreateIndex(
                name: "IX_TimetableEvents_EachCycleStageOncePerYear",
                table: "TimetableEvents",
                columns: new[] { "OrganisationId", "Year", "CycleTemplateId", "CycleStage" },
                unique: true,
                filter: "\"CycleTemplateId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_TimetableEvents_EachCycleStageOncePerYear",
                table: "TimetableEvents");
        }
    }
}
