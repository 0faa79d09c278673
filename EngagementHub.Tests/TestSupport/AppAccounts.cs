using EngagementHub.Core.Accounts;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementHub.Tests.TestSupport;

/// <summary>Looks up the accounts of a hosted app's database, for tests that act as someone or check on them.</summary>
public static class AppAccounts
{
    public static async Task<string> UserIdAsync(this EngagementHubAppFactory app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EngagementHubDbContext>();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    /// <summary>The person with this address as an <see cref="Actor"/>, as their signed-in session would give it.</summary>
    public static async Task<Actor> ActorAsync(this EngagementHubAppFactory app, string email)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<EngagementHubDbContext>().ActorAsync(email);
    }

    /// <summary>The person with this address as an <see cref="Actor"/>, read through <paramref name="db"/>.</summary>
    public static async Task<Actor> ActorAsync(this EngagementHubDbContext db, string email)
    {
        var user = await db.Users.SingleAsync(u => u.Email == email);
        var organisation = await db.Organisations.SingleAsync(o => o.Id == user.OrganisationId);
        return new Actor(user.Id, user.DisplayName, user.OrganisationId, organisation.Name, user.Role);
    }

    /// <summary>
    /// Creates an account of the same organisation, role and name as the demo account <paramref name="like"/>, with the
    /// demo password and an address of its own, as an administrator would; returns that address. For tests that share one
    /// app and change an account (wrong passwords, lockout, disabling, a move, a new password, ended sessions): each such
    /// test changes an account of its own, so no other test of the app meets the change, whatever the order.
    /// </summary>
    public static async Task<string> NewAccountLikeAsync(this EngagementHubAppFactory app, string like)
    {
        var model = await app.ActorAsync(like);
        var email = $"{like.Split('@')[0]}.{Guid.NewGuid().ToString("N")[..12]}@example.org";
        var created = await app.Services.GetRequiredService<UserAdministration>().CreateAsync(await app.ActorAsync(DemoAccounts.Admin), new NewUserInput
        {
            Email = email, DisplayName = model.DisplayName, OrganisationId = model.OrganisationId!.Value, Role = model.Role,
            Password = EngagementHubAppFactory.DemoPassword,
        });
        Assert.True(created.Succeeded, created.Problem);
        return email;
    }
}
