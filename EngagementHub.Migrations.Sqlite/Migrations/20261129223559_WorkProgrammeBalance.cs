using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EngagementHub.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class WorkProgrammeBalance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Origin",
                table: "RaisedIssues",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PartnerSector",
                table: "RaisedIssues",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Reach",
                table: "RaisedIssues",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Setting",
                table: "RaisedIssues",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Term",
                table: "RaisedIssues",
                type: "TEXT",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Origin",
                table: "RaisedIssues");

            migrationBuilder.DropColumn(
                name: "PartnerSector",
                table: "RaisedIssues");

            migrationBuilder.DropColumn(
                name: "Reach",
                table: "RaisedIssues");

            migrationBuilder.DropColumn(
                name: "Setting",
                table: "RaisedIssues");

            migrationBuilder.DropColumn(
                name: "Term",
                table: "RaisedIssues");
        }
    }
}
