using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EngagementHub.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class DeadlineExtensionProposalApart : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ProposalBy",
                table: "Deadlines",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ProposalByLink",
                table: "Deadlines",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProposalReason",
                table: "Deadlines",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            // Until now one set of columns held either the proposal waiting or, once agreed, the extension in force. A proposal
            // still waiting moves to its own columns; an agreed one keeps the extension columns and waits for nothing.
            migrationBuilder.Sql("UPDATE \"Deadlines\" SET \"ProposalReason\" = \"ExtensionReason\", \"ProposalBy\" = \"ExtensionProposedBy\", \"ProposalByLink\" = \"ExtensionProposedByLink\", "
                + "\"ExtensionReason\" = NULL, \"ExtensionProposedBy\" = NULL, \"ExtensionProposedByLink\" = NULL, \"ExtensionAgreedByLink\" = NULL, \"ExtensionAgreedByRecipient\" = NULL "
                + "WHERE \"ProposedDueDate\" IS NOT NULL AND \"ExtensionAgreedAt\" IS NULL;");
            migrationBuilder.Sql("UPDATE \"Deadlines\" SET \"ProposedDueDate\" = NULL WHERE \"ExtensionAgreedAt\" IS NOT NULL;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Back to one set of columns: a waiting proposal takes them over (its proposer counted as their side's agreement),
            // and an agreed extension with none waiting shows its date as the one proposed, as before.
            migrationBuilder.Sql("UPDATE \"Deadlines\" SET \"ExtensionReason\" = \"ProposalReason\", \"ExtensionProposedBy\" = \"ProposalBy\", \"ExtensionProposedByLink\" = \"ProposalByLink\", "
                + "\"ExtensionAgreedByLink\" = CASE WHEN \"ProposalByLink\" THEN \"ProposalBy\" END, \"ExtensionAgreedByRecipient\" = CASE WHEN \"ProposalByLink\" THEN NULL ELSE \"ProposalBy\" END, "
                + "\"ExtensionAgreedAt\" = NULL WHERE \"ProposedDueDate\" IS NOT NULL;");
            migrationBuilder.Sql("UPDATE \"Deadlines\" SET \"ProposedDueDate\" = \"DueDate\" WHERE \"ExtensionAgreedAt\" IS NOT NULL;");

            migrationBuilder.DropColumn(
                name: "ProposalBy",
                table: "Deadlines");

            migrationBuilder.DropColumn(
                name: "ProposalByLink",
                table: "Deadlines");

            migrationBuilder.DropColumn(
                name: "ProposalReason",
                table: "Deadlines");
        }
    }
}
