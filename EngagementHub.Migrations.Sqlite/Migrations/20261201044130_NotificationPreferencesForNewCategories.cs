using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace EngagementHub.Core.Data.Migrations
{
    /// <inheritdoc />
    public partial class NotificationPreferencesForNewCategories : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Reviews and the work programme each have a category of their own. Their reminders were in "Agreement" and
            // "Deadlines": whoever had chosen how to hear of those keeps that choice for the new categories, instead of the
            // default (an e-mail at once) until they choose again.
            foreach (var (from, to) in new[] { ("Agreement", "Reviews"), ("Deadlines", "WorkProgramme") })
            {
                migrationBuilder.Sql(
                    "INSERT INTO \"NotificationPreferences\" (\"UserId\", \"Category\", \"Delivery\", \"UpdatedAt\") "
                    + $"SELECT p.\"UserId\", '{to}', p.\"Delivery\", p.\"UpdatedAt\" FROM \"NotificationPreferences\" p WHERE p.\"Category\" = '{from}' "
                    + $"AND NOT EXISTS (SELECT 1 FROM \"NotificationPreferences\" q WHERE q.\"UserId\" = p.\"UserId\" AND q.\"Category\" = '{to}');");
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DELETE FROM \"NotificationPreferences\" WHERE \"Category\" IN ('Reviews', 'WorkProgramme');");
        }
    }
}
