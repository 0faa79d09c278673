using EngagementHub.Core.Common;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Identity;

namespace EngagementHub.Tests.Core.Notifications;

/// <summary>Which organisations each step concerns; who within them is told is <see cref="NotificationRecipientsTests"/>.</summary>
public sealed class WorkflowNotificationsTests
{
    private const int Link = 1;
    private const int South = 2;
    private const int East = 3;
    private const int Locality = 4;

    private static Actor EditorOf(int organisation) => new($"user-{organisation}", "Someone", organisation, $"Organisation {organisation}", UserRole.Editor);

    private static EngagementExercise Exercise(params int[] partners) => new(new ExerciseInput
    {
        Title = "Maternity choices",
        Purpose = "Ask families.",
        LeadCommissionerId = South,
        PartnerIds = [.. partners],
        DecisionInformed = "Strategy",
        StartDate = new DateOnly(2026, 9, 1),
        EndDate = new DateOnly(2026, 12, 18),
    }, Link, South, DateTimeOffset.UnixEpoch);

    private static ResponseDeadline Deadline() => new(
        DeadlineRule.Defaults().First(r => r.Kind == DeadlineKind.InformationRequest), "Waiting times", null, Link, South, null, "owner", "Olive Owner", null,
        new WorkingDayCalendar([]).DueDate(new DateOnly(2026, 10, 1), 20), DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData(AgreementSide.Commissioner, South)]
    [InlineData(AgreementSide.Link, Link)]
    public void OrganisationOf_Side_TheOrganisationThatSpeaksForIt(AgreementSide side, int expected) =>
        Assert.Equal(expected, ExerciseNotices.OrganisationOf(Exercise(), side));

    [Fact]
    public void Involved_CommissionerActs_TheLinkAndThePartnersNotItself()
    {
        Assert.Equal([Link, East, Locality], ExerciseNotices.Involved(Exercise(East, Locality), EditorOf(South)).Order());
    }

    [Fact]
    public void Involved_LinkActs_TheLeadAndThePartners()
    {
        Assert.Equal([South, East], ExerciseNotices.Involved(Exercise(East), EditorOf(Link)).Order());
    }

    [Fact]
    public void OtherSide_LinkActsOnItsDeadline_TheOrganisationItWasSentTo()
    {
        Assert.Equal([South], DeadlineNotices.OtherSide(EditorOf(Link), Deadline()));
    }

    [Fact]
    public void OtherSide_RecipientActs_TheLink()
    {
        Assert.Equal([Link], DeadlineNotices.OtherSide(EditorOf(South), Deadline()));
    }
}
