using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace EngagementHub.Web.Hosting;

/// <summary>
/// Caching for everything under <c>/public</c> (pages, CSV, JSON): <c>Cache-Control: public, max-age=300</c> and an
/// ETag of the response's bytes, and 304 Not Modified when a browser or cache revalidates with that ETag. An ETag of
/// the bytes rather than a Last-Modified date: the pages draw on several tables (and on configuration) with no single
/// "last changed" time, and the bytes change exactly when what a visitor sees changes. The page is still built for a
/// revalidation (a few milliseconds); what is saved is sending it. Five minutes keeps a correction from lingering in
/// shared caches.
/// <para>
/// The framework renders every server-rendered page with an antiforgery token (a cookie, no-cache headers, and the
/// token in a component-state comment for the circuit) whether or not the page has a form. Public pages have no form
/// that posts and load no script to read that comment, so for them the token is dropped: otherwise every response would
/// differ (no ETag could match) and none could be cached. Any other cookie (a signed-in person's session being renewed)
/// makes the response private, so a shared cache never keeps one.
/// </para>
/// </summary>
public static partial class PublicCaching
{
    public const string CacheControl = "public, max-age=300";

    /// <summary>The public site's address prefix.</summary>
    public const string Prefix = "/public";


    public static bool Applies(HttpRequest request) =>
        request.Path.StartsWithSegments(Prefix) && (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method));

    public static IApplicationBuilder UsePublicCaching(this IApplicationBuilder app) =>
        app.UseWhen(context => Applies(context.Request), branch => branch.Use(async (context, next) =>
        {
            var response = context.Response;
            // Registered first, so it runs after every later middleware's own callbacks (a renewed sign-in cookie).
            response.OnStarting(() =>
            {
                if (response.Headers.SetCookie.Count > 0)
                {
                    response.Headers.CacheControl = "private, no-cache";
                }

                return Task.CompletedTask;
            });

            var original = response.Body;
            await using var buffer = new MemoryStream();
            response.Body = buffer;
            try
            {
                await next();
            }
            finally
            {
                response.Body = original;
            }

            var body = buffer.ToArray();
            if (response.StatusCode == StatusCodes.Status200OK && PageStatus.IsMarkedNotFound(context))
            {
                body = WithoutAntiforgeryToken(context, body);
                response.StatusCode = StatusCodes.Status404NotFound;
                response.Headers.CacheControl = "no-cache";
            }
            else if (response.StatusCode == StatusCodes.Status200OK)
            {
                body = WithoutAntiforgeryToken(context, body);
                var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..32]}\"");
                response.Headers.ETag = etag.ToString();
                response.Headers.CacheControl = CacheControl;
                if (context.Request.GetTypedHeaders().IfNoneMatch is { Count: > 0 } wanted
                    && wanted.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false)))
                {
                    response.StatusCode = StatusCodes.Status304NotModified;
                    response.ContentLength = null;
                    return;
                }
            }

            if (body.Length > 0)
            {
                response.ContentLength = body.Length;
                await original.WriteAsync(body, context.RequestAborted);
            }
        }));

    /// <summary>A page's body without the antiforgery token's cookie, no-cache headers and component-state comment.</summary>
    private static byte[] WithoutAntiforgeryToken(HttpContext context, byte[] body)
    {
        var cookieName = context.RequestServices.GetRequiredService<IOptions<AntiforgeryOptions>>().Value.Cookie.Name;
        var cookies = context.Response.Headers.SetCookie;
        if (cookieName is not null && cookies.Any(c => c?.StartsWith(cookieName + "=", StringComparison.Ordinal) == true))
        {
            context.Response.Headers.SetCookie = new([.. cookies.Where(c => c?.StartsWith(cookieName + "=", StringComparison.Ordinal) != true)]);
            context.Response.Headers.Pragma = default;
        }

        if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) != true)
        {
            return body;
        }

        var html = Encoding.UTF8.GetString(body);
        var stripped = ComponentState().Replace(html, "");
        return ReferenceEquals(stripped, html) || stripped == html ? body : Encoding.UTF8.GetBytes(stripped);
    }

    [GeneratedRegex("<!--Blazor-[A-Za-z]+-Component-State:.*?-->", RegexOptions.Singleline)]
    private static partial Regex ComponentState();
}
