using System.Security.Claims;
using EngagementHub.Core.Identity;

namespace EngagementHub.Tests.Core.Access;

public sealed class ActorTests
{
    private static ClaimsPrincipal SignedIn(params Claim[] claims) => new(new ClaimsIdentity(claims, "Test"));

    private static Claim[] FullClaims(string organisationId = "7") =>
    [
        new(ClaimTypes.NameIdentifier, "user-1"),
        new(ClaimTypes.Name, "lena@example.org"),
        new(ClaimTypes.Role, "Editor"),
        new(EngagementHubClaims.OrganisationId, organisationId),
        new(EngagementHubClaims.OrganisationName, "Birmingham LINk"),
        new(EngagementHubClaims.DisplayName, "Lena Khan"),
    ];

    [Fact]
    public void FromPrincipal_AllClaims_ReadsEveryField()
    {
        var actor = Actor.FromPrincipal(SignedIn(FullClaims()));

        Assert.Equal(new Actor("user-1", "Lena Khan", 7, "Birmingham LINk", UserRole.Editor), actor);
        Assert.False(actor!.IsSystem);
    }

    [Fact]
    public void FromPrincipal_NoDisplayNameClaim_FallsBackToUserName()
    {
        var claims = FullClaims().Where(c => c.Type != EngagementHubClaims.DisplayName).ToArray();

        var actor = Actor.FromPrincipal(SignedIn(claims));

        Assert.Equal("lena@example.org", actor?.DisplayName);
    }

    [Fact]
    public void FromPrincipal_Anonymous_ReturnsNull()
    {
        // Claims without an authentication type: present, but nobody signed in.
        var anonymous = new ClaimsPrincipal(new ClaimsIdentity(FullClaims()));

        Assert.Null(Actor.FromPrincipal(anonymous));
        Assert.Null(Actor.FromPrincipal(new ClaimsPrincipal()));
        Assert.Null(Actor.FromPrincipal(null));
    }

    [Fact]
    public void FromPrincipal_MissingOrganisationClaim_ReturnsNull()
    {
        var claims = FullClaims().Where(c => c.Type != EngagementHubClaims.OrganisationId).ToArray();

        Assert.Null(Actor.FromPrincipal(SignedIn(claims)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("seven")]
    [InlineData("-7")]
    [InlineData(" 7")]
    [InlineData("7.0")]
    public void FromPrincipal_MalformedOrganisationClaim_ReturnsNull(string organisationId) =>
        Assert.Null(Actor.FromPrincipal(SignedIn(FullClaims(organisationId))));

    [Fact]
    public void FromPrincipal_MissingUserId_ReturnsNull()
    {
        var claims = FullClaims().Where(c => c.Type != ClaimTypes.NameIdentifier).ToArray();

        Assert.Null(Actor.FromPrincipal(SignedIn(claims)));
    }

    [Theory]
    [InlineData("Superuser")]
    [InlineData("2")]
    [InlineData("7")]
    [InlineData("admin")]
    public void FromPrincipal_UnknownRole_ReturnsNull(string role)
    {
        var claims = FullClaims().Where(c => c.Type != ClaimTypes.Role).Append(new Claim(ClaimTypes.Role, role)).ToArray();

        Assert.Null(Actor.FromPrincipal(SignedIn(claims)));
    }
}
