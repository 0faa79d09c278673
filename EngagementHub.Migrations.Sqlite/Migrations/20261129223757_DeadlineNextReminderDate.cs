using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EngagementHub.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class DeadlineNextReminderDate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "NextReminderOn",
                table: "Deadlines",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Deadlines_NextReminderOn",
                table: "Deadlines",
                column: "NextReminderOn");

            // Every open deadline is planned at the first sweep after the upgrade (its date received is on or before any
            // reminder), which stores its real next reminder date; closed ones get none.
            migrationBuilder.Sql("UPDATE \"Deadlines\" SET \"NextReminderOn\" = \"Received\" WHERE \"State\" = 'Awaiting' OR (\"State\" = 'Acknowledged' AND \"DischargedBy\" = 'Answer');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Deadlines_NextReminderOn",
                table: "Deadlines");

            migrationBuilder.DropColumn(
                name: "NextReminderOn",
                table: "Deadlines");
        }
    }
}
