using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using EngagementHub.Core;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Timetables;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace EngagementHub.Web.Endpoints;

/// <summary>
/// iCalendar feeds a calendar program subscribes to without signing in: the published timetable at
/// <c>/calendar/public.ics</c>, and private feeds at <c>/calendar/feeds/{secret}.ics</c>.
/// </summary>
public static partial class CalendarEndpoints
{
    public const string PublicPath = "calendar/public.ics";

    /// <summary>How long a calendar program (or a cache on the way) may keep a copy: subscriptions poll far less often.</summary>
    private const int MaxAgeSeconds = 900;

    public static IEndpointRouteBuilder MapCalendarFeeds(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/calendar/public.ics", async (HttpContext http, CalendarFeedService feeds, IOptions<EngagementHubOptions> options, CancellationToken ct) =>
            {
                var content = await feeds.PublicAsync(ct);
                return Calendar(http, content, BaseUrl(options.Value, http.Request), $"public, max-age={MaxAgeSeconds}");
            })
            .AllowAnonymous()
            .WithName("PublicCalendar");

        endpoints.MapGet("/calendar/feeds/{secret}.ics", async (
                string secret, HttpContext http, CalendarFeedService feeds, OrganisationAccess access, IOptions<EngagementHubOptions> options, CancellationToken ct) =>
            {
                // Refusals are logged (here or by the service) without the secret.
                if (!SecretShape().IsMatch(secret))
                {
                    access.Deny(null, "read a calendar feed", "a malformed calendar feed address");
                    return Results.NotFound();
                }

                return await feeds.PrivateAsync(secret, ct) is { } content
                    ? Calendar(http, content, BaseUrl(options.Value, http.Request), $"private, max-age={MaxAgeSeconds}")
                    : Results.NotFound();
            })
            .AllowAnonymous()
            .WithName("PrivateCalendar");
        return endpoints;
    }

    /// <summary>The app's address for links that leave it: the configured public address, else the request's own.</summary>
    public static Uri BaseUrl(EngagementHubOptions options, HttpRequest request) =>
        BaseUrl(options, $"{request.Scheme}://{request.Host}{request.PathBase}/");

    public static Uri BaseUrl(EngagementHubOptions options, string requestBase)
    {
        var configured = options.PublicBaseUrl?.Trim();
        var text = string.IsNullOrEmpty(configured) ? requestBase : configured;
        return new Uri(text.EndsWith('/') ? text : text + "/");
    }

    public static Uri PublicFeedUrl(Uri baseUrl) => new(baseUrl, PublicPath);

    public static Uri PrivateFeedUrl(Uri baseUrl, string secret) => new(baseUrl, $"calendar/feeds/{secret}.ics");

    /// <summary>The same address with the webcal scheme, which opens the subscription in the person's calendar program.</summary>
    public static string Webcal(Uri feedUrl) => $"webcal://{feedUrl.Authority}{feedUrl.PathAndQuery}";

    /// <summary>
    /// The calendar as text/calendar with an ETag of its bytes: the feed is the same until something in it changes, so
    /// a program that polls gets 304 Not Modified and nothing to parse.
    /// </summary>
    private static IResult Calendar(HttpContext http, FeedContent content, Uri baseUrl, string cacheControl)
    {
        var body = Encoding.UTF8.GetBytes(TimetableCalendar.Serialize(TimetableCalendar.Build(content, baseUrl)));
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..32]}\"");
        http.Response.Headers.CacheControl = cacheControl;
        http.Response.Headers.ETag = etag.ToString();
        if (http.Request.GetTypedHeaders().IfNoneMatch is { Count: > 0 } wanted && wanted.Any(t => t.Compare(etag, useStrongComparison: false) || t.Equals(EntityTagHeaderValue.Any)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return Results.Bytes(body, TimetableCalendar.ContentType);
    }

    [GeneratedRegex("^[0-9a-f]{48}$")]
    private static partial Regex SecretShape();
}
