using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EngagementHub.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class DigestsAndSchedules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "WindowEnd",
                table: "ReminderDeliveries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "WindowStart",
                table: "ReminderDeliveries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DigestSchedules",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Hour = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DigestSchedules", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_DigestSchedules_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReminderDeliveries_Recipient_Step_WindowStart",
                table: "ReminderDeliveries",
                columns: new[] { "Recipient", "Step", "WindowStart" },
                unique: true,
                filter: "\"WindowStart\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DigestSchedules");

            migrationBuilder.DropIndex(
                name: "IX_ReminderDeliveries_Recipient_Step_WindowStart",
                table: "ReminderDeliveries");

            migrationBuilder.DropColumn(
                name: "WindowEnd",
                table: "ReminderDeliveries");

            migrationBuilder.DropColumn(
                name: "WindowStart",
                table: "ReminderDeliveries");
        }
    }
}
