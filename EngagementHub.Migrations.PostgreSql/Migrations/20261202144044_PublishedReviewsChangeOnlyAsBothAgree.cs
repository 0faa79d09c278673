using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EngagementHub.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class PublishedReviewsChangeOnlyAsBothAgree : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RevisingSince",
                table: "ReviewRounds",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "RevisionAgreedAt",
                table: "ReviewRounds",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RevisionAgreedBy",
                table: "ReviewRounds",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "RevisionAgreedContent",
                table: "ReviewRounds",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "UpdatedAt",
                table: "ReviewRounds",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PublishedNote",
                table: "ReviewItems",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PublishedScore",
                table: "ReviewItems",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsPublished",
                table: "ReviewActions",
                type: "boolean",
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
