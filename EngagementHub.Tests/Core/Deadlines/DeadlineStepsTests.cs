using EngagementHub.Core.Common;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;

namespace EngagementHub.Tests.Core.Deadlines;

/// <summary>
/// <see cref="DeadlineService.StepsOpenTo"/>: the one answer to "what may this person do on this deadline now", which the
/// deadline's page offers and nothing else works out (docs/conventions.md, "May this person do X").
/// </summary>
public class DeadlineStepsTests
{
    private static readonly WorkingDayCalendar Calendar = new(EnglandAndWalesBankHolidays.All.Select(h => new Holiday(h.Date, h.Name)));
    private static readonly DateTimeOffset Now = new(2008, 10, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2008, 10, 2);
    private static readonly Actor Link = new("link", "Lena Khan", 1, "Birmingham LINk", UserRole.Editor);
    private static readonly Actor Commissioner = new("pct", "Janet Rowe", 2, "NHS South Birmingham", UserRole.Editor);
    private static readonly Actor Bystander = new("council", "Carla Diaz", 3, "Adults and Communities", UserRole.Editor);
    private static readonly Actor LinkViewer = new("viewer", "Vic Viewer", 1, "Birmingham LINk", UserRole.Viewer);

    /// <summary>A request the LINk (organisation 1) sent to the commissioner (organisation 2), due Tue 28 Oct 2008.</summary>
    private static ResponseDeadline Logged() =>
        new(new DeadlineRule(DeadlineKind.InformationRequest, "Request for information"), "Waiting times", null, 1, 2, null, "link", "Lena Khan", null,
            Calendar.DueDate(new DateOnly(2008, 10, 1), 20), Now);

    [Fact]
    public void StepsOpenTo_AnAwaitedRequest_EachSideItsOwnStepsAndNobodyElseAny()
    {
        var deadline = Logged();

        Assert.Equal(new DeadlineSteps(Acknowledge: false, RecordAnswer: true, ProposeExtension: true, AgreeExtension: false, Escalate: false,
            Withdraw: true, RespondToRecommendations: false, RecordImplementation: false, GiveVerdicts: true)
        { HandOver = true }, DeadlineService.StepsOpenTo(Link, deadline, Today, OrganisationKind.Commissioner));
        Assert.Equal(new DeadlineSteps(Acknowledge: true, RecordAnswer: true, ProposeExtension: true, AgreeExtension: false, Escalate: false,
            Withdraw: false, RespondToRecommendations: true, RecordImplementation: true, GiveVerdicts: false), DeadlineService.StepsOpenTo(Commissioner, deadline, Today, OrganisationKind.Commissioner));
        Assert.Equal(DeadlineSteps.None, DeadlineService.StepsOpenTo(Bystander, deadline, Today, OrganisationKind.Commissioner));
        Assert.Equal(DeadlineSteps.None, DeadlineService.StepsOpenTo(LinkViewer, deadline, Today, OrganisationKind.Commissioner));
    }

    [Fact]
    public void StepsOpenTo_AnExtensionTheLinkProposed_OnlyTheOtherSideMayAgreeIt()
    {
        var deadline = Logged();
        deadline.ProposeExtension(new DateOnly(2008, 11, 14), "Figures come later", byLink: true, "Lena Khan", Today, Calendar, waitingSeen: null);

        Assert.False(DeadlineService.StepsOpenTo(Link, deadline, Today, OrganisationKind.Commissioner).AgreeExtension);
        Assert.True(DeadlineService.StepsOpenTo(Commissioner, deadline, Today, OrganisationKind.Commissioner).AgreeExtension);
    }

    // A proposal whose date has come, or that a bank holiday declared on it has made impossible to agree, is refused when
    // agreed: the page offers a new proposal instead, not an Agree that would be refused.
    [Fact]
    public void StepsOpenTo_AProposalThatCanNoLongerBeAgreed_AgreeIsNotOffered()
    {
        var deadline = Logged();
        deadline.ProposeExtension(new DateOnly(2008, 11, 14), "Figures come later", byLink: true, "Lena Khan", Today, Calendar, waitingSeen: null);

        Assert.False(DeadlineService.StepsOpenTo(Commissioner, deadline, new DateOnly(2008, 11, 14), OrganisationKind.Commissioner).AgreeExtension);
        Assert.False(DeadlineService.StepsOpenTo(Commissioner, deadline, Today, OrganisationKind.Commissioner, proposalOvertaken: true).AgreeExtension);
        Assert.True(DeadlineService.StepsOpenTo(Commissioner, deadline, new DateOnly(2008, 11, 13), OrganisationKind.Commissioner) is { AgreeExtension: true, ProposeExtension: true });
    }

