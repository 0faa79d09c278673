using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EngagementHub.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class DeadlineExtensionDueDate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "ExtensionDueDate",
                table: "Deadlines",
                type: "TEXT",
                nullable: true);

            // The date agreed, kept apart from the due date so that a statutory count that comes to end later can take its
            // place and give it back (ADR 0012). For an extension agreed before, the due date is the best record of it.
            migrationBuilder.Sql("UPDATE \"Deadlines\" SET \"ExtensionDueDate\" = \"DueDate\" WHERE \"ExtensionAgreedAt\" IS NOT NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ExtensionDueDate",
                table: "Deadlines");
        }
    }
}
