using Microsoft.AspNetCore.Identity;

namespace EngagementHub.Core.Identity;

/// <summary>
/// Matches an e-mail address typed elsewhere (a named contact's, a deadline's) with the accounts' addresses, in the form
/// ASP.NET Core Identity stores them in <see cref="IdentityUser{TKey}.NormalizedEmail"/>: Unicode composed (form C), then
/// upper case the invariant way. Upper-casing alone would miss an account whose address was typed with a combining
/// accent ("e" + U+0301) when the contact's has the composed letter ("é"), or the other way round, and so would tell
/// the wrong person, or nobody, about a deadline.
/// </summary>
public static class AccountAddress
{
    // Identity's own normaliser (the default it registers), so the two can never drift apart.
    private static readonly UpperInvariantLookupNormalizer Normalizer = new();

    /// <summary>
    /// Returns <paramref name="email"/> as Identity would store it as an account's normalised address, after trimming the
    /// spaces around it; null for null, empty or blank.
    /// </summary>
    public static string? Normalise(string? email) =>
        string.IsNullOrWhiteSpace(email) ? null : Normalizer.NormalizeEmail(email.Trim());

    /// <summary>Returns whether two addresses are the same once normalised (<see cref="Normalise"/>); false when either is blank.</summary>
    public static bool Same(string? one, string? other) => Normalise(one) is { } a && a == Normalise(other);
}
