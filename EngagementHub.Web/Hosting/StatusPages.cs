using Microsoft.AspNetCore.Diagnostics;

namespace EngagementHub.Web.Hosting;

/// <summary>
/// Words for an answer sent without a body (a 404, a 405 for a form posted to an export), which would otherwise reach
/// the browser blank. Not every one is a page that does not exist: the /not-found page words each status.
/// </summary>
public static class StatusPages
{
    public const string OtherMethodText =
        "EngagementHub could not answer this request (status {0}). Go back to the page you came from and try again from there.";

    /// <summary>
    /// Re-runs a GET or HEAD answered without a body as the /not-found page (<c>Components/Pages/NotFound.razor</c>),
    /// which keeps the status. Another method cannot be re-run as a page (posted to without its form's token, the page
    /// refuses it again, and the person would read a 400), so it gets <see cref="OtherMethodText"/>.
    /// </summary>
    public static IApplicationBuilder UseStatusPages(this IApplicationBuilder app)
    {
        app.UseStatusCodePagesWithReExecute("/not-found");
        return app.Use(async (context, next) =>
        {
            var request = context.Request;
            if (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || context.Features.Get<IStatusCodePagesFeature>() is not { } pages)
            {
                await next(context);
                return;
            }

            pages.Enabled = false;
            await next(context);
            var response = context.Response;
            if (response.StatusCode is >= 400 and < 600 && !response.HasStarted && response.ContentLength is null && string.IsNullOrEmpty(response.ContentType))
            {
                response.ContentType = "text/plain; charset=utf-8";
                await response.WriteAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, OtherMethodText, response.StatusCode));
            }
        });
    }
}
