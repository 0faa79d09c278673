using EngagementHub.Core.Common;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Tests.Data.Notifications;

/// <summary>
/// What waits on an organisation when an administrator deactivates it, and who is told (2026-12-02): South, a
/// commissioner, is deactivated by East's administrator through the directory as Core wires it; its own people are told
/// nothing, the other side of each record that waited on it is.
/// </summary>
public abstract partial class WorkflowNotificationTests
{
    /// <summary>Every notice of <paramref name="workflowEvent"/> to <paramref name="recipient"/>, in id order.</summary>
    private async Task<List<Notification>> AllToAsync(string workflowEvent, Actor recipient)
    {
        await using var db = _database.CreateContext();
        return await db.Notifications.AsNoTracking().Where(n => n.Event == workflowEvent && n.UserId == recipient.UserId).OrderBy(n => n.Id).ToListAsync();
    }

    private async Task<Guid> ExerciseVersionAsync(int id) => (await _exercises.GetAsync(id))!.Exercise.Version;

    private async Task<int> OptionProposedByLenaAsync(int option = 3)
    {
        var id = await ExerciseAsync(_lena);
        Assert.True((await _exercises.ProposeOptionAsync(_lena, id, option, "Our members are best placed to run it.", [], await ExerciseVersionAsync(id))).Succeeded);
        return id;
    }

    private async Task MoveExerciseAsync(Actor by, int id, params ExerciseState[] states)
    {
        foreach (var state in states)
        {
            var moved = await _exercises.MoveToAsync(by, id, state, await ExerciseVersionAsync(id));
            Assert.True(moved.Succeeded, moved.Problem);
        }
    }

    // ----- An exercise's lead commissioner -----

    [Fact]
    public async Task SetActiveAsync_LeadDeactivatedWhileTheLinksProposalAwaitedIt_TheLinksEditorsToldToMoveItToAnotherLeadOrCancelIt()
    {
        var id = await OptionProposedByLenaAsync();

        await DeactivateSouthAsync();

        Assert.Equal(Ids(_lena, _larry), await ToldAsync(WorkflowEvents.ExerciseLeadDeactivated));
        var notice = await OneAsync(WorkflowEvents.ExerciseLeadDeactivated, _lena);
        Assert.Equal((NotificationCategory.Agreement, true, PageLink.Exercise(id).Stored), (notice.Category, notice.NeedsAction, notice.Link));
        Assert.Equal("Lead commissioner deactivated: \"Maternity choices\"", notice.Title);
        Assert.Contains("Eve Admin (NHS Birmingham East and North) deactivated NHS South Birmingham, the lead commissioner of \"Maternity choices\", "
                        + "while its joint-working option was not agreed: option 3 was awaiting NHS South Birmingham's agreement.", notice.Body);
        Assert.Contains("edit it and choose another lead commissioner to agree the option with; if it will not go ahead, cancel it.", notice.Body);
        // What it is asked to do is open to it.
        var exercise = (await _exercises.GetAsync(id))!.Exercise;
        Assert.True(ExerciseService.StepsOpenTo(_lena, exercise) is { ChangeLead: true } steps && steps.Moves.Contains(ExerciseState.Cancelled));
        Assert.Equal(AgreementStatus.AwaitingAgreement, exercise.AgreementStatus);
    }

