using EngagementHub.Core.Common;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Home;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Notifications;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Reviews;
using EngagementHub.Core.WorkProgramme;
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

    private async Task<ProposalSeen> ProposalShownAsync(int id) => ProposalSeen.Of((await _exercises.GetAsync(id))!.Exercise.CurrentProposal);

    private async Task<int> OptionProposedByLenaAsync(int option = 3)
    {
        var id = await ExerciseAsync(_lena);
        Assert.True((await _exercises.ProposeOptionAsync(_lena, id, option, "Our members are best placed to run it.", [], await ProposalShownAsync(id))).Succeeded);
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
    public async Task SetActiveAsync_DeactivatedTwice_ItsPartnersToldOnce()
    {
        await OptionProposedByLenaAsync();
        await DeactivateSouthAsync();

        await DeactivateSouthAsync();

        Assert.Equal(Ids(_lena, _larry), await ToldAsync(WorkflowEvents.ExerciseLeadDeactivated));
    }

    [Fact]
    public async Task SetActiveAsync_LeadDeactivatedWithItsOwnProposalAwaitingTheLink_TheLinkStillHasItToAnswerOnMyWork()
    {
        var (id, _) = await ProposedByColinAsync();

        await DeactivateSouthAsync();

        var work = (await new EngagementHub.Core.Home.MyWorkService(_database.Factory, _database.Clock).ForAsync(_lena))!;
        Assert.Equal("Agree the option, or ask for a change.", Assert.Single(work.Agreements, a => a.Link == PageLink.Exercise(id)).NextStep);
    }

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
        Assert.Contains("while its joint-working option was not agreed: no option was proposed.", notice.Body);
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
        Assert.True((await _exercises.ProposeOptionAsync(_lena, closed, 4, "Let us lead the events.", [], await ProposalShownAsync(closed))).Succeeded);
        await MoveExerciseAsync(_colin, closed, ExerciseState.Reporting, ExerciseState.Closed);
        await ProposedByColinAsync();
        // Led by East, with South as a partner, the LINk's proposal awaiting East.
        var details = Details(_south.Id);
        details.LeadCommissionerId = _east.Id;
        var eastLed = await _exercises.CreateAsync(_lena, details);
        Assert.True((await _exercises.ProposeOptionAsync(_lena, eastLed.Value, 3, "Our members run it.", [], await ProposalShownAsync(eastLed.Value))).Succeeded);

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
        Assert.True(DeadlineService.StepsOpenTo(_larry, after, Today, OrganisationKind.Commissioner) is { RecordAnswer: true, Withdraw: true, Escalate: false });
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
        Assert.True(DeadlineService.StepsOpenTo(_lena, after, Today, OrganisationKind.Commissioner) is { Escalate: true, AgreeExtension: false });
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
        Assert.True(DeadlineService.StepsOpenTo(_lena, await DeadlineAsync(id), Today, OrganisationKind.Commissioner).AgreeExtension);
    }

    [Fact]
    public async Task SetActiveAsync_RecipientDeactivated_DeadlinesAnsweredWithdrawnOrSentToAnother_NobodyToldOfThem()
    {
        var answered = await LoggedByLenaAsync();
        Assert.True((await _deadlines.RecordAnswerAsync(_colin, answered, "Median wait 14 weeks.", Today)).Succeeded);
        Assert.True((await _deadlines.WithdrawAsync(_larry, await LoggedByLenaAsync())).Succeeded);
        await LoggedToEastAsync();
        // Acknowledged, its answer still owed: still open.
        var acknowledged = await LoggedByLenaAsync();
        Assert.True((await _deadlines.AcknowledgeAsync(_colin, acknowledged)).Succeeded);

        await DeactivateSouthAsync();

        Assert.Equal(Ids(_lena, _larry), await ToldAsync(WorkflowEvents.DeadlineRecipientDeactivated));
        Assert.Equal([PageLink.Deadline(acknowledged).Stored], (await AllToAsync(WorkflowEvents.DeadlineRecipientDeactivated, _lena)).Select(n => n.Link));
    }

    // Escalating does not release the organisation from answering (ADR 12): deactivated while it still owes the answer to
    // an escalated request, the LINk is told nobody there can record it, and to record it itself should it come; there is
    // nothing to withdraw, extend or escalate again. Before, escalated deadlines told nobody.
    [Fact]
    public async Task SetActiveAsync_RecipientDeactivatedOwingTheAnswerToAnEscalatedRequest_TheLinkToldToRecordItShouldItCome()
    {
        var id = await LoggedByLenaAsync(new DateOnly(2026, 9, 1));
        Assert.True((await _deadlines.EscalateAsync(_lena, id)).Succeeded);
        var due = (await DeadlineAsync(id)).DueDate;

        await DeactivateSouthAsync();

        Assert.Equal(Ids(_lena, _larry), await ToldAsync(WorkflowEvents.DeadlineRecipientDeactivated));
        var notice = await OneAsync(WorkflowEvents.DeadlineRecipientDeactivated, _lena);
        Assert.Equal((false, PageLink.Deadline(id).Stored), (notice.NeedsAction, notice.Link));
        Assert.Equal("NHS South Birmingham deactivated before answering: Waiting times for wheelchair assessments", notice.Title);
        Assert.Equal($"Eve Admin (NHS Birmingham East and North) deactivated NHS South Birmingham, which had not answered the request for information "
                     + $"\"Waiting times for wheelchair assessments\" (due {UkTime.FormatDate(due)}) when it was escalated to the scrutiny committee, and still owes "
                     + "the answer. Its people can no longer sign in, so nobody there can record it in the app. If the answer reaches you another way, record it yourself.",
            notice.Body);
        Assert.True(DeadlineService.StepsOpenTo(_lena, await DeadlineAsync(id), Today, OrganisationKind.Commissioner) is { RecordAnswer: true, Withdraw: false, Escalate: false });
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

    // The committee acknowledged the referral, which met its duty, and owes its follow-up answer when it is deactivated:
    // the LINk is told nobody there can record it, and to record it itself should it come; nothing to withdraw or
    // escalate. Before, only open deadlines were told, so the follow-up was left waiting on nobody unseen.
    [Fact]
    public async Task SetActiveAsync_ScrutinyCommitteeDeactivatedOwingAFollowUp_TheLinkToldToRecordItShouldItCome()
    {
        var referral = await _deadlines.EscalateAsync(_lena, await LoggedByLenaAsync(new DateOnly(2026, 9, 1)));
        Assert.True(referral.Succeeded);
        Assert.True((await _deadlines.AcknowledgeAsync(As(_scott, _scrutiny), referral.Value)).Succeeded);

        await DeactivateAsync(_scrutiny);

        Assert.Equal(Ids(_lena, _larry), await ToldAsync(WorkflowEvents.DeadlineRecipientDeactivated));
        var notice = await OneAsync(WorkflowEvents.DeadlineRecipientDeactivated, _lena);
        Assert.Equal((false, PageLink.Deadline(referral.Value).Stored), (notice.NeedsAction, notice.Link));
        Assert.Equal("Health Overview and Scrutiny Committee deactivated before its follow-up: Referral: Waiting times for wheelchair assessments", notice.Title);
        Assert.Equal("Eve Admin (NHS Birmingham East and North) deactivated Health Overview and Scrutiny Committee, which had acknowledged the referral "
                     + "\"Referral: Waiting times for wheelchair assessments\" but not yet sent its follow-up answer. Its people can no longer sign in, so nobody "
                     + "there can record it in the app. If the follow-up reaches you another way, record it yourself as the answer.", notice.Body);
        Assert.True(DeadlineService.StepsOpenTo(_lena, await DeadlineAsync(referral.Value), Today, OrganisationKind.Scrutiny) is { RecordAnswer: true, Withdraw: false, Escalate: false });
    }

    // ----- A joint review's commissioner, and the owner of its actions -----

    private const string ReviewWithSouth = "the 2026/27 joint review between Birmingham LINk and NHS South Birmingham";

    [Fact]
    public async Task SetActiveAsync_CommissionerDeactivatedBeforeItsSideRated_TheLinkToldTheRoundCannotGoOnAndToOpenOneWithAll()
    {
        var round = await RoundOpenedByAsync(_lena, _south);
        await RateAllAsync(_colin, round, submit: false);

        await DeactivateSouthAsync();

        Assert.Equal(Ids(_lena, _larry), await ToldAsync(WorkflowEvents.ReviewCommissionerDeactivated));
        await AssertReviewNoticeAsync(WorkflowEvents.ReviewCommissionerDeactivated, _lena, PageLink.Review(round), needsAction: false);
        var notice = await OneAsync(WorkflowEvents.ReviewCommissionerDeactivated, _lena);
        Assert.Equal("Joint review 2026/27: NHS South Birmingham deactivated", notice.Title);
        Assert.Equal($"Eve Admin (NHS Birmingham East and North) deactivated NHS South Birmingham before its side had submitted its ratings for {ReviewWithSouth}. "
                     + "Its people can no longer sign in, so its side can no longer rate or meet in the app, and this round cannot go on to its meeting or be published. "
                     + "To review the year with the other commissioners, open a 2026/27 round with all commissioners.", notice.Body);
        // Which the LINk can.
        await RoundOpenedByAsync(_lena, null);
    }

    [Fact]
    public async Task SetActiveAsync_CommissionerDeactivatedAfterBothSidesSubmitted_TheLinkAskedToRecordTheAgreedRatingsAndPublishThem()
    {
        var round = await BothSubmittedAsync();

        await DeactivateSouthAsync();

        Assert.Equal(Ids(_lena, _larry), await ToldAsync(WorkflowEvents.ReviewCommissionerDeactivated));
        await AssertReviewNoticeAsync(WorkflowEvents.ReviewCommissionerDeactivated, _larry, PageLink.ReviewMeeting(round), needsAction: true);
        var notice = await OneAsync(WorkflowEvents.ReviewCommissionerDeactivated, _larry);
        Assert.Equal($"Eve Admin (NHS Birmingham East and North) deactivated NHS South Birmingham after its side had submitted its ratings for {ReviewWithSouth}. "
                     + "Its people can no longer sign in, so its side can no longer meet or agree ratings in the app. "
                     + "The meeting page stays open to your side: record there the ratings agreed with NHS South Birmingham outside the app, and publish them.", notice.Body);
        // Which the LINk can.
        var items = (await _reviews.GetAsync(_lena, round))!.Items;
        Assert.True((await _reviews.AgreeAsync(_lena, round, items[0].ItemId, new AgreedRatingInput { Score = ReviewScore.PartlyMet })).Succeeded);
        Assert.True((await _reviews.PublishAsync(_lena, round, notAgreedConfirmed: items.Count - 1)).Succeeded);
    }

    [Fact]
    public async Task SetActiveAsync_CommissionerDeactivatedAfterOnlyItsSideSubmitted_TheLinkAskedToSubmitItsOwnThenRecordAndPublish()
    {
        var round = await RoundOpenedByAsync(_lena, _south);
        await RateAllAsync(_colin, round, submit: true);

        await DeactivateSouthAsync();

        await AssertReviewNoticeAsync(WorkflowEvents.ReviewCommissionerDeactivated, _lena, PageLink.Review(round), needsAction: true);
        Assert.EndsWith("so its side can no longer meet or agree ratings in the app. Your side can still submit its own ratings, then record on the meeting page "
                        + "the ratings agreed with NHS South Birmingham outside the app, and publish them.", (await OneAsync(WorkflowEvents.ReviewCommissionerDeactivated, _lena)).Body);
        await RateAllAsync(_lena, round, submit: true);
        Assert.True((await _reviews.MeetingAsync(_lena, round)).Succeeded);
    }

    [Fact]
    public async Task SetActiveAsync_CommissionerDeactivated_RoundsPublishedWithAllOrWithAnother_NobodyToldOfThem()
    {
        var published = await BothSubmittedAsync();
        Assert.True((await _reviews.PublishAsync(_colin, published, notAgreedConfirmed: (await _reviews.GetAsync(_colin, published))!.Items.Count)).Succeeded);
        await RoundOpenedByAsync(_colin, null, 2025);
        await RoundOpenedByAsync(_lena, _east);
        var waiting = await RoundOpenedByAsync(_lena, _south, 2025);

        await DeactivateSouthAsync();

        Assert.Equal(Ids(_lena, _larry), await ToldAsync(WorkflowEvents.ReviewCommissionerDeactivated));
        var told = Assert.Single(await AllToAsync(WorkflowEvents.ReviewCommissionerDeactivated, _lena));
        Assert.Equal(PageLink.Review(waiting).Stored, told.Link);
        Assert.EndsWith("The year can still be reviewed with the other commissioners in the 2025/26 round with all commissioners.", told.Body);
    }

    [Fact]
    public async Task SetActiveAsync_OwnerOfAnActionNotDoneDeactivated_TheOtherSideToldItStaysOpenUnremindedNotOfOneDoneOrAnothersAction()
    {
        var round = await BothSubmittedAsync();
        var due = new DateOnly(2027, 3, 1);
        var open = await _reviews.AddActionAsync(_lena, round, new ActionInput { Text = "Share the commissioning plan", OwnerOrganisationId = _south.Id, DueOn = due });
        var done = await _reviews.AddActionAsync(_lena, round, new ActionInput { Text = "Invite the LINk to the board", OwnerOrganisationId = _south.Id, DueOn = due });
        Assert.True((await _reviews.CompleteActionAsync(_colin, done.Value)).Succeeded);
        Assert.True((await _reviews.AddActionAsync(_colin, round, new ActionInput { Text = "Hold an assembly in Erdington", OwnerOrganisationId = _link.Id, DueOn = due })).Succeeded);

        await DeactivateSouthAsync();

        Assert.Equal(Ids(_lena, _larry), await ToldAsync(WorkflowEvents.ReviewActionOwnerDeactivated));
        await AssertReviewNoticeAsync(WorkflowEvents.ReviewActionOwnerDeactivated, _lena, PageLink.ReviewMeeting(round), needsAction: false);
        var notice = await OneAsync(WorkflowEvents.ReviewActionOwnerDeactivated, _lena);
        Assert.Equal("Review action left open: Share the commissioning plan", notice.Title);
        Assert.Equal($"Eve Admin (NHS Birmingham East and North) deactivated NHS South Birmingham, which was to \"Share the commissioning plan\" by {UkTime.FormatDate(due)}, "
                     + $"as agreed at {ReviewWithSouth}. Only NHS South Birmingham could mark it done: it stays open, and nobody is reminded of it any more.", notice.Body);
        Assert.Null((await _reviews.GetAsync(_lena, round))!.Actions.Single(a => a.Id == open.Value).DoneOn);
    }

    // The other way round: the LINk deactivated while it owes an action agreed with all commissioners.
    [Fact]
    public async Task SetActiveAsync_LinkOwningAnActionAgreedWithAllCommissionersDeactivated_TheActiveCommissionersTold()
    {
        var round = await RoundOpenedByAsync(_lena, null);
        await RateAllAsync(_lena, round, submit: true);
        await RateAllAsync(_colin, round, submit: true);
        Assert.True((await _reviews.AddActionAsync(_colin, round, new ActionInput { Text = "Hold an assembly in Erdington", OwnerOrganisationId = _link.Id, DueOn = new DateOnly(2027, 3, 1) })).Succeeded);

        await DeactivateAsync(_link);

        Assert.Equal(Ids(_colin, _sam, _ed), await ToldAsync(WorkflowEvents.ReviewActionOwnerDeactivated));
        await AssertReviewNoticeAsync(WorkflowEvents.ReviewActionOwnerDeactivated, As(_ed, _east), PageLink.ReviewMeeting(round), needsAction: false);
        Assert.Contains("deactivated Birmingham LINk, which was to \"Hold an assembly in Erdington\"", (await OneAsync(WorkflowEvents.ReviewActionOwnerDeactivated, _colin)).Body);
        Assert.Empty(await ToldAsync(WorkflowEvents.ReviewCommissionerDeactivated));
    }
    /// <summary>Publishes the round with South, reopens it as the LINk and adds an action to the revision.</summary>
    private async Task<(int Round, int Criteria)> RevisedWithSouthAsync()
    {
        var round = await BothSubmittedAsync();
        var criteria = (await _reviews.GetAsync(_lena, round))!.Items.Count;
        Assert.True((await _reviews.PublishAsync(_colin, round, notAgreedConfirmed: criteria)).Succeeded);
        Assert.True((await _reviews.ReopenAsync(_lena, round)).Succeeded);
        Assert.True((await _reviews.AddActionAsync(_lena, round, new ActionInput { Text = "Hold an assembly in Erdington", OwnerOrganisationId = _link.Id, DueOn = new DateOnly(2027, 3, 1) })).Succeeded);
        return (round, criteria);
    }

    // The LINk agreed to publish its revision of the published round with South, which had not agreed when it was
    // deactivated: the revision would wait on South for ever. The LINk is told, once, that its own press now publishes
    // it; "My work" says the same, until it does.
    [Fact]
    public async Task SetActiveAsync_CommissionerDeactivatedWhileARevisionAwaitedItsAgreement_TheLinkToldAndAskedOnMyWorkAndItsPressPublishesTheRevision()
    {
        var (round, criteria) = await RevisedWithSouthAsync();
        Assert.Equal(ReviewPublication.RevisionAgreedByOneSide, (await _reviews.PublishAsync(_lena, round, notAgreedConfirmed: criteria)).Value);

        await DeactivateSouthAsync();
        await DeactivateSouthAsync();

        Assert.Equal(Ids(_lena, _larry), await ToldAsync(WorkflowEvents.ReviewRevisionPartnerDeactivated));
        await AssertReviewNoticeAsync(WorkflowEvents.ReviewRevisionPartnerDeactivated, _lena, PageLink.ReviewMeeting(round), needsAction: true);
        var notice = await OneAsync(WorkflowEvents.ReviewRevisionPartnerDeactivated, _lena);
        Assert.Contains("deactivated NHS South Birmingham while", notice.Body);
        Assert.Contains("before it had agreed to publish the revision. Its people can no longer sign in, so it can no longer agree anything in the app. "
                        + "Your side's press of publish on the meeting page now publishes the revision alone", notice.Body);
        var work = (await new MyWorkService(_database.Factory, _database.Clock).ForAsync(_lena))!;
        Assert.Equal("Record the revision as agreed on the meeting page, and publish it: your side's press publishes it alone.",
            Assert.Single(work.Reviews, i => i.Link == PageLink.ReviewMeeting(round) && i.Title.StartsWith("The 2026/27 joint review", StringComparison.Ordinal)).NextStep);
        Assert.Equal("NHS South Birmingham", (await _reviews.MeetingAsync(_lena, round)).Value!.OtherSideGoneName);

        Assert.Equal(ReviewPublication.RevisionPublished, (await _reviews.PublishAsync(_lena, round, notAgreedConfirmed: criteria)).Value);

        Assert.False((await _reviews.GetAsync(_lena, round))!.RevisingSince.HasValue);
        Assert.DoesNotContain((await new MyWorkService(_database.Factory, _database.Clock).ForAsync(_lena))!.Reviews,
            i => i.Link == PageLink.ReviewMeeting(round) && i.Title.StartsWith("The 2026/27 joint review", StringComparison.Ordinal));
    }

    // The other way round, with all commissioners: the LINk is deactivated while the commissioners' side is revising a
    // round neither side has agreed to publish yet. Every active commissioner is told, and either publishes it alone.
    [Fact]
    public async Task SetActiveAsync_LinkDeactivatedWhileARoundWithAllCommissionersWasBeingRevised_TheActiveCommissionersToldAndOnePublishesIt()
    {
        var round = await RoundOpenedByAsync(_lena, null);
        await RateAllAsync(_lena, round, submit: true);
        await RateAllAsync(_colin, round, submit: true);
        var criteria = (await _reviews.GetAsync(_colin, round))!.Items.Count;
        Assert.True((await _reviews.PublishAsync(_colin, round, notAgreedConfirmed: criteria)).Succeeded);
        Assert.True((await _reviews.ReopenAsync(_colin, round)).Succeeded);

        await DeactivateAsync(_link);

        Assert.Equal(Ids(_colin, _sam, _ed), await ToldAsync(WorkflowEvents.ReviewRevisionPartnerDeactivated));
        Assert.Single(await AllToAsync(WorkflowEvents.ReviewRevisionPartnerDeactivated, _colin));
        Assert.Single((await new MyWorkService(_database.Factory, _database.Clock).ForAsync(_colin))!.Reviews, i => i.Link == PageLink.ReviewMeeting(round));
        Assert.Equal(ReviewPublication.RevisionPublished, (await _reviews.PublishAsync(_colin, round, notAgreedConfirmed: criteria)).Value);
    }

    // A round published and not being revised waits on nobody: nobody is told of it.
    [Fact]
    public async Task SetActiveAsync_CommissionerDeactivatedWithItsRoundPublishedAndNotBeingRevised_NobodyToldOfTheRevision()
    {
        var round = await BothSubmittedAsync();
        Assert.True((await _reviews.PublishAsync(_colin, round, notAgreedConfirmed: (await _reviews.GetAsync(_colin, round))!.Items.Count)).Succeeded);

        await DeactivateSouthAsync();

        Assert.Empty(await ToldAsync(WorkflowEvents.ReviewRevisionPartnerDeactivated));
    }

    // ----- The LINk itself (replaced by a new Healthwatch, say) -----

    // South proposed option 2; the LINk, which had not answered, is deactivated. The option can no longer be agreed with
    // it: South, the lead, is told, for information (it may cancel the exercise; nothing else is for it to do).
    [Fact]
    public async Task SetActiveAsync_LinkDeactivatedWhileTheLeadsProposalAwaitsIt_TheLeadToldTheOptionCanNoLongerBeAgreed()
    {
        var (id, _) = await ProposedByColinAsync();

        await DeactivateAsync(_link);

        Assert.Equal(Ids(_colin, _sam), await ToldAsync(WorkflowEvents.ExerciseLinkDeactivated));
        var notice = await OneAsync(WorkflowEvents.ExerciseLinkDeactivated, _colin);
        Assert.Equal((false, PageLink.Exercise(id).Stored), (notice.NeedsAction, notice.Link));
        Assert.Contains("deactivated Birmingham LINk, the LINk of \"Maternity choices\", while its joint-working option was not agreed: "
                        + "option 2 was awaiting Birmingham LINk's agreement.", notice.Body);
        Assert.Empty(await ToldAsync(WorkflowEvents.ExerciseLeadDeactivated));
    }

    // A round with South that the LINk had not rated cannot go on once the LINk is deactivated: South is told so, not
    // asked to act; its closing reminder then asks nobody to rate it, and it leaves South's "My work".
    [Fact]
    public async Task SetActiveAsync_LinkDeactivatedBeforeItsSideRated_TheCommissionerToldTheRoundCannotGoOnAndNotRemindedToRateIt()
    {
        var round = await RoundOpenedByAsync(_lena, _south);

        await DeactivateAsync(_link);

        Assert.Equal(Ids(_colin, _sam), await ToldAsync(WorkflowEvents.ReviewLinkDeactivated));
        await AssertReviewNoticeAsync(WorkflowEvents.ReviewLinkDeactivated, _colin, PageLink.Review(round), needsAction: false);
        Assert.EndsWith("and this round cannot go on to its meeting or be published.", (await OneAsync(WorkflowEvents.ReviewLinkDeactivated, _colin)).Body);
        Assert.Empty(await ClosingRemindersAsync());
        Assert.DoesNotContain((await new MyWorkService(_database.Factory, _database.Clock).ForAsync(_colin))!.Reviews, i => i.Link == PageLink.Review(round));
    }

    // The other way round: South deactivated before its side rated a round with it alone. The LINk was told the round
    // cannot go on (above), so its closing reminder must not ask the LINk to rate it "so that the two sides can meet".
    [Fact]
    public async Task RemindAsync_RoundWhoseCommissionerWasDeactivatedBeforeRating_TheLinkNotAskedToRateIt()
    {
        await RoundOpenedByAsync(_lena, _south);
        await DeactivateSouthAsync();

        Assert.Empty(await ClosingRemindersAsync());
    }

    // ----- The LINk's work programme -----

    // The panel handed an issue to South, which is deactivated before the LINk told the person who raised it: the LINk is
    // told, so that what it tells them is true; an issue already closed, or handed to another, tells nobody.
    [Fact]
    public async Task SetActiveAsync_OrganisationAnIssueWasHandedToDeactivated_TheLinkToldNotOfClosedOrOthersIssues()
    {
        var open = await IssueRecordedByAsync(_lena);
        await DecideAsync(open, PanelOutcome.WorkWithAnotherOrganisation, _south.Id, "Janet Rowe");
        var closed = await IssueRecordedByAsync(_lena);
        await DecideAsync(closed, PanelOutcome.WorkWithAnotherOrganisation, _south.Id, "Janet Rowe");
        Assert.True((await _workProgramme.FeedbackAsync(_lena, closed, new StepInput { On = new DateOnly(2026, 11, 2), Notes = "Told her." })).Succeeded);
        var elsewhere = await IssueRecordedByAsync(_lena);
        await DecideAsync(elsewhere, PanelOutcome.WorkWithAnotherOrganisation, _east.Id, "Ed");

        await DeactivateSouthAsync();

        Assert.Equal(Ids(_lena, _larry), await ToldAsync(WorkflowEvents.IssuePartnerDeactivated));
        var notice = Assert.Single(await AllToAsync(WorkflowEvents.IssuePartnerDeactivated, _lena));
        Assert.Equal(PageLink.RaisedIssue(open).Stored, notice.Link);
        await AssertIssueNoticeAsync(WorkflowEvents.IssuePartnerDeactivated, _lena, open, needsAction: false);
        Assert.Contains("deactivated NHS South Birmingham, which the LINk's issues panel decided on", notice.Body);
    }

    // The LINk is deactivated with an issue South raised still on its programme: South (and the person who recorded it)
    // is told the issue will go no further; an issue the LINk raised itself tells nobody.
    [Fact]
    public async Task SetActiveAsync_LinkDeactivatedWithAnIssueRaisedThroughACommissionerOpen_ThatCommissionerTold()
    {
        var raisedBySouth = await IssueRecordedByAsync(_colin);
        await IssueRecordedByAsync(_lena);

        await DeactivateAsync(_link);

        Assert.Equal(Ids(_colin, _sam), await ToldAsync(WorkflowEvents.IssueLinkDeactivated));
        await AssertIssueNoticeAsync(WorkflowEvents.IssueLinkDeactivated, _colin, raisedBySouth, needsAction: false);
        Assert.Contains("before its panel decided it (last step: raised)", (await OneAsync(WorkflowEvents.IssueLinkDeactivated, _colin)).Body);
    }

    /// <summary>Runs the reviews' reminders on Thursday 26 November, five days before the rounds close, and returns the closing reminders recorded.</summary>
    private async Task<List<Notification>> ClosingRemindersAsync()
    {
        await using (var db = _database.CreateContext())
        {
            await ReviewReminders.RemindAsync(db, new WorkingDayCalendar([]), new DateOnly(2026, 11, 26), _database.Clock.GetUtcNow());
        }

        await using var read = _database.CreateContext();
        return await read.Notifications.AsNoTracking().Where(n => n.Event == WorkflowEvents.ReviewClosing).ToListAsync();
    }
}
