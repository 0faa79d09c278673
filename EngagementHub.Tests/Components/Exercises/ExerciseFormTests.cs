using Bunit;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Pages.Exercises;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Tests.Components.Exercises;

public sealed class ExerciseFormTests : BunitTestContextBase
{
    [Fact]
    public async Task Edit_APartnerDeactivatedSinceItWasChosen_ShownByNameAsNoLongerActive()
    {
        var database = await CreateDatabaseAsync();
        var link = await database.SeedOrganisationAsync("Birmingham LINk", OrganisationKind.Link);
        var south = await database.SeedOrganisationAsync("NHS South Birmingham", OrganisationKind.Commissioner);
        var east = await database.SeedOrganisationAsync("NHS Birmingham East and North", OrganisationKind.Commissioner);
        int id;
        await using (var db = database.CreateContext())
        {
            var exercise = new EngagementExercise(new ExerciseInput
            {
                Title = "Maternity choices",
                Purpose = "Ask families about place of birth.",
                LeadCommissionerId = south.Id,
                PartnerIds = [east.Id],
                DecisionInformed = "Maternity strategy",
                StartDate = new DateOnly(2026, 9, 1),
                EndDate = new DateOnly(2026, 12, 18),
            }, link.Id, south.Id, database.Clock.GetUtcNow());
            db.Exercises.Add(exercise);
            await db.SaveChangesAsync();
            id = exercise.Id;
            (await db.Organisations.SingleAsync(o => o.Id == east.Id)).Deactivate();
            await db.SaveChangesAsync();
        }

        Context.UseEngagementHub(database);
        Context.SignIn(new Actor("user-colin", "Colin Marsh", south.Id, south.Name, UserRole.Editor));
        Context.RenderPopovers();

        var cut = Context.Render<ExerciseForm>(p => p.Add(x => x.Id, id));

        // Before, the partner's chip had no name at all: the form listed only active organisations.
        cut.WaitForAssertion(() => Assert.Contains("NHS Birmingham East and North (no longer active)", cut.Markup));
    }
}
