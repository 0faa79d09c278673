using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using EngagementHub.Tests.TestSupport;

namespace EngagementHub.Tests.Web;

/// <summary>
/// Run on SQLite only, as every HTTP test whose subject is not the database (ADR 20). The tests only sign in and read,
/// so the tests of a class share one app.
/// </summary>
public abstract class ExerciseExportTests(EngagementHubAppFactory app)
{
    public sealed class Sqlite(SqliteApp app) : ExerciseExportTests(app), IClassFixture<SqliteApp>;

    private readonly EngagementHubAppFactory _app = app;

    [Theory]
    [InlineData("/exercises/export.csv")]
    [InlineData("/exercises/export.xlsx")]
    [InlineData("/exercises")]
    public async Task Export_Anonymous_RedirectsToSignIn(string path)
    {
        var response = await _app.CreateAnonymous().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task ExportCsv_FilteredByOption_ListsOnlyThoseExercises()
    {
        var client = await _app.SignInAsync(DemoAccounts.Viewer);

        var response = await client.GetAsync("/exercises/export.csv?option=2");
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.StartsWith("Id,Title,Lead commissioner,Joint-working option", lines[0]);
        Assert.Equal(3, lines.Length - 1); // the demo has three exercises under option 2
        Assert.All(lines.Skip(1), line => Assert.Contains(",Option 2,", line));
        Assert.Contains(lines, l => l.Contains("Community stroke rehabilitation", StringComparison.Ordinal));
    }

    /// <summary>
    /// An edited address's value the list cannot read (a year with no dates, a word where a number goes, an option
    /// that does not exist) is that filter left out, not a failure: the list and its exports the same.
    /// </summary>
    [Theory]
    [InlineData("/exercises/export.csv?year=99999")]
    [InlineData("/exercises/export.xlsx?year=0")]
    [InlineData("/exercises/export.csv?year=-5")]
    [InlineData("/exercises?show=all&year=99999")]
    [InlineData("/exercises/export.csv?year=soon&commissioner=3x&option=two&community=x&org=2%2C3")]
    [InlineData("/exercises/export.xlsx?state=closed2&agreement=1&scope=everywhere&sector=7")]
    [InlineData("/exercises?show=all&year=soon&commissioner=3x&option=two&community=x&state=closed2&page=two&size=lots")]
    public async Task ExportAndList_ValueItCannotRead_TheWholeListNotAnError(string path)
    {
        var client = await _app.SignInAsync(DemoAccounts.Link);

        var response = await client.GetAsync(path);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        if (path.StartsWith("/exercises?", StringComparison.Ordinal))
        {
            var page = System.Text.Encoding.UTF8.GetString(bytes);
            Assert.DoesNotContain("Something went wrong showing this page", page);
            Assert.Contains("Community stroke rehabilitation", page);
        }
        else if (path.Contains(".csv", StringComparison.Ordinal))
        {
            Assert.Equal(await client.GetByteArrayAsync("/exercises/export.csv"), bytes);
        }
        else
        {
            using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), isEditable: false);
            Assert.Equal(15, document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().Count());
        }
    }

    /// <summary>A year written as the app writes it ("2026/27"), or a value pasted with its sentence's full stop, is read.</summary>
    [Fact]
    public async Task ExportCsv_YearWithASlashAndOptionWithAFullStop_SameRowsAsTheListsOwnLink()
    {
        var client = await _app.SignInAsync(DemoAccounts.Link);
        var year = EngagementHub.Core.Common.FinancialYear.Containing(EngagementHub.Core.Common.UkTime.Today(_app.Clock));

        var asWritten = await client.GetStringAsync($"/exercises/export.csv?year={Uri.EscapeDataString(year.Label)}&option=2.&state=running.");
        var asLinked = await client.GetStringAsync($"/exercises/export.csv?year={year.StartYear}&option=2&state=Running");
        var all = await client.GetStringAsync("/exercises/export.csv");

        Assert.Equal(asLinked, asWritten);
        Assert.NotEqual(all, asWritten);
    }

    [Fact]
    public async Task ExportXlsx_AllExercises_IsAWorkbookWithAHeaderAndARowEach()
    {
        var client = await _app.SignInAsync(DemoAccounts.Link);

        var bytes = await client.GetByteArrayAsync("/exercises/export.xlsx");

        using var document = SpreadsheetDocument.Open(new MemoryStream(bytes), isEditable: false);
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var rows = sheet.Descendants<Row>().ToList();
        Assert.Equal(15, rows.Count); // header + the fourteen demo exercises
        Assert.Equal("Title", rows[0].Elements<Cell>().ElementAt(1).InnerText);
    }
}