    [Fact]
    public async Task SetActiveAsync_LeadThatProposedTheExerciseDeactivatedBeforeAnyOption_TheLinkToldOnlyAnAdministratorCanLetItGoOn()
    {
        var id = await ExerciseAsync(_colin);

        await DeactivateSouthAsync();

        Assert.Equal(Ids(_lena, _larry), await ToldAsync(WorkflowEvents.ExerciseLeadDeactivated));
        var notice = await OneAsync(WorkflowEvents.ExerciseLeadDeactivated, _larry);
        Assert.Equal((NotificationCategory.Agreement, false, PageLink.Exercise(id).Stored), (notice.Category, notice.NeedsAction, notice.Link));
        Assert.Contains("while its joint-working option was not agreed: no option had been proposed yet.", notice.Body);
        Assert.Contains("Only the lead commissioner can move or cancel an exercise it proposed, so nothing more can be done with it in the app "
                        + "unless an administrator reactivates NHS South Birmingham.", notice.Body);
        // Nor may the LINk move or cancel it itself.
        var steps = ExerciseService.StepsOpenTo(_lena, (await _exercises.GetAsync(id))!.Exercise);
        Assert.False(steps.Edit || steps.ChangeLead || steps.Moves.Count > 0);
    }

    [Fact]
    public async Task SetActiveAsync_LeadDeactivatedWithAChangeAskedEitherWay_TheLinkToldOfEachExercise()
    {
        // South asked for a change to the LINk's proposal; the LINk asked for a change to South's.
        var asked = await OptionProposedByLenaAsync();
        var proposal = (await _exercises.GetAsync(asked))!.Exercise.CurrentProposal!.Id;
        Assert.True((await _exercises.RequestChangeAsync(_colin, asked, proposal, "Option 2 suits the timescale.")).Succeeded);
        var (asking, colins) = await ProposedByColinAsync();
        Assert.True((await _exercises.RequestChangeAsync(_lena, asking, colins, "Option 3 would suit our members better.")).Succeeded);

        await DeactivateSouthAsync();

        var told = await AllToAsync(WorkflowEvents.ExerciseLeadDeactivated, _lena);
        Assert.Equal([PageLink.Exercise(asked).Stored, PageLink.Exercise(asking).Stored], told.Select(n => n.Link));
        Assert.Contains("not agreed: NHS South Birmingham had asked for a change to option 3.", told[0].Body);
        Assert.True(told[0].NeedsAction);
        Assert.Contains("not agreed: your side had asked NHS South Birmingham for a change to option 2.", told[1].Body);
        Assert.False(told[1].NeedsAction);
    }

    [Fact]
    public async Task SetActiveAsync_LeadDeactivated_ExercisesNotWaitingOnItAndThoseOfAnotherLead_NobodyToldOfThem()
    {
        var waiting = await OptionProposedByLenaAsync();
        // Agreed; cancelled and closed with an option awaiting South; South's own proposal awaiting the LINk.
        var (agreed, proposal) = await ProposedByColinAsync();
        Assert.True((await _exercises.AgreeAsync(_lena, agreed, proposal)).Succeeded);
        await MoveExerciseAsync(_lena, await OptionProposedByLenaAsync(), ExerciseState.Cancelled);
        var (closed, first) = await ProposedByColinAsync();
        Assert.True((await _exercises.AgreeAsync(_lena, closed, first)).Succeeded);
        await MoveExerciseAsync(_colin, closed, ExerciseState.Running);
        Assert.True((await _exercises.ProposeOptionAsync(_lena, closed, 4, "Let us lead the events.", [], await ExerciseVersionAsync(closed))).Succeeded);
        await MoveExerciseAsync(_colin, closed, ExerciseState.Reporting, ExerciseState.Closed);
        await ProposedByColinAsync();
        // Led by East, with South as a partner, the LINk's proposal awaiting East.
        var details = Details(_south.Id);
        details.LeadCommissionerId = _east.Id;
        var eastLed = await _exercises.CreateAsync(_lena, details);
        Assert.True((await _exercises.ProposeOptionAsync(_lena, eastLed.Value, 3, "Our members run it.", [], await ExerciseVersionAsync(eastLed.Value))).Succeeded);

        await DeactivateSouthAsync();

        // Only of the one that waits on South.
        Assert.Equal(Ids(_lena, _larry), await ToldAsync(WorkflowEvents.ExerciseLeadDeactivated));
        Assert.Equal([PageLink.Exercise(waiting).Stored], (await AllToAsync(WorkflowEvents.ExerciseLeadDeactivated, _lena)).Select(n => n.Link));
    }

