using System.Reflection;
using System.Text.RegularExpressions;
using EngagementHub.Core.History;

namespace EngagementHub.Tests.Core.Architecture;

/// <summary>
/// Every enum people see is worded once, by a <c>Label(this TEnum)</c> in Core (docs/conventions.md, "Labels for
/// enums"): each of those words every member, in words, not its code name.
/// </summary>
public sealed partial class EnumLabelTests
{
    public static TheoryData<string> LabelledEnums() => [.. Labels().Keys.Select(t => t.FullName!)];

    [Theory]
    [MemberData(nameof(LabelledEnums))]
    public void Label_EveryMemberOfEveryLabelledEnum_InWordsNotItsCodeName(string enumName)
    {
        var (type, label) = Labels().Single(l => l.Key.FullName == enumName);

        var unworded = Enum.GetValues(type).Cast<object>()
            .Select(member => (Member: member, Words: (string?)label.Invoke(null, [member])))
            .Where(m => string.IsNullOrWhiteSpace(m.Words) || CodeName().IsMatch(m.Words!))
            .Select(m => $"{m.Member}: \"{m.Words}\"");

        Assert.Empty(unworded);
    }

    [Fact]
    public void LabelledEnums_IncludeTheStatesTheListsAndHistoryShow() =>
        Assert.Superset(
            new HashSet<string> { "DeadlineState", "AgreementStatus", "HolidaySource", "DeliveryStatus", "TimetableWarningKind", "ReviewScore" },
            Labels().Keys.Select(t => t.Name).ToHashSet());

    private static Dictionary<Type, MethodInfo> Labels() => AuditText.EnumLabels.Value;

    // PascalCase with two capitals or more ("AwaitingAgreement"); a one-word name ("Answered") is a word.
    [GeneratedRegex("^[A-Z][a-z]+(?:[A-Z][a-z0-9]+)+$")]
    private static partial Regex CodeName();
}
