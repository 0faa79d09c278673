using EngagementHub.Tests.TestSupport;
using Microsoft.Playwright;

namespace EngagementHub.Tests.EndToEnd;

/// <summary>
/// Saves the README's screenshots from the journeys themselves, so they always show the app as it really is.
/// Only when UPDATE_SCREENSHOTS=1 is set: an ordinary test run leaves the working tree as it found it.
/// </summary>
public static class Screenshots
{
    private static readonly Lazy<string> ScreenshotFolder = new(() =>
        Directory.CreateDirectory(Path.Combine(Repository.Root, "docs", "screenshots")).FullName);

    private static bool Enabled => Environment.GetEnvironmentVariable("UPDATE_SCREENSHOTS") == "1";

    public static async Task SaveAsync(IPage page, string fileName)
    {
        if (!Enabled)
        {
            return;
        }

        await page.ScreenshotAsync(new()
        {
            Path = Path.Combine(ScreenshotFolder.Value, fileName),
            // Frozen animations and no blinking caret: the same page gives the same picture.
            Animations = ScreenshotAnimations.Disabled,
            Caret = ScreenshotCaret.Hide,
        });
    }
}
