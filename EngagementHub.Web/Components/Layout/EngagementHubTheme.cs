using MudBlazor;

namespace EngagementHub.Web.Components.Layout;

/// <summary>
/// Colours chosen for WCAG 2.2 AA contrast (4.5:1 for text) in both modes; NHS blue as the primary colour.
/// No web fonts are fetched: the app works on a closed network.
/// </summary>
public static class EngagementHubTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#005EB8",
            Secondary = "#7C2855",
            Tertiary = "#006747",
            AppbarBackground = "#003087",
            AppbarText = "#FFFFFF",
            Background = "#F4F6F8",
            TextSecondary = "rgba(0,0,0,0.68)",
            DrawerText = "rgba(0,0,0,0.87)",
            Success = "#00703C",
            Warning = "#8A4B00",
            Error = "#B3261E",
            Info = "#005EB8",
        },
        PaletteDark = new PaletteDark
        {
            // Light colours on a dark page carry dark text when filled (buttons, chips), not white.
            Primary = "#8AB8F0",
            PrimaryContrastText = "#0B1A2E",
            Secondary = "#F0A6CA",
            SecondaryContrastText = "#2B0A1B",
            Tertiary = "#7DD3AE",
            TertiaryContrastText = "#06261A",
            AppbarBackground = "#1A1A27",
            Background = "#121218",
            Surface = "#1E1E2A",
            DrawerBackground = "#1A1A27",
            TextPrimary = "rgba(255,255,255,0.92)",
            TextSecondary = "rgba(255,255,255,0.75)",
            Success = "#7DD3AE",
            Warning = "#FFC46B",
            Error = "#FF9A8F",
            Info = "#8AB8F0",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica", "Arial", "sans-serif"] },
        },
    };
}
