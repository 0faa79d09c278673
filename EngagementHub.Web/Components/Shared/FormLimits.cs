namespace EngagementHub.Web.Components.Shared;

/// <summary>
/// How much text a form field can carry to the server. Blazor Server sends a bound field's whole value in one message
/// over the circuit's hub, which by default accepts at most 32 KB per message: a paste of about 16,000 characters
/// closed the circuit silently and the text never arrived.
/// </summary>
public static class FormLimits
{
    /// <summary>
    /// The most a text field takes (the browser's <c>maxlength</c> on every long field): ten times the longest text a
    /// form accepts (an answer, 4,000 characters; stored up to 8,000), so an over-long paste arrives whole and is refused
    /// at the field with a message, never dropped on the way.
    /// </summary>
    public const int LongestPaste = 50_000;

    /// <summary>
    /// <see cref="Microsoft.AspNetCore.SignalR.HubOptions.MaximumReceiveMessageSize"/> in bytes: the longest paste at 6 bytes a character (the worst
    /// JSON escape, <c>\uXXXX</c>; UTF-8 needs at most 3 bytes per UTF-16 unit) plus 64 KB for the event's envelope.
    /// </summary>
    public const long MaximumReceiveMessageSize = LongestPaste * 6L + 64 * 1024;
}
