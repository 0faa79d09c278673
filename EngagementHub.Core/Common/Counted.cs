using System.Globalization;

namespace EngagementHub.Core.Common;

/// <summary>A number with its noun in the form that number takes in English: "1 working day", "3 working days".</summary>
public static class Counted
{
    /// <returns>
    /// "<paramref name="count"/> <paramref name="singular"/>" for one, else the count with <paramref name="plural"/>
    /// (the singular with an "s" when none is given): "1 criterion", "24 criteria".
    /// </returns>
    public static string Of(int count, string singular, string? plural = null) =>
        $"{count.ToString(CultureInfo.InvariantCulture)} {(count == 1 ? singular : plural ?? singular + "s")}";
}
