using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EngagementHub.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class IssueRaisedThroughOrganisation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "RaisedThroughOrganisationId",
                table: "RaisedIssues",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_RaisedIssues_RaisedThroughOrganisationId",
                table: "RaisedIssues",
                column: "RaisedThroughOrganisationId");

            migrationBuilder.AddForeignKey(
                name: "FK_RaisedIssues_Organisations_RaisedThroughOrganisationId",
                table: "RaisedIssues",
                column: "RaisedThroughOrganisationId",
                principalTable: "Organisations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            // The organisation an issue was raised through was not kept: the notices of its outcome read the recorder's
            // organisation at the time of the notice. For the issues already recorded, that organisation now is the best
            // record there is; an issue whose recorder's account is gone stays unknown, and its notices go to nobody
            // outside the LINk, as they did.
            migrationBuilder.Sql("""
                UPDATE "RaisedIssues"
                SET "RaisedThroughOrganisationId" = (SELECT u."OrganisationId" FROM "AspNetUsers" AS u WHERE u."Id" = "RaisedIssues"."RecordedByUserId");
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_RaisedIssues_Organisations_RaisedThroughOrganisationId",
                table: "RaisedIssues");

            migrationBuilder.DropIndex(
                name: "IX_RaisedIssues_RaisedThroughOrganisationId",
                table: "RaisedIssues");

            migrationBuilder.DropColumn(
                name: "RaisedThroughOrganisationId",
                table: "RaisedIssues");
        }
    }
}
