using EngagementHub.Core.Exercises;

namespace EngagementHub.Tests.Core.Exercises;

public sealed class JointWorkingAdvisorTests
{
    [Fact]
    public void Rank_NothingAnswered_ListsTheSpectrumInOrderWithoutReasons()
    {
        var ranking = JointWorkingAdvisor.Rank(new DecisionAidAnswers());

        Assert.Equal([1, 2, 3, 4, 5, 6], ranking.Select(r => r.Option.Number));
        Assert.All(ranking, r => Assert.Empty(r.Reasons));
        Assert.Equal([1, 1, 1, 1, 1, 1], ranking.Select(r => r.Rank));
    }

    // Only "independent scrutiny matters a lot" answered: options 4, 5 and 6 score the same. None is better than the
    // others it ties with, so they share a rank, listed in the spectrum's order; the next option's rank counts them.
    [Fact]
    public void Rank_EqualScores_ShareARankInTheSpectrumsOrder()
    {
        var ranking = JointWorkingAdvisor.Rank(new DecisionAidAnswers { IndependentScrutinyImportance = Degree.High });

        var tied = ranking.Where(r => r.Option.Number is 4 or 5 or 6).ToList();
        Assert.Single(tied.Select(r => r.Score).Distinct());
        Assert.Equal([(1, 4), (1, 5), (1, 6)], ranking.Take(3).Select(r => (r.Rank, r.Option.Number)));
        Assert.Equal(4, ranking[3].Rank);
    }

    [Fact]
    public void Rank_HardToReachCommunitiesAndCommissionerKeepsContact_PutsOptionTwoFirst()
    {
        var ranking = JointWorkingAdvisor.Rank(new DecisionAidAnswers
        {
            NeedsHardToReachCommunities = Answer.Yes,
            CommissionerMustKeepDirectContact = Answer.Yes,
        });

        Assert.Equal(2, ranking[0].Option.Number);
        Assert.Contains(ranking[0].Reasons, r => r.InFavour && r.Text.Contains("hard to reach", StringComparison.Ordinal));
        Assert.Equal(1, ranking[^1].Option.Number);
        Assert.Contains(ranking[^1].Reasons, r => !r.InFavour && r.Text == "Loss of the commissioner's direct contact with the public");
    }

    [Fact]
    public void Rank_DelegatedAuthorityAgreedAndHighCapacity_PutsOptionOneFirst()
    {
        var ranking = JointWorkingAdvisor.Rank(new DecisionAidAnswers
        {
            DelegatedAuthorityAgreed = Answer.Yes,
            LinkCapacity = Degree.High,
            CommissionerMustKeepDirectContact = Answer.No,
        });

        Assert.Equal(1, ranking[0].Option.Number);
        Assert.All(ranking[0].Reasons, r => Assert.True(r.InFavour));
    }

    [Fact]
    public void Rank_LowCapacityAndMembersHoldViews_FavoursCoordinatingMembersViews()
    {
        var ranking = JointWorkingAdvisor.Rank(new DecisionAidAnswers
        {
            LinkCapacity = Degree.Low,
            MembersAlreadyHoldViews = Answer.Yes,
        });

        Assert.Equal(3, ranking[0].Option.Number);
        Assert.Contains(ranking[0].Reasons, r => r.Text == "Minimises the time commitment for the LINk");
        Assert.True(ranking.Single(r => r.Option.Number == 1).Score < 0);
    }

    [Fact]
    public void Rank_HighScrutinyButRiskOfDuplication_PrefersQualityAssuranceToAParallelExercise()
    {
        var ranking = JointWorkingAdvisor.Rank(new DecisionAidAnswers
        {
            IndependentScrutinyImportance = Degree.High,
            RiskOfDuplication = Answer.Yes,
        });

        var four = ranking.Single(r => r.Option.Number == 4);
        var six = ranking.Single(r => r.Option.Number == 6);
        Assert.True(four.Rank < six.Rank);
        Assert.Contains(six.Reasons, r => !r.InFavour && r.Text.StartsWith("Duplication", StringComparison.Ordinal));
    }

    [Fact]
    public void Rank_AnyAnswers_ReasonsInFavourComeFirstAndScoresAreNonIncreasing()
    {
        var ranking = JointWorkingAdvisor.Rank(new DecisionAidAnswers
        {
            DelegatedAuthorityAgreed = Answer.No,
            NeedsHardToReachCommunities = Answer.Yes,
            LinkCapacity = Degree.Low,
            IndependentScrutinyImportance = Degree.High,
        });

        Assert.Equal(ranking.Select(r => r.Score).OrderByDescending(s => s), ranking.Select(r => r.Score));
        foreach (var option in ranking)
        {
            var flags = option.Reasons.Select(r => r.InFavour).ToList();
            Assert.Equal(flags.OrderByDescending(f => f), flags);
        }
    }
}
