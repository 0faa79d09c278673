using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using EngagementHub.Core;
using EngagementHub.Core.Calendar;
using EngagementHub.Core.Identity;
using EngagementHub.Web.Components.Shared;
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
        // HEAD answers as GET does, headers and all, without the body: some calendar programs check a feed that way.
        endpoints.MapMethods("/calendar/public.ics", [HttpMethods.Get, HttpMethods.Head], async (
                HttpContext http, CalendarFeedService feeds, IOptions<EngagementHubOptions> options, CancellationToken ct) =>
            {
                var content = await feeds.PublicAsync(ct);
                return Calendar(http, content, LinkBase(options.Value, http.Request), $"public, max-age={MaxAgeSeconds}");
            })
            .AllowAnonymous()
            .WithName("PublicCalendar");

        endpoints.MapMethods("/calendar/feeds/{secret}.ics", [HttpMethods.Get, HttpMethods.Head], async (
                string secret, HttpContext http, CalendarFeedService feeds, OrganisationAccess access, IOptions<EngagementHubOptions> options, CancellationToken ct) =>
            {
                // Refusals are logged (here or by the service) without the secret.
                if (!SecretShape().IsMatch(secret))
                {
                    access.Deny(null, "read a calendar feed", "a malformed calendar feed address");
                    return Results.NotFound();
                }

                return await feeds.PrivateAsync(secret, ct) is { } content
                    ? Calendar(http, content, LinkBase(options.Value, http.Request), $"private, max-age={MaxAgeSeconds}")
                    : Results.NotFound();
            })
            .AllowAnonymous()
            .WithName("PrivateCalendar");
        return endpoints;
    }

    /// <summary>Host names trusted when nothing is configured: a link to these cannot lead anywhere but the reader's own machine.</summary>
    private static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>
    /// The trusted address for links in a feed: <see cref="EngagementHubOptions.PublicBaseUrl"/> when set; else the
    /// request's own address when its Host is in <see cref="EngagementHubOptions.AllowedHosts"/> (loopback hosts when
    /// that is empty); else the first allowed host; else null (the feed goes without links). Never a Host header that
    /// nobody configured: the public feed is cacheable, so a spoofed one would reach every subscriber behind a shared cache.
    /// </summary>
    public static Uri? LinkBase(EngagementHubOptions options, HttpRequest request)
    {
        if (!string.IsNullOrWhiteSpace(options.PublicBaseUrl))
        {
            return BaseUrl(options, "");
        }

        var allowed = options.AllowedHosts.Select(h => h.Trim()).Where(h => h.Length > 0).ToList();
        var trusted = allowed.Count > 0 ? allowed : [.. LoopbackHosts];
        var host = request.Host;
        if (host.HasValue && trusted.Any(h => string.Equals(h, host.Value, StringComparison.OrdinalIgnoreCase)
                                              || string.Equals(h, host.Host, StringComparison.OrdinalIgnoreCase)))
        {
            return BaseUrl(options, $"{request.Scheme}://{host}{request.PathBase}/");
        }

        return allowed.Count > 0 ? BaseUrl(options, $"{request.Scheme}://{allowed[0]}{request.PathBase}/") : null;
    }

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
    private static IResult Calendar(HttpContext http, FeedContent content, Uri? baseUrl, string cacheControl)
    {
        var body = Encoding.UTF8.GetBytes(TimetableCalendar.Serialize(TimetableCalendar.Build(content, baseUrl is null ? null : link => PageLinks.Absolute(baseUrl, link))));
        var etag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..32]}\"");
        http.Response.Headers.CacheControl = cacheControl;
        http.Response.Headers.ETag = etag.ToString();
        if (http.Request.GetTypedHeaders().IfNoneMatch is { Count: > 0 } wanted && wanted.Any(t => t.Compare(etag, useStrongComparison: false) || t.Equals(EntityTagHeaderValue.Any)))
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        if (HttpMethods.IsHead(http.Request.Method))
        {
            http.Response.ContentType = TimetableCalendar.ContentType;
            http.Response.ContentLength = body.Length;
            return Results.Empty;
        }

        return Results.Bytes(body, TimetableCalendar.ContentType);
    }

    [GeneratedRegex("^[0-9a-f]{48}$")]
    private static partial Regex SecretShape();
}
