using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EngagementHub.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class NotificationOrganisation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "OrganisationId",
                table: "Notifications",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // The organisation a notice was addressed under was not kept. For the notices already recorded, their reader's
            // organisation now is the best guess there is: someone moved before this change keeps what they were told at
            // the organisation they left, as before, and only what is addressed from here on stays behind with it.
            migrationBuilder.Sql("""
                UPDATE "Notifications"
                SET "OrganisationId" = COALESCE((SELECT u."OrganisationId" FROM "AspNetUsers" AS u WHERE u."Id" = "Notifications"."UserId"), 0);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OrganisationId",
                table: "Notifications");
        }
    }
}
