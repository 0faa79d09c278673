using System.Security.Cryptography;
using Microsoft.AspNetCore.HttpOverrides;

namespace EngagementHub.Web.Hosting;

/// <summary>
/// The response headers that tell a browser how little to trust anything but this app: a Content-Security-Policy that
/// runs only the app's own scripts (and the one inline import map, by a per-request nonce), no framing by other sites,
/// no MIME sniffing, and no full addresses leaking to other sites in the Referer (calendar-feed addresses hold secrets).
/// Sent in every environment, so the browser tests run under the same policy as production.
/// </summary>
public static class SecurityHeaders
{
    private const string NonceKey = "EngagementHub.CspNonce";

    /// <summary>The nonce the page's inline import map must carry; null outside a request that went through the middleware.</summary>
    public static string? NonceFor(HttpContext context) => context.Items[NonceKey] as string;

    /// <summary>
    /// The policy for a page with the given nonce. Styles allow inline: MudBlazor sets style attributes and theme rules
    /// at run time. The circuit's WebSocket is same-origin ('self' covers ws/wss on the same host in current browsers).
    /// </summary>
    public static string PolicyFor(string nonce) =>
        "default-src 'self'; " +
        $"script-src 'self' 'nonce-{nonce}'; " +
        "style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; " +
        "font-src 'self' data:; " +
        "connect-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'self'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.XFrameOptions = "DENY";

            // The Hangfire dashboard (administrators only) is a third-party page with inline scripts of its own.
            if (!context.Request.Path.StartsWithSegments("/hangfire"))
            {
                // Hex, so it reads the same in the header and in the HTML attribute (base64's + and / would be encoded there).
                var nonce = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
                context.Items[NonceKey] = nonce;
                headers.ContentSecurityPolicy = PolicyFor(nonce);
            }

            await next();
        });

    /// <summary>
    /// Outside Development: HSTS for a year and plain HTTP redirected to HTTPS (when the app knows its HTTPS port: it
    /// listens on one, or <c>HTTPS_PORT</c>/<c>https_port</c> is set). Behind a reverse proxy that ends TLS, set
    /// <c>EngagementHub:TrustForwardedHeaders</c> so the proxy's X-Forwarded-Proto and X-Forwarded-For count and the app
    /// sees the request as the browser made it.
    /// </summary>
    public static IServiceCollection AddEngagementHubTransportSecurity(this IServiceCollection services, bool trustForwardedHeaders)
    {
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        if (trustForwardedHeaders)
        {
            services.Configure<ForwardedHeadersOptions>(o =>
            {
                o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;

                // The proxy may be anywhere on the deployer's network; the setting says the app is reached only through it.
                o.KnownIPNetworks.Clear();
                o.KnownProxies.Clear();
            });
        }

        return services;
    }
}
