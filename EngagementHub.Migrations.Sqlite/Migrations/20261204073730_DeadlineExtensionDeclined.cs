using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EngagementHub.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class DeadlineExtensionDeclined : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "DeclineReason",
                table: "Deadlines",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DeclinedAt",
                table: "Deadlines",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeclinedBy",
                table: "Deadlines",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "DeclinedByLink",
                table: "Deadlines",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "DeclinedDueDate",
                table: "Deadlines",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DeclineReason",
                table: "Deadlines");

            migrationBuilder.DropColumn(
                name: "DeclinedAt",
                table: "Deadlines");

            migrationBuilder.DropColumn(
                name: "DeclinedBy",
                table: "Deadlines");

            migrationBuilder.DropColumn(
                name: "DeclinedByLink",
                table: "Deadlines");

            migrationBuilder.DropColumn(
                name: "DeclinedDueDate",
                table: "Deadlines");
        }
    }
}
