using EngagementHub.Core.Calendar;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Reviews;
using EngagementHub.Core.WorkProgramme;

namespace EngagementHub.Tests.Core.Organisations;

/// <summary>
/// The questions of permission the pages ask of Core before offering an action, answered in one place each: the same
/// answers the services give when they check on the server.
/// </summary>
public sealed class ActingForTests
{
    private const int Own = 7;

    private static Actor Person(UserRole role, int? organisationId = Own) => new("u1", "Lena Khan", organisationId, "Birmingham LINk", role);

    [Theory]
    [InlineData(UserRole.Editor, OrganisationKind.Link, true)]
    [InlineData(UserRole.Admin, OrganisationKind.Link, true)]
    [InlineData(UserRole.Viewer, OrganisationKind.Link, false)]
    [InlineData(UserRole.Editor, OrganisationKind.Commissioner, false)]
    [InlineData(UserRole.Editor, OrganisationKind.Scrutiny, false)]
    public void TheLink_RoleAndKindOfOwnOrganisation_OnlyItsEditorsAndAdmins(UserRole role, OrganisationKind kind, bool expected)
    {
        Assert.Equal(expected, ActingFor.TheLink(Person(role), kind));
    }

    [Fact]
    public void TheLink_NoOrganisation_False()
    {
        Assert.False(ActingFor.TheLink(Person(UserRole.Editor, organisationId: null), null));
        Assert.False(ActingFor.TheLink(Person(UserRole.Editor, organisationId: null), OrganisationKind.Link));
    }

    [Fact]
    public void TheLink_TheSystem_False()
    {
        Assert.False(ActingFor.TheLink(Actor.System, OrganisationKind.Link));
    }

    [Theory]
    [InlineData(UserRole.Editor, OrganisationKind.Link, true)]
    [InlineData(UserRole.Viewer, OrganisationKind.Link, false)]
    [InlineData(UserRole.Editor, OrganisationKind.Commissioner, false)]
    public void CanLog_EditorOfTheLinkOnly_AsTheServiceChecks(UserRole role, OrganisationKind kind, bool expected)
    {
        Assert.Equal(expected, DeadlineService.CanLog(Person(role), kind));
    }

    [Theory]
    [InlineData(UserRole.Editor, OrganisationKind.Link, true)]
    [InlineData(UserRole.Viewer, OrganisationKind.Link, false)]
    [InlineData(UserRole.Admin, OrganisationKind.Commissioner, false)]
    public void CanRecordDecision_EditorOfTheLinkOnly_AsTheServiceChecks(UserRole role, OrganisationKind kind, bool expected)
    {
        Assert.Equal(expected, WorkProgrammeService.CanRecordDecision(Person(role), kind));
    }

    [Theory]
    [InlineData(OrganisationKind.Commissioner, true)]
    [InlineData(OrganisationKind.Link, false)]
    [InlineData(null, false)]
    public void LeadsWhatItCreates_KindOfOwnOrganisation_OnlyACommissioner(OrganisationKind? kind, bool expected)
    {
        Assert.Equal(expected, ExerciseService.LeadsWhatItCreates(kind));
    }

    [Theory]
    [InlineData(UserRole.Editor, Own, true)]
    [InlineData(UserRole.Admin, Own, true)]
    [InlineData(UserRole.Viewer, Own, false)]
    [InlineData(UserRole.Editor, 8, false)]
    public void CanCompleteAction_RoleAndOwner_OnlyTheOwnersEditorsAndAdmins(UserRole role, int owner, bool expected)
    {
        Assert.Equal(expected, ReviewService.CanCompleteAction(Person(role), owner));
    }

    [Theory]
    [InlineData(UserRole.Editor, true)]
    [InlineData(UserRole.Admin, true)]
    [InlineData(UserRole.Viewer, false)]
    public void CanCreateForOwnOrganisation_Role_OnlyEditorsAndAdmins(UserRole role, bool expected)
    {
        Assert.Equal(expected, CalendarFeedService.CanCreateForOwnOrganisation(Person(role)));
        Assert.False(CalendarFeedService.CanCreateForOwnOrganisation(Person(role, organisationId: null)));
        Assert.False(CalendarFeedService.CanCreateForOwnOrganisation(Actor.System));
    }
}
