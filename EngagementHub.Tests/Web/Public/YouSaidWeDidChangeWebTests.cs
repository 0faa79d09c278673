using System.Net;
using System.Text.Json;
using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Deadlines;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementHub.Tests.Web.Public;

/// <summary>
/// The public "you said, we did" page, JSON and CSV after a recommendation of the demo partnership changed once the
/// LINk had judged it: they show only what holds now. Run on SQLite only, as every HTTP test whose subject is not the
/// database (ADR 20); each test changes a recommendation of its own, so the tests of a class share one app.
/// </summary>
public abstract class YouSaidWeDidChangeWebTests(EngagementHubAppFactory app)
{
    public sealed class Sqlite(SqliteApp app) : YouSaidWeDidChangeWebTests(app), IClassFixture<SqliteApp>;

    private readonly EngagementHubAppFactory _app = app;

    [Fact]
    public async Task PublicRegister_DoneAndAgreedThenDropped_ShowsNeitherTheLinksViewNorWhatChanged()
    {
        var recommendation = await DemoRecommendationAsync("Offer interpreters at every antenatal appointment");
        Assert.Equal(LinkVerdict.Agrees, recommendation.LinkVerdict);
        var deadlines = _app.Services.GetRequiredService<DeadlineService>();

        var outcome = await deadlines.RecordImplementationAsync(await _app.ActorAsync(DemoAccounts.Commissioner), recommendation.DeadlineId, recommendation.Id,
            new ImplementationInput
            {
                Status = ImplementationStatus.Dropped, DroppedReason = "The interpreting contract ended.", ChangeMade = recommendation.ChangeMade,
                Version = recommendation.Version,
            });

        Assert.True(outcome.Succeeded, outcome.Problem);
        var (page, json, csv) = await PublishedAsync(recommendation.Id);
        Assert.Contains("The interpreting contract ended.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Met, in the LINk's view", page, StringComparison.Ordinal);
        Assert.DoesNotContain("What changed", page, StringComparison.Ordinal);
        Assert.DoesNotContain(recommendation.ChangeMade!, page, StringComparison.Ordinal);
        Assert.Equal(("Dropped", "Dropped"), (json.GetProperty("status").GetString(), json.GetProperty("implementation").GetString()));
        Assert.Equal(JsonValueKind.Null, json.GetProperty("linkVerdict").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("linkComment").ValueKind);
        Assert.Equal(JsonValueKind.Null, json.GetProperty("changeMade").ValueKind);
        Assert.Equal(("", "", ""), (csv["linkVerdict"], csv["linkComment"], csv["changeMade"]));
    }

    [Fact]
    public async Task PublicRegister_AcceptedDoneThenNotAccepted_ShowsTheEarlierAcceptanceAndNoImplementation()
    {
        var recommendation = await DemoRecommendationAsync("Give every family a named social worker");
        Assert.Equal((RecommendationResponse.Accepted, ImplementationStatus.Done), (recommendation.Response, recommendation.Implementation!.Value));
        var acceptedOn = UkTime.Today(recommendation.RespondedAt!.Value);
        var deadlines = _app.Services.GetRequiredService<DeadlineService>();

        var outcome = await deadlines.RespondAsync(await _app.ActorAsync(DemoAccounts.Council), recommendation.DeadlineId, recommendation.Id,
            RecommendationResponse.NotAccepted, "Social work capacity was cut.");

        Assert.True(outcome.Succeeded, outcome.Problem);
        var (page, json, csv) = await PublishedAsync(recommendation.Id);
        Assert.Contains("Not accepted", page, StringComparison.Ordinal);
        Assert.Contains("Earlier response, since changed", page, StringComparison.Ordinal);
        Assert.Contains($"Accepted on {PublicTextDate(acceptedOn)}", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Implementation", page, StringComparison.Ordinal);
        Assert.DoesNotContain("What changed", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Met, in the LINk's view", page, StringComparison.Ordinal);
        Assert.Equal(("NotAccepted", "NotAccepted", "Accepted", acceptedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            (json.GetProperty("status").GetString(), json.GetProperty("response").GetString(), json.GetProperty("earlierResponse").GetString(),
                json.GetProperty("earlierRespondedOn").GetString()));
        foreach (var field in new[] { "implementation", "changeMade", "latestMilestone", "linkVerdict", "linkComment" })
        {
            Assert.Equal(JsonValueKind.Null, json.GetProperty(field).ValueKind);
            Assert.Equal("", csv[field]);
        }

        Assert.Equal(("NotAccepted", "Accepted"), (csv["response"], csv["earlierResponse"]));
    }

    private static string PublicTextDate(DateOnly date) => EngagementHub.Web.Components.Pages.Public.PublicText.Date(date);

    private async Task<Recommendation> DemoRecommendationAsync(string startsWith)
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<EngagementHubDbContext>>().CreateDbContextAsync();
        return await db.Recommendations.AsNoTracking().SingleAsync(r => r.Text.StartsWith(startsWith));
    }

    /// <summary>The recommendation's entry on the public page (decoded), in the JSON, and in the CSV by column name.</summary>
    private async Task<(string Page, JsonElement Json, Dictionary<string, string> Csv)> PublishedAsync(int id)
    {
        var client = _app.CreateAnonymous();
        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/public/you-said-we-did"));
        var start = html.IndexOf($"<li id=\"recommendation-{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "The recommendation is on the page.");
        var page = html[start..html.IndexOf("</li>", start, StringComparison.Ordinal)];

        var json = JsonDocument.Parse(await client.GetStringAsync("/public/you-said-we-did.json")).RootElement
            .GetProperty("recommendations").EnumerateArray().Single(e => e.GetProperty("id").GetInt32() == id);

        using var reader = new StringReader((await client.GetStringAsync("/public/you-said-we-did.csv")).TrimStart('\uFEFF'));
        using var parser = new CsvHelper.CsvParser(reader, System.Globalization.CultureInfo.InvariantCulture);
        parser.Read();
        var header = parser.Record!;
        while (parser.Read())
        {
            if (parser.Record![0] == id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                return (page, json, header.Zip(parser.Record).ToDictionary(p => p.First, p => p.Second));
            }
        }

        throw new Xunit.Sdk.XunitException($"Recommendation {id} is not in the CSV.");
    }
}
