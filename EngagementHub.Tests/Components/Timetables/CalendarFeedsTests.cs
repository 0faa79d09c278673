using Bunit;
using EngagementHub.Core;
using EngagementHub.Core.Calendar;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Pages.Timetables;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace EngagementHub.Tests.Components.Timetables;

public sealed class CalendarFeedsTests : BunitTestContextBase
{
    private static async Task<Organisation> SeedAsync(TestDatabase database, params Actor[] people)
    {
        var organisation = await database.SeedOrganisationAsync("NHS South Birmingham", OrganisationKind.Commissioner);
        await using var db = database.CreateContext();
        foreach (var person in people)
        {
            db.Users.Add(new ApplicationUser { Id = person.UserId!, UserName = person.UserId, DisplayName = person.DisplayName, OrganisationId = organisation.Id, Role = person.Role });
        }

        await db.SaveChangesAsync();
        return organisation;
    }

    private BunitContext SignedIn(TestDatabase database, Actor actor)
    {
        Context.UseEngagementHub(database);
        Context.Services.Configure<EngagementHubOptions>(_ => { });
        Context.SignIn(actor);
        Context.RenderPopovers();
        return Context;
    }

    private static void Click(IRenderedComponent<CalendarFeeds> cut, string text) =>
        cut.WaitForAssertion(() => cut.FindAll("button").Single(b => b.TextContent.Trim() == text).Click());

    [Fact]
    public async Task Render_AnyReader_ShowsThePublicFeedAddressWithACopyButton()
    {
        var database = await CreateDatabaseAsync();
        var organisation = await SeedAsync(database);
        SignedIn(database, People.Viewer(organisation.Id, organisation.Name));

        var cut = Context.Render<CalendarFeeds>();

        Assert.Equal("Calendar feeds", cut.Find("h1").TextContent.Trim());
        var field = cut.Find("[data-testid=public-feed] input");
        Assert.Equal("http://localhost/calendar/public.ics", field.GetAttribute("value"));
        Assert.Equal("Address of the public feed", cut.Find($"label[for='{field.Id}']").TextContent.Trim());
        Assert.Equal("webcal://localhost/calendar/public.ics", cut.Find("[data-testid=public-feed] a").GetAttribute("href"));
        // A viewer makes a feed for themselves, not for their organisation.
        Assert.Contains(cut.FindAll("button"), b => b.TextContent.Trim() == "Create my private feed");
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Contains("Create a feed for", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Copy_Clicked_WritesTheAddressToTheClipboardAndSaysSo()
    {
        var database = await CreateDatabaseAsync();
        var organisation = await SeedAsync(database);
        SignedIn(database, People.Viewer(organisation.Id, organisation.Name));
        var cut = Context.Render<CalendarFeeds>();

        cut.Find("[data-testid=public-feed] button").Click();

        var call = Assert.Single(Context.JSInterop.Invocations, i => i.Identifier == "navigator.clipboard.writeText");
        Assert.Equal("http://localhost/calendar/public.ics", call.Arguments[0]);
        cut.WaitForAssertion(() => Assert.Contains("Copied", cut.Find("[data-testid=copy-status]").TextContent));
    }

    [Fact]
    public async Task Create_MyPrivateFeed_ShowsItsAddressOnceWithInstructions()
    {
        var database = await CreateDatabaseAsync();
        var editor = People.Editor(0);
        var organisation = await SeedAsync(database, editor with { OrganisationId = null });
        editor = People.Editor(organisation.Id, organisation.Name);
        SignedIn(database, editor);
        var cut = Context.Render<CalendarFeeds>();

        Click(cut, "Create my private feed");

        cut.WaitForAssertion(() => Assert.Contains("Your private feed is ready", cut.Find("[data-testid=created-feed]").TextContent));
        var address = cut.Find("[data-testid=created-feed-address] input").GetAttribute("value")!;
        Assert.Matches("^http://localhost/calendar/feeds/[0-9a-f]{48}\\.ics$", address);
        var secret = address["http://localhost/calendar/feeds/".Length..^".ics".Length];
        var created = cut.Find("[data-testid=created-feed]").TextContent;
        Assert.Contains("Subscribe from web", created);
        Assert.Contains("From URL", created);
        Assert.Single(cut.FindAll("[data-testid=feed-row]"));
        Assert.Contains("Create a new address for my feed", cut.FindAll("button").Select(b => b.TextContent.Trim()));
        await using (var db = database.CreateContext())
        {
            Assert.Equal(CalendarFeed.Hash(secret), (await db.CalendarFeeds.SingleAsync()).SecretHash);
        }

        // Shown once: the page opened again lists the feed but cannot show its address.
        var again = Context.Render<CalendarFeeds>();
        again.WaitForAssertion(() => Assert.Single(again.FindAll("[data-testid=feed-row]")));
        Assert.Empty(again.FindAll("[data-testid=created-feed]"));
        Assert.DoesNotContain(secret, again.Markup);
    }

    [Fact]
    public async Task Revoke_Confirmed_RemovesTheFeedAndItsAddressStopsWorking()
    {
        var database = await CreateDatabaseAsync();
        var organisation = await SeedAsync(database, People.Editor(0) with { OrganisationId = null });
        var editor = People.Editor(organisation.Id, organisation.Name);
        SignedIn(database, editor);
        var dialogs = Context.Render<MudDialogProvider>();
        var cut = Context.Render<CalendarFeeds>();
        Click(cut, $"Create a feed for {organisation.Name}");
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=feed-row]")));
        Assert.Contains($"{organisation.Name}'s feed", cut.Find("[data-testid=feed-row]").TextContent);

        cut.FindAll("[data-testid=feed-row] button").Single(b => b.GetAttribute("aria-label") == $"Revoke {organisation.Name}'s feed").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("stops working at once", dialogs.Markup));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Revoke").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=feed-row]")));
        Assert.Empty(cut.FindAll("[data-testid=created-feed]"));
        await using var db = database.CreateContext();
        Assert.NotNull((await db.CalendarFeeds.SingleAsync()).RevokedAt);
    }
}
