using System.Globalization;
using EngagementHub.Core;
using EngagementHub.Core.Auditing;
using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Tests.Data;

/// <summary>The one path of an edit to an existing aggregate (<see cref="ChangePath"/>), on an organisation's row, on both databases.</summary>
public abstract class ChangePathTests(DatabaseProvider provider) : IAsyncLifetime
{
    public sealed class Sqlite() : ChangePathTests(DatabaseProvider.Sqlite);

    public sealed class PostgreSql() : ChangePathTests(DatabaseProvider.PostgreSql);

    private const string Gone = "This organisation no longer exists.";

    private readonly CapturingLoggerProvider _logs = new();
    private TestDatabase _database = null!;
    private OrganisationAccess _access = null!;
    private int _id;

    private Actor Editor => new("editor-1", "Lena Khan", _id, "Birmingham LINk", UserRole.Editor);

    private Actor SecondEditor => new("editor-2", "Martin Hughes", _id, "Birmingham LINk", UserRole.Editor);

    private static readonly Actor Outsider = new("editor-9", "Olu Stranger", 999, "Elsewhere", UserRole.Editor);

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        _access = new OrganisationAccess(_logs.CreateLogger<OrganisationAccess>());
        await using var db = _database.CreateContext();
        var link = new Organisation("Birmingham LINk", OrganisationKind.Link);
        db.Organisations.Add(link);
        await db.SaveChangesAsync();
        _id = link.Id;
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task ChangeAsync_ActorMayNot_ThrowsTheFeaturesMessageLogsTheRefusalAndSavesNothing()
    {
        var denied = await Assert.ThrowsAsync<AccessDeniedException>(() => RenameAsync(Outsider, "Renamed"));

        Assert.Equal("You can only do this for your own organisation, as an editor.", denied.Message);
        var warning = Assert.Single(_logs.Warnings);
        Assert.Contains("editor-9", warning.Message, StringComparison.Ordinal);
        Assert.Contains($"organisation {_id}", warning.Message, StringComparison.Ordinal);
        Assert.Equal("Birmingham LINk", await NameAsync());
        Assert.Empty(await AuditAsync());
    }

    [Fact]
    public async Task ChangeAsync_SomeoneSavedSinceTheScreensVersion_DescribesWhoAndSavesNothing()
    {
        var seen = await VersionAsync();
        Assert.True((await RenameAsync(SecondEditor, "Their name", seen)).Succeeded);
        _database.Clock.Advance(TimeSpan.FromMinutes(5));

        var outcome = await RenameAsync(Editor, "My name", seen);

        Assert.False(outcome.Succeeded);
        Assert.Contains("Martin Hughes saved this organisation", outcome.Problem, StringComparison.Ordinal);
        Assert.Contains("(changed: Name)", outcome.Problem, StringComparison.Ordinal);
        Assert.Equal("Their name", await NameAsync());
        Assert.Single(await AuditAsync());
    }

    [Fact]
    public async Task ChangeAsync_BehaviourFails_ReturnsItsOutcomeAndSavesNothing()
    {
        await using var db = _database.CreateContext();

        var outcome = await db.ChangeAsync(Editor, _access, () => LoadAsync(db), Gone, Row, Refuse, organisation =>
        {
            organisation.UpdateDetails("Half-done", null, organisation.Kind, null, null, null, null);
            return Task.FromResult(Outcome.Invalid(new FieldError("Name", "Not this one.")));
        }, CancellationToken.None);

        Assert.Equal("Not this one.", Assert.Single(outcome.Errors).Message);
        Assert.Equal("Birmingham LINk", await NameAsync());
        Assert.Empty(await AuditAsync());
    }

    [Fact]
    public async Task ChangeAsync_Allowed_SavesOnceWithOneAuditEntryAsTheActor()
    {
        var outcome = await RenameAsync(Editor, "Birmingham Local Involvement Network", await VersionAsync());

        Assert.True(outcome.Succeeded);
        Assert.Equal("Birmingham Local Involvement Network", await NameAsync());
        var entry = Assert.Single(await AuditAsync());
        Assert.Equal(AuditAction.Modified, entry.Action);
        Assert.Equal("editor-1", entry.UserId);
        Assert.Contains(new AuditChange("Name", "Birmingham LINk", "Birmingham Local Involvement Network"), entry.Changes);
    }

