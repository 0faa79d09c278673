using System.Security.Claims;
using Bunit;
using Bunit.TestDoubles;
using EngagementHub.Core;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Web.Components;
using EngagementHub.Web.Identity;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor;
using MudBlazor.Services;

namespace EngagementHub.Tests.TestSupport;

/// <summary>
/// The one place component tests get bUnit and MudBlazor ready: the app's real Core services over a real
/// <see cref="TestDatabase"/>, and a signed-in person whose claims match what the sign-in cookie carries, so
/// <see cref="CurrentActor"/> reads them exactly as it does in the app.
/// </summary>
public static class BunitSetup
{
    /// <summary>
    /// The app's services over <paramref name="database"/>, on a context MudBlazor is ready in
    /// (<see cref="BunitTestContextBase"/>): Core's registrations exactly as the app makes them
    /// (<see cref="CoreServiceCollectionExtensions.AddEngagementHubCore"/>), with the test's database factory and fake clock
    /// in place of the real ones, and the Web services the pages inject as the app registers them
    /// (<see cref="EngagementHub.Web.Components.ComponentServiceCollectionExtensions.AddEngagementHubComponents"/>), with a
    /// recording e-mail sender and job client behind them.
    /// </summary>
    public static BunitContext UseEngagementHub(this BunitContext ctx, TestDatabase database)
    {
        ctx.Services.AddLogging();
        ctx.Services.AddEngagementHubCore(database.Provider, database.ConnectionString);
        // The test database's own factory (a test can break it or make it refuse writes) and its clock, which the test moves.
        ctx.Services.RemoveAll<IDbContextFactory<EngagementHubDbContext>>();
        ctx.Services.AddSingleton(database.Factory);
        ctx.Services.RemoveAll<TimeProvider>();
        ctx.Services.AddSingleton<TimeProvider>(database.Clock);
        // Unsubscribe tokens: ephemeral keys keep the tests from writing a key ring to disk.
        ctx.Services.AddSingleton<IDataProtectionProvider>(new EphemeralDataProtectionProvider());
        // What the pages inject beyond Core, registered as the app registers it.
        ctx.Services.AddEngagementHubComponents();
        // Form drafts live in the browser's local storage; under bUnit's loose JS interop there is never a stored draft.
        ctx.Services.AddScoped(sp => new Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage.ProtectedLocalStorage(
            sp.GetRequiredService<Microsoft.JSInterop.IJSRuntime>(), sp.GetRequiredService<IDataProtectionProvider>()));
        // The node's notification poll is ticked by the tests themselves; its e-mails go to a queue nobody runs.
        ctx.Services.AddSingleton<EngagementHub.Core.Notifications.IEmailSender, RecordingEmailSender>();
        ctx.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new EngagementHub.Core.EngagementHubOptions()));
        // Not a real Hangfire client: creating Hangfire storage points its static logging at this test's host.
        ctx.Services.AddSingleton<Hangfire.IBackgroundJobClient>(new RecordingJobClient());
        ctx.Services.AddTransient<EngagementHub.Core.Notifications.IEmailQueue, EngagementHub.Web.Jobs.HangfireEmailQueue>();
        // The layout's sign-out form renders <AntiforgeryToken />; bUnit has no antiforgery, and no token is needed
        // to render it.
        ctx.Services.AddSingleton<AntiforgeryStateProvider, NoAntiforgery>();
        return ctx;
    }

    /// <summary>
    /// Identity's account services over the test's database, with the app's password rules and account token providers
    /// (as <see cref="CoreServices"/> registers them), for pages that administer accounts (users, invitations). Call after
    /// <see cref="UseEngagementHub"/>.
    /// </summary>
    public static BunitContext UseAccounts(this BunitContext ctx)
    {
        ctx.Services.AddEngagementHubAccounts();
        ctx.Services.UseTestPasswordHashing();
        return ctx;
    }

    /// <summary>MudBlazor with loose JS interop (its JS calls return defaults; none of them matter to what is asserted).</summary>
    public static BunitContext UseMudBlazor(this BunitContext ctx)
    {
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        return ctx;
    }

    /// <summary>Renders the providers MudBlazor's popovers, selects, dialogs and snackbars attach to.</summary>
    public static IRenderedComponent<MudPopoverProvider> RenderPopovers(this BunitContext ctx) => ctx.Render<MudPopoverProvider>();

    /// <summary>Signs <paramref name="actor"/> in with the claims the app's sign-in puts in the cookie.</summary>
    /// <param name="policies">Authorisation policies the person satisfies, e.g. <c>Policies.Admin</c> for an admin.</param>
    public static BunitAuthorizationContext SignIn(this BunitContext ctx, Actor actor, params string[] policies)
    {
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized(actor.DisplayName);
        auth.SetRoles(actor.Role.ToString());
        auth.SetPolicies(policies);
        // Last: setting roles or policies rebuilds the principal without the claims set before them.
        auth.SetClaims(
            new Claim(ClaimTypes.NameIdentifier, actor.UserId!),
            new Claim(EngagementHubClaims.OrganisationId, actor.OrganisationId!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new Claim(EngagementHubClaims.OrganisationName, actor.OrganisationName ?? ""),
            new Claim(EngagementHubClaims.DisplayName, actor.DisplayName));
        return auth;
    }

    /// <summary>Adds an organisation (with contacts) as an admin, so it has the "created it" history a real one has.</summary>
    public static async Task<Organisation> SeedOrganisationAsync(
        this TestDatabase database, string name, OrganisationKind kind, Action<Organisation>? configure = null, Actor? by = null)
    {
        await using var db = database.CreateContext();
        var organisation = new Organisation(name, kind);
        configure?.Invoke(organisation);
        db.Organisations.Add(organisation);
        await db.ActingAs(by ?? People.Admin(0)).SaveChangesAsync();
        return organisation;
    }

    public static async Task<Organisation?> ReloadAsync(this TestDatabase database, int organisationId)
    {
        await using var db = database.CreateContext();
        return await db.Organisations.AsNoTracking().Include(o => o.Contacts).FirstOrDefaultAsync(o => o.Id == organisationId);
    }

    private sealed class NoAntiforgery : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => null;
    }
}

/// <summary>The people component tests act as; each belongs to an organisation given by id.</summary>
public static class People
{
    public static Actor Admin(int organisationId, string organisationName = "Birmingham LINk") =>
        new("user-admin", "Ada Admin", organisationId, organisationName, UserRole.Admin);

    public static Actor Editor(int organisationId, string organisationName = "NHS South Birmingham") =>
        new("user-editor", "Eddie Editor", organisationId, organisationName, UserRole.Editor);

    public static Actor Viewer(int organisationId, string organisationName = "Care Quality Commission") =>
        new("user-viewer", "Vera Viewer", organisationId, organisationName, UserRole.Viewer);
}
