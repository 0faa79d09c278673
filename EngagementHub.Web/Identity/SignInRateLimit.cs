using System.Globalization;
using System.Threading.RateLimiting;
using EngagementHub.Core;

namespace EngagementHub.Web.Identity;

/// <summary>
/// A limit on sign-in attempts per network address (ASP.NET Core rate limiting), so nobody can try one password against
/// many accounts, or many against one, faster than <see cref="SignInLimitOptions.AttemptsPerAddress"/> in ten minutes.
/// Only the POSTs of the account forms (<see cref="LimitedForms"/>) count, however the address is spelt
/// (<see cref="IsLimited"/>); every other request is unlimited.
/// </summary>
public static class SignInRateLimit
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The forms that take a password, an address or an e-mailed token: each is a way to guess, so they share the
    /// sign-in form's budget per address.
    /// </summary>
    public static readonly IReadOnlySet<string> LimitedForms = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "/account/login", "/account/forgot-password", "/account/reset-password", "/account/invitation", "/account",
    };

    /// <summary>
    /// Whether a request counts against the limit: a POST that reaches one of <see cref="LimitedForms"/>. Routing, not
    /// the address as typed, decides which form a request reaches: it ignores case and a trailing slash, so
    /// "/Account/Login/" posts to the sign-in form as "/account/login" does, and must count as it does. The page the
    /// request was routed to is asked first; the address, compared the same way routing compares it, stands in when no
    /// page was chosen yet.
    /// </summary>
    /// <returns>True for a POST to a limited form, whatever its spelling; false for anything else. Refuses nothing itself.</returns>
    public static bool IsLimited(HttpContext context)
    {
        if (!HttpMethods.IsPost(context.Request.Method))
        {
            return false;
        }

        return context.GetEndpoint() is RouteEndpoint { RoutePattern.RawText: { } route } && LimitedForms.Contains(Normalise(route))
               || LimitedForms.Contains(Normalise(context.Request.Path.Value ?? ""));
    }

    /// <summary>An address or a route as routing matches it: one leading slash, none at the end (case is left to <see cref="LimitedForms"/>' comparer).</summary>
    private static string Normalise(string path) => "/" + path.Trim('/');

    public static IServiceCollection AddSignInRateLimit(this IServiceCollection services, SignInLimitOptions limits) =>
        services.AddRateLimiter(o =>
        {
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsLimited(context)
                    ? RateLimitPartition.GetSlidingWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "unknown", _ => new SlidingWindowRateLimiterOptions
                    {
                        PermitLimit = limits.AttemptsPerAddress,
                        Window = Window,
                        SegmentsPerWindow = 10,
                        QueueLimit = 0,
                    })
                    : RateLimitPartition.GetNoLimiter("not sign-in"));
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var response = context.HttpContext.Response;
                var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : Window;
                response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                response.ContentType = "text/html; charset=utf-8";
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SignInRateLimit))
                    .LogWarning("Sign-in attempt refused: too many from {Address}", context.HttpContext.Connection.RemoteIpAddress);
                await response.WriteAsync(TooManyPage, ct);
            };
        });

    /// <summary>A page of its own (the app's pages need the request to go through), in the app's words.</summary>
    private const string TooManyPage = """
        <!DOCTYPE html>
        <html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Too many sign-in attempts · EngagementHub</title></head>
        <body><main><h1>Too many sign-in attempts</h1>
        <p>There have been too many sign-in attempts from your network in the last few minutes. Wait ten minutes, then
        <a href="/account/login">try again</a>.</p></main></body></html>
        """;
}
