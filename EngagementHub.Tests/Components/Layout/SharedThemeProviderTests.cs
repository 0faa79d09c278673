using Bunit;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Layout;
using MudBlazor;

namespace EngagementHub.Tests.Components.Layout;

/// <summary>The shared theme provider draws exactly what MudThemeProvider draws (ADR 0028).</summary>
public sealed class SharedThemeProviderTests : BunitTestContextBase
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Render_InEitherMode_SameMarkupAsMudThemeProvider(bool dark)
    {
        var mud = Context.Render<MudThemeProvider>(p => p.Add(x => x.Theme, EngagementHubTheme.Theme).Add(x => x.IsDarkMode, dark));

        var shared = Context.Render<SharedThemeProvider>(p => p.Add(x => x.Theme, EngagementHubTheme.Theme).Add(x => x.IsDarkMode, dark));

        Assert.Contains("--mud-palette-primary:", shared.Markup, StringComparison.Ordinal);
        Assert.Equal(mud.Markup, shared.Markup);
    }

    [Fact]
    public void Render_ModeSwitched_DrawsTheOtherPalette()
    {
        var mud = Context.Render<MudThemeProvider>(p => p.Add(x => x.Theme, EngagementHubTheme.Theme).Add(x => x.IsDarkMode, true));
        var shared = Context.Render<SharedThemeProvider>(p => p.Add(x => x.Theme, EngagementHubTheme.Theme).Add(x => x.IsDarkMode, false));

        shared.Render(p => p.Add(x => x.IsDarkMode, true));

        Assert.Contains("--mud-native-html-color-scheme: dark", shared.Markup, StringComparison.Ordinal);
        Assert.Equal(mud.Markup, shared.Markup);
    }
}
