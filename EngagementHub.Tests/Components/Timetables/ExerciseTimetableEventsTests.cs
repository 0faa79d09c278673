using Bunit;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Timetables;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Pages.Timetables;

namespace EngagementHub.Tests.Components.Timetables;

public sealed class ExerciseTimetableEventsTests : BunitTestContextBase
{
    [Fact]
    public async Task Render_EventsLinkTheExercise_ListsOnlyThoseWithLinksToThem()
    {
        var database = await CreateDatabaseAsync();
        var link = await database.SeedOrganisationAsync("Birmingham LINk", OrganisationKind.Link);
        var south = await database.SeedOrganisationAsync("NHS South Birmingham", OrganisationKind.Commissioner);
        int maternity;
        await using (var db = database.CreateContext())
        {
            var exercise = new EngagementExercise(new ExerciseInput
            {
                Title = "Maternity choices",
                Purpose = "Ask families about place of birth.",
                LeadCommissionerId = south.Id,
                DecisionInformed = "Maternity strategy",
                StartDate = new DateOnly(2026, 9, 1),
                EndDate = new DateOnly(2026, 12, 18),
            }, link.Id, south.Id, database.Clock.GetUtcNow());
            db.Exercises.Add(exercise);
            await db.SaveChangesAsync();
            maternity = exercise.Id;
        }

        var service = TimetableServices.For(database);
        var editor = new Actor("user-colin", "Colin Price", south.Id, south.Name, UserRole.Editor);
        var decision = (await service.Events.CreateEventAsync(editor, new TimetableEventInput
        {
            OrganisationId = south.Id, Kind = TimetableEventKind.DecisionPoint, Title = "Maternity strategy decision",
            StartDate = new DateOnly(2027, 1, 14), ExerciseIds = [maternity],
        })).Value;
        await service.Events.CreateEventAsync(editor, new TimetableEventInput
        {
            OrganisationId = south.Id, Kind = TimetableEventKind.BoardMeeting, Title = "Board meeting", StartDate = new DateOnly(2026, 11, 12),
        });
        Context.UseEngagementHub(database);
        Context.SignIn(People.Viewer(link.Id));

        var cut = Context.Render<ExerciseTimetableEvents>(p => p.Add(x => x.ExerciseId, maternity));

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=in-the-timetable] li")));
        var item = cut.Find("[data-testid=in-the-timetable] li");
        Assert.Equal($"/timetable/events/{decision}", item.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("Maternity strategy decision", item.TextContent);
        Assert.Contains("Decision point, Thu 14 Jan 2027", item.TextContent);
    }
}
