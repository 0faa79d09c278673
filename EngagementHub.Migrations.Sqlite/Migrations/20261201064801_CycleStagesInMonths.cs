using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EngagementHub.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class CycleStagesInMonths : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A stage's length was stored in weeks and is now in whole months (a cycle is planned in months, and twelve
            // weeks from January ended on 25 March). Each stored stage becomes the nearest whole number of months,
            // weeks x 7 / 30.44 rounded, at least 1 and at most 12 (13 weeks are 3 months, 52 are 12, 1 is 1), kept in
            // its place in the template. Events already generated keep their dates: only the templates change.
            // In integers: round(w * 7 / 30.44) = (w * 700 + 1522) / 3044.
            migrationBuilder.Sql("""
                UPDATE "CycleTemplates" SET "Stages" = (
                    SELECT json_group_array(json("Stage")) FROM (
                        SELECT CASE WHEN json_type(s.value, '$.DurationWeeks') IS NULL THEN s.value
                                    ELSE json_remove(json_set(s.value, '$.DurationMonths',
                                        MIN(12, MAX(1, (CAST(json_extract(s.value, '$.DurationWeeks') AS INTEGER) * 700 + 1522) / 3044))), '$.DurationWeeks')
                               END AS "Stage"
                        FROM json_each("CycleTemplates"."Stages") AS s
                        ORDER BY s.key))
                WHERE json_valid("Stages") AND json_type("Stages") = 'array';
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Back to weeks: the nearest whole number of weeks, months x 30.44 / 7 rounded, 1 to 52 (3 months are
            // 13 weeks, 12 are 52, 1 is 4), so up again gives the same months.
            // In integers: round(m * 30.44 / 7) = (m * 3044 + 350) / 700.
            migrationBuilder.Sql("""
                UPDATE "CycleTemplates" SET "Stages" = (
                    SELECT json_group_array(json("Stage")) FROM (
                        SELECT CASE WHEN json_type(s.value, '$.DurationMonths') IS NULL THEN s.value
                                    ELSE json_remove(json_set(s.value, '$.DurationWeeks',
                                        MIN(52, MAX(1, (CAST(json_extract(s.value, '$.DurationMonths') AS INTEGER) * 3044 + 350) / 700))), '$.DurationMonths')
                               END AS "Stage"
                        FROM json_each("CycleTemplates"."Stages") AS s
                        ORDER BY s.key))
                WHERE json_valid("Stages") AND json_type("Stages") = 'array';
                """);
        }
    }
}
