using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EngagementHub.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class DeadlineDutyStepAndRecount : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DischargedBy",
                table: "Deadlines",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "Answer");

            migrationBuilder.AddColumn<string>(
                name: "DueDateNote",
                table: "Deadlines",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "LapsedDueDate",
                table: "Deadlines",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "LoggedDueDate",
                table: "Deadlines",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<string>(
                name: "DischargedBy",
                table: "DeadlineRules",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "Answer");

            // The scrutiny committee's duty is the acknowledgement; every other existing kind is discharged by its answer.
            migrationBuilder.Sql("UPDATE \"DeadlineRules\" SET \"DischargedBy\" = 'Acknowledgement' WHERE \"Kind\" = 'ScrutinyReferral';");
            migrationBuilder.Sql("UPDATE \"Deadlines\" SET \"DischargedBy\" = 'Acknowledgement' WHERE \"Kind\" = 'ScrutinyReferral';");
            // Reminders already recorded carry plain keys for the due date each deadline was logged with.
            migrationBuilder.Sql("UPDATE \"Deadlines\" SET \"LoggedDueDate\" = \"OriginalDueDate\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DischargedBy",
                table: "Deadlines");

            migrationBuilder.DropColumn(
                name: "DueDateNote",
                table: "Deadlines");

            migrationBuilder.DropColumn(
                name: "LapsedDueDate",
                table: "Deadlines");

            migrationBuilder.DropColumn(
                name: "LoggedDueDate",
                table: "Deadlines");

            migrationBuilder.DropColumn(
                name: "DischargedBy",
                table: "DeadlineRules");
        }
    }
}
