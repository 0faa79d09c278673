using EngagementHub.Core.Common;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using EngagementHub.Core.Reviews;
using EngagementHub.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Tests.Data.Reviews;

/// <summary>
/// The joint reviews' reminders are recorded only for what is still due as read: an action done, or a round submitted,
/// between the sweep's read and its write gets no reminder (ADR 6). The interleaving is forced: the sweep is held once
/// its read has run, and on PostgreSQL released, when the change is being saved, only once it waits for the change's row.
/// </summary>
public abstract partial class ReviewServiceTests
{
    [Theory]
    [InlineData("done between the sweep's read and its write")]
    [InlineData("being marked done when the sweep writes")]
    public async Task RemindAsync_ActionDoneBetweenTheSweepsReadAndItsWrite_NoReminderRecorded(string when)
    {
        var (_, action) = await RoundWithAnActionAsync(new DateOnly(2026, 10, 5));
        // Thursday 1 October 2026: the action is due the Monday after, so it is due soon. The first read of the actions is
        // of those due soon.
        var today = new DateOnly(2026, 10, 1);
        _database.Clock.SetUtcNow(new DateTimeOffset(today.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
        var pause = new QueryPause(c => c.CommandText.Contains("\"DoneOn\" IS NULL", StringComparison.Ordinal));

        var sweeping = Task.Run(async () =>
        {
            await using var db = pause.Factory(_database).CreateDbContext();
            return await ReviewReminders.RemindAsync(db, new WorkingDayCalendar([]), today, _database.Clock.GetUtcNow());
        });
        await pause.Arrived.WaitAsync(RaceGate.Patience);
        if (when == "done between the sweep's read and its write")
        {
            Assert.True((await _service.CompleteActionAsync(Editor(_south), action)).Succeeded);
            pause.Release();
        }
        else
        {
            await using var db = _database.CreateContext();
            await using var completing = await db.Database.BeginTransactionAsync();
            (await db.ReviewActions.SingleAsync(a => a.Id == action)).MarkDone(today);
            await db.SaveChangesAsync();
            pause.Release();
            await _database.WaitingForALockAsync(sweeping);
            await completing.CommitAsync();
        }

        Assert.Equal(0, await sweeping);
        await using var check = _database.CreateContext();
        Assert.Empty(await check.Notifications.AsNoTracking()
            .Where(n => n.Event == WorkflowEvents.ReviewActionDue || n.Event == WorkflowEvents.ReviewActionOverdue).ToListAsync());
        Assert.Null((await check.ReviewActions.AsNoTracking().SingleAsync(a => a.Id == action)).DueSoonRemindedFor);
    }

    [Fact]
    public async Task RemindAsync_RoundSubmittedBetweenTheSweepsReadAndItsWrite_NoClosingReminderRecorded()
    {
        await AddReviewUsersAsync();
        var round = await _service.OpenRoundAsync(Editor(_link), new RoundInput { Year = 2026, CommissionerOrganisationId = _south.Id, ClosesOn = new DateOnly(2026, 10, 5) });
        await RateAllAsync(Editor(_link), round.Value, ReviewScore.LargelyMet, submit: true);
        var today = new DateOnly(2026, 10, 1);
        var pause = new QueryPause(c => c.CommandText.Contains("\"ClosingRemindedFor\"", StringComparison.Ordinal));

        var sweeping = Task.Run(async () =>
        {
            await using var db = pause.Factory(_database).CreateDbContext();
            return await ReviewReminders.RemindAsync(db, new WorkingDayCalendar([]), today, _database.Clock.GetUtcNow());
        });
        await pause.Arrived.WaitAsync(RaceGate.Patience);
        await RateAllAsync(Editor(_south), round.Value, ReviewScore.PartlyMet, submit: true);
        pause.Release();

        Assert.Equal(0, await sweeping);
        await using var check = _database.CreateContext();
        Assert.Empty(await check.Notifications.AsNoTracking().Where(n => n.Event == "review.closing").ToListAsync());
        Assert.Null((await check.ReviewRounds.AsNoTracking().SingleAsync(r => r.Id == round.Value)).ClosingRemindedFor);
    }

    // The round's commissioner is deactivated between the sweep's read and its write, before either side submitted: the
    // round can no longer go on (ReviewRound.CannotGoOn), so the LINk is not asked to rate it either, and nothing is
    // recorded (ADR 6, ADR 23).
    [Fact]
    public async Task RemindAsync_CommissionerDeactivatedBetweenTheSweepsReadAndItsWrite_NoClosingReminderRecorded()
    {
        await AddReviewUsersAsync();
        var round = await _service.OpenRoundAsync(Editor(_link), new RoundInput { Year = 2026, CommissionerOrganisationId = _south.Id, ClosesOn = new DateOnly(2026, 10, 5) });
        var today = new DateOnly(2026, 10, 1);
        // Held once it has read which organisations are deactivated, its last look at them before it writes.
        var pause = new QueryPause(c => c.CommandText.Contains("FROM \"Organisations\"", StringComparison.Ordinal) && c.CommandText.Contains("NOT (", StringComparison.Ordinal)
                                        && !c.CommandText.Contains("\"Review", StringComparison.Ordinal));

        var sweeping = Task.Run(async () =>
        {
            await using var db = pause.Factory(_database).CreateDbContext();
            return await ReviewReminders.RemindAsync(db, new WorkingDayCalendar([]), today, _database.Clock.GetUtcNow());
        });
        await pause.Arrived.WaitAsync(RaceGate.Patience);
        await _database.SetOrganisationActiveAsync(_south.Id, active: false);
        pause.Release();

        Assert.Equal(0, await sweeping);
        await using var check = _database.CreateContext();
        Assert.Empty(await check.Notifications.AsNoTracking().Where(n => n.Event == WorkflowEvents.ReviewClosing).ToListAsync());
        Assert.Null((await check.ReviewRounds.AsNoTracking().SingleAsync(r => r.Id == round.Value)).ClosingRemindedFor);
    }

    // The organisation that owns an agreed action is deactivated between the sweep's read and its write: no reminder is
    // recorded for it (nobody there may be told, ADR 4), and none is spent: reactivated, it is reminded by the next sweep.
    [Fact]
    public async Task RemindAsync_ActionOwnerDeactivatedBetweenTheSweepsReadAndItsWrite_NoReminderRecordedUntilReactivated()
    {
        var (_, action) = await RoundWithAnActionAsync(new DateOnly(2026, 10, 5));
        var today = new DateOnly(2026, 10, 1);
        _database.Clock.SetUtcNow(new DateTimeOffset(today.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));
        var pause = new QueryPause(c => c.CommandText.Contains("\"DoneOn\" IS NULL", StringComparison.Ordinal));

        var sweeping = Task.Run(async () =>
        {
            await using var db = pause.Factory(_database).CreateDbContext();
            return await ReviewReminders.RemindAsync(db, new WorkingDayCalendar([]), today, _database.Clock.GetUtcNow());
        });
        await pause.Arrived.WaitAsync(RaceGate.Patience);
        await _database.SetOrganisationActiveAsync(_south.Id, active: false);
        pause.Release();

        Assert.Equal(0, await sweeping);
        await using (var check = _database.CreateContext())
        {
            Assert.Null((await check.ReviewActions.AsNoTracking().SingleAsync(a => a.Id == action)).DueSoonRemindedFor);
        }

        await _database.SetOrganisationActiveAsync(_south.Id, active: true);
        await using (var db = _database.CreateContext())
        {
            Assert.Equal(1, await ReviewReminders.RemindAsync(db, new WorkingDayCalendar([]), today, _database.Clock.GetUtcNow()));
        }

        await using var after = _database.CreateContext();
        var reminder = Assert.Single(await after.Notifications.AsNoTracking().Where(n => n.Event == WorkflowEvents.ReviewActionDue).ToListAsync());
        Assert.Equal("colin", reminder.UserId);
    }

    private async Task AddReviewUsersAsync()
    {
        await using var setup = _database.CreateContext();
        setup.Users.AddRange(
            new ApplicationUser { Id = "lena", UserName = "lena", DisplayName = "Lena Khan", OrganisationId = _link.Id, Role = UserRole.Editor },
            new ApplicationUser { Id = "colin", UserName = "colin", DisplayName = "Colin Marsh", OrganisationId = _south.Id, Role = UserRole.Editor });
        await setup.SaveChangesAsync();
    }

    /// <summary>A round both sides submitted, with one action owned by the commissioner and due on <paramref name="dueOn"/>.</summary>
    private async Task<(int Round, int Action)> RoundWithAnActionAsync(DateOnly dueOn)
    {
        await AddReviewUsersAsync();
        var round = await OpenAsync();
        await RateAllAsync(Editor(_link), round, ReviewScore.LargelyMet, submit: true);
        await RateAllAsync(Editor(_south), round, ReviewScore.PartlyMet, submit: true);
        var added = await _service.AddActionAsync(Editor(_link), round, new ActionInput
        {
            Text = "Invite the LINk to the board's development session",
            OwnerOrganisationId = _south.Id,
            DueOn = dueOn,
        });
        Assert.True(added.Succeeded, added.Problem);
        return (round, added.Value);
    }
}
