namespace EngagementHub.Web.Components.Pages.Public;

/// <summary>A page of the public site as its navigation lists it.</summary>
public sealed record PublicPage(string Href, string Title)
{
    /// <summary>Whether <paramref name="path"/> (e.g. "/public/exercises/3") is this page or one beneath it.</summary>
    public bool IsCurrent(string path) => Href == PublicPages.Home.Href
        ? string.Equals(path.TrimEnd('/'), Href, StringComparison.OrdinalIgnoreCase)
        : path.Equals(Href, StringComparison.OrdinalIgnoreCase) || path.StartsWith(Href + "/", StringComparison.OrdinalIgnoreCase);
}

/// <summary>
/// The public site's pages, in the order its navigation shows them: add a page here and it appears in every public
/// page's navigation. Pages under <c>/public</c> render without a circuit or scripts (App.razor), are cached
/// (<see cref="Hosting.PublicCaching"/>) and read only through <see cref="Core.Public.PublicSite"/>.
/// </summary>
public static class PublicPages
{
    public static readonly PublicPage Home = new("/public", "About");
    public static readonly PublicPage Timetable = new("/public/timetable", "Timetable");
    public static readonly PublicPage Exercises = new("/public/exercises", "Engagement exercises");
    public static readonly PublicPage YouSaidWeDid = new("/public/you-said-we-did", "You said, we did");
    public static readonly PublicPage Responsiveness = new("/public/responsiveness", "Responsiveness");
    public static readonly PublicPage Decisions = new("/public/decisions", "Decisions");
    public static readonly PublicPage Reviews = new("/public/reviews", "Joint reviews");
    public static readonly PublicPage OpenData = new("/public/data", "Open data");
    public static readonly PublicPage Accessibility = new("/public/accessibility", "Accessibility");

    public static IReadOnlyList<PublicPage> All { get; } = [Home, Timetable, Exercises, YouSaidWeDid, Responsiveness, Decisions, Reviews, OpenData, Accessibility];

    /// <summary>Whether a request is for the public site (no circuit, no scripts, its own stylesheet).</summary>
    public static bool IsPublic(PathString path) => path.StartsWithSegments(Hosting.PublicCaching.Prefix);
}
