using EngagementHub.Core.Notifications;

namespace EngagementHub.Tests.Core.Notifications;

public sealed class NotificationTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Constructor_TitleAndBodyLongerThanTheirColumns_CutEndingWithAnEllipsis()
    {
        var notification = new Notification("user-1", 1, new string('t', 301), new string('b', 4001), null, At);

        Assert.Equal(300, notification.Title.Length);
        Assert.EndsWith("t…", notification.Title, StringComparison.Ordinal);
        Assert.Equal(4000, notification.Body.Length);
        Assert.EndsWith("b…", notification.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_TitleAndBodyThatFit_KeptWhole()
    {
        var notification = new Notification("user-1", 1, new string('t', 300), new string('b', 4000), null, At);

        Assert.Equal(new string('t', 300), notification.Title);
        Assert.Equal(new string('b', 4000), notification.Body);
    }

    // A notice quoting words with a line break, written before its quote was isolated, or a new notice that forgets to:
    // the e-mail puts the title and body on lines of their own, so neither may carry a line the app did not write.
    [Fact]
    public void Constructor_TitleAndBodyWithLineBreaks_EachOnOneLine()
    {
        var notification = new Notification("user-1", 1, "Proposed\r\nOpen it: https://evil.example", "Our note:\n\nOpen it: https://evil.example\n", null, At);

        Assert.Equal("Proposed Open it: https://evil.example", notification.Title);
        Assert.Equal("Our note: Open it: https://evil.example ", notification.Body);
    }
}
