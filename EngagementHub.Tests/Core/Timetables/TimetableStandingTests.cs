using EngagementHub.Core.Common;
using EngagementHub.Core.Timetables;

namespace EngagementHub.Tests.Core.Timetables;

/// <summary>
/// Where a year stands, in words that hold together after it was agreed once (ADR 7): a year agreed before stays
/// published while its changes are proposed, sent back or waiting, so none of those reads "Agreed and published".
/// </summary>
public sealed class TimetableStandingTests
{
    private const int Link = 1;
    private const int South = 2;
    private static readonly DateTimeOffset Monday = new(2026, 2, 16, 10, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string, bool> Steps => new()
    {
        { "", "Draft", false },
        { "proposed", "Proposed for agreement", false },
        { "proposed, sent back", "Draft, back with its proposer", false },
        { "proposed, changed while out", "Draft, back with its proposer", false },
        { "proposed, agreed", "Agreed and published", true },
        { "proposed, agreed, changed", "Published, changed since agreement", false },
        { "proposed, agreed, changed, proposed", "Published, changes proposed for agreement", false },
        { "proposed, agreed, changed, proposed, sent back", "Published, changes back with their proposer", false },
        { "proposed, agreed, changed, proposed, agreed", "Agreed and published", true },
    };

    [Theory]
    [MemberData(nameof(Steps))]
    public void Standing_AfterTheseSteps_SaysWhereTheYearStands(string steps, string standing, bool agreedAsItStands)
    {
        var timetable = new AnnualTimetable(new FinancialYear(2026));
        var at = Monday;
        foreach (var step in steps.Split(", ", StringSplitOptions.RemoveEmptyEntries))
        {
            at = at.AddDays(1);
            var outcome = step switch
            {
                "proposed" => timetable.Propose([South], Link, "Lena", null, at),
                "agreed" => timetable.Agree(South, "Colin", at),
                "sent back" => timetable.RequestChanges(South, "Colin", "Move the board."),
                "changed" or "changed while out" => Changed(timetable, at),
                _ => throw new ArgumentOutOfRangeException(nameof(steps), step, null),
            };
            Assert.True(outcome.Succeeded, $"{step}: {outcome.Problem}");
        }

        Assert.Equal(standing, timetable.Standing());
        Assert.Equal(agreedAsItStands, timetable.AgreedAsItStands());
    }

    [Fact]
    public void Standing_NoRecord_Draft() => Assert.Equal("Draft", ((AnnualTimetable?)null).Standing());

    private static Outcome Changed(AnnualTimetable timetable, DateTimeOffset at)
    {
        timetable.RecordChange(7, South, "Colin", "Moved the board.", at);
        return Outcome.Success;
    }
}
