using System.Security.Claims;
using EngagementHub.Core.Data;
using EngagementHub.Web.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace EngagementHub.Tests.Web;

/// <summary>
/// The session store when the database is away: what it does decides whether a signed-in person sees the page that
/// says so, or a response cut off half-way.
/// </summary>
public sealed class DatabaseTicketStoreTests
{
    private readonly DatabaseTicketStore _store = new(new GoneDatabase(), TimeProvider.System, NullLogger<DatabaseTicketStore>.Instance);

    [Fact]
    public async Task RenewAsync_DatabaseGone_KeepsTheEarlierExpiryInsteadOfFailingTheResponse()
    {
        // Renewal runs as the response starts: a throw there aborts a page already being sent (a bare 500, no body).
        var failure = await Record.ExceptionAsync(() => _store.RenewAsync("session", Ticket()));

        Assert.Null(failure);
    }

    [Fact]
    public async Task RetrieveAsync_DatabaseGoneForAPageThatNeedsSigningIn_FailsSoTheErrorPageSaysWhy()
    {
        var request = Request(new Endpoint(_ => Task.CompletedTask, new EndpointMetadataCollection(new AuthorizeAttribute()), "timetable"));

        await Assert.ThrowsAsync<SqliteException>(() => _store.RetrieveAsync("session", request, CancellationToken.None));
    }

    [Fact]
    public async Task RetrieveAsync_DatabaseGoneForAPageOpenToEveryone_GoesOnSignedOut()
    {
        var request = Request(new Endpoint(_ => Task.CompletedTask, new EndpointMetadataCollection(new AllowAnonymousAttribute()), "public"));

        Assert.Null(await _store.RetrieveAsync("session", request, CancellationToken.None));
    }

    private static DefaultHttpContext Request(Endpoint endpoint)
    {
        var context = new DefaultHttpContext();
        context.SetEndpoint(endpoint);
        return context;
    }

    private static AuthenticationTicket Ticket() =>
        new(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, "user-1")], "test")), "Identity.Application");

    /// <summary>A database that does not answer, as SQLite reports a lost file.</summary>
    private sealed class GoneDatabase : IDbContextFactory<EngagementHubDbContext>
    {
        public EngagementHubDbContext CreateDbContext() => throw new SqliteException("SQLite Error 10: 'disk I/O error'.", 10);
    }
}
