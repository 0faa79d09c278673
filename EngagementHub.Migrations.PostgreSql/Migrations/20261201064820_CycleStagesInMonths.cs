using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EngagementHub.Migrations.PostgreSql.Migrations
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
                    SELECT jsonb_agg(CASE WHEN s.stage -> 'DurationWeeks' IS NULL THEN s.stage
                                          ELSE (s.stage - 'DurationWeeks') || jsonb_build_object('DurationMonths',
                                              LEAST(12, GREATEST(1, ((s.stage ->> 'DurationWeeks')::int * 700 + 1522) / 3044)))
                                     END ORDER BY s.position)
                    FROM jsonb_array_elements("CycleTemplates"."Stages") WITH ORDINALITY AS s(stage, position))
                WHERE jsonb_typeof("Stages") = 'array' AND jsonb_array_length("Stages") > 0;
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
                    SELECT jsonb_agg(CASE WHEN s.stage -> 'DurationMonths' IS NULL THEN s.stage
                                          ELSE (s.stage - 'DurationMonths') || jsonb_build_object('DurationWeeks',
                                              LEAST(52, GREATEST(1, ((s.stage ->> 'DurationMonths')::int * 3044 + 350) / 700)))
                                     END ORDER BY s.position)
                    FROM jsonb_array_elements("CycleTemplates"."Stages") WITH ORDINALITY AS s(stage, position))
                WHERE jsonb_typeof("Stages") = 'array' AND jsonb_array_length("Stages") > 0;
                """);
        }
    }
}
