using System.Text.RegularExpressions;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Endpoints;

namespace EngagementHub.Tests.Web;

/// <summary>
/// One word per concept: a list and its export name each column alike ("Followed up by" on the deadlines list was
/// "LINk owner" in its export, "Sent to" was "To"). Every column a list heads is a column of its export under the same
/// name, but for those the list shows in one cell and the export splits (an exercise's "Runs" is its "Start" and "End").
/// </summary>
public sealed partial class ExportLabelsTests
{
    public static TheoryData<string, string[], string[]> Lists => new()
    {
        { "Deadlines/DeadlineTable.razor", [.. DeadlineExportEndpoints.Columns(new DateOnly(2026, 12, 3)).Select(c => c.Heading)], [] },
        // The exercise's title, as the link its row is named by; its dates, from and to, in one cell.
        { "Exercises/ExerciseList.razor", [.. ExerciseExportEndpoints.Columns.Select(c => c.Heading)], ["Exercise", "Runs"] },
        { "Timetables/ListView.razor", [.. TimetableExportEndpoints.Columns.Select(c => c.Heading)], ["Date"] },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public void ListColumns_EveryOne_IsNamedAsInItsExport(string page, string[] exported, string[] shownInOneCell)
    {
        var source = File.ReadAllText(Path.Combine(Repository.Root, "EngagementHub.Web", "Components", "Pages", page));
        var headings = Heading().Matches(source).Select(m => m.Groups[1].Value.Trim())
            .Concat(DataLabel().Matches(source).Select(m => m.Groups[1].Value))
            .Distinct()
            .ToList();

        Assert.NotEmpty(headings);
        Assert.Empty(headings.Except(shownInOneCell).Except(exported));
    }

    [GeneratedRegex(@"<MudTh>([^<@]+)</MudTh>")]
    private static partial Regex Heading();

    [GeneratedRegex(@"<MudTd DataLabel=""([^""@]+)""")]
    private static partial Regex DataLabel();
}
