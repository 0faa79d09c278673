using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EngagementHub.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class NamesUniqueIgnoringCase : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SuccessCriteria_Side_Name",
                table: "SuccessCriteria");

            migrationBuilder.DropIndex(
                name: "IX_Organisations_Name",
                table: "Organisations");

            migrationBuilder.DropIndex(
                name: "IX_DeadlineRules_Name",
                table: "DeadlineRules");

            migrationBuilder.DropIndex(
                name: "IX_CycleTemplates_Name",
                table: "CycleTemplates");

            // A name a person types is unique ignoring case. Names already stored twice that way ("Sandwell PCT" and
            // "sandwell pct") would stop the index being made, and with it the upgrade; each copy may be in use (people,
            // deadlines, rounds), so none is removed or merged: the later copies have their id added to their name, which
            // an administrator can see and change. The same SQL on SQLite and PostgreSQL.
            foreach (var (table, scope, maxLength) in new[]
                     {
                         ("Organisations", "", 200), ("CycleTemplates", "", 200), ("DeadlineRules", "", 200),
                         ("SuccessCriteria", "\"Side\", ", 100),
                     })
            {
                var sameScope = scope.Length == 0 ? "" : $"e.\"Side\" = \"{table}\".\"Side\" AND ";
                migrationBuilder.Sql($"""
                    UPDATE "{table}" SET "Name" = substr("Name", 1, {maxLength - 12}) || ' (' || "Id" || ')'
                    WHERE EXISTS (
                        SELECT 1 FROM "{table}" AS e
                        WHERE {sameScope}lower(e."Name") = lower("{table}"."Name") AND e."Id" < "{table}"."Id");
                    """);
                migrationBuilder.Sql($"""CREATE UNIQUE INDEX "IX_{table}_NameIgnoringCase" ON "{table}" ({scope}lower("Name"));""");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in new[] { "Organisations", "CycleTemplates", "DeadlineRules", "SuccessCriteria" })
            {
                migrationBuilder.Sql($"""DROP INDEX "IX_{table}_NameIgnoringCase";""");
            }

            migrationBuilder.CreateIndex(
                name: "IX_SuccessCriteria_Side_Name",
                table: "SuccessCriteria",
                columns: new[] { "Side", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Organisations_Name",
                table: "Organisations",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DeadlineRules_Name",
                table: "DeadlineRules",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CycleTemplates_Name",
                table: "CycleTemplates",
                column: "Name",
                unique: true);
        }
    }
}
