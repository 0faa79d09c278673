using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EngagementHub.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class OneReviewRoundPerYearAndCommissioner : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReviewRounds_Year_CommissionerOrganisationId",
                table: "ReviewRounds");

            migrationBuilder.AddColumn<int>(
                name: "DuplicateOfRoundId",
                table: "ReviewRounds",
                type: "integer",
                nullable: true);

            // A round opened twice for the same year and commissioner (the LINk and the commissioner at the same moment)
            // would stop the unique indexes being made, and with them the upgrade. Each copy may hold one side's ratings, so
            // none is removed: the later copies are marked with the first round's id and left outside the indexes.
            migrationBuilder.Sql("""
                UPDATE "ReviewRounds" SET "DuplicateOfRoundId" = (
                    SELECT MIN(f."Id") FROM "ReviewRounds" AS f
                    WHERE f."Year" = "ReviewRounds"."Year"
                      AND (f."CommissionerOrganisationId" = "ReviewRounds"."CommissionerOrganisationId"
                           OR (f."CommissionerOrganisationId" IS NULL AND "ReviewRounds"."CommissionerOrganisationId" IS NULL)))
                WHERE EXISTS (
                    SELECT 1 FROM "ReviewRounds" AS e
                    WHERE e."Year" = "ReviewRounds"."Year" AND e."Id" < "ReviewRounds"."Id"
                      AND (e."CommissionerOrganisationId" = "ReviewRounds"."CommissionerOrganisationId"
                           OR (e."CommissionerOrganisationId" IS NULL AND "ReviewRounds"."CommissionerOrganisationId" IS NULL)));
                """);

            migrationBuilder.CreateIndex(
                name: "IX_ReviewRounds_Year",
                table: "ReviewRounds",
                column: "Year",
                unique: true,
                filter: "\"CommissionerOrganisationId\" IS NULL AND \"DuplicateOfRoundId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewRounds_Year_CommissionerOrganisationId",
                table: "ReviewRounds",
                columns: new[] { "Year", "CommissionerOrganisationId" },
                unique: true,
                filter: "\"DuplicateOfRoundId\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ReviewRounds_Year",
                table: "ReviewRounds");

            migrationBuilder.DropIndex(
                name: "IX_ReviewRounds_Year_CommissionerOrganisationId",
                table: "ReviewRounds");

            migrationBuilder.DropColumn(
                name: "DuplicateOfRoundId",
                table: "ReviewRounds");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewRounds_Year_CommissionerOrganisationId",
                table: "ReviewRounds",
                columns: new[] { "Year", "CommissionerOrganisationId" });
        }
    }
}
