using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EngagementHub.Migrations.PostgreSql.Migrations
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
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DeclinedAt",
                table: "Deadlines",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DeclinedBy",
                table: "Deadlines",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "DeclinedByLink",
                table: "Deadlines",
                type: "boolean",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "DeclinedDueDate",
                table: "Deadlines",
                type: "date",
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
