using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EngagementHub.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReviewPublishedByWhom : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PublishedByOrganisationId",
                table: "ReviewRounds",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "UpdatedAlone",
                table: "ReviewRounds",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "UpdatedByOrganisationId",
                table: "ReviewRounds",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PublishedByOrganisationId",
                table: "ReviewRounds");

            migrationBuilder.DropColumn(
                name: "UpdatedAlone",
                table: "ReviewRounds");

            migrationBuilder.DropColumn(
                name: "UpdatedByOrganisationId",
                table: "ReviewRounds");
        }
    }
}
