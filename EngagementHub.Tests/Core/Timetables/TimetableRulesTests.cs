using EngagementHub.Core.Timetables;
using static EngagementHub.Tests.Core.Timetables.TimetableBuilder;

namespace EngagementHub.Tests.Core.Timetables;

public sealed class TimetableRulesTests
{
    private static TimetableEventInput Details(string start, string? end = null, string? from = null, string? to = null) => new()
    {
        OrganisationId = Lead,
        Title = "Board meeting",
        StartDate = D(start),
        EndDate = end is null ? null : D(end),
        StartTime = from is null ? null : TimeOnly.Parse(from, System.Globalization.CultureInfo.InvariantCulture),
        EndTime = to is null ? null : TimeOnly.Parse(to, System.Globalization.CultureInfo.InvariantCulture),
    };

    [Theory]
    [InlineData("2026-09-17", null, null, null)]
    [InlineData("2026-09-17", "2026-09-17", "14:00", "16:00")]
    [InlineData("2026-04-01", "2027-03-31", null, null)]
    [InlineData("2026-09-17", null, "14:00", null)]
    public void Errors_DayTimedMeetingOrSpan_None(string start, string? end, string? from, string? to) =>
        Assert.Empty(TimetableRules.Errors(Details(start, end, from, to)));

    [Fact]
    public void Errors_EndBeforeStart_NamesTheLastDay()
    {
        var error = Assert.Single(TimetableRules.Errors(Details("2026-09-17", "2026-09-16")));

        Assert.Equal((nameof(TimetableEventInput.EndDate), "The last day is before the first day."), (error.Field, error.Message));
    }

    [Fact]
    public void Errors_TimeOnASpan_AsksToClearOne()
    {
        var error = Assert.Single(TimetableRules.Errors(Details("2026-09-17", "2026-09-18", "14:00", "16:00")));

        Assert.Equal(nameof(TimetableEventInput.StartTime), error.Field);
        Assert.StartsWith("A time can be given for a single-day event only.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("16:00", "14:00")]
    [InlineData("14:00", "14:00")]
    public void Errors_EndTimeNotAfterStartTime_NamesTheEndTime(string from, string to)
    {
        var error = Assert.Single(TimetableRules.Errors(Details("2026-09-17", null, from, to)));

        Assert.Equal((nameof(TimetableEventInput.EndTime), "The end time must be after the start time."), (error.Field, error.Message));
    }

    [Fact]
    public void Errors_EndTimeWithoutStartTime_AsksForTheStart()
    {
        var error = Assert.Single(TimetableRules.Errors(Details("2026-09-17", null, null, "16:00")));

        Assert.Equal((nameof(TimetableEventInput.StartTime), "Give the start time as well as the end time."), (error.Field, error.Message));
    }

    [Theory]
    [InlineData("2027-04-02", false)]
    [InlineData("2027-04-03", true)]
    public void Errors_SpanLongerThanAYear_IsRefused(string end, bool refused)
    {
        var errors = TimetableRules.Errors(Details("2026-04-01", end));

        Assert.Equal(refused, errors.Any(e => e.Field == nameof(TimetableEventInput.EndDate) && e.Message.StartsWith("An event can span at most a year.", StringComparison.Ordinal)));
    }

    [Fact]
    public void Errors_MissingTitleAndDate_ComeFromTheFormsAnnotations()
    {
        var errors = TimetableRules.Errors(new TimetableEventInput { OrganisationId = Lead });

        Assert.Contains(errors, e => e.Field == nameof(TimetableEventInput.Title) && e.Message == "Give the event a title.");
        Assert.Contains(errors, e => e.Field == nameof(TimetableEventInput.StartDate));
    }

    [Theory]
    [InlineData("2027-01-12", "2027-01-12", null, null, "Tue 12 Jan 2027")]
    [InlineData("2027-01-12", "2027-01-12", "14:00", "16:00", "Tue 12 Jan 2027, 14:00–16:00")]
    [InlineData("2027-01-12", "2027-01-12", "09:30", null, "Tue 12 Jan 2027, 09:30")]
    [InlineData("2026-06-01", "2026-06-30", null, null, "1 – 30 Jun 2026")]
    [InlineData("2026-04-01", "2026-06-30", null, null, "1 Apr – 30 Jun 2026")]
    [InlineData("2026-12-01", "2027-01-29", null, null, "1 Dec 2026 – 29 Jan 2027")]
    public void DescribeWhen_DayMeetingOrSpan_ReadsInUkStyle(string start, string end, string? from, string? to, string expected)
    {
        var details = Details(start, end, from, to);

        Assert.Equal(expected, TimetableRules.DescribeWhen(details.StartDate!.Value, details.EndDate!.Value, details.StartTime, details.EndTime));
    }
}
