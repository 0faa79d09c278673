using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EngagementHub.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class MissedExtensionDateAndDay : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "LapsedExtensionDate",
                table: "Deadlines",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "LateExtensionAgreedOn",
                table: "Deadlines",
                type: "date",
                nullable: true);

            // A missed date other than the statutory count was, until now, told from it by that alone: an earlier
            // extension's agreed date, as last recorded (ADR 12). The day it was settled was not recorded; the latest
            // agreement's day stands in for it (ResponseDeadline.LateExtensionAgreedOn).
            migrationBuilder.Sql("UPDATE \"Deadlines\" SET \"LapsedExtensionDate\" = \"LapsedDueDate\" "
                + "WHERE \"LapsedDueDate\" IS NOT NULL AND \"LapsedDueDate\" <> \"OriginalDueDate\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "LapsedExtensionDate",
                table: "Deadlines");

            migrationBuilder.DropColumn(
                name: "LateExtensionAgreedOn",
                table: "Deadlines");
        }
    }
}
