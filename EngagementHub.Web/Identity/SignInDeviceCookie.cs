using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace EngagementHub.Web.Identity;

/// <summary>
/// The device cookie of OWASP's "Slow Down Online Guessing Attacks with Device Cookies": after a successful sign-in the
/// browser holds a protected value naming the account (its user id), a random device id and when it was issued. A
/// sign-in to that account presenting it is judged as that device (<see cref="EngagementHubSignInManager.SignInByEmailAsync"/>):
/// the account-wide lockout, which anyone outside can cause, does not refuse it, and its wrong passwords shut out only
/// that device. One cookie per browser, for the account that last signed in there; it outlives sign-out.
/// </summary>
public sealed class SignInDeviceCookie(IDataProtectionProvider protection, TimeProvider clock, ILogger<SignInDeviceCookie> logger)
{
    /// <summary>The cookie's name over plain HTTP; under HTTPS it takes the <c>__Host-</c> prefix (<see cref="HostPrefixCookieManager"/>).</summary>
    public const string Name = "EngagementHub.Device";

    /// <summary>The data-protection purpose of the cookie's value, its own so no other protected value can pass for it.</summary>
    public const string Purpose = "EngagementHub.SignIn.DeviceCookie.v1";

    /// <summary>How long a device stays known after its last successful sign-in (renewed at each one).</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(365);

    private readonly IDataProtector _protector = protection.CreateProtector(Purpose);
    private readonly HostPrefixCookieManager _cookies = new();

    /// <summary>
    /// The device the request's cookie names, or null when there is none, or it is not one this app issued (forged,
    /// altered, under another key ring), or it is older than <see cref="Lifetime"/> by the app's clock.
    /// </summary>
    public SignInDevice? Read(HttpContext context)
    {
        var value = _cookies.GetRequestCookie(context, Name);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        string plain;
        try
        {
            plain = _protector.Unprotect(value);
        }
        catch (Exception refused) when (refused is CryptographicException or FormatException)
        {
            logger.LogWarning("A device cookie this app did not issue (forged, altered or under another key ring) was ignored: {Reason}", refused.Message);
            return null;
        }

        var parts = plain.Split('|', 3);
        if (parts.Length != 3 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            logger.LogWarning("A device cookie of an unknown form was ignored");
            return null;
        }

        var issued = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (issued + Lifetime <= clock.GetUtcNow())
        {
            logger.LogInformation("An expired device cookie (issued {Issued:O}) was ignored", issued);
            return null;
        }

        return new SignInDevice(parts[2], parts[0], issued);
    }

    /// <summary>
    /// Gives the browser a new device cookie for <paramref name="userId"/> (a new random device id, issued now): HttpOnly,
    /// SameSite=Strict, and Secure with the <c>__Host-</c> prefix under HTTPS, as the sign-in cookie is.
    /// </summary>
    public void Issue(HttpContext context, string userId)
    {
        var now = clock.GetUtcNow();
        var deviceId = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));
        var value = _protector.Protect(string.Join('|', deviceId, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), userId));
        _cookies.AppendResponseCookie(context, Name, value, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/",
            IsEssential = true,
            Expires = now + Lifetime,
        });
    }
}

/// <summary>A browser that signed in to the account <paramref name="UserId"/> before, as its device cookie says.</summary>
/// <param name="UserId">The account the browser signed in to.</param>
/// <param name="DeviceId">Random, issued with the cookie; the key its wrong passwords are counted under.</param>
/// <param name="Issued">When the cookie was issued (its last successful sign-in), by the app's clock.</param>
public sealed record SignInDevice(string UserId, string DeviceId, DateTimeOffset Issued);