    // ----- A response deadline's recipient -----

    private async Task<ResponseDeadline> DeadlineAsync(int id) => (await _deadlines.GetAsync(id))!.Deadline;

    private static DateOnly Today => new(2026, 11, 2);

    private async Task<int> LoggedToEastAsync()
    {
        await using var db = _database.CreateContext();
        var outcome = await _deadlines.LogAsync(_lena, new DeadlineInput
        {
            RuleId = await db.DeadlineRules.Where(r => r.Kind == DeadlineKind.InformationRequest).Select(r => r.Id).SingleAsync(),
            Subject = "Hospital discharge letters", ToOrganisationId = _east.Id, Received = new DateOnly(2026, 10, 30),
        });
        Assert.True(outcome.Succeeded);
        return outcome.Value;
    }

    [Fact]
    public async Task SetActiveAsync_RecipientDeactivatedWithARequestOpen_TheLinkAndItsOwnerToldToRecordOrWithdrawItAndWhenItCanBeEscalated()
    {
        var id = await LoggedByLenaAsync();
        // Lena, its owner, is a viewer now: told as its owner, as Vic, a viewer, is not.
        await using (var db = _database.CreateContext())
        {
            (await db.Users.SingleAsync(u => u.Id == _lena.UserId)).Role = UserRole.Viewer;
            await db.SaveChangesAsync();
        }

        var before = await DeadlineAsync(id);

        await DeactivateSouthAsync();

        Assert.Equal(Ids(_lena, _larry), await ToldAsync(WorkflowEvents.DeadlineRecipientDeactivated));
        var notice = await OneAsync(WorkflowEvents.DeadlineRecipientDeactivated, _larry);
        Assert.Equal((NotificationCategory.Deadlines, true, PageLink.Deadline(id).Stored), (notice.Category, notice.NeedsAction, notice.Link));
        Assert.Equal("NHS South Birmingham deactivated before answering: Waiting times for wheelchair assessments", notice.Title);
        var due = UkTime.FormatDate(before.DueDate);
        Assert.Equal("Eve Admin (NHS Birmingham East and North) deactivated NHS South Birmingham, which had not yet answered the request for information "
                     + $"\"Waiting times for wheelchair assessments\" (due {due}). Its people can no longer sign in, so nobody there can record the answer in the app, "
                     + "though it is still owed. If the answer reaches you another way, record it yourself; if it is no longer needed, withdraw it. "
                     + $"If it is still unanswered after {due}, you can escalate it to the scrutiny committee.", notice.Body);
        // Those steps are the LINk's to take, and the deadline is as it was.
        var after = await DeadlineAsync(id);
        Assert.True(DeadlineService.StepsOpenTo(_larry, after, Today) is { RecordAnswer: true, Withdraw: true, Escalate: false });
        Assert.Equal((before.State, before.DueDate, before.Version), (after.State, after.DueDate, after.Version));
    }

    [Fact]
    public async Task SetActiveAsync_RecipientDeactivatedWithAnOverdueRequestAndTheLinksExtensionAwaitingIt_ToldTheExtensionCannotBeAgreedAndItCanBeEscalated()
    {
        var id = await LoggedByLenaAsync(new DateOnly(2026, 9, 1));
        Assert.True((await _deadlines.ProposeExtensionAsync(_lena, id, new DateOnly(2026, 12, 18), "Our panel meets in December.", waitingSeen: null)).Succeeded);
        var due = (await DeadlineAsync(id)).DueDate;

        await DeactivateSouthAsync();

        var notice = await OneAsync(WorkflowEvents.DeadlineRecipientDeactivated, _lena);
        Assert.Contains($"The extension your side proposed, to {UkTime.FormatDate(new DateOnly(2026, 12, 18))}, can no longer be agreed by NHS South Birmingham: "
                        + $"the due date stays {UkTime.FormatDate(due)}.", notice.Body);
        Assert.EndsWith(" It is overdue, so you can also escalate it to the scrutiny committee.", notice.Body);
        var after = await DeadlineAsync(id);
        Assert.True(DeadlineService.StepsOpenTo(_lena, after, Today) is { Escalate: true, AgreeExtension: false });
        Assert.Equal((due, new DateOnly(2026, 12, 18)), (after.DueDate, after.ProposedDueDate));
    }

