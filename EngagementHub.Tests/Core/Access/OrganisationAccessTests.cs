using EngagementHub.Core.Identity;
using EngagementHub.Tests.TestSupport;
using Microsoft.Extensions.Logging;

namespace EngagementHub.Tests.Core.Access;

public sealed class OrganisationAccessTests
{
    private const int OrganisationX = 10;
    private const int OrganisationY = 20;

    private static Actor Person(UserRole role, int organisationId = OrganisationX) =>
        new($"user-{role}", $"{role} person", organisationId, "Organisation X", role);

    [Fact]
    public void CanActFor_EditorOfOwnOrganisation_IsAllowed() =>
        Assert.True(OrganisationAccess.CanActFor(Person(UserRole.Editor), OrganisationX));

    [Fact]
    public void CanActFor_EditorOfAnotherOrganisation_IsRefused() =>
        Assert.False(OrganisationAccess.CanActFor(Person(UserRole.Editor), OrganisationY));

    [Theory]
    [InlineData(OrganisationX)]
    [InlineData(OrganisationY)]
    public void CanActFor_Viewer_IsRefused(int organisationId) =>
        Assert.False(OrganisationAccess.CanActFor(Person(UserRole.Viewer), organisationId));

    [Fact]
    public void CanActFor_AdminOfOwnOrganisation_IsAllowed() =>
        Assert.True(OrganisationAccess.CanActFor(Person(UserRole.Admin), OrganisationX));

    [Fact]
    public void CanActFor_AdminForAnotherOrganisation_IsRefused() =>
        Assert.False(OrganisationAccess.CanActFor(Person(UserRole.Admin), OrganisationY));

    [Fact]
    public void CanActFor_System_IsRefused()
    {
        // Even a system actor dressed up with an organisation and a strong role must not act in the domain.
        var system = Actor.System with { OrganisationId = OrganisationX, Role = UserRole.Admin };

        Assert.False(OrganisationAccess.CanActFor(Actor.System, OrganisationX));
        Assert.False(OrganisationAccess.CanActFor(system, OrganisationX));
    }

    [Theory]
    [InlineData(UserRole.Admin, true)]
    [InlineData(UserRole.Editor, false)]
    [InlineData(UserRole.Viewer, false)]
    public void CanAdminister_ByRole_OnlyAdmin(UserRole role, bool expected) =>
        Assert.Equal(expected, OrganisationAccess.CanAdminister(Person(role)));

    [Fact]
    public void CanAdminister_System_IsRefused() =>
        Assert.False(OrganisationAccess.CanAdminister(Actor.System with { Role = UserRole.Admin }));

    [Fact]
    public void EnsureCanActFor_EditorOfAnotherOrganisation_ThrowsAndLogsWarningWithUserId()
    {
        var logs = new CapturingLoggerProvider();
        var access = new OrganisationAccess(logs.CreateLogger<OrganisationAccess>());
        var editor = Person(UserRole.Editor);

        Assert.Throws<AccessDeniedException>(() => access.EnsureCanActFor(editor, OrganisationY, "agree an option"));

        var warning = Assert.Single(logs.Warnings);
        Assert.Contains(editor.UserId!, warning.Message);
        Assert.Contains("agree an option", warning.Message);
        Assert.Contains($"organisation {OrganisationY}", warning.Message);
    }

    [Fact]
    public void EnsureCanActFor_EditorOfOwnOrganisation_DoesNotThrowOrLog()
    {
        var logs = new CapturingLoggerProvider();
        var access = new OrganisationAccess(logs.CreateLogger<OrganisationAccess>());

        access.EnsureCanActFor(Person(UserRole.Editor), OrganisationX, "agree an option");

        Assert.Empty(logs.Logs);
    }

    [Fact]
    public void EnsureAdministrator_Editor_ThrowsAndLogsWarning()
    {
        var logs = new CapturingLoggerProvider();
        var access = new OrganisationAccess(logs.CreateLogger<OrganisationAccess>());

        Assert.Throws<AccessDeniedException>(() => access.EnsureAdministrator(Person(UserRole.Editor), "create a user"));

        var warning = Assert.Single(logs.Logs);
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("user-Editor", warning.Message);
    }
}
