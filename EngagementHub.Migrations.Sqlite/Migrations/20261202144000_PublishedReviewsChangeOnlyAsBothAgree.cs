using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EngagementHub.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class PublishedReviewsChangeOnlyAsBothAgree : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "RevisingSince",
                table: "ReviewRounds",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RevisionAgreedAt",
                table: "ReviewRounds",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RevisionAgreedBy",
                table: "ReviewRounds",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RevisionAgreedContent",
                table: "ReviewRounds",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "UpdatedAt",
                table: "ReviewRounds",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PublishedNote",
                table: "ReviewItems",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PublishedScore",
                table: "ReviewItems",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsPublished",
                table: "ReviewActions",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // What a round published before this shows in public is what it holds now: the public page read it live until
            // now. From here on, only publishing changes what is kept as published (ADR 23).
            migrationBuilder.Sql(
                """
                UPDATE "ReviewItems" SET "PublishedScore" = "AgreedScore", "PublishedNote" = "AgreedNote"
                WHERE "RoundId" IN (SELECT "Id" FROM "ReviewRounds" WHERE "PublishedAt" IS NOT NULL);
                """);
            migrationBuilder.Sql(
                """
                UPDATE "ReviewActions" SET "IsPublished" = TRUE
                WHERE "RoundId" IN (SELECT "Id" FROM "ReviewRounds" WHERE "PublishedAt" IS NOT NULL);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RevisingSince",
                table: "ReviewRounds");

            migrationBuilder.DropColumn(
                name: "RevisionAgreedAt",
                table: "ReviewRounds");

            migrationBuilder.DropColumn(
                name: "RevisionAgreedBy",
                table: "ReviewRounds");

            migrationBuilder.DropColumn(
                name: "RevisionAgreedContent",
                table: "ReviewRounds");

            migrationBuilder.DropColumn(
                name: "UpdatedAt",
                table: "ReviewRounds");

            migrationBuilder.DropColumn(
                name: "PublishedNote",
                table: "ReviewItems");

            migrationBuilder.DropColumn(
                name: "PublishedScore",
                table: "ReviewItems");

            migrationBuilder.DropColumn(
                name: "IsPublished",
                table: "ReviewActions");
        }
    }
}