    [Fact]
    public async Task SetActiveAsync_RecipientDeactivatedWithItsOwnExtensionAwaitingTheLink_ToldItStillAwaitsTheLinksAgreement()
    {
        var id = await LoggedByLenaAsync();
        Assert.True((await _deadlines.ProposeExtensionAsync(_colin, id, new DateOnly(2026, 12, 18), "The data team is short-staffed.", waitingSeen: null)).Succeeded);

        await DeactivateSouthAsync();

        Assert.Contains($" Its proposal to move the due date to {UkTime.FormatDate(new DateOnly(2026, 12, 18))} still awaits your side's agreement.",
            (await OneAsync(WorkflowEvents.DeadlineRecipientDeactivated, _lena)).Body);
        Assert.True(DeadlineService.StepsOpenTo(_lena, await DeadlineAsync(id), Today).AgreeExtension);
    }

    [Fact]
    public async Task SetActiveAsync_RecipientDeactivated_DeadlinesAnsweredWithdrawnEscalatedOrSentToAnother_NobodyToldOfThem()
    {
        var answered = await LoggedByLenaAsync();
        Assert.True((await _deadlines.RecordAnswerAsync(_colin, answered, "Median wait 14 weeks.", Today)).Succeeded);
        Assert.True((await _deadlines.WithdrawAsync(_larry, await LoggedByLenaAsync())).Succeeded);
        Assert.True((await _deadlines.EscalateAsync(_lena, await LoggedByLenaAsync(new DateOnly(2026, 9, 1)))).Succeeded);
        await LoggedToEastAsync();
        // Acknowledged, its answer still owed: still open.
        var acknowledged = await LoggedByLenaAsync();
        Assert.True((await _deadlines.AcknowledgeAsync(_colin, acknowledged)).Succeeded);

        await DeactivateSouthAsync();

        Assert.Equal(Ids(_lena, _larry), await ToldAsync(WorkflowEvents.DeadlineRecipientDeactivated));
        Assert.Equal([PageLink.Deadline(acknowledged).Stored], (await AllToAsync(WorkflowEvents.DeadlineRecipientDeactivated, _lena)).Select(n => n.Link));
    }

    [Fact]
    public async Task SetActiveAsync_ScrutinyCommitteeDeactivatedBeforeAcknowledgingAReferral_TheLinkToldWithoutBeingOfferedEscalation()
    {
        var referral = await _deadlines.EscalateAsync(_lena, await LoggedByLenaAsync(new DateOnly(2026, 9, 1)));
        Assert.True(referral.Succeeded);

        await DeactivateAsync(_scrutiny);

        Assert.Equal(Ids(_lena, _larry), await ToldAsync(WorkflowEvents.DeadlineRecipientDeactivated));
        var notice = await OneAsync(WorkflowEvents.DeadlineRecipientDeactivated, _lena);
        Assert.Equal(PageLink.Deadline(referral.Value).Stored, notice.Link);
        Assert.Equal("Health Overview and Scrutiny Committee deactivated before acknowledging: Referral: Waiting times for wheelchair assessments", notice.Title);
        Assert.Contains("which had not yet acknowledged the referral \"Referral: Waiting times for wheelchair assessments\"", notice.Body);
        Assert.Contains("nobody there can acknowledge it in the app", notice.Body);
        Assert.DoesNotContain("escalate", notice.Body, StringComparison.OrdinalIgnoreCase);
    }
}
