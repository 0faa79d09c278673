using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EngagementHub.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class NotificationCarriedByDigest : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "CarriedByDigestId",
                table: "Notifications",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CarriedByDigestId",
                table: "Notifications");
        }
    }
}
