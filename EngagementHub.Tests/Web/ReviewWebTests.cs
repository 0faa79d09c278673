using System.Net;
using EngagementHub.Core.Data;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementHub.Tests.Web;

/// <summary>
/// The joint reviews over HTTP on the demo partnership: the public page and the printed report. Run on SQLite only, as
/// every HTTP test whose subject is not the database (ADR 20); the tests only read, so those of a class share one app.
/// </summary>
public abstract class ReviewWebTests(EngagementHubAppFactory app)
{
    public sealed class Sqlite(SqliteApp app) : ReviewWebTests(app), IClassFixture<SqliteApp>;

    private const string LinkComment = "Two new community groups joined us this year, both through the carers' forum.";
    private const string CommissionerComment = "Our board hears from the LINk at every meeting now.";

    private async Task<(int Open, int Agreed)> RoundsAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<EngagementHubDbContext>>().CreateDbContextAsync();
        var rounds = await db.ReviewRounds.OrderBy(r => r.Year).Select(r => r.Id).ToListAsync();
        return (rounds[^1], rounds[0]);
    }

    [Fact]
    public async Task PublicReviews_Anonymous_AgreedRatingsAndActionsWithOnlyTheCommentsEachSideChoseToPublish()
    {
        var response = await app.CreateAnonymous().GetAsync("/public/reviews");
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public, max-age=300", response.Headers.CacheControl?.ToString());
        Assert.DoesNotContain("<script", page, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("2023/24: the LINk and NHS South Birmingham", page, StringComparison.Ordinal);
        Assert.Contains("2024/25: the LINk and NHS South Birmingham", page, StringComparison.Ordinal);
        Assert.DoesNotContain("2025/26", page, StringComparison.Ordinal);
        Assert.Contains("Hold two outreach sessions with carers' groups", page, StringComparison.Ordinal);
        // The LINk published its comments both years; the commissioner only in 2024/25.
        Assert.Equal(2, page.Split(LinkComment).Length - 1);
        Assert.Equal(1, page.Split(CommissionerComment).Length - 1);
        Assert.DoesNotContain("Colin Marsh", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Lena Khan", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicIndex_Anonymous_LinksToTheReviews()
    {
        var page = await app.CreateAnonymous().GetStringAsync("/public");

        Assert.Contains("href=\"/public/reviews\"", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DemoAccounts.Commissioner)]
    [InlineData(DemoAccounts.Link)]
    public async Task Report_BeforeBothSidesSubmitted_SaysWhenItWillBeReadyAndShowsNeitherSidesRatings(string email)
    {
        var (open, _) = await RoundsAsync();
        var client = await app.SignInAsync(email);

        var response = await client.GetAsync($"/reviews/{open}/report");
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This report is available once both sides have submitted their ratings.", page, StringComparison.Ordinal);
        Assert.Contains("NHS South Birmingham: not submitted yet", page, StringComparison.Ordinal);
        Assert.Contains("The round closes on ", page, StringComparison.Ordinal);
        Assert.DoesNotContain(LinkComment, page, StringComparison.Ordinal);
        Assert.DoesNotContain("Largely met", page, StringComparison.Ordinal);
        Assert.DoesNotContain("report-Link", page, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DemoAccounts.Council)]
    [InlineData(DemoAccounts.Scrutiny)]
    public async Task Report_BeforeBothSidesSubmittedForAnOrganisationNotInTheRound_RefusedWithWhy(string email)
    {
        var (open, _) = await RoundsAsync();
        var client = await app.SignInAsync(email);

        var response = await client.GetAsync($"/reviews/{open}/report");
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("for the LINk and the commissioners in it until both sides have submitted", page, StringComparison.Ordinal);
        Assert.DoesNotContain(LinkComment, page, StringComparison.Ordinal);
        Assert.DoesNotContain("not submitted yet", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_NoSuchRound_NotFoundWithItsOwnMessage()
    {
        var client = await app.SignInAsync(DemoAccounts.Link);

        var response = await client.GetAsync("/reviews/99999/report");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("There is no such review round.", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_BothSidesSubmitted_ShowsBothSidesRatingsAndTheAgreedOnes()
    {
        var (_, agreed) = await RoundsAsync();
        var client = await app.SignInAsync(DemoAccounts.Commissioner);

        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/reviews/{agreed}/report"));

        Assert.Contains(LinkComment, page, StringComparison.Ordinal);
        Assert.Contains(CommissionerComment, page, StringComparison.Ordinal);
        Assert.Contains("Agreed after discussion: improving, not there yet.", page, StringComparison.Ordinal);
    }
}
