using System.Globalization;

namespace EngagementHub.Web.Components.Pages.Public;

/// <summary>How the public pages write dates and the few phrases several of them share.</summary>
public static class PublicText
{
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    public const string OptionBeingRevisited =
        "Being agreed again: the commissioner and the LINk are revisiting how they work together, and the option will be shown once both agree it.";

    /// <summary>"12 January 2027".</summary>
    public static string Date(DateOnly date) => date.ToString("d MMMM yyyy", British);

    /// <summary>"1 April 2026 to 30 June 2026", or one date when the span is a day.</summary>
    public static string Span(DateOnly from, DateOnly to) => from == to ? Date(from) : $"{Date(from)} to {Date(to)}";
}
