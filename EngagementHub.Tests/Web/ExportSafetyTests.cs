using System.Globalization;
using System.Net;
using CsvHelper;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using EngagementHub.Core;
using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementHub.Tests.Web;

/// <summary>
/// Every export, over data a hostile or careless user left behind: a formula, control characters (a NUL on SQLite;
/// PostgreSQL cannot store one) and a right-to-left override in a title. Run against SQLite and PostgreSQL.
/// </summary>
public abstract class ExportSafetyTests(ExportSafetyTests.HostileDataApp app)
{
    public sealed class Sqlite(SqliteHostileApp app) : ExportSafetyTests(app), IClassFixture<SqliteHostileApp>;

    public sealed class PostgreSql(PostgreSqlHostileApp app) : ExportSafetyTests(app), IClassFixture<PostgreSqlHostileApp>;

    public const string Formula = "=HYPERLINK(\"http://evil.example\",\"Open\")";

    /// <summary>What each hostile title reads as once exported: the controls gone, the formula shown as text.</summary>
    public const string Exported = Formula + " gnp.exe";

    private readonly HostileDataApp _app = app;

    public static TheoryData<string, int> Exports => new()
    {
        { "/exercises/export", 1 },
        { "/deadlines/export", 2 },
        { "/timetable/export", 6 },
    };

    [Theory]
    [MemberData(nameof(Exports))]
    public async Task ExportCsv_HostileTitle_IsNeutralisedText(string path, int column)
    {
        var client = await _app.SignInAsync(DemoAccounts.Viewer);

        var response = await client.GetAsync(path + ".csv");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain('\0', text);
        Assert.DoesNotContain('\u0001', text);
        Assert.DoesNotContain('\u202E', text);
        var rows = Parse(text);
        Assert.Contains(rows, r => r[column] == "'" + Exported);
        Assert.DoesNotContain(rows, r => r.Any(cell => cell.StartsWith('=')));
    }

    [Theory]
    [MemberData(nameof(Exports))]
    public async Task ExportXlsx_HostileTitle_IsAWorkbookWithTheTextAndNoFormula(string path, int column)
    {
        var client = await _app.SignInAsync(DemoAccounts.Viewer);

        var response = await client.GetAsync(path + ".xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), isEditable: false);
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        Assert.Empty(sheet.Descendants<CellFormula>());
        Assert.Contains(sheet.Descendants<Row>(), r => r.Elements<Cell>().ElementAt(column).InnerText == Exported);
    }

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

    /// <summary>The demo app with one exercise, one deadline and one of this year's events given a hostile title.</summary>
    public abstract class HostileDataApp(DatabaseProvider provider) : EngagementHubAppFactory(provider), IAsyncLifetime
    {
        public async Task InitializeAsync()
        {
            CreateClient();
            // Written straight to the database, as older data or an import may hold it: input now refuses these.
            var hostile = Formula + "\u0001\u000B \u202Egnp.exe" + (Database.Provider == DatabaseProvider.Sqlite ? "\0" : "");
            await using var db = await Services.GetRequiredService<IDbContextFactory<EngagementHubDbContext>>().CreateDbContextAsync();
            var exercise = await db.Exercises.OrderBy(x => x.Id).Select(x => x.Id).FirstAsync();
            await db.Exercises.Where(x => x.Id == exercise).ExecuteUpdateAsync(s => s.SetProperty(x => x.Title, hostile));
            var deadline = await db.Deadlines.OrderBy(d => d.Id).Select(d => d.Id).FirstAsync();
            await db.Deadlines.Where(d => d.Id == deadline).ExecuteUpdateAsync(s => s.SetProperty(d => d.Subject, hostile));
            var year = FinancialYear.Containing(UkTime.Today(Clock)).StartYear;
            var evt = await db.TimetableEvents.Where(e => e.Year == year).OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
            await db.TimetableEvents.Where(e => e.Id == evt).ExecuteUpdateAsync(s => s.SetProperty(e => e.Title, hostile));
        }

        Task IAsyncLifetime.DisposeAsync() => Task.CompletedTask;
    }
}

public sealed class SqliteHostileApp() : ExportSafetyTests.HostileDataApp(DatabaseProvider.Sqlite);

public sealed class PostgreSqlHostileApp() : ExportSafetyTests.HostileDataApp(DatabaseProvider.PostgreSql);