    // The side asked may decline a proposal, also one that can no longer be agreed (declining sets it aside); only the
    // side that proposed it may withdraw it; nobody else either.
    [Fact]
    public void StepsOpenTo_AnExtensionWaiting_TheSideAskedMayDeclineItAndTheProposersSideWithdrawIt()
    {
        var deadline = Logged();
        Assert.False(DeadlineService.StepsOpenTo(Commissioner, deadline, Today, OrganisationKind.Commissioner).DeclineExtension);
        deadline.ProposeExtension(new DateOnly(2008, 11, 14), "Figures come later", byLink: true, "Lena Khan", Today, Calendar, waitingSeen: null);

        Assert.True(DeadlineService.StepsOpenTo(Commissioner, deadline, Today, OrganisationKind.Commissioner) is { DeclineExtension: true, WithdrawExtensionProposal: false, AnyOnTheDeadline: true });
        Assert.True(DeadlineService.StepsOpenTo(Link, deadline, Today, OrganisationKind.Commissioner) is { DeclineExtension: false, WithdrawExtensionProposal: true });
        Assert.True(DeadlineService.StepsOpenTo(Commissioner, deadline, new DateOnly(2008, 11, 14), OrganisationKind.Commissioner) is { AgreeExtension: false, DeclineExtension: true });
        Assert.True(DeadlineService.StepsOpenTo(Commissioner, deadline, Today, OrganisationKind.Commissioner, proposalOvertaken: true) is { AgreeExtension: false, DeclineExtension: true });
        Assert.Equal(DeadlineSteps.None, DeadlineService.StepsOpenTo(Bystander, deadline, Today, OrganisationKind.Commissioner));
        Assert.Equal(DeadlineSteps.None, DeadlineService.StepsOpenTo(LinkViewer, deadline, Today, OrganisationKind.Commissioner));
        deadline.RecordAnswer("Median wait 14 weeks.", new DateOnly(2008, 10, 20), "Janet Rowe", Calendar);
        Assert.True(DeadlineService.StepsOpenTo(Commissioner, deadline, Today, OrganisationKind.Commissioner) is { DeclineExtension: false, WithdrawExtensionProposal: false });
        Assert.True(DeadlineService.StepsOpenTo(Link, deadline, Today, OrganisationKind.Commissioner) is { DeclineExtension: false, WithdrawExtensionProposal: false });
    }

    [Fact]
    public void StepsOpenTo_OverdueAfterTheDueDate_OnlyTheLinkMayEscalate()
    {
        var deadline = Logged();
        var dayAfterDue = new DateOnly(2008, 10, 29);

        Assert.True(DeadlineService.StepsOpenTo(Link, deadline, dayAfterDue, OrganisationKind.Commissioner).Escalate);
        Assert.False(DeadlineService.StepsOpenTo(Link, deadline, new DateOnly(2008, 10, 28), OrganisationKind.Commissioner).Escalate);
        Assert.False(DeadlineService.StepsOpenTo(Commissioner, deadline, dayAfterDue, OrganisationKind.Commissioner).Escalate);
    }

    // Escalating refers a deadline to the scrutiny committee: one the committee itself owes is already there.
    [Fact]
    public void StepsOpenTo_OverdueAtTheScrutinyCommittee_NotEscalatedToIt() =>
        Assert.False(DeadlineService.StepsOpenTo(Link, Logged(), new DateOnly(2008, 10, 29), OrganisationKind.Scrutiny).Escalate);

    // Who follows it up is the LINk's to decide: its editors and administrators hand it over while it is open (ADR 12).
    [Fact]
    public void StepsOpenTo_HandOver_OnlyTheLinksEditorsWhileItIsOpen()
    {
        var deadline = Logged();
        var linkAdmin = Link with { UserId = "admin", Role = UserRole.Admin };

        Assert.True(DeadlineService.StepsOpenTo(linkAdmin, deadline, Today, OrganisationKind.Commissioner).HandOver);
        Assert.False(DeadlineService.StepsOpenTo(Commissioner, deadline, Today, OrganisationKind.Commissioner).HandOver);
        Assert.False(DeadlineService.StepsOpenTo(LinkViewer, deadline, Today, OrganisationKind.Commissioner).HandOver);
        deadline.RecordAnswer("Median wait 14 weeks.", new DateOnly(2008, 10, 20), "Janet Rowe", Calendar);
        Assert.False(DeadlineService.StepsOpenTo(Link, deadline, Today, OrganisationKind.Commissioner).HandOver);
    }

    [Fact]
    public void StepsOpenTo_Withdrawn_NothingIsOpenToEitherSide()
    {
        var deadline = Logged();
        deadline.Withdraw(Now);

        Assert.Equal(DeadlineSteps.None, DeadlineService.StepsOpenTo(Link, deadline, Today, OrganisationKind.Commissioner));
        Assert.Equal(DeadlineSteps.None, DeadlineService.StepsOpenTo(Commissioner, deadline, Today, OrganisationKind.Commissioner));
    }

    [Fact]
    public void On_ARecommendation_ItsImplementationStepsFollowItsResponseAndWhatIsRecorded()
    {
        var deadline = Logged();
        var commissioner = DeadlineService.StepsOpenTo(Commissioner, deadline, Today, OrganisationKind.Commissioner);
        var link = DeadlineService.StepsOpenTo(Link, deadline, Today, OrganisationKind.Commissioner);
        var recommendation = new Recommendation(1, "Offer interpreters at every antenatal appointment.");

        // Not yet accepted: only a response; nothing to carry out.
        Assert.Equal(new RecommendationSteps(Respond: true, RecordProgress: false, AddWhatHappened: false, GiveVerdict: false), commissioner.On(recommendation));
        Assert.False(link.On(recommendation).AnyOnItsImplementation);

        recommendation.Respond(RecommendationResponse.Accepted, null, "Janet Rowe", Now);
        Assert.Equal(new RecommendationSteps(Respond: true, RecordProgress: true, AddWhatHappened: false, GiveVerdict: false), commissioner.On(recommendation));
        Assert.False(link.On(recommendation).GiveVerdict);

        Assert.True(recommendation.RecordImplementation(ImplementationStatus.InProgress, Today.AddDays(30), null, null, "Janet Rowe", Now).Succeeded);
        Assert.Equal(new RecommendationSteps(Respond: true, RecordProgress: true, AddWhatHappened: true, GiveVerdict: false), commissioner.On(recommendation));
        Assert.Equal(new RecommendationSteps(Respond: false, RecordProgress: false, AddWhatHappened: false, GiveVerdict: true), link.On(recommendation));
        Assert.False(DeadlineSteps.None.On(recommendation).AnyOnItsImplementation);
    }
}
