using Microsoft.AspNetCore.Authentication.Cookies;

namespace EngagementHub.Web.Identity;

/// <summary>
/// Names a cookie with the <c>__Host-</c> prefix on HTTPS requests, so browsers accept it only as Secure, for this host
/// alone and the whole path: no subdomain or plain-HTTP page can plant or overwrite it. Over plain HTTP, where browsers
/// refuse such a cookie, the name stays as configured. Chunking (large cookies split in parts) is the framework's.
/// </summary>
public sealed class HostPrefixCookieManager : ICookieManager
{
    public const string Prefix = "__Host-";

    private readonly ChunkingCookieManager _inner = new();

    public string? GetRequestCookie(HttpContext context, string key) => _inner.GetRequestCookie(context, Name(context, key));

    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options) =>
        _inner.AppendResponseCookie(context, Name(context, key), value, HostOnly(context, options));

    public void DeleteCookie(HttpContext context, string key, CookieOptions options) =>
        _inner.DeleteCookie(context, Name(context, key), HostOnly(context, options));

    private static string Name(HttpContext context, string key) => context.Request.IsHttps ? Prefix + key : key;

    private static CookieOptions HostOnly(HttpContext context, CookieOptions options)
    {
        if (context.Request.IsHttps)
        {
            options.Secure = true;
            options.Path = "/";
            options.Domain = null;
        }

        return options;
    }
}
