using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EngagementHub.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class JointReviews : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReviewRounds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    LinkOrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    CommissionerOrganisationId = table.Column<int>(type: "INTEGER", nullable: true),
                    OpenedByOrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    OpenedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ClosesOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    LinkSubmittedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    CommissionersSubmittedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LinkPublishesComments = table.Column<bool>(type: "INTEGER", nullable: false),
                    CommissionersPublishComments = table.Column<bool>(type: "INTEGER", nullable: false),
                    PublishedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false),
                    ClosingRemindedFor = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewRounds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewRounds_Organisations_CommissionerOrganisationId",
                        column: x => x.CommissionerOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReviewRounds_Organisations_LinkOrganisationId",
                        column: x => x.LinkOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReviewRounds_Organisations_OpenedByOrganisationId",
                        column: x => x.OpenedByOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SuccessCriteria",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Side = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SuccessCriteria", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReviewActions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    OwnerOrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    OwnerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DueOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    DoneOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    DueSoonRemindedFor = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    OverdueRemindedFor = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewActions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewActions_Organisations_OwnerOrganisationId",
                        column: x => x.OwnerOrganisationId,
                        principalTable: "Organisations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReviewActions_ReviewRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "ReviewRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CriterionWordings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CriterionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    WrittenAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CriterionWordings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CriterionWordings_SuccessCriteria_CriterionId",
                        column: x => x.CriterionId,
                        principalTable: "SuccessCriteria",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReviewItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    CriterionId = table.Column<int>(type: "INTEGER", nullable: false),
                    WordingId = table.Column<int>(type: "INTEGER", nullable: false),
                    Side = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    AgreedScore = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    AgreedNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewItems_CriterionWordings_WordingId",
                        column: x => x.WordingId,
                        principalTable: "CriterionWordings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReviewItems_ReviewRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "ReviewRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ReviewItems_SuccessCriteria_CriterionId",
                        column: x => x.CriterionId,
                        principalTable: "SuccessCriteria",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReviewRatings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RoundId = table.Column<int>(type: "INTEGER", nullable: false),
                    ItemId = table.Column<int>(type: "INTEGER", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Score = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    EvidenceLinks = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewRatings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewRatings_ReviewItems_ItemId",
                        column: x => x.ItemId,
                        principalTable: "ReviewItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReviewRatings_ReviewRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "ReviewRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CriterionWordings_CriterionId",
                table: "CriterionWordings",
                column: "CriterionId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewActions_DoneOn_DueOn",
                table: "ReviewActions",
                columns: new[] { "DoneOn", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewActions_OwnerOrganisationId",
                table: "ReviewActions",
                column: "OwnerOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewActions_RoundId",
                table: "ReviewActions",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewItems_CriterionId",
                table: "ReviewItems",
                column: "CriterionId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewItems_RoundId_CriterionId",
                table: "ReviewItems",
                columns: new[] { "RoundId", "CriterionId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReviewItems_WordingId",
                table: "ReviewItems",
                column: "WordingId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewRatings_ItemId_By",
                table: "ReviewRatings",
                columns: new[] { "ItemId", "By" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReviewRatings_RoundId",
                table: "ReviewRatings",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewRounds_CommissionerOrganisationId",
                table: "ReviewRounds",
                column: "CommissionerOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewRounds_LinkOrganisationId",
                table: "ReviewRounds",
                column: "LinkOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewRounds_OpenedByOrganisationId",
                table: "ReviewRounds",
                column: "OpenedByOrganisationId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewRounds_Year_CommissionerOrganisationId",
                table: "ReviewRounds",
                columns: new[] { "Year", "CommissionerOrganisationId" });

            migrationBuilder.CreateIndex(
                name: "IX_SuccessCriteria_Side_Name",
                table: "SuccessCriteria",
                columns: new[] { "Side", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReviewActions");

            migrationBuilder.DropTable(
                name: "ReviewRatings");

            migrationBuilder.DropTable(
                name: "ReviewItems");

            migrationBuilder.DropTable(
                name: "CriterionWordings");

            migrationBuilder.DropTable(
                name: "ReviewRounds");

            migrationBuilder.DropTable(
                name: "SuccessCriteria");
        }
    }
}
