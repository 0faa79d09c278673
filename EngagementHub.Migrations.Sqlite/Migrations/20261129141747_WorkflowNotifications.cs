using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EngagementHub.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class WorkflowNotifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Notifications recorded before categories were deadline reminders and holiday-calendar warnings: "Deadlines".
            migrationBuilder.AlterColumn<int>(
                name: "DeadlineId",
                table: "ReminderDeliveries",
                type: "INTEGER",
                nullable: true,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.AddColumn<long>(
                name: "NotificationId",
                table: "ReminderDeliveries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Category",
                table: "Notifications",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "Deadlines");

            migrationBuilder.AddColumn<string>(
                name: "Event",
                table: "Notifications",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "reminder");

            migrationBuilder.AddColumn<bool>(
                name: "NeedsAction",
                table: "Notifications",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "NotificationPreferences",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Category = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Delivery = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NotificationPreferences", x => new { x.UserId, x.Category });
                    table.ForeignKey(
                        name: "FK_NotificationPreferences_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReminderDeliveries_NotificationId",
                table: "ReminderDeliveries",
                column: "NotificationId",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_ReminderDeliveries_Notifications_NotificationId",
                table: "ReminderDeliveries",
                column: "NotificationId",
                principalTable: "Notifications",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_ReminderDeliveries_Notifications_NotificationId",
                table: "ReminderDeliveries");

            migrationBuilder.DropTable(
                name: "NotificationPreferences");

            migrationBuilder.DropIndex(
                name: "IX_ReminderDeliveries_NotificationId",
                table: "ReminderDeliveries");

            migrationBuilder.DropColumn(
                name: "NotificationId",
                table: "ReminderDeliveries");

            migrationBuilder.DropColumn(
                name: "Category",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "Event",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "NeedsAction",
                table: "Notifications");

            migrationBuilder.AlterColumn<int>(
                name: "DeadlineId",
                table: "ReminderDeliveries",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0,
                oldClrType: typeof(int),
                oldType: "INTEGER",
                oldNullable: true);
        }
    }
}
