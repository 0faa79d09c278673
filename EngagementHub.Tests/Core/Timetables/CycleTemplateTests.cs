using EngagementHub.Core.Common;
using EngagementHub.Core.Timetables;
using static EngagementHub.Tests.Core.Timetables.TimetableBuilder;

namespace EngagementHub.Tests.Core.Timetables;

public sealed class CycleTemplateTests
{
    private static CycleTemplate Template(params CycleStage[] stages) => new("Test cycle", null, stages);

    [Theory]
    [InlineData(4, "2026-04-01")]
    [InlineData(12, "2026-12-01")]
    [InlineData(1, "2027-01-01")]
    [InlineData(3, "2027-03-01")]
    public void Instantiate_StageMonth_StartsInTheRightCalendarYear(int month, string start)
    {
        var stage = Assert.Single(Template(new CycleStage("Stage", month, 1)).Instantiate(Lead, new FinancialYear(2026)));

        Assert.Equal(D(start), stage.StartDate);
    }

    [Theory]
    [InlineData(4, 13, "2026-06-30")]
    [InlineData(12, 1, "2026-12-07")]
    [InlineData(4, 52, "2027-03-30")]
    [InlineData(1, 12, "2027-03-25")]
    public void Instantiate_DurationWeeks_EndsOnTheLastDayOfTheLastWeek(int month, int weeks, string end)
    {
        var stage = Assert.Single(Template(new CycleStage("Stage", month, weeks)).Instantiate(Lead, new FinancialYear(2026)));

        Assert.Equal(D(end), stage.EndDate);
    }

    [Theory]
    [InlineData(2026, 3, 8, "2027-03-31")]
    [InlineData(2026, 10, 52, "2027-03-31")]
    [InlineData(2027, 2, 9, "2028-03-31")]
    [InlineData(2027, 2, 4, "2028-02-28")]
    public void Instantiate_StageRunningPastMarch_IsClippedAtTheYearsLastDay(int startYear, int month, int weeks, string end)
    {
        var stage = Assert.Single(Template(new CycleStage("Stage", month, weeks)).Instantiate(Lead, new FinancialYear(startYear)));

        Assert.Equal(D(end), stage.EndDate);
    }

    [Fact]
    public void Instantiate_Stage_CarriesItsKindNameAndFormalityAsAMovablePublicEvent()
    {
        var template = Template(
            new CycleStage("Decision: intentions agreed", 12, 1, TimetableEventKind.DecisionPoint, Description: "The board agrees."),
            new CycleStage("Monitoring", 4, 52, IsFormal: false));

        var events = template.Instantiate(42, new FinancialYear(2026));

        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal((42, true, EventVisibility.Public), (e.OrganisationId!.Value, e.IsMovable, e.Visibility)));
        Assert.Equal(("Decision: intentions agreed", TimetableEventKind.DecisionPoint, true, "The board agrees."),
            (events[0].Title, events[0].Kind, events[0].IsFormal, events[0].Description));
        Assert.Equal(("Monitoring", TimetableEventKind.CycleStage, false), (events[1].Title, events[1].Kind, events[1].IsFormal));
        Assert.All(events, e => Assert.Empty(TimetableRules.Errors(e)));
    }

    [Fact]
    public void Instantiate_StandardCycles_GiveEventsInsideTheYear()
    {
        var year = new FinancialYear(2027);

        foreach (var template in StandardCycles.All())
        {
            var events = template.Instantiate(Lead, year);
            Assert.Equal(template.Stages.Count, events.Count);
            Assert.All(events, e => Assert.True(year.Contains(e.StartDate!.Value) && year.Contains(e.EndDate!.Value), $"{template.Name}: {e.Title}"));
        }
    }

    [Fact]
    public void Check_StandardCycles_HaveNoErrors()
    {
        Assert.All(StandardCycles.All(), t => Assert.Empty(CycleTemplate.Check(t.Name, t.Stages)));
        Assert.Equal(5, StandardCycles.All().Single(t => t.Name == StandardCycles.WorldClassCommissioning).Stages.Count);
    }

    [Fact]
    public void Check_NoNameAndNoStages_AsksForBoth()
    {
        var errors = CycleTemplate.Check("  ", []);

        Assert.Equal(
            [("Name", "Give the cycle a name."), ("Stages", "A cycle needs at least one stage.")],
            errors.Select(e => (e.Field, e.Message)));
    }

    [Fact]
    public void Check_NameTooLong_IsRefused() =>
        Assert.Contains(CycleTemplate.Check(new string('x', 201), [new CycleStage("Stage", 4, 1)]),
            e => e.Field == "Name" && e.Message == "Keep the name under 200 characters.");

    [Fact]
    public void Check_BadStages_NamesEachStageByNumber()
    {
        var errors = CycleTemplate.Check("Cycle",
        [
            new CycleStage("Fine", 4, 13),
            new CycleStage("", 13, 1),
            new CycleStage("Too long", 0, 53),
        ]);

        Assert.Equal(
            [
                ("Stages[1]", "Stage 2 needs a name."),
                ("Stages[1]", "Stage 2 must start in a month from 1 (January) to 12 (December)."),
                ("Stages[2]", "Stage 3 must start in a month from 1 (January) to 12 (December)."),
                ("Stages[2]", "Stage 3 must last from 1 to 52 weeks."),
            ],
            errors.Select(e => (e.Field, e.Message)));
    }

    [Fact]
    public void Check_StageDescriptionOver2000Characters_SaysSoForThatStage()
    {
        var errors = CycleTemplate.Check("Cycle", [new CycleStage("Stage", 4, 1), new CycleStage("Plan", 5, 1, Description: new string('x', 2001))]);

        Assert.Equal([new EngagementHub.Core.Common.FieldError("Stages[1]", "Stage 2's description can be at most 2,000 characters.")], errors);
    }
}
