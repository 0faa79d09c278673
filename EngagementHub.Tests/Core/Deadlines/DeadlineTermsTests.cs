using EngagementHub.Core.Deadlines;

namespace EngagementHub.Tests.Core.Deadlines;

public sealed class DeadlineTermsTests
{
    public static TheoryData<Enum> EveryMember() => [.. Enum.GetValues<RecommendationResponse>().Cast<Enum>()
        .Concat(Enum.GetValues<ImplementationStatus>().Cast<Enum>())
        .Concat(Enum.GetValues<LinkVerdict>().Cast<Enum>())
        .Concat(Enum.GetValues<RegisterStage>().Cast<Enum>())];

    [Theory]
    [MemberData(nameof(EveryMember))]
    public void Label_EveryMember_WordsNotItsCodeName(Enum member)
    {
        var label = member switch
        {
            RecommendationResponse r => r.Label(),
            ImplementationStatus s => s.Label(),
            LinkVerdict v => v.Label(),
            RegisterStage g => g.Label(),
            _ => throw new ArgumentOutOfRangeException(nameof(member)),
        };

        Assert.False(string.IsNullOrWhiteSpace(label));
        // A code name is PascalCase with two capitals or more ("PartlyAccepted"); a one-word name ("Done") is a word.
        Assert.DoesNotMatch("^[A-Z][a-z]+(?:[A-Z][a-z0-9]+)+$", label);
    }

    [Fact]
    public void Label_NothingRecordedYet_SaysSo()
    {
        Assert.Equal("Not yet recorded", ((ImplementationStatus?)null).Label());
        Assert.Equal("Not said yet", ((LinkVerdict?)null).Label());
        Assert.Equal("In progress", ((ImplementationStatus?)ImplementationStatus.InProgress).Label());
    }

    [Fact]
    public void Label_PartlyAccepted_InWords()
    {
        Assert.Equal("Partly accepted", RecommendationResponse.PartlyAccepted.Label());
    }
}
