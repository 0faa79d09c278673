using System.Text.Encodings.Web;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using EngagementHub.Web.Components.Shared;

namespace EngagementHub.Web.Endpoints;

/// <summary>
/// One-click unsubscribe (RFC 8058). Every notification e-mail carries <c>List-Unsubscribe: &lt;https://…/notifications/unsubscribe?token=…&gt;</c>
/// and <c>List-Unsubscribe-Post: List-Unsubscribe=One-Click</c>: a mail program POSTs to that address and the category
/// becomes "in the app only". A person following the link in a browser gets a GET, which changes nothing (link
/// scanners follow links) and shows a page with one button that makes the same POST.
/// </summary>
public static class UnsubscribeEndpoints
{
    public const string Path = "/notifications/unsubscribe";

    public static IEndpointRouteBuilder MapUnsubscribe(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet(Path, async (
                HttpContext context, string? token, NotificationPreferences preferences, OrganisationAccess access, ILoggerFactory loggers, CancellationToken ct) =>
            {
                (string UserId, NotificationCategory Category, string DisplayName)? usable;
                try
                {
                    usable = await preferences.UsableAsync(token, ct);
                }
                catch (Exception failure) when (AppComponentBase.IsDatabaseFailure(failure))
                {
                    var message = ServerFormFailure.Report(context, loggers.CreateLogger(typeof(UnsubscribeEndpoints)), failure, "unsubscribe",
                        "This link could not be checked");
                    return Page(StatusCodes.Status503ServiceUnavailable, "Not checked yet", message + " Use the link in the e-mail again then.");
                }

                if (usable is not var (_, category, _))
                {
                    return DoesNotWork(access);
                }

                var action = HtmlEncoder.Default.Encode($"{Path}?token={Uri.EscapeDataString(token!)}");
                return Page(StatusCodes.Status200OK, "Stop these e-mails?",
                    $"You will stop getting e-mails about {category.Label().ToLowerInvariant()}. They will still appear in your notification centre in EngagementHub.",
                    $"""<form method="post" action="{action}"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Stop these e-mails</button></form>""");
            })
            .AllowAnonymous();

        // The token in the address is the authority (signed by Data Protection); no cookie or antiforgery token comes
        // with a mail program's one-click POST, and none is needed: the only thing the request can do is quieten
        // the one category for the one person it was issued to.
        endpoints.MapPost(Path, async (
                HttpContext context, string? token, NotificationPreferences preferences, OrganisationAccess access, ILoggerFactory loggers, CancellationToken ct) =>
            {
                UnsubscribeResult? result;
                try
                {
                    result = await preferences.UnsubscribeAsync(token, ct);
                }
                catch (Exception failure) when (AppComponentBase.IsDatabaseFailure(failure))
                {
                    // 503 with a Retry-After: a mail program's one-click request may be retried; a person is told to.
                    var message = ServerFormFailure.Report(context, loggers.CreateLogger(typeof(UnsubscribeEndpoints)), failure, "unsubscribe",
                        "These e-mails have not been stopped");
                    return Page(StatusCodes.Status503ServiceUnavailable, "Not stopped yet", message + " Use the link in the e-mail again then.");
                }

                if (result is null)
                {
                    return DoesNotWork(access);
                }

                var what = result.Category.Label().ToLowerInvariant();
                return Page(StatusCodes.Status200OK, "You will not get these e-mails",
                    (result.AlreadyInAppOnly
                        ? $"E-mails about {what} were already stopped for {result.DisplayName}; nothing changed."
                        : $"{result.DisplayName}, you will no longer get e-mails about {what}.")
                    + " They still appear in your notification centre. To change this, sign in and open your notification preferences.");
            })
            .AllowAnonymous()
            .DisableAntiforgery();
        return endpoints;
    }

    /// <summary>
    /// The one answer to a link that does not work, whatever the reason: made up or altered, or of a person who no longer
    /// exists or may not use the app (disabled, or of a deactivated organisation: AccountStanding). It is logged as a
    /// refusal, and says nothing about the account, which whoever holds the link may not own.
    /// </summary>
    private static IResult DoesNotWork(OrganisationAccess access)
    {
        access.Deny(null, "unsubscribe", "an unsubscribe link that does not work");
        return Page(StatusCodes.Status404NotFound, "This link does not work",
            "This unsubscribe link cannot be used: it is incomplete, it was not issued by EngagementHub, or the account it was sent to can no longer use EngagementHub. "
            + "If you can sign in, choose how you hear of notifications on your preferences page.");
    }

    private static IResult Page(int status, string title, string text, string extra = "")
    {
        var encode = HtmlEncoder.Default;
        return Results.Content($"""
            <!DOCTYPE html>
            <html lang="en-GB">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{encode.Encode(title)} · EngagementHub</title></head>
            <body style="font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5">
            <main>
            <h1>{encode.Encode(title)}</h1>
            <p>{encode.Encode(text)}</p>
            {extra}
            <p><a href="/notifications/preferences">Notification preferences</a></p>
            </main>
            </body>
            </html>
            """, "text/html; charset=utf-8", statusCode: status);
    }
}
