using System.Globalization;
using System.Net;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using EngagementHub.Tests.TestSupport;

namespace EngagementHub.Tests.Web;

/// <summary>
/// Run on SQLite only, as every HTTP test whose subject is not the database (ADR 20). The tests only sign in and read,
/// so the tests of a class share one app.
/// </summary>
public abstract class DeadlineExportTests(EngagementHubAppFactory app)
{
    public sealed class Sqlite(SqliteApp app) : DeadlineExportTests(app), IClassFixture<SqliteApp>;

    private readonly EngagementHubAppFactory _app = app;

    [Theory]
    [InlineData("/deadlines/export.csv")]
    [InlineData("/deadlines/export.xlsx")]
    [InlineData("/deadlines")]
    public async Task Export_Anonymous_RedirectsToSignIn(string path)
    {
        var response = await _app.CreateAnonymous().GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.AbsolutePath);
    }

    [Fact]
    public async Task ExportCsv_FilteredByOverdue_ListsOnlyTheOverdueRows()
    {
        var client = await _app.SignInAsync(DemoAccounts.Viewer);

        var all = await ReadCsvAsync(client, "/deadlines/export.csv");
        var response = await client.GetAsync("/deadlines/export.csv?state=Overdue");
        var overdue = Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("text/csv; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal(["Id", "Kind", "Subject", "Sent to", "Followed up by", "Received", "Due", "Extension agreed", "State", "Answered", "Working days late",
            "Extended after the due date", "Due date missed"], overdue[0]);
        Assert.NotEmpty(overdue.Skip(1));
        Assert.All(overdue.Skip(1), row => Assert.StartsWith("Overdue (", row[8], StringComparison.Ordinal));
        Assert.Equal(all.Skip(1).Count(r => r[8].StartsWith("Overdue (", StringComparison.Ordinal)), overdue.Count - 1);
        Assert.Contains(overdue, r => r[2] == "Closure plans for the Moseley Road clinic");
        Assert.True(all.Count > overdue.Count);
    }

    /// <summary>An organisation pasted with its sentence's full stop is read; a value that cannot be read is left out, as the list does.</summary>
    [Fact]
    public async Task ExportCsv_OrganisationWithAFullStopOrValueItCannotRead_ReadOrLeftOut()
    {
        var client = await _app.SignInAsync(DemoAccounts.Viewer);
        int south;
        await using (var db = _app.Database.CreateContext())
        {
            south = db.Organisations.Where(o => o.Name == EngagementHub.Core.Data.Demo.DemoPartnership.SouthBirminghamName).Select(o => o.Id).Single();
        }

        var all = await client.GetStringAsync("/deadlines/export.csv");
        var toSouth = await client.GetStringAsync($"/deadlines/export.csv?to={south}");
        var pasted = await client.GetAsync($"/deadlines/export.csv?to={south}.");
        var unreadable = await client.GetAsync("/deadlines/export.xlsx?to=2x&org=me&kind=one");

        Assert.Equal(HttpStatusCode.OK, pasted.StatusCode);
        Assert.Equal(toSouth, await pasted.Content.ReadAsStringAsync());
        Assert.NotEqual(all, toSouth);
        Assert.Equal(HttpStatusCode.OK, unreadable.StatusCode);
        using var document = SpreadsheetDocument.Open(new MemoryStream(await unreadable.Content.ReadAsByteArrayAsync()), isEditable: false);
        Assert.Equal(Parse(all).Count, document.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().Count());
    }

    [Fact]
    public async Task ExportCsv_FilteredByAwaiting_LeavesOutTheOverdueOnes()
    {
        var client = await _app.SignInAsync(DemoAccounts.Viewer);

        var awaiting = await ReadCsvAsync(client, "/deadlines/export.csv?state=Awaiting");

        Assert.NotEmpty(awaiting.Skip(1));
        Assert.All(awaiting.Skip(1), row => Assert.Contains(row[8], new[] { "Awaiting an answer", "Awaiting acknowledgement" }));
        Assert.DoesNotContain(awaiting, r => r[2] == "Closure plans for the Moseley Road clinic");
    }

    [Fact]
    public async Task ExportXlsx_SignedIn_IsAWorkbookWithTheDeadlines()
    {
        var client = await _app.SignInAsync(DemoAccounts.Commissioner);

        var response = await client.GetAsync("/deadlines/export.xlsx?state=Answered");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var workbook = SpreadsheetDocument.Open(stream, false);
        Assert.Equal("Deadlines", workbook.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Single().Name!.Value);
    }

    private static async Task<List<string[]>> ReadCsvAsync(HttpClient client, string path) => Parse(await client.GetStringAsync(path));

    private static List<string[]> Parse(string text)
    {
        using var reader = new CsvParser(new StringReader(text.TrimStart('\uFEFF')), CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add(reader.Record!);
        }

        return rows;
    }
}
