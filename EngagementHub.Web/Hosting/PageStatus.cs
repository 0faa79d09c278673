namespace EngagementHub.Web.Hosting;

/// <summary>
/// A server-rendered page that found nothing answers 404 with its own message. The framework sends no body for a page
/// that sets 404 itself (it expects the app-wide not-found page to be rendered in its place, and that re-run fails
/// inside a page already rendering), so the page marks the request and renders normally, and the status is set as
/// the response starts: the person reads the page's message, a crawler or script sees 404.
/// </summary>
public static class PageStatus
{
    private const string NotFoundKey = "EngagementHub.PageNotFound";

    /// <summary>Marks the request as answering 404 once its page has rendered.</summary>
    public static void MarkNotFound(HttpContext context) => context.Items[NotFoundKey] = true;

    /// <returns>Whether a page marked this request as not found.</returns>
    public static bool IsMarkedNotFound(HttpContext context) => context.Items.ContainsKey(NotFoundKey);

    /// <summary>Sets 404 on a response whose page marked it, just before the response starts.</summary>
    public static IApplicationBuilder UsePageStatus(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var response = context.Response;
            response.OnStarting(() =>
            {
                if (response.StatusCode == StatusCodes.Status200OK && IsMarkedNotFound(context))
                {
                    response.StatusCode = StatusCodes.Status404NotFound;
                }

                return Task.CompletedTask;
            });
            return next(context);
        });
}
