using EngagementHub.Core.Timetables;

namespace EngagementHub.Tests.Core.Timetables;

/// <summary>The timetable's filter as its page, its exports and the public timetable read it from a web address.</summary>
public sealed class TimetableFilterTests
{
    [Theory]
    [InlineData("1,2", "DecisionPoint,BoardMeeting")]
    [InlineData("1,2.", "DecisionPoint,BoardMeeting.")]
    [InlineData(" 2 , 1 ", " boardmeeting , decisionpoint ")]
    [InlineData("2.,1", "BoardMeeting.,DecisionPoint")]
    public void Parse_ListsAsLinkedOrPastedFromASentence_ReadsEveryValue(string organisations, string kinds)
    {
        var filter = TimetableFilter.Parse([organisations], [kinds], exerciseId: null);

        Assert.Equal([1, 2], filter.OrganisationIds);
        Assert.Equal([TimetableEventKind.BoardMeeting, TimetableEventKind.DecisionPoint], filter.Kinds);
    }

    [Fact]
    public void Parse_RepeatedKeys_ReadsEach()
    {
        var filter = TimetableFilter.Parse(["2", "1."], ["BoardMeeting"], exerciseId: 5);

        Assert.Equal([1, 2], filter.OrganisationIds);
        Assert.Equal([TimetableEventKind.BoardMeeting], filter.Kinds);
        Assert.Equal(5, filter.ExerciseId);
    }

    [Theory]
    [InlineData("x,0,-3,1.5,..", "Nothing,42")]
    [InlineData("", "")]
    public void Parse_ValuesItCannotRead_LeftOutNotRefused(string organisations, string kinds)
    {
        var filter = TimetableFilter.Parse([organisations], [kinds], exerciseId: 0);

        Assert.Empty(filter.OrganisationIds);
        Assert.Empty(filter.Kinds);
        Assert.Null(filter.ExerciseId);
    }
}
