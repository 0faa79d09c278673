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
        var db = scope.ServiceProvider.GetRequiredService<EngagementHubDbContext>();
        var user = await db.Users.Include(u => u.Organisation).SingleAsync(u => u.Email == email);
        return new Actor(user.Id, user.DisplayName, user.OrganisationId, user.Organisation!.Name, user.Role);
    }
}
