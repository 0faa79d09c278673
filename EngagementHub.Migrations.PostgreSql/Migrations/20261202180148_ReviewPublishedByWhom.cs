using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EngagementHub.Migrations.PostgreSql.Migrations
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
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "UpdatedAlone",
                table: "ReviewRounds",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "UpdatedByOrganisationId",
                table: "ReviewRounds",
                type: "integer",
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
