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
    [InlineData(4, 3, "2026-06-30")]
    [InlineData(7, 3, "2026-09-30")]
    [InlineData(10, 3, "2026-12-31")]
    [InlineData(12, 1, "2026-12-31")]
    [InlineData(1, 3, "2027-03-31")]
    [InlineData(2, 1, "2027-02-28")]
    [InlineData(4, 12, "2027-03-31")]
    public void Instantiate_DurationMonths_EndsOnTheLastDayOfTheLastMonth(int month, int months, string end)
    {
        var stage = Assert.Single(Template(new CycleStage("Stage", month, months)).Instantiate(Lead, new FinancialYear(2026)));

        Assert.Equal(D(end), stage.EndDate);
    }

    [Theory]
    [InlineData(4, 12, "2027-04-01", "2028-03-31")]
    [InlineData(2, 1, "2028-02-01", "2028-02-29")]
    [InlineData(1, 2, "2028-01-01", "2028-02-29")]
    [InlineData(12, 3, "2027-12-01", "2028-02-29")]
    public void Instantiate_LeapYear_EndsOnTheTwentyNinthOfFebruaryOrTheThirtyFirstOfMarch(int month, int months, string start, string end)
    {
        var stage = Assert.Single(Template(new CycleStage("Stage", month, months)).Instantiate(Lead, new FinancialYear(2027)));

        Assert.Equal((D(start), D(end)), (stage.StartDate, stage.EndDate));
    }

    [Theory]
    [InlineData(2026, 3, 2, "2027-03-31")]
    [InlineData(2026, 10, 12, "2027-03-31")]
    [InlineData(2026, 1, 12, "2027-03-31")]
    [InlineData(2027, 2, 3, "2028-03-31")]
    public void Instantiate_StageRunningPastMarch_IsClippedAtTheYearsLastDay(int startYear, int month, int months, string end)
    {
        var stage = Assert.Single(Template(new CycleStage("Stage", month, months)).Instantiate(Lead, new FinancialYear(startYear)));

        Assert.Equal(D(end), stage.EndDate);
    }

    [Theory]
    [InlineData(2026)]
    [InlineData(2027)]
    public void Instantiate_FourQuarters_CoverEveryDayOfTheYearOnce(int startYear)
    {
        var year = new FinancialYear(startYear);
        var quarters = Template(new CycleStage("Q1", 4, 3), new CycleStage("Q2", 7, 3), new CycleStage("Q3", 10, 3), new CycleStage("Q4", 1, 3))
            .Instantiate(Lead, year);

        Assert.Equal(year.Start, quarters[0].StartDate);
        Assert.All(quarters.Zip(quarters.Skip(1)), pair => Assert.Equal(pair.First.EndDate!.Value.AddDays(1), pair.Second.StartDate));
        Assert.Equal(year.End, quarters[^1].EndDate);
    }

    [Fact]
    public void Instantiate_Stage_CarriesItsKindNameAndFormalityAsAMovablePublicEvent()
    {
        var template = Template(
            new CycleStage("Decision: intentions agreed", 12, 1, TimetableEventKind.DecisionPoint, Description: "The board agrees."),
            new CycleStage("Monitoring", 4, 12, IsFormal: false));

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
            e => e.Field == "Name" && e.Message == "The name can be at most 200 characters.");

    [Fact]
    public void Check_NamesAtTheLimitWithSpacesAround_AreNotCounted() =>
        Assert.Empty(CycleTemplate.Check($"  {new string('x', 200)}  ", [new CycleStage($" {new string('s', 200)} ", 4, 1)]));

    [Fact]
    public void Check_StageNameOver200Characters_SaysSoForThatStage()
    {
        var errors = CycleTemplate.Check("Cycle", [new CycleStage("Stage", 4, 1), new CycleStage(new string('x', 201), 5, 1)]);

        Assert.Equal([new EngagementHub.Core.Common.FieldError("Stages[1]", "Stage 2's name can be at most 200 characters.")], errors);
    }

    [Fact]
    public void Check_NamesWithALineBreak_RefusedAtEachField()
    {
        var errors = CycleTemplate.Check("Cycle\nOpen it: https://evil.example", [new CycleStage("Stage", 4, 1), new CycleStage("Plan\r\nOpen it", 5, 1)]);

        Assert.Equal(
            [new EngagementHub.Core.Common.FieldError("Name", EngagementHub.Core.Common.InputValidation.LineBreakMessage),
             new EngagementHub.Core.Common.FieldError("Stages[1]", EngagementHub.Core.Common.InputValidation.LineBreakMessage)],
            errors);
    }

    [Fact]
    public void Check_BadStages_NamesEachStageByNumber()
    {
        var errors = CycleTemplate.Check("Cycle",
        [
            new CycleStage("Fine", 4, 3),
            new CycleStage("", 13, 1),
            new CycleStage("Too long", 0, 13),
            new CycleStage("No time", 4, 0),
        ]);

        Assert.Equal(
            [
                ("Stages[1]", "Stage 2 needs a name."),
                ("Stages[1]", "Stage 2 must start in a month from 1 (January) to 12 (December)."),
                ("Stages[2]", "Stage 3 must start in a month from 1 (January) to 12 (December)."),
                ("Stages[2]", "Stage 3 must last from 1 to 12 months."),
                ("Stages[3]", "Stage 4 must last from 1 to 12 months."),
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
