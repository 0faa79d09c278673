using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EngagementHub.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class DeadlineKindVersion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "Version",
                table: "DeadlineRules",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // SQLite's own DROP COLUMN, not EF Core's DropColumn: that rebuilds the table, losing the index on lower("Name")
            // that NamesUniqueIgnoringCase made in SQL (EF Core's model cannot declare it), which that migration's Down drops.
            migrationBuilder.Sql("""ALTER TABLE "DeadlineRules" DROP COLUMN "Version";""");
        }
    }
}
