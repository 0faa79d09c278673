using EngagementHub.Web.Identity;
using Microsoft.Extensions.Time.Testing;

namespace EngagementHub.Tests.Web;

public sealed class SignInTimingTests
{
    private readonly FakeTimeProvider _time = new();
    private readonly SignInTiming _timing;

    public SignInTimingTests() => _timing = new SignInTiming(_time);

    [Fact]
    public async Task FailedAsync_UnknownAccountAnsweredFaster_WaitsUntilAWrongPasswordsTypicalTime()
    {
        WrongPasswordTaking(TimeSpan.FromMilliseconds(40));

        var started = _timing.Start();
        _time.Advance(TimeSpan.FromMilliseconds(10));
        var failed = _timing.FailedAsync(started);

        Assert.False(failed.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(29));
        Assert.False(failed.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await failed.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void FailedAsync_AlreadySlowerThanTypical_AnswersAtOnce()
    {
        WrongPasswordTaking(TimeSpan.FromMilliseconds(40));

        var started = _timing.Start();
        _time.Advance(TimeSpan.FromMilliseconds(50));

        Assert.True(_timing.FailedAsync(started).IsCompleted);
    }

    [Fact]
    public void FailedAsync_NoWrongPasswordYet_AnswersAtOnce() =>
        Assert.True(_timing.FailedAsync(_timing.Start()).IsCompleted);

    [Fact]
    public void WrongPassword_SlowerTimes_MoveTheAverageAFifthOfTheWay()
    {
        WrongPasswordTaking(TimeSpan.FromMilliseconds(40));
        WrongPasswordTaking(TimeSpan.FromMilliseconds(90));

        Assert.Equal(TimeSpan.FromMilliseconds(50), _timing.TypicalWrongPassword);
    }

    [Fact]
    public void FailedAsync_DatabaseStalled_AddsAtMostASecond()
    {
        WrongPasswordTaking(TimeSpan.FromSeconds(30));

        var failed = _timing.FailedAsync(_timing.Start());
        _time.Advance(SignInTiming.MostAdded);

        Assert.True(failed.IsCompleted);
    }

    private void WrongPasswordTaking(TimeSpan took)
    {
        var started = _timing.Start();
        _time.Advance(took);
        _timing.WrongPassword(started);
    }
}
