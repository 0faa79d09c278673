using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EngagementHub.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class AddDeploymentIdentity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DeploymentIdentity",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Domain = table.Column<string>(type: "character varying(253)", maxLength: 253, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeploymentIdentity", x => x.Id);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DeploymentIdentity");
        }
    }
}
