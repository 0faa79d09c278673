using System.ComponentModel.DataAnnotations;
using System.Net.Mail;

namespace EngagementHub.Core.Common;

/// <summary>
/// An e-mail address mail can be delivered to: one address (no display name, no list), and a domain with a dot in it
/// that neither starts nor ends with one. <see cref="EmailAddressAttribute"/> asks only for an "@" between two parts, so
/// "a@b" passed, an invitation was "sent" to it and could never arrive. An empty value is left to <c>Required</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MailboxAttribute : ValidationAttribute
{
    /// <summary>The message for an address that is not one.</summary>
    public const string Message = "Enter an e-mail address like name@example.org.";

    public MailboxAttribute()
        : base(Message)
    {
    }

    /// <summary>Whether <paramref name="address"/> is one deliverable address (see the class summary).</summary>
    /// <returns>True for such an address; false for anything else, null and blank included.</returns>
    public static bool IsMailbox(string? address)
    {
        var trimmed = address?.Trim();
        if (string.IsNullOrEmpty(trimmed) || !MailAddress.TryCreate(trimmed, out var parsed)
            || parsed.Address != trimmed || parsed.DisplayName.Length > 0)
        {
            return false;
        }

        var host = parsed.Host;
        return host.Contains('.', StringComparison.Ordinal) && !host.StartsWith('.') && !host.EndsWith('.') && !host.Contains("..", StringComparison.Ordinal);
    }

    public override bool IsValid(object? value) => value is not string text || string.IsNullOrWhiteSpace(text) || IsMailbox(text);
}
