using EngagementHub.Core.Common;
using EngagementHub.Core.Timetables;

namespace EngagementHub.Tests.Core.Timetables;

/// <summary>What the person about to change or remove an event is told about the years the change is logged in (ADR 7).</summary>
public sealed class ChangeNoticeTests
{
    private const int Link = 1;
    private const int South = 2;
    private static readonly DateTimeOffset Monday = new(2026, 2, 16, 10, 0, 0, TimeSpan.Zero);

    private static AnnualTimetable Proposed(int year)
    {
        var timetable = new AnnualTimetable(new FinancialYear(year));
        Assert.True(timetable.Propose([South], Link, "Lena", null, Monday).Succeeded);
        return timetable;
    }

    private static AnnualTimetable Agreed(int year)
    {
        var timetable = Proposed(year);
        timetable.Agree(South, "Colin", Monday.AddDays(1));
        return timetable;
    }

    [Fact]
    public void ChangeNotices_OneYearTouched_SpeaksOfThisYear()
    {
        var notices = TimetableTerms.ChangeNotices([Agreed(2026), Proposed(2027)], [2026]);

        Assert.Equal(["This year's timetable is agreed — your change will be flagged and logged for partners."], notices);
    }

    [Fact]
    public void ChangeNotices_SeveralYearsTouched_NamesEachYearThatNeedsOneInOrder()
    {
        var notices = TimetableTerms.ChangeNotices([Agreed(2027), new AnnualTimetable(new FinancialYear(2025)), Proposed(2026)], [2025, 2026, 2027]);

        Assert.Equal(
        [
            "The 2026/27 timetable is proposed for agreement — your change will be logged for partners, and the timetable will need proposing again.",
            "The 2027/28 timetable is agreed — your change will be flagged and logged for partners.",
        ], notices);
    }

    // A year agreed and changed since is not "agreed" as it stands: the notice said so beside "Published, changes back
    // with their proposer".
    [Fact]
    public void ChangeNotices_AgreedYearChangedSince_SaysItHasChangesStillToAgree()
    {
        var year = Agreed(2026);
        year.RecordChange(5, South, "Colin", "'Board' moved.", Monday.AddDays(5));

        Assert.Equal(["This year's timetable was agreed and has changed since — your change will be logged for partners with the others still to agree."],
            TimetableTerms.ChangeNotices([year], [2026]));
    }

    [Fact]
    public void ChangeNotices_NoTouchedYearProposed_None()
    {
        Assert.Empty(TimetableTerms.ChangeNotices([Agreed(2028), new AnnualTimetable(new FinancialYear(2026))], [2026, 2027]));
        Assert.Empty(TimetableTerms.ChangeNotices([], [2026]));
    }
}
