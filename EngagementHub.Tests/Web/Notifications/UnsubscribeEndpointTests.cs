using System.Net;
using EngagementHub.Core.Accounts;
using EngagementHub.Core.Data;
using EngagementHub.Core.Notifications;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementHub.Tests.Web.Notifications;

/// <summary>
/// The RFC 8058 one-click unsubscribe over HTTP, without signing in, on one app for the class: each test unsubscribes a
/// person of its own.
/// </summary>
public sealed class UnsubscribeEndpointTests(SqliteApp app) : IClassFixture<SqliteApp>, IAsyncLifetime
{
    private readonly EngagementHubAppFactory _app = app;
    private HttpClient _client = default!;
    private string _userId = "";
    private string _token = "";

    public async Task InitializeAsync()
    {
        _client = _app.CreateClient(new() { AllowAutoRedirect = false });
        // Someone who has chosen nothing yet: an account of the test's own, so no other test's choice counts.
        _userId = await _app.UserIdAsync(await _app.NewAccountLikeAsync(DemoAccounts.Viewer));
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EngagementHubDbContext>();
        Assert.False(await db.NotificationPreferences.AnyAsync(p => p.UserId == _userId));
        _token = scope.ServiceProvider.GetRequiredService<NotificationPreferences>().UnsubscribeToken(_userId, NotificationCategory.Timetable);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private string Address(string token) => $"/notifications/unsubscribe?token={Uri.EscapeDataString(token)}";

    private async Task<DeliveryPreference> ChosenAsync()
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<EngagementHubDbContext>();
        return await db.NotificationPreferences.Where(p => p.UserId == _userId && p.Category == NotificationCategory.Timetable)
            .Select(p => (DeliveryPreference?)p.Delivery).FirstOrDefaultAsync() ?? DeliveryPreference.Immediately;
    }

    private static FormUrlEncodedContent OneClick() => new([new("List-Unsubscribe", "One-Click")]);

    [Fact]
    public async Task Get_ValidLink_ConfirmPageWithAButtonAndNothingChanged()
    {
        var response = await _client.GetAsync(Address(_token));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Stop these e-mails?", html);
        Assert.Contains("about the annual timetable", html);
        Assert.Contains("<form method=\"post\"", html);
        Assert.Equal(DeliveryPreference.Immediately, await ChosenAsync());
    }

    [Fact]
    public async Task Post_OneClickUsedTwice_InTheAppOnlyAndBothAnswered()
    {
        var first = await _client.PostAsync(Address(_token), OneClick());
        var second = await _client.PostAsync(Address(_token), OneClick());

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("you will no longer get e-mails about the annual timetable", await first.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("were already stopped", await second.Content.ReadAsStringAsync());
        Assert.Equal(DeliveryPreference.InAppOnly, await ChosenAsync());
    }

    [Fact]
    public async Task Post_AlteredToken_NotFoundAndNothingChanged()
    {
        var response = await _client.PostAsync(Address(_token + "x"), OneClick());

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("This link does not work", await response.Content.ReadAsStringAsync());
        Assert.Equal(DeliveryPreference.Immediately, await ChosenAsync());
    }

    // AccountStanding (ADR 4): a disabled person's links in e-mails do not work. The link answers as a made-up one does,
    // on the confirm page and to the one-click POST, and says nothing untrue about what happened.
    [Fact]
    public async Task GetAndPost_PersonDisabledSinceTheEmail_NotFoundAndNothingChanged()
    {
        var admin = await _app.ActorAsync(DemoAccounts.Admin);
        Assert.True((await _app.Services.GetRequiredService<UserAdministration>().SetDisabledAsync(admin, _userId, disabled: true)).Succeeded);

        var opened = await _client.GetAsync(Address(_token));
        var posted = await _client.PostAsync(Address(_token), OneClick());

        foreach (var response in new[] { opened, posted })
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains("This link does not work", html);
            Assert.DoesNotContain("<form method=\"post\"", html);
        }

        Assert.Equal(DeliveryPreference.Immediately, await ChosenAsync());
    }

    [Fact]
    public void Build_MessageWithUnsubscribe_Rfc8058Headers()
    {
        var unsubscribe = new Uri("https://engage.test/notifications/unsubscribe?token=abc");

        var mime = MailKitEmailSender.Build(new EmailMessage("lena@link.test", "Subject", "Body", "n-1@engagementhub", unsubscribe), "EngagementHub <no-reply@engage.test>");

        Assert.Equal("<https://engage.test/notifications/unsubscribe?token=abc>", mime.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", mime.Headers["List-Unsubscribe-Post"]);
    }
}
