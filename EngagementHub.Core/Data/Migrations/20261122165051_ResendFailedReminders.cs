using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EngagementHub.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ResendFailedReminders : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ResentAt",
                table: "ReminderDeliveries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ResentBy",
                table: "ReminderDeliveries",
                type: "TEXT",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ResentAt",
                table: "ReminderDeliveries");

            migrationBuilder.DropColumn(
                name: "ResentBy",
                table: "ReminderDeliveries");
        }
    }
}
