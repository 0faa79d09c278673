using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EngagementHub.Tests.TestSupport;

namespace EngagementHub.Tests.Web;

/// <summary>
/// Run on SQLite only, as every HTTP test whose subject is not the database (ADR 20). The tests only sign in and read,
/// so the tests of a class share one app.
/// </summary>
public abstract class DueDateEndpointTests(EngagementHubAppFactory app)
{
    public sealed class Sqlite(SqliteApp app) : DueDateEndpointTests(app), IClassFixture<SqliteApp>;

    private readonly EngagementHubAppFactory _app = app;

    [Fact]
    public async Task DueDate_Wednesday1October2008_IsTuesday28OctoberForAnyone()
    {
        var response = await _app.CreateAnonymous().GetAsync("/api/deadlines/due-date?received=2008-10-01&workingDays=20");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("2008-10-01", body.GetProperty("received").GetString());
        Assert.Equal(20, body.GetProperty("workingDays").GetInt32());
        Assert.Equal("2008-10-28", body.GetProperty("dueDate").GetString());
        Assert.Equal(0, body.GetProperty("skippedHolidays").GetArrayLength());
    }

    [Fact]
    public async Task DueDate_AcrossChristmas_ListsTheHolidaysItSkipped()
    {
        var body = await _app.CreateAnonymous().GetFromJsonAsync<JsonElement>("/api/deadlines/due-date?received=2025-12-15&workingDays=20");

        Assert.Equal("2026-01-14", body.GetProperty("dueDate").GetString());
        var skipped = body.GetProperty("skippedHolidays").EnumerateArray().Select(h => (h.GetProperty("date").GetString(), h.GetProperty("name").GetString())).ToList();
        Assert.Equal([("2025-12-25", "Christmas Day"), ("2025-12-26", "Boxing Day"), ("2026-01-01", "New Year’s Day")], skipped);
    }

    [Fact]
    public async Task DueDate_WorkingDaysLeftOut_UsesTheStatutoryTwenty()
    {
        var body = await _app.CreateAnonymous().GetFromJsonAsync<JsonElement>("/api/deadlines/due-date?received=2008-10-01");

        Assert.Equal(20, body.GetProperty("workingDays").GetInt32());
        Assert.Equal("2008-10-28", body.GetProperty("dueDate").GetString());
    }

    [Theory]
    [InlineData("/api/deadlines/due-date", "received", "Give the date of receipt")]
    [InlineData("/api/deadlines/due-date?received=01/10/2008", "received", "is not a date in the form YYYY-MM-DD")]
    [InlineData("/api/deadlines/due-date?received=2008-02-30", "received", "is not a date in the form YYYY-MM-DD")]
    [InlineData("/api/deadlines/due-date?received=2008-10-01&workingDays=0", "workingDays", "from 1 to 1000")]
    [InlineData("/api/deadlines/due-date?received=2008-10-01&workingDays=100000", "workingDays", "from 1 to 1000")]
    [InlineData("/api/deadlines/due-date?received=2008-10-01&workingDays=twenty", "workingDays", "whole number")]
    [InlineData("/api/deadlines/due-date?received=2004-12-31", "received", "from 1 January 2005")]
    [InlineData("/api/deadlines/due-date?received=0001-01-01&workingDays=1", "received", "from 1 January 2005")]
    [InlineData("/api/deadlines/due-date?received=9999-12-31", "received", "up to 31 December 2099")]
    [InlineData("/api/deadlines/due-date?received=9999-12-31&workingDays=1000", "received", "up to 31 December 2099")]
    public async Task DueDate_BadInput_Answers400WithAClearMessage(string url, string field, string message)
    {
        var response = await _app.CreateAnonymous().GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains(message, problem.GetProperty("errors").GetProperty(field)[0].GetString());
    }

    [Fact]
    public async Task DueDate_OverAYearWithoutPublishedHolidays_SkipsChristmasAndSaysSo()
    {
        var body = await _app.CreateAnonymous().GetFromJsonAsync<JsonElement>("/api/deadlines/due-date?received=2035-12-10");

        Assert.Equal("2036-01-09", body.GetProperty("dueDate").GetString());
        Assert.True(body.GetProperty("beyondKnownHolidays").GetBoolean());
        Assert.Contains(body.GetProperty("skippedHolidays").EnumerateArray(), h => h.GetProperty("date").GetString() == "2035-12-25");
        Assert.Contains("No bank holidays are published yet for 2035 and 2036", body.GetProperty("explanation").GetString());
    }
}
