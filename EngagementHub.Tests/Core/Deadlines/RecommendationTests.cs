using EngagementHub.Core.Deadlines;

namespace EngagementHub.Tests.Core.Deadlines;

public sealed class RecommendationTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 2, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 2);

    private static Recommendation Responded(RecommendationResponse response)
    {
        var recommendation = new Recommendation(1, "Offer interpreters at every antenatal appointment.");
        recommendation.Respond(response, response == RecommendationResponse.Accepted ? null : "Only in part.", "Colin Marsh", Now.AddDays(-30));
        return recommendation;
    }

    [Theory]
    [InlineData(RecommendationResponse.Pending)]
    [InlineData(RecommendationResponse.UnderConsideration)]
    [InlineData(RecommendationResponse.NotAccepted)]
    public void RecordImplementation_NotAccepted_IsRefused(RecommendationResponse response)
    {
        var outcome = Responded(response).RecordImplementation(ImplementationStatus.Planned, Today.AddDays(30), null, null, "Colin Marsh", Now);

        Assert.Contains("accepted", outcome.Problem);
    }

    [Theory]
    [InlineData(RecommendationResponse.Accepted)]
    [InlineData(RecommendationResponse.PartlyAccepted)]
    public void RecordImplementation_AcceptedInProgressWithPlannedDate_RecordsWhoAndWhen(RecommendationResponse response)
    {
        var recommendation = Responded(response);

        var outcome = recommendation.RecordImplementation(ImplementationStatus.InProgress, Today.AddDays(30), null, null, "Colin Marsh", Now);

        Assert.True(outcome.Succeeded);
        Assert.Equal(ImplementationStatus.InProgress, recommendation.Implementation);
        Assert.Equal(Today.AddDays(30), recommendation.PlannedDate);
        Assert.Equal(("Colin Marsh", Now), (recommendation.ImplementationUpdatedBy, recommendation.ImplementationUpdatedAt));
    }

    [Theory]
    [InlineData(ImplementationStatus.Dropped, "  ", null, "DroppedReason")] // dropped: why
    [InlineData(ImplementationStatus.Planned, null, null, "PlannedDate")] // planned: by when
    [InlineData(ImplementationStatus.Done, null, "", "ChangeMade")] // done: what changed
    public void RecordImplementation_WhatTheStatusNeedsMissing_AskedForAtTheFieldAndNothingRecorded(
        ImplementationStatus status, string? droppedReason, string? changeMade, string field)
    {
        var recommendation = Responded(RecommendationResponse.Accepted);

        var outcome = recommendation.RecordImplementation(status, null, droppedReason, changeMade, "Colin Marsh", Now);

        Assert.Single(outcome.ErrorsFor(field));
        Assert.Null(recommendation.Implementation);
    }

    [Fact]
    public void RecordImplementation_ReasonTooLong_IsRefusedWithTheLimit()
    {
        var outcome = Responded(RecommendationResponse.Accepted)
            .RecordImplementation(ImplementationStatus.Dropped, null, new string('x', 4001), null, "Colin Marsh", Now);

        Assert.Equal("The reason can be at most 4,000 characters.", Assert.Single(outcome.ErrorsFor("DroppedReason")));
    }

    [Fact]
    public void RecordImplementation_DroppedThenDone_ForgetsTheDroppedReason()
    {
        var recommendation = Responded(RecommendationResponse.Accepted);
        recommendation.RecordImplementation(ImplementationStatus.Dropped, null, "No money.", null, "Colin Marsh", Now);

        recommendation.RecordImplementation(ImplementationStatus.Done, null, null, "Funded after all.", "Colin Marsh", Now.AddDays(1));

        Assert.Null(recommendation.DroppedReason);
        Assert.Equal("Funded after all.", recommendation.ChangeMade);
    }

    /// <returns>An accepted recommendation, done, with a milestone, and the LINk's view of it.</returns>
    private static Recommendation DoneAndJudged(LinkVerdict verdict = LinkVerdict.Agrees)
    {
        var recommendation = Responded(RecommendationResponse.Accepted);
        recommendation.RecordImplementation(ImplementationStatus.InProgress, Today.AddDays(-10), null, null, "Colin Marsh", Now.AddDays(-20));
        recommendation.AddMilestone(Today.AddDays(-15), "Contract signed.", "Colin Marsh", Now.AddDays(-15), Today);
        recommendation.RecordImplementation(ImplementationStatus.Done, null, null, "Interpreters booked with every appointment.", "Colin Marsh", Now.AddDays(-10));
        Assert.True(recommendation.RecordLinkVerdict(verdict, "Women tell us they get one.", "Lena Khan", Now.AddDays(-5)).Succeeded);
        return recommendation;
    }

    private static (LinkVerdict?, string?, string?, DateTimeOffset?) Verdict(Recommendation r) => (r.LinkVerdict, r.LinkComment, r.LinkVerdictBy, r.LinkVerdictAt);

    [Fact]
    public void RecordImplementation_DoneAndAgreedThenDropped_SetsTheLinksViewAndWhatChangedAside()
    {
        var recommendation = DoneAndJudged();

        Assert.True(recommendation.RecordImplementation(ImplementationStatus.Dropped, null, "The contract ended.", "Interpreters booked with every appointment.",
            "Colin Marsh", Now).Succeeded);

        Assert.Equal((ImplementationStatus.Dropped, "The contract ended."), (recommendation.Implementation!.Value, recommendation.DroppedReason!));
        Assert.Null(recommendation.ChangeMade);
        Assert.Equal(default, Verdict(recommendation));
    }

    [Theory]
    [InlineData(ImplementationStatus.InProgress)]
    [InlineData(ImplementationStatus.Planned)]
    public void RecordImplementation_DoneAndAgreedThenBackInProgress_SetsTheLinksViewAside(ImplementationStatus status)
    {
        var recommendation = DoneAndJudged();

        Assert.True(recommendation.RecordImplementation(status, Today.AddDays(30), null, null, "Colin Marsh", Now).Succeeded);

        Assert.Equal(default, Verdict(recommendation));
    }

    [Fact]
    public void RecordImplementation_DoneInOtherWords_SetsTheLinksViewAside()
    {
        var recommendation = DoneAndJudged();

        recommendation.RecordImplementation(ImplementationStatus.Done, null, null, "Interpreters on request only.", "Colin Marsh", Now);

        Assert.Equal(default, Verdict(recommendation));
    }

    [Fact]
    public void RecordImplementation_DoneInTheSameWords_KeepsTheLinksView()
    {
        var recommendation = DoneAndJudged();

        recommendation.RecordImplementation(ImplementationStatus.Done, null, null, " Interpreters booked with every appointment. ", "Colin Marsh", Now);

        Assert.Equal((LinkVerdict.Agrees, "Women tell us they get one.", "Lena Khan", Now.AddDays(-5)), Verdict(recommendation));
    }

    [Fact]
    public void RecordImplementation_InProgressWithANewPlannedDate_KeepsTheLinksView()
    {
        var recommendation = Responded(RecommendationResponse.Accepted);
        recommendation.RecordImplementation(ImplementationStatus.InProgress, Today.AddDays(10), null, null, "Colin Marsh", Now.AddDays(-2));
        recommendation.RecordLinkVerdict(LinkVerdict.DoesNotAgree, "Not yet.", "Lena Khan", Now.AddDays(-1));

        recommendation.RecordImplementation(ImplementationStatus.InProgress, Today.AddDays(40), null, null, "Colin Marsh", Now);

        Assert.Equal((LinkVerdict.DoesNotAgree, "Not yet."), (recommendation.LinkVerdict!.Value, recommendation.LinkComment!));
        Assert.Equal(Today.AddDays(40), recommendation.PlannedDate);
    }

    [Theory]
    [InlineData(ImplementationStatus.Done)]
    [InlineData(ImplementationStatus.Dropped)]
    public void RecordImplementation_Finished_KeepsNoPlannedDate(ImplementationStatus status)
    {
        var recommendation = Responded(RecommendationResponse.Accepted);
        recommendation.RecordImplementation(ImplementationStatus.InProgress, Today.AddDays(10), null, null, "Colin Marsh", Now.AddDays(-2));

        recommendation.RecordImplementation(status, Today.AddDays(10), "No money.", "Interpreters booked.", "Colin Marsh", Now);

        Assert.Null(recommendation.PlannedDate);
    }

    [Fact]
    public void AddMilestone_AfterTheLinksView_KeepsIt()
    {
        var recommendation = DoneAndJudged();

        Assert.True(recommendation.AddMilestone(Today, "Audit of bookings.", "Colin Marsh", Now, Today).Succeeded);

        Assert.Equal(LinkVerdict.Agrees, recommendation.LinkVerdict);
    }

    [Fact]
    public void Respond_AcceptedAndDoneThenNotAccepted_KeepsTheAcceptanceAsEarlierAndSetsItsImplementationAside()
    {
        var recommendation = DoneAndJudged(LinkVerdict.DoesNotAgree);
        var accepted = recommendation.RespondedAt;

        Assert.True(recommendation.Respond(RecommendationResponse.NotAccepted, "The budget was cut.", "Janet Rowe", Now).Succeeded);

        Assert.Equal((RecommendationResponse.NotAccepted, "The budget was cut.", "Janet Rowe", Now),
            (recommendation.Response, recommendation.ResponseText!, recommendation.RespondedBy!, recommendation.RespondedAt!.Value));
        Assert.Equal((RecommendationResponse.Accepted, (string?)null, "Colin Marsh", accepted),
            (recommendation.EarlierResponse!.Value, recommendation.EarlierResponseText, recommendation.EarlierRespondedBy!, recommendation.EarlierRespondedAt));
        Assert.Equal(default,
            (recommendation.Implementation, recommendation.PlannedDate, recommendation.DroppedReason, recommendation.ChangeMade,
                recommendation.ImplementationUpdatedBy, recommendation.ImplementationUpdatedAt));
        Assert.Equal(default, Verdict(recommendation));
        Assert.Single(recommendation.Milestones); // what happened did happen: kept, not shown as current
    }

    [Fact]
    public void Respond_AcceptedAndDoneThenUnderConsideration_SetsItsImplementationAside()
    {
        var recommendation = DoneAndJudged();

        recommendation.Respond(RecommendationResponse.UnderConsideration, null, "Janet Rowe", Now);

        Assert.Equal(RecommendationResponse.Accepted, recommendation.EarlierResponse);
        Assert.Null(recommendation.Implementation);
        Assert.Null(recommendation.LinkVerdict);
    }

    [Fact]
    public void Respond_AcceptedAndDoneThenPartlyAccepted_KeepsTheImplementationAndSetsTheLinksViewAside()
    {
        var recommendation = DoneAndJudged();

        recommendation.Respond(RecommendationResponse.PartlyAccepted, "Only in the city centre.", "Janet Rowe", Now);

        Assert.Equal((RecommendationResponse.Accepted, ImplementationStatus.Done, "Interpreters booked with every appointment."),
            (recommendation.EarlierResponse!.Value, recommendation.Implementation!.Value, recommendation.ChangeMade!));
        Assert.Equal(default, Verdict(recommendation));
    }

    [Fact]
    public void Respond_SameResponseInOtherWords_KeepsWhenItWasGivenAndTheLinksView()
    {
        var recommendation = DoneAndJudged();
        var (by, at) = (recommendation.RespondedBy, recommendation.RespondedAt);

        recommendation.Respond(RecommendationResponse.Accepted, "Accepted in full.", "Janet Rowe", Now);

        Assert.Equal(("Accepted in full.", by, at), (recommendation.ResponseText!, recommendation.RespondedBy, recommendation.RespondedAt));
        Assert.Null(recommendation.EarlierResponse);
        Assert.Equal(LinkVerdict.Agrees, recommendation.LinkVerdict);
    }

    [Fact]
    public void Respond_First_HasNoEarlierResponse()
    {
        var recommendation = Responded(RecommendationResponse.UnderConsideration);

        Assert.Equal((RecommendationResponse.UnderConsideration, "Colin Marsh", Now.AddDays(-30)),
            (recommendation.Response, recommendation.RespondedBy!, recommendation.RespondedAt!.Value));
        Assert.Null(recommendation.EarlierResponse);
    }

    [Fact]
    public void Respond_UnderConsiderationThenAccepted_KeepsTheHoldingResponseAsEarlier()
    {
        var recommendation = Responded(RecommendationResponse.UnderConsideration);

        recommendation.Respond(RecommendationResponse.Accepted, null, "Janet Rowe", Now);

        Assert.Equal((RecommendationResponse.UnderConsideration, "Only in part.", Now.AddDays(-30)),
            (recommendation.EarlierResponse!.Value, recommendation.EarlierResponseText!, recommendation.EarlierRespondedAt!.Value));
        Assert.Equal((RecommendationResponse.Accepted, Now), (recommendation.Response, recommendation.RespondedAt!.Value));
    }

    [Fact]
    public void Respond_ChangedTwice_KeepsTheOneItReplaced()
    {
        var recommendation = Responded(RecommendationResponse.Accepted);
        recommendation.Respond(RecommendationResponse.NotAccepted, "No money.", "Janet Rowe", Now.AddDays(-1));

        recommendation.Respond(RecommendationResponse.PartlyAccepted, "Funded in part.", "Janet Rowe", Now);

        Assert.Equal((RecommendationResponse.NotAccepted, "No money.", Now.AddDays(-1)),
            (recommendation.EarlierResponse!.Value, recommendation.EarlierResponseText!, recommendation.EarlierRespondedAt!.Value));
    }

    [Fact]
    public void AddMilestone_BeforeImplementationRecorded_IsRefused()
    {
        var outcome = Responded(RecommendationResponse.Accepted).AddMilestone(Today, "Contract signed.", "Colin Marsh", Now, Today);

        Assert.NotNull(outcome.Problem);
    }

    [Fact]
    public void AddMilestone_InTheFuture_IsRefusedAtTheDate()
    {
        var recommendation = Responded(RecommendationResponse.Accepted);
        recommendation.RecordImplementation(ImplementationStatus.InProgress, Today.AddDays(30), null, null, "Colin Marsh", Now.AddDays(-1));

        var outcome = recommendation.AddMilestone(Today.AddDays(1), "Contract signed.", "Colin Marsh", Now, Today);

        Assert.Single(outcome.ErrorsFor("On"));
        Assert.Empty(recommendation.Milestones);
    }

    [Fact]
    public void AddMilestone_Today_IsKeptAndCountsAsAnUpdate()
    {
        var recommendation = Responded(RecommendationResponse.Accepted);
        recommendation.RecordImplementation(ImplementationStatus.InProgress, Today.AddDays(30), null, null, "Colin Marsh", Now.AddDays(-5));

        var outcome = recommendation.AddMilestone(Today, " Contract signed. ", "Janet Rowe", Now, Today);

        var milestone = Assert.Single(recommendation.Milestones);
        Assert.True(outcome.Succeeded);
        Assert.Equal((Today, "Contract signed.", "Janet Rowe", Now), (milestone.On, milestone.Text, milestone.RecordedBy, milestone.RecordedAt));
        Assert.Equal(("Janet Rowe", Now), (recommendation.ImplementationUpdatedBy, recommendation.ImplementationUpdatedAt));
    }

    [Fact]
    public void RecordLinkVerdict_DoesNotAgreeWithoutComment_NeedsTheComment()
    {
        var recommendation = Responded(RecommendationResponse.Accepted);
        recommendation.RecordImplementation(ImplementationStatus.Done, null, null, "Interpreters booked.", "Colin Marsh", Now);

        var outcome = recommendation.RecordLinkVerdict(LinkVerdict.DoesNotAgree, null, "Lena Khan", Now);

        Assert.Single(outcome.ErrorsFor("Comment"));
        Assert.Null(recommendation.LinkVerdict);
    }

    [Fact]
    public void RecordLinkVerdict_BeforeImplementationRecorded_IsRefused()
    {
        var outcome = Responded(RecommendationResponse.Accepted).RecordLinkVerdict(LinkVerdict.Agrees, null, "Lena Khan", Now);

        Assert.NotNull(outcome.Problem);
    }

    [Fact]
    public void RecordLinkVerdict_Agrees_RecordsWhoAndWhen()
    {
        var recommendation = Responded(RecommendationResponse.Accepted);
        recommendation.RecordImplementation(ImplementationStatus.Done, null, null, "Interpreters booked.", "Colin Marsh", Now);

        Assert.True(recommendation.RecordLinkVerdict(LinkVerdict.Agrees, " ", "Lena Khan", Now.AddDays(1)).Succeeded);

        Assert.Equal((LinkVerdict.Agrees, (string?)null, "Lena Khan", Now.AddDays(1)),
            (recommendation.LinkVerdict!.Value, recommendation.LinkComment, recommendation.LinkVerdictBy!, recommendation.LinkVerdictAt!.Value));
    }

    [Fact]
    public void IsImplementationOverdueOn_PlannedDatePassedWithNoUpdateSince_IsTrue()
    {
        var recommendation = Responded(RecommendationResponse.Accepted);
        recommendation.RecordImplementation(ImplementationStatus.Planned, Today.AddDays(-1), null, null, "Colin Marsh", Now.AddDays(-10));

        Assert.True(recommendation.IsImplementationOverdueOn(Today));
        Assert.False(recommendation.IsImplementationOverdueOn(Today.AddDays(-1)));
    }

    [Fact]
    public void IsImplementationOverdueOn_UpdatedAfterThePlannedDate_IsFalse()
    {
        var recommendation = Responded(RecommendationResponse.Accepted);
        recommendation.RecordImplementation(ImplementationStatus.InProgress, Today.AddDays(-3), null, null, "Colin Marsh", Now.AddDays(-10));
        recommendation.AddMilestone(Today.AddDays(-1), "Still waiting for the contract.", "Colin Marsh", Now.AddDays(-1), Today);

        Assert.False(recommendation.IsImplementationOverdueOn(Today));
    }

    [Theory]
    [InlineData(ImplementationStatus.Done)]
    [InlineData(ImplementationStatus.Dropped)]
    public void IsImplementationOverdueOn_Finished_IsFalse(ImplementationStatus status)
    {
        var recommendation = Responded(RecommendationResponse.Accepted);
        recommendation.RecordImplementation(status, Today.AddDays(-5), "Reason.", "Change.", "Colin Marsh", Now.AddDays(-10));

        Assert.False(recommendation.IsImplementationOverdueOn(Today));
    }

    [Theory]
    [InlineData(RecommendationResponse.Pending, null, RegisterStage.AwaitingResponse)]
    [InlineData(RecommendationResponse.NotAccepted, null, RegisterStage.NotAccepted)]
    [InlineData(RecommendationResponse.Accepted, null, RegisterStage.AcceptedNotYetPlanned)]
    [InlineData(RecommendationResponse.PartlyAccepted, ImplementationStatus.Dropped, RegisterStage.Dropped)]
    [InlineData(RecommendationResponse.Accepted, ImplementationStatus.Done, RegisterStage.Done)]
    public void StageOf_ResponseAndImplementation_IsOneStage(RecommendationResponse response, ImplementationStatus? implementation, RegisterStage expected) =>
        Assert.Equal(expected, YouSaidWeDidRegister.StageOf(response, implementation));
}
