using System.Reflection;
using System.Text.RegularExpressions;
using EngagementHub.Core.History;
using EngagementHub.Tests.TestSupport;

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

    /// <summary>
    /// A page that offers an enum's members as choices (a picker, a filter, radio buttons) shows them in words: every enum
    /// the Web project lists with <c>Enum.GetValues&lt;T&gt;()</c> has a label in Core. Before this, the role picker
    /// offered "Admin" where every page says "administrator", and the level of involvement was its member names.
    /// </summary>
    [Fact]
    public void EveryEnumAPageOffersAsChoices_HasALabelInCore()
    {
        var labelled = Labels().Keys.Select(t => t.Name).ToHashSet();
        var offered = Directory.EnumerateFiles(Path.Combine(Repository.Root, "EngagementHub.Web"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => OfferedEnum().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Enum: m.Groups[1].Value)))
            .ToList();

        Assert.NotEmpty(offered);
        Assert.Empty(offered.Where(o => !labelled.Contains(o.Enum)).Select(o => $"{o.File}: {o.Enum}").Distinct());
    }

    // Enum.GetValues<OrganisationKind>() or Enum.GetValues<Core.Organisations.OrganisationKind>(): the type's own name.
    [GeneratedRegex(@"Enum\.GetValues<(?:\w+\.)*(\w+)>")]
    private static partial Regex OfferedEnum();

    private static Dictionary<Type, MethodInfo> Labels() => AuditText.EnumLabels.Value;

    // PascalCase with two capitals or more ("AwaitingAgreement"); a one-word name ("Answered") is a word.
    [GeneratedRegex("^[A-Z][a-z]+(?:[A-Z][a-z0-9]+)+$")]
    private static partial Regex CodeName();
}
