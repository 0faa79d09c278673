using System.Net;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Identity;
using Microsoft.Extensions.Time.Testing;

namespace EngagementHub.Tests.Web;

public sealed class SignInThrottleTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public void IsBlocked_FiveFailuresFromOneAddress_BlocksThatAddressOnly()
    {
        var throttle = new SignInThrottle(_clock);

        for (var i = 0; i < SignInThrottle.MaxFailures; i++)
        {
            Assert.False(throttle.IsBlocked("colin@example.org", "203.0.113.7"));
            throttle.RecordFailure("colin@example.org", "203.0.113.7");
        }

        Assert.True(throttle.IsBlocked("COLIN@example.org ", "203.0.113.7"));
        Assert.False(throttle.IsBlocked("colin@example.org", "198.51.100.20"));
        Assert.False(throttle.IsBlocked("carys@example.org", "203.0.113.7"));
    }

    [Fact]
    public void IsBlocked_AfterTheLockoutPeriod_AllowsAgain()
    {
        var throttle = new SignInThrottle(_clock);
        for (var i = 0; i < SignInThrottle.MaxFailures; i++)
        {
            throttle.RecordFailure("colin@example.org", "203.0.113.7");
        }

        _clock.Advance(SignInThrottle.LockoutPeriod);

        Assert.False(throttle.IsBlocked("colin@example.org", "203.0.113.7"));
    }

    [Fact]
    public void Reset_AfterASuccess_StartsTheCountAgain()
    {
        var throttle = new SignInThrottle(_clock);
        for (var i = 0; i < SignInThrottle.MaxFailures - 1; i++)
        {
            throttle.RecordFailure("colin@example.org", "203.0.113.7");
        }

        throttle.Reset("colin@example.org", "203.0.113.7");
        throttle.RecordFailure("colin@example.org", "203.0.113.7");

        Assert.False(throttle.IsBlocked("colin@example.org", "203.0.113.7"));
    }

    [Fact]
    public async Task SignInPosts_OverThePerAddressLimit_Answer429WithRetryAfter()
    {
        await using var app = new EngagementHubAppFactory { DemoData = false };
        app.Settings["EngagementHub:SignIn:AttemptsPerAddress"] = "3";
        var client = app.CreateAnonymous();

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await client.PostSignInAsync($"person{i}@example.org", "a wrong password"));
        }

        Assert.All(answers.Take(3), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[3].StatusCode);
        Assert.True(answers[3].Headers.RetryAfter is not null);
        Assert.Contains("Too many sign-in attempts", await answers[3].Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
    }
}
