using System.Globalization;
using EngagementHub.Core.Common;

namespace EngagementHub.Web.Components.Shared;

/// <summary>
/// Reads a value of a web address's query, which pages and endpoints bind as text (docs/conventions.md, "Values in a
/// web address are read as text"). An address may hold anything: a link pasted with its sentence's full stop
/// (<c>?id=12.</c>), a year written as the app writes it (<c>year=2026/27</c>), a hand-edited value. Bound to a number
/// or an enum, such a value fails before the page or endpoint runs; read here, a value that cannot be read is absent,
/// and the page goes on as for no value (a list drops that part of its filter, a report says what it needs).
/// </summary>
public static class QueryValue
{
    /// <returns>A whole number above zero (an id, a page, a page size): "12", or "12." as pasted from a sentence; null
    /// for anything else, zero and negative numbers included.</returns>
    public static int? Number(string? text) =>
        int.TryParse(Clean(text), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : null;

    /// <returns>The financial year written "2026/27" (as the app shows it) or "2026" (as it writes its links), within
    /// <see cref="FinancialYear.FirstStartYear"/>–<see cref="FinancialYear.LastStartYear"/>; null for anything else.</returns>
    public static FinancialYear? Year(string? text) => FinancialYear.TryParse(Clean(text), out var year) ? year : null;

    /// <returns>The member of <typeparamref name="TEnum"/> named by <paramref name="text"/> in any case ("closed" for
    /// <c>Closed</c>); null for anything else, a number included (the app's links name the member).</returns>
    public static TEnum? Option<TEnum>(string? text)
        where TEnum : struct, Enum =>
        Clean(text) is { Length: > 0 } name && char.IsAsciiLetter(name[0]) && !name.Contains(',', StringComparison.Ordinal)
            && Enum.TryParse<TEnum>(name, ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : null;

    /// <returns>Whether <paramref name="text"/> says "true" (any case); anything else is false.</returns>
    public static bool Flag(string? text) => bool.TryParse(Clean(text), out var flag) && flag;

    /// <summary>Without the spaces around it or one full stop after it, as a value pasted from a sentence comes.</summary>
    private static string? Clean(string? text)
    {
        var trimmed = text?.Trim();
        return trimmed is { Length: > 0 } && trimmed[^1] == '.' ? trimmed[..^1].TrimEnd() : trimmed;
    }
}
