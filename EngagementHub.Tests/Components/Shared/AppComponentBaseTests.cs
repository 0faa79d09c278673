using Bunit;
using EngagementHub.Core;
using EngagementHub.Core.Common;
using EngagementHub.Core.Organisations;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace EngagementHub.Tests.Components.Shared;

public sealed class AppComponentBaseTests : BunitTestContextBase
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task RunAsync_DatabaseGoneDuringASave_SaysSoAndKeepsThePageAlive(DatabaseProvider provider)
    {
        var database = await CreateDatabaseAsync(provider);
        Context.UseEngagementHub(database);
        var pct = await database.SeedOrganisationAsync("South Birmingham PCT", OrganisationKind.Commissioner);
        Context.SignIn(People.Admin(pct.Id));
        var cut = Context.Render<SaveProbe>();
        var directory = Context.Services.GetRequiredService<OrganisationDirectory>();
        await database.BreakAsync();

        var outcome = await cut.InvokeAsync(() => cut.Instance.SaveAsync(actor => directory.UpdateAsync(actor, pct.Id, new OrganisationInput
        {
            Name = "NHS South Birmingham",
            Kind = OrganisationKind.Commissioner,
            Version = pct.Version,
        })));

        Assert.Null(outcome);
        var shown = Assert.Single(Context.Services.GetRequiredService<ISnackbar>().ShownSnackbars);
        Assert.Equal(AppComponentBase.DatabaseUnavailableMessage, shown.Message);
    }

    [Fact]
    public async Task RunAsync_ConcurrentChangeNoServiceSettled_SaysNothingWasSavedAndKeepsThePageAlive()
    {
        var database = await CreateDatabaseAsync();
        Context.UseEngagementHub(database);
        var pct = await database.SeedOrganisationAsync("South Birmingham PCT", OrganisationKind.Commissioner);
        Context.SignIn(People.Admin(pct.Id));
        var cut = Context.Render<SaveProbe>();

        var outcome = await cut.InvokeAsync(() => cut.Instance.SaveAsync(_ =>
            throw new Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException("the year's timetable kept changing")));

        Assert.Null(outcome);
        var shown = Assert.Single(Context.Services.GetRequiredService<ISnackbar>().ShownSnackbars);
        Assert.Equal(AppComponentBase.SavedMeanwhileMessage, shown.Message);
    }

    [Fact]
    public void IsDatabaseFailure_ProviderErrorsCountRuleBreachesDoNot()
    {
        Assert.False(AppComponentBase.IsDatabaseFailure(new InvalidOperationException("not the database")));
        Assert.False(AppComponentBase.IsDatabaseFailure(new Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException("someone saved first")));
        Assert.True(AppComponentBase.IsDatabaseFailure(new InvalidOperationException("wrapped", new Microsoft.Data.Sqlite.SqliteException("disk I/O error", 10))));
    }

    /// <summary>The smallest page that saves through <see cref="AppComponentBase.RunAsync{T}"/>.</summary>
    private sealed class SaveProbe : AppComponentBase
    {
        public Task<Outcome?> SaveAsync(Func<EngagementHub.Core.Identity.Actor, Task<Outcome>> save) => RunAsync(save);
    }
}
