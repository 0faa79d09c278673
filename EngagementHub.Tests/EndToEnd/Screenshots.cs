using Microsoft.Playwright;

namespace EngagementHub.Tests.EndToEnd;

/// <summary>
/// Saves the README's screenshots from the journeys themselves, so they always show the app as it really is.
/// Only when UPDATE_SCREENSHOTS=1 is set: an ordinary test run leaves the working tree as it found it.
/// </summary>
public static class Screenshots
{
    private static readonly Lazy<string> ScreenshotFolder = new(() =>
    {
        // Walk up from bin/Debug/net10.0 to the repository root, wherever the clone lives.
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "EngagementHub.sln")))
            {
                return Directory.CreateDirectory(Path.Combine(dir.FullName, "docs", "screenshots")).FullName;
            }
        }

        throw new InvalidOperationException($"EngagementHub.sln not found above {AppContext.BaseDirectory}.");
    });

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