    [Fact]
    public async Task ChangeAsync_RowGone_ReportsGoneOrSucceedsForARemoval()
    {
        await using var db = _database.CreateContext();
        Task<Organisation?> Nothing() => Task.FromResult<Organisation?>(null);
        Task<Outcome> Apply(Organisation _) => throw new InvalidOperationException("The behaviour of a row that is gone never runs.");

        var edit = await db.ChangeAsync(Editor, _access, Nothing, Gone, Row, Refuse, Apply, CancellationToken.None);
        var removal = await db.ChangeAsync(Editor, _access, Nothing, null, Row, Refuse, Apply, CancellationToken.None);

        Assert.Equal(Gone, edit.Problem);
        Assert.True(removal.Succeeded);
    }

    [Fact]
    public async Task ChangeAsync_SameSubmissionTwice_ChangesOnceAndRecordsTheKey()
    {
        var key = SubmissionKey.New();

        Assert.True((await RenameAsync(Editor, "First", key: key)).Succeeded);
        Assert.True((await RenameAsync(Editor, "Second", key: key)).Succeeded);

        Assert.Equal("First", await NameAsync());
        Assert.Single(await AuditAsync());
        await using var db = _database.CreateContext();
        Assert.Equal(_id.ToString(CultureInfo.InvariantCulture), Assert.Single(await db.Submissions.Select(s => s.ResultId).ToListAsync()));
    }

    // The rename also saves a year's timetable (as a deactivation saves the years it settles), and someone else saved that
    // year a moment before: the organisation's own row was not the one that met another save, so the message does not
    // name whoever last saved the organisation, who did not cause it.
    [Fact]
    public async Task ChangeAsync_ARelatedRowTheChangeAlsoSavesWasSavedMeanwhile_SaysSoAndSavesNothing()
    {
        Assert.True((await RenameAsync(SecondEditor, "Their name")).Succeeded);
        await using (var setUp = _database.CreateContext())
        {
            setUp.AnnualTimetables.Add(new EngagementHub.Core.Timetables.AnnualTimetable(new FinancialYear(2026)));
            await setUp.SaveChangesAsync();
        }

        await using var db = _database.CreateContext();
        var year = await db.AnnualTimetables.SingleAsync();
        var outcome = await db.ChangeAsync(Editor, _access, () => LoadAsync(db), Gone, Row, Refuse, async organisation =>
        {
            organisation.UpdateDetails("My name", null, organisation.Kind, null, null, null, null);
            db.SaveUnderItsVersion(year);
            await using var other = _database.CreateContext();
            other.SaveUnderItsVersion(await other.AnnualTimetables.SingleAsync());
            await other.SaveChangesAsync();
            return Outcome.Success;
        }, CancellationToken.None);

        Assert.Equal("Something this change to the organisation also updates was saved by someone else at the same moment, so nothing was saved. Try again.",
            outcome.Problem);
        Assert.Equal("Their name", await NameAsync());
    }

    private async Task<Outcome> RenameAsync(Actor actor, string name, Guid? seen = null, SubmissionKey key = default)
    {
        await using var db = _database.CreateContext();
        return await db.ChangeAsync(actor, _access, () => LoadAsync(db), Gone, Row, o => Refuse(o, actor), organisation =>
        {
            organisation.UpdateDetails(name, null, organisation.Kind, null, null, null, null);
            return Task.FromResult(Outcome.Success);
        }, CancellationToken.None, seenVersion: seen, key: key, keyAction: "rename", clock: _database.Clock);
    }

    private Refusal? Refuse(Organisation organisation) => Refuse(organisation, Editor);

    private static Refusal? Refuse(Organisation organisation, Actor actor) =>
        OrganisationAccess.CanActFor(actor, organisation.Id) ? null : Refusal.NotActingFor(organisation.Id, "rename an organisation");

    private static ChangedRow Row(Organisation organisation) => new(nameof(Organisation), organisation.Id, "organisation");

    private Task<Organisation?> LoadAsync(EngagementHubDbContext db) => db.Organisations.FirstOrDefaultAsync(o => o.Id == _id);

    private async Task<string> NameAsync()
    {
        await using var db = _database.CreateContext();
        return await db.Organisations.Where(o => o.Id == _id).Select(o => o.Name).SingleAsync();
    }

    private async Task<Guid> VersionAsync()
    {
        await using var db = _database.CreateContext();
        return await db.Organisations.Where(o => o.Id == _id).Select(o => o.Version).SingleAsync();
    }

    private async Task<List<AuditEntry>> AuditAsync()
    {
        await using var db = _database.CreateContext();
        var key = _id.ToString(CultureInfo.InvariantCulture);
        return await db.AuditEntries.Where(a => a.EntityType == nameof(Organisation) && a.EntityId == key && a.Action != AuditAction.Added).ToListAsync();
    }
}
