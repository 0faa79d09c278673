using EngagementHub.Core.Data;
using EngagementHub.Web.Components.Pages.Account;

namespace EngagementHub.Web.Components.Shared;

/// <summary>
/// What a server-rendered form (the account pages: sign-in, invitation, forgotten and reset password, changing one's
/// password; the one-click unsubscribe) does when the database fails while it saves or checks a link, as
/// <see cref="AppComponentBase.RunAsync{T}"/> does for the app's interactive pages (ADR 24): the failure is logged, the
/// response is 503 Service Unavailable with a Retry-After, and the page says what happened instead of showing the error
/// page. A form shown again keeps what was typed, except passwords, which a page never sends back
/// (<see cref="PasswordInput"/>); the message says to type them again.
/// </summary>
public static class ServerFormFailure
{
    /// <summary>How long the response asks a client to wait before trying again, in seconds.</summary>
    public const int RetryAfterSeconds = 60;

    /// <summary>Shown next to the password field after a failure: the password was not kept.</summary>
    public const string RetypePasswordMessage = "Type the password again: for your safety a page never shows a password it was sent.";

    /// <returns>
    /// The sentence for a form whose action did not happen (<paramref name="notDone"/>, e.g. "You are not signed in"):
    /// that the database is refusing changes (read-only, full) or is not answering, and to try again shortly.
    /// </returns>
    public static string Message(string notDone, WriteRefusalKind? refusal) => refusal is null
        ? $"{notDone}: EngagementHub cannot reach its database just now. Try again in a minute, and tell "
          + "an administrator of your partnership if it goes on."
        : $"{notDone}: EngagementHub cannot save anything just now (its database is refusing changes). Try again in a few "
          + "minutes, and tell an administrator of your partnership if it goes on.";

    /// <summary>
    /// Logs the failure of <paramref name="form"/> as an error and answers 503 with a Retry-After (the response has not
    /// started: a server-rendered form's handler runs before the page is written).
    /// </summary>
    /// <returns>What to tell the person (<see cref="Message"/>).</returns>
    public static string Report(HttpContext context, ILogger logger, Exception failure, string form, string notDone)
    {
        var refusal = WriteRefusal.Of(failure);
        if (refusal is { } kind)
        {
            logger.LogError(failure, "The {Form} form failed because the database refuses writes ({Refusal})", form, kind);
        }
        else
        {
            logger.LogError(failure, "The {Form} form failed because the database did not answer", form);
        }

        if (!context.Response.HasStarted)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return Message(notDone, refusal);
    }
}
