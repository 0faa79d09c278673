using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EngagementHub.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class OneLiveCalendarFeedPerOwner : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Two tabs asking at once could leave a person or organisation with two live feeds, which would stop the
            // unique indexes being made. A new feed replaces the old, so the newest stays live and each older one is
            // revoked as of the moment the newest was made.
            foreach (var owner in new[] { "UserId", "OrganisationId" })
            {
                migrationBuilder.Sql($"""
                    UPDATE "CalendarFeeds" SET "RevokedAt" = (
                        SELECT MAX(n."CreatedAt") FROM "CalendarFeeds" AS n
                        WHERE n."RevokedAt" IS NULL AND n."{owner}" = "CalendarFeeds"."{owner}" AND (n."CreatedAt" > "CalendarFeeds"."CreatedAt" OR (n."CreatedAt" = "CalendarFeeds"."CreatedAt" AND n."Id" > "CalendarFeeds"."Id")))
                    WHERE "RevokedAt" IS NULL AND "{owner}" IS NOT NULL AND EXISTS (
                        SELECT 1 FROM "CalendarFeeds" AS n
                        WHERE n."RevokedAt" IS NULL AND n."{owner}" = "CalendarFeeds"."{owner}" AND (n."CreatedAt" > "CalendarFeeds"."CreatedAt" OR (n."CreatedAt" = "CalendarFeeds"."CreatedAt" AND n."Id" > "CalendarFeeds"."Id")));
                    """);
            }

            migrationBuilder.CreateIndex(
                name: "IX_CalendarFeeds_OneLivePerOrganisation",
                table: "CalendarFeeds",
                column: "OrganisationId",
                unique: true,
                filter: "\"RevokedAt\" IS NULL AND \"OrganisationId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_CalendarFeeds_OneLivePerPerson",
                table: "CalendarFeeds",
                column: "UserId",
                unique: true,
                filter: "\"RevokedAt\" IS NULL AND \"UserId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CalendarFeeds_OneLivePerOrganisation",
                table: "CalendarFeeds");

            migrationBuilder.DropIndex(
                name: "IX_CalendarFeeds_OneLivePerPerson",
                table: "CalendarFeeds");
        }
    }
}
