using EngagementHub.Core.Common;
using EngagementHub.Core.Deadlines;

namespace EngagementHub.Tests.Core.Deadlines;

public sealed class ResponseDeadlineTests
{
    private static readonly WorkingDayCalendar Calendar = new(EnglandAndWalesBankHolidays.All.Select(h => new Holiday(h.Date, h.Name)));
    private static readonly DateTimeOffset Now = new(2008, 10, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The UK date of <see cref="Now"/>, the day the requests are received and the extensions proposed.</summary>
    private static readonly DateOnly Today = new(2008, 10, 1);

    private static ResponseDeadline Logged(DeadlineKind kind = DeadlineKind.InformationRequest, DateOnly? received = null) =>
        new(new DeadlineRule(kind, kind.ToString()), "Waiting times", null, 1, 2, null, "owner", "Lena Khan", null,
            Calendar.DueDate(received ?? new DateOnly(2008, 10, 1), 20), Now);

    /// <summary>Due Tue 28 Oct 2008; an extension to Fri 14 Nov proposed, and agreed on 4 November, once the due date had passed.</summary>
    private static ResponseDeadline ExtendedAfterItsDueDate()
    {
        var deadline = Logged();
        deadline.ProposeExtension(new DateOnly(2008, 11, 14), "Data re-run", byLink: false, "Janet Rowe", Today, Calendar, waitingSeen: null);
        Assert.True(deadline.AgreeExtension(byLink: true, "Lena Khan", Now.AddDays(34), today: new DateOnly(2008, 11, 4), proposedSeen: new DateOnly(2008, 11, 14), Calendar).Succeeded);
        return deadline;
    }

    [Fact]
    public void AgreeExtension_AfterTheDueDatePassed_KeepsTheMissedDateAndCountsLatenessFromIt()
    {
        var deadline = ExtendedAfterItsDueDate();
        deadline.RecordAnswer("Figures attached.", new DateOnly(2008, 11, 10), "Janet Rowe", Calendar);

        Assert.Equal(new DateOnly(2008, 11, 14), deadline.DueDate);
        Assert.Equal(new DateOnly(2008, 10, 28), deadline.LapsedDueDate);
        Assert.Equal(new DateOnly(2008, 10, 28), deadline.OriginalDueDate);
        Assert.Equal(9, deadline.WorkingDaysLate); // 29 Oct to 10 Nov: nine working days
        Assert.Equal("9 working days late", deadline.DutyLateness);
    }

    // An answer dated the missed due date itself, recorded after the late extension (the letter came by post): it was
    // taken on time, and the extension adds no lateness (ADR 12). One taken after it is late, however few days.
    [Theory]
    [InlineData(2008, 10, 28, 0, "on time")]
    [InlineData(2008, 10, 29, 1, "1 working day late")]
    public void DutyLateness_AnswerDatedAroundTheMissedDueDate_RecordedAfterALateExtension(int year, int month, int day, int late, string lateness)
    {
        var deadline = ExtendedAfterItsDueDate();

        deadline.RecordAnswer("Figures attached.", new DateOnly(year, month, day), "Janet Rowe", Calendar);

        Assert.Equal((late, lateness), (deadline.WorkingDaysLate!.Value, deadline.DutyLateness));
    }

    [Fact]
    public void AgreeExtension_BeforeTheDueDate_AnswerByTheNewDateIsOnTime()
    {
        var deadline = Logged();
        deadline.ProposeExtension(new DateOnly(2008, 11, 14), "Data re-run", byLink: false, "Janet Rowe", Today, Calendar, waitingSeen: null);

        deadline.AgreeExtension(byLink: true, "Lena Khan", Now.AddDays(20), today: new DateOnly(2008, 10, 21), proposedSeen: new DateOnly(2008, 11, 14), Calendar);
        deadline.RecordAnswer("Figures attached.", new DateOnly(2008, 11, 10), "Janet Rowe", Calendar);

        Assert.Null(deadline.LapsedDueDate);
        Assert.Equal((0, "on time"), (deadline.WorkingDaysLate!.Value, deadline.DutyLateness));
    }

    // Due Tue 28 Oct 2008. A date nobody works would be met, or missed, on the next working day: that day is asked for.
    [Theory]
    [InlineData(2008, 11, 15, "Sat 15 Nov 2008 is a Saturday. A due date must be a working day: the next is Mon 17 Nov 2008.")]
    [InlineData(2008, 12, 26, "Fri 26 Dec 2008 is a bank holiday (Boxing Day). A due date must be a working day: the next is Mon 29 Dec 2008.")]
    public void ProposeExtension_ToADayThatIsNotAWorkingDay_IsRefusedNamingTheNextWorkingDay(int year, int month, int day, string message)
    {
        var deadline = Logged();

        var outcome = deadline.ProposeExtension(new DateOnly(year, month, day), "Data re-run", byLink: false, "Janet Rowe", Today, Calendar, waitingSeen: null);

        Assert.Equal([message], outcome.ErrorsFor("NewDueDate"));
        Assert.Null(deadline.ProposedDueDate);
    }

    // Due Tue 28 Oct 2008 and not answered by Mon 3 Nov: a date already gone, or today, would leave the deadline overdue
    // the moment it was agreed (and reminders going out at once), however much later than the due date it is.
    [Theory]
    [InlineData(2008, 10, 31, "Fri 31 Oct 2008 has already passed. A new due date must be a working day after today: the earliest you can propose is Tue 4 Nov 2008.")]
    [InlineData(2008, 11, 3, "Mon 3 Nov 2008 is today. A new due date must be a working day after today: the earliest you can propose is Tue 4 Nov 2008.")]
    [InlineData(2008, 10, 27, "Mon 27 Oct 2008 has already passed. A new due date must be a working day after today: the earliest you can propose is Tue 4 Nov 2008.")]
    public void ProposeExtension_ToADateNotAfterToday_IsRefusedAtTheFieldNamingTheEarliestDate(int year, int month, int day, string message)
    {
        var deadline = Logged();

        var outcome = deadline.ProposeExtension(new DateOnly(year, month, day), "Data re-run", byLink: false, "Janet Rowe", new DateOnly(2008, 11, 3), Calendar, waitingSeen: null);

        Assert.Equal([message], outcome.ErrorsFor("NewDueDate"));
        Assert.Null(deadline.ProposedDueDate);
    }

    // Before the due date, a date between today and the due date is still "not later than the due date"; the earliest
    // date is the working day after the due date, a Friday's being the next Monday.
    [Fact]
    public void ProposeExtension_NotAfterTodayWhileTheDueDateIsStillToCome_NamesTheWorkingDayAfterTheDueDate()
    {
        var deadline = Logged(received: new DateOnly(2008, 10, 3)); // due Thu 30 Oct 2008

        var outcome = deadline.ProposeExtension(new DateOnly(2008, 10, 9), "Data re-run", byLink: false, "Janet Rowe", new DateOnly(2008, 10, 10), Calendar, waitingSeen: null);

        Assert.Equal(["Thu 9 Oct 2008 has already passed. A new due date must be a working day after today: the earliest you can propose is Fri 31 Oct 2008."], outcome.ErrorsFor("NewDueDate"));
    }

    // Proposed on 1 October for Fri 14 November, and not agreed until Mon 17 November: agreeing it now would make the
    // deadline overdue at once, so the person is asked to propose a new date, and nothing changes.
    [Theory]
    [InlineData(2008, 11, 17, "has already passed", "Tue 18 Nov 2008")]
    [InlineData(2008, 11, 14, "is today", "Mon 17 Nov 2008")]
    public void AgreeExtension_ProposedDateNoLongerStillToCome_IsRefusedAskingForANewDate(int year, int month, int day, string passed, string earliest)
    {
        var deadline = Logged();
        Assert.True(deadline.ProposeExtension(new DateOnly(2008, 11, 14), "Data re-run", byLink: false, "Janet Rowe", Today, Calendar, waitingSeen: null).Succeeded);
        var today = new DateOnly(year, month, day);

        var outcome = deadline.AgreeExtension(byLink: true, "Lena Khan", Now.AddDays(47), today, proposedSeen: new DateOnly(2008, 11, 14), Calendar);

        Assert.Equal($"The proposed date, Fri 14 Nov 2008, {passed}, so it can no longer be agreed: the deadline would be overdue as soon as it was. "
            + $"Nothing was saved. Propose a new date instead: a working day after today, {earliest} at the earliest.", outcome.Problem);
        Assert.Equal((new DateOnly(2008, 10, 28), null, null), (deadline.DueDate, deadline.ExtensionAgreedAt, deadline.LapsedDueDate));
        Assert.Equal(new DateOnly(2008, 11, 14), deadline.ProposedDueDate);
    }

    // The LINk's page showed Janet's 14 November; meanwhile Colin replaced it with 30 December. "Agree" must not agree a
    // date the LINk never saw.
    [Fact]
    public void AgreeExtension_ProposalReplacedAfterThePageShowedIt_IsRefusedAndTheDueDateStays()
    {
        var deadline = Logged();
        deadline.ProposeExtension(new DateOnly(2008, 11, 14), "Data re-run", byLink: false, "Janet Rowe", Today, Calendar, waitingSeen: null);
        Assert.True(deadline.ProposeExtension(new DateOnly(2008, 12, 30), "Still re-running", byLink: false, "Colin Marsh", Today, Calendar, waitingSeen: new DateOnly(2008, 11, 14)).Succeeded);

        var outcome = deadline.AgreeExtension(byLink: true, "Lena Khan", Now.AddDays(10), new DateOnly(2008, 10, 10), proposedSeen: new DateOnly(2008, 11, 14), Calendar);

        Assert.Equal("Colin Marsh proposed Tue 30 Dec 2008 as the new due date after you opened this page. Nothing was saved: reload to see the proposal, then agree or decline it, or propose another date.", outcome.Problem);
        Assert.Equal((new DateOnly(2008, 10, 28), new DateOnly(2008, 12, 30)), (deadline.DueDate, deadline.ProposedDueDate));
    }

    // The commissioner proposed 14 November; the LINk, on a page read before that, proposes 7 November. The
    // commissioner's waiting date must not vanish unseen: the LINk is told, and could agree it instead.
    [Fact]
    public void ProposeExtension_OtherSidesProposalCameAfterThePageWasRead_IsRefusedAndTheirsKept()
    {
        var deadline = Logged();
        deadline.ProposeExtension(new DateOnly(2008, 11, 14), "Data re-run", byLink: false, "Janet Rowe", Today, Calendar, waitingSeen: null);

        var outcome = deadline.ProposeExtension(new DateOnly(2008, 11, 7), "Our panel meets then", byLink: true, "Lena Khan", Today, Calendar, waitingSeen: null);

        Assert.StartsWith("Janet Rowe proposed Fri 14 Nov 2008 as the new due date after you opened this page.", outcome.Problem);
        Assert.Equal((new DateOnly(2008, 11, 14), "Janet Rowe", false), (deadline.ProposedDueDate, deadline.ProposalBy, deadline.ProposalByLink));
    }

    [Fact]
    public void ProposeExtension_CounterProposalToTheOneShown_ReplacesIt()
    {
        var deadline = Logged();
        deadline.ProposeExtension(new DateOnly(2008, 11, 14), "Data re-run", byLink: false, "Janet Rowe", Today, Calendar, waitingSeen: null);

        var outcome = deadline.ProposeExtension(new DateOnly(2008, 11, 7), "Our panel meets then", byLink: true, "Lena Khan", Today, Calendar, waitingSeen: new DateOnly(2008, 11, 14));

        Assert.True(outcome.Succeeded);
        Assert.Equal((new DateOnly(2008, 11, 7), "Lena Khan", true), (deadline.ProposedDueDate, deadline.ProposalBy, deadline.ProposalByLink));
    }

    [Fact]
    public void AgreeExtension_ProposalAgreedByAColleagueFirst_SaysTheDueDateNow()
    {
        var deadline = Logged();
        deadline.ProposeExtension(new DateOnly(2008, 11, 14), "Data re-run", byLink: false, "Janet Rowe", Today, Calendar, waitingSeen: null);
        deadline.AgreeExtension(byLink: true, "Lena Khan", Now.AddDays(10), new DateOnly(2008, 10, 10), proposedSeen: new DateOnly(2008, 11, 14), Calendar);

        var outcome = deadline.AgreeExtension(byLink: true, "Martin Hughes", Now.AddDays(10), new DateOnly(2008, 10, 10), proposedSeen: new DateOnly(2008, 11, 14), Calendar);

        Assert.Equal("Lena Khan agreed the extension to Fri 14 Nov 2008 after you opened this page: it is the due date now. Nothing was saved.", outcome.Problem);
    }

    // A recount's note explained the dates before the agreement; agreed, the due date is the one both sides chose, and
    // the page no longer shows the note (the history keeps it).
    [Fact]
    public void AgreeExtension_AfterARecountNote_ClearsTheNote()
    {
        var deadline = Logged();
        var holiday = new WorkingDayCalendar(EnglandAndWalesBankHolidays.All.Select(h => new Holiday(h.Date, h.Name)).Append(new Holiday(new DateOnly(2008, 10, 20), "Day of mourning")));
        Assert.True(deadline.Recount(holiday, (from, to) => "a bank holiday was added"));
        Assert.NotNull(deadline.DueDateNote);
        deadline.ProposeExtension(new DateOnly(2008, 11, 14), "Data re-run", byLink: false, "Janet Rowe", Today, holiday, waitingSeen: null);

        Assert.True(deadline.AgreeExtension(byLink: true, "Lena Khan", Now, Today, new DateOnly(2008, 11, 14), holiday).Succeeded);

        Assert.Null(deadline.DueDateNote);
    }

    // A colleague declined the proposal while this page was open: agreeing it is refused naming who declined it.
    [Fact]
    public void AgreeExtension_ProposalDeclinedByAColleagueFirst_SaysWhoDeclinedItAndThatTheDueDateStays()
    {
        var deadline = Logged();
        deadline.ProposeExtension(new DateOnly(2008, 11, 14), "Data re-run", byLink: false, "Janet Rowe", Today, Calendar, waitingSeen: null);
        Assert.True(deadline.DeclineExtension(byLink: true, "Martin Hughes", "The board meets before then.", Now, new DateOnly(2008, 11, 14)).Succeeded);

        var outcome = deadline.AgreeExtension(byLink: true, "Lena Khan", Now.AddDays(1), Today, proposedSeen: new DateOnly(2008, 11, 14), Calendar);

        Assert.Equal("Martin Hughes declined the extension to Fri 14 Nov 2008 after you opened this page: the due date stays Tue 28 Oct 2008. "
                     + "Nothing was saved; the deadline's page gives their reason.", outcome.Problem);
        Assert.Equal(new DateOnly(2008, 10, 28), deadline.DueDate);
    }

    // The trust proposed Fri 14 Nov 2008; the LINk declines it, saying why. The proposal is set aside, the due date stays,
    // and who declined which date, when and why is kept for both sides to read.
    [Fact]
    public void DeclineExtension_ByTheSideAsked_SetsTheProposalAsideKeepsTheDueDateAndRecordsWhoWhenAndWhy()
    {
        var deadline = Logged();
        deadline.ProposeExtension(new DateOnly(2008, 11, 14), "Data re-run", byLink: false, "Janet Rowe", Today, Calendar, waitingSeen: null);

        var outcome = deadline.DeclineExtension(byLink: true, "Lena Khan", "  The board meets on 30 October and needs the figures.  ", Now.AddDays(5), proposedSeen: new DateOnly(2008, 11, 14));

        Assert.True(outcome.Succeeded, outcome.Problem);
        Assert.Equal((new DateOnly(2008, 10, 28), null, null), (deadline.DueDate, deadline.ExtensionAgreedAt, deadline.ProposedDueDate));
        Assert.Equal((null, null, null), (deadline.ProposalReason, deadline.ProposalBy, deadline.ProposalByLink));
        Assert.False(deadline.ExtensionAwaitingAgreement);
        Assert.Equal((new DateOnly(2008, 11, 14), "Lena Khan", true, "The board meets on 30 October and needs the figures.", Now.AddDays(5)),
            (deadline.DeclinedDueDate, deadline.DeclinedBy, deadline.DeclinedByLink, deadline.DeclineReason, deadline.DeclinedAt));
    }

    // An extension to Fri 14 Nov 2008 is in force; the LINk proposes Fri 28 Nov and the trust declines it: the agreed
    // extension, with who agreed it, stands.
    [Fact]
    public void DeclineExtension_WithAnExtensionInForce_KeepsTheExtensionAgreed()
    {
        var deadline = Logged();
        deadline.ProposeExtension(new DateOnly(2008, 11, 14), "Data re-run", byLink: false, "Janet Rowe", Today, Calendar, waitingSeen: null);
        Assert.True(deadline.AgreeExtension(byLink: true, "Lena Khan", Now.AddDays(10), new DateOnly(2008, 10, 10), proposedSeen: new DateOnly(2008, 11, 14), Calendar).Succeeded);
        Assert.True(deadline.ProposeExtension(new DateOnly(2008, 11, 28), "Our panel meets late", byLink: true, "Martin Hughes", new DateOnly(2008, 10, 20), Calendar, waitingSeen: null).Succeeded);

        Assert.True(deadline.DeclineExtension(byLink: false, "Colin Marsh", "We can answer by the 14th.", Now.AddDays(20), proposedSeen: new DateOnly(2008, 11, 28)).Succeeded);

        Assert.Equal((new DateOnly(2008, 11, 14), new DateOnly(2008, 11, 14), "Lena Khan", "Janet Rowe"),
            (deadline.DueDate, deadline.ExtensionDueDate, deadline.ExtensionAgreedByLink, deadline.ExtensionAgreedByRecipient));
        Assert.Equal((new DateOnly(2008, 11, 28), false), (deadline.DeclinedDueDate, deadline.DeclinedByLink));
        Assert.Null(deadline.ProposedDueDate);
    }

    [Theory]
    [InlineData("", "Say why you decline the extension.")]
    [InlineData("   ", "Say why you decline the extension.")]
    [InlineData("long", "The reason can be at most 2,000 characters.")]
    public void DeclineExtension_ReasonMissingOrTooLong_RefusedAtTheReasonAndTheProposalStillWaits(string reason, string message)
    {
        var deadline = Logged();
        deadline.ProposeExtension(new DateOnly(2008, 11, 14), "Data re-run", byLink: false, "Janet Rowe", Today, Calendar, waitingSeen: null);

        var outcome = deadline.DeclineExtension(byLink: true, "Lena Khan", reason == "long" ? new string('x', ResponseDeadline.ExtensionReasonLimit + 1) : reason, Now,
            proposedSeen: new DateOnly(2008, 11, 14));

        Assert.Equal([message], outcome.ErrorsFor("Reason"));
        Assert.Equal((new DateOnly(2008, 11, 14), null), (deadline.ProposedDueDate, deadline.DeclinedAt));
    }

    // Each refusal leaves the proposal, or its absence, as it was, and says why in the person's words.
    [Theory]
    [InlineData("own side", "The other side declines an extension, not the side that proposed it: withdraw the proposal instead.")]
    [InlineData("replaced", "Colin Marsh proposed Tue 30 Dec 2008 as the new due date after you opened this page. Nothing was saved: reload to see the proposal, then agree or decline it, or propose another date.")]
    [InlineData("answered", "was answered on Mon 20 Oct 2008; the extension proposed is no longer needed. Nothing was saved.")]
    [InlineData("none", "The extension to Fri 14 Nov 2008 you were shown was withdrawn after you opened this page: the due date stays Tue 28 Oct 2008. Nothing was saved.")]
    public void DeclineExtension_NotTheOtherSidesWaitingProposalAsShown_RefusedAndNothingChanges(string why, string problem)
    {
        var deadline = Logged();
        if (why != "none")
        {
            deadline.ProposeExtension(new DateOnly(2008, 11, 14), "Data re-run", byLink: false, "Janet Rowe", Today, Calendar, waitingSeen: null);
        }

        if (why == "replaced")
        {
            deadline.ProposeExtension(new DateOnly(2008, 12, 30), "Still re-running", byLink: false, "Colin Marsh", Today, Calendar, waitingSeen: new DateOnly(2008, 11, 14));
        }
        else if (why == "answered")
        {
            deadline.RecordAnswer("Figures attached.", new DateOnly(2008, 10, 20), "Janet Rowe", Calendar);
        }

        var proposedBefore = deadline.ProposedDueDate;

        var outcome = deadline.DeclineExtension(byLink: why != "own side", "Lena Khan", "We need the figures first.", Now, proposedSeen: new DateOnly(2008, 11, 14));

        Assert.EndsWith(problem, outcome.Problem);
        Assert.Equal((proposedBefore, null, null), (deadline.ProposedDueDate, deadline.DeclinedAt, deadline.DeclinedDueDate));
    }

    // The LINk proposed Fri 14 Nov 2008 and thinks better of it: the proposal is set aside and the due date stays.
    [Fact]
    public void WithdrawExtensionProposal_ByTheSideThatProposedIt_SetsItAsideAndKeepsTheDueDate()
    {
        var deadline = Logged();
        deadline.ProposeExtension(new DateOnly(2008, 11, 14), "Our panel meets late", byLink: true, "Lena Khan", Today, Calendar, waitingSeen: null);

        var outcome = deadline.WithdrawExtensionProposal(byLink: true, proposedSeen: new DateOnly(2008, 11, 14));

        Assert.True(outcome.Succeeded, outcome.Problem);
        Assert.Equal((new DateOnly(2008, 10, 28), null, null, null), (deadline.DueDate, deadline.ProposedDueDate, deadline.ProposalBy, deadline.ProposalByLink));
        Assert.Null(deadline.DeclinedAt);
        Assert.False(deadline.ExtensionAwaitingAgreement);
    }

    [Theory]
    [InlineData("other side", "Only the side that proposed an extension withdraws it: agree or decline it instead.")]
    [InlineData("countered", "Janet Rowe proposed Tue 30 Dec 2008 as the new due date after you opened this page. Nothing was saved: reload to see the proposal, then agree or decline it, or propose another date.")]
    [InlineData("withdrawn", "was withdrawn on Wed 1 Oct 2008; the extension proposed is no longer needed. Nothing was saved.")]
    [InlineData("none", "The extension to Fri 14 Nov 2008 you were shown was withdrawn after you opened this page: the due date stays Tue 28 Oct 2008. Nothing was saved.")]
    public void WithdrawExtensionProposal_NotTheOwnSidesWaitingProposalAsShown_RefusedAndNothingChanges(string why, string problem)
    {
        var deadline = Logged();
        if (why != "none")
        {
            deadline.ProposeExtension(new DateOnly(2008, 11, 14), "Our panel meets late", byLink: true, "Lena Khan", Today, Calendar, waitingSeen: null);
        }

        if (why == "countered")
        {
            deadline.ProposeExtension(new DateOnly(2008, 12, 30), "Data re-run", byLink: false, "Janet Rowe", Today, Calendar, waitingSeen: new DateOnly(2008, 11, 14));
        }
        else if (why == "withdrawn")
        {
            deadline.Withdraw(Now);
        }

        var proposedBefore = deadline.ProposedDueDate;

        var outcome = deadline.WithdrawExtensionProposal(byLink: why != "other side", proposedSeen: new DateOnly(2008, 11, 14));

        Assert.EndsWith(problem, outcome.Problem);
        Assert.Equal(proposedBefore, deadline.ProposedDueDate);
    }

    [Fact]
    public void ProposeExtension_AbsurdDate_IsRefusedAtTheField()
    {
        var outcome = Logged().ProposeExtension(DateOnly.MaxValue, "Forever", byLink: false, "Janet Rowe", Today, Calendar, waitingSeen: null);

        Assert.Contains("at most five years", outcome.ErrorsFor("NewDueDate").Single());
    }

    [Fact]
    public void Acknowledge_ScrutinyReferral_DischargesTheDutyAndLeavesAFollowUp()
    {
        var referral = Logged(DeadlineKind.ScrutinyReferral);

        referral.Acknowledge("Rose Kiely", Now.AddDays(30), new DateOnly(2008, 10, 30), Calendar);

        Assert.False(referral.IsOpen);
        Assert.True(referral.AwaitsFollowUp);
        Assert.False(referral.IsOverdueOn(new DateOnly(2009, 1, 5)));
        Assert.Equal(2, referral.WorkingDaysLate); // due 28 Oct, acknowledged 30 Oct
        Assert.True(referral.RecordAnswer("The committee will review it in January.", new DateOnly(2008, 11, 20), "Rose Kiely", Calendar).Succeeded);
        Assert.Equal(2, referral.WorkingDaysLate);
    }

    // Received Mon 6 Oct 2008, due Fri 31 Oct. On Saturday the deadline is overdue (and may be escalated): a step taken
    // that day counts from the next working day, 1 working day late, never "on time".
    [Fact]
    public void RecordAnswerAndAcknowledge_OnTheSaturdayAfterAFridayDueDate_OneWorkingDayLate()
    {
        var request = Logged(received: new DateOnly(2008, 10, 6));
        var referral = Logged(DeadlineKind.ScrutinyReferral, received: new DateOnly(2008, 10, 6));
        var saturday = new DateOnly(2008, 11, 1);
        Assert.Equal(new DateOnly(2008, 10, 31), request.DueDate);
        Assert.True(request.IsOverdueOn(saturday));

        Assert.True(request.RecordAnswer("Figures attached.", saturday, "Janet Rowe", Calendar).Succeeded);
        Assert.True(referral.Acknowledge("Rose Kiely", Now.AddDays(31), saturday, Calendar).Succeeded);

        Assert.Equal((1, "1 working day late"), (request.WorkingDaysLate!.Value, request.DutyLateness));
        Assert.Equal((1, "1 working day late"), (referral.WorkingDaysLate!.Value, referral.DutyLateness));
    }

    // A referral is discharged by its acknowledgement; the committee recorded its answer without one. The answer is then
    // the step that met the duty, and its lateness is recorded (a late answer is still recorded, with how late it was),
    // as the responsiveness figures already count it.
    [Fact]
    public void RecordAnswer_ReferralNeverAcknowledged_TheAnswerMeetsTheDutyAndItsLatenessIsRecorded()
    {
        var referral = Logged(DeadlineKind.ScrutinyReferral);

        Assert.True(referral.RecordAnswer("The committee will review it in January.", new DateOnly(2008, 10, 30), "Rose Kiely", Calendar).Succeeded);

        Assert.Equal((2, "2 working days late"), (referral.WorkingDaysLate!.Value, referral.DutyLateness)); // due 28 Oct
    }

    [Fact]
    public void Acknowledge_InformationRequest_StaysOpenUntilAnswered()
    {
        var request = Logged();

        request.Acknowledge("Janet Rowe", Now, new DateOnly(2008, 10, 1), Calendar);

        Assert.True(request.IsOpen);
        Assert.False(request.AwaitsFollowUp);
        Assert.True(request.IsOverdueOn(new DateOnly(2008, 10, 29)));
        Assert.Null(request.WorkingDaysLate);
    }

    [Fact]
    public void Recount_OpenDeadline_MovesBothDatesAndSaysWhy()
    {
        var withoutFuneral = new WorkingDayCalendar(EnglandAndWalesBankHolidays.All.Where(h => h.Date != new DateOnly(2022, 9, 19)).Select(h => new Holiday(h.Date, h.Name)));
        var deadline = new ResponseDeadline(new DeadlineRule(DeadlineKind.InformationRequest, "Request"), "Waiting times", null, 1, 2, null, "owner", "Lena Khan", null,
            withoutFuneral.DueDate(new DateOnly(2022, 9, 1), 20), Now);
        Assert.Equal(new DateOnly(2022, 9, 28), deadline.DueDate);

        var moved = deadline.Recount(Calendar, (_, _) => "bank holiday Mon 19 Sep 2022 was added");

        Assert.True(moved);
        Assert.Equal(new DateOnly(2022, 9, 29), deadline.DueDate);
        Assert.Equal(new DateOnly(2022, 9, 29), deadline.OriginalDueDate);
        Assert.Equal(new DateOnly(2022, 9, 28), deadline.LoggedDueDate);
        Assert.Equal($"Due date moved from {UkTime.FormatDate(new DateOnly(2022, 9, 28))} to {UkTime.FormatDate(new DateOnly(2022, 9, 29))} because bank holiday Mon 19 Sep 2022 was added.",
            deadline.DueDateNote);
    }

    [Fact]
    public void Recount_Answered_KeepsItsDates()
    {
        var answered = Logged(received: new DateOnly(2022, 9, 1));
        answered.RecordAnswer("Sent.", new DateOnly(2022, 9, 20), "Janet Rowe", Calendar);
        var withoutFuneral = new WorkingDayCalendar(EnglandAndWalesBankHolidays.All.Where(h => h.Date != new DateOnly(2022, 9, 19)).Select(h => new Holiday(h.Date, h.Name)));

        Assert.False(answered.Recount(withoutFuneral, (_, _) => "x"));
        Assert.Equal((new DateOnly(2022, 9, 29), new DateOnly(2022, 9, 29), (string?)null), (answered.DueDate, answered.OriginalDueDate, answered.DueDateNote));
    }

    // The agreed extension still sets the due date, but the statutory date shown beside it ("Originally due …") and
    // exported is the count on today's calendar: it is recorded again with the reason (ADR 12).
    [Fact]
    public void Recount_ExtendedAndTheCountMoves_DueDateStaysAndTheStatutoryDateIsRecordedAgain()
    {
        var extended = Logged(received: new DateOnly(2022, 9, 1));
        extended.ProposeExtension(new DateOnly(2022, 10, 14), "Agreed", byLink: false, "Janet Rowe", new DateOnly(2022, 9, 20), Calendar, waitingSeen: null);
        extended.AgreeExtension(byLink: true, "Lena Khan", Now, new DateOnly(2022, 9, 20), proposedSeen: new DateOnly(2022, 10, 14), Calendar);
        var withoutFuneral = new WorkingDayCalendar(EnglandAndWalesBankHolidays.All.Where(h => h.Date != new DateOnly(2022, 9, 19)).Select(h => new Holiday(h.Date, h.Name)));

        Assert.True(extended.Recount(withoutFuneral, (_, _) => "bank holiday Mon 19 Sep 2022 was removed"));

        Assert.Equal(new DateOnly(2022, 10, 14), extended.DueDate);
        Assert.Equal(new DateOnly(2022, 9, 28), extended.OriginalDueDate);
        Assert.Equal($"The statutory due date moved from {UkTime.FormatDate(new DateOnly(2022, 9, 29))} to {UkTime.FormatDate(new DateOnly(2022, 9, 28))} "
            + "because bank holiday Mon 19 Sep 2022 was removed; the due date stays Fri 14 Oct 2022, as the extension agreed to Fri 14 Oct 2022 still sets it.",
            extended.DueDateNote);
        Assert.False(extended.Recount(withoutFuneral, (_, _) => "x")); // counted already: nothing moves twice
    }

    /// <summary>Received Wed 1 Oct 2008, due Tue 28 Oct, in each state a recount treats apart; with the day an extension
    /// was agreed (null for none).</summary>
    private static (ResponseDeadline Deadline, DateOnly? AgreedOn) InState(string state)
    {
        var deadline = Logged();
        DateOnly? Agree(DateOnly proposed, DateOnly on)
        {
            Assert.True(deadline.ProposeExtension(proposed, "Data re-run", byLink: false, "Janet Rowe", on.AddDays(-1), Calendar, waitingSeen: null).Succeeded);
            Assert.True(deadline.AgreeExtension(byLink: true, "Lena Khan", new DateTimeOffset(on.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero), on, proposed, Calendar).Succeeded);
            return on;
        }

        return (deadline, state switch
        {
            "open" => null,
            "extended in time" => Agree(new DateOnly(2008, 11, 14), new DateOnly(2008, 10, 21)),
            "extended the day after it was due" => Agree(new DateOnly(2008, 11, 14), new DateOnly(2008, 10, 29)),
            "extended a week after it was due" => Agree(new DateOnly(2008, 11, 14), new DateOnly(2008, 11, 4)),
            "extended late a second time" => Agree(new DateOnly(2008, 11, 28), Agree(new DateOnly(2008, 11, 14), new DateOnly(2008, 10, 21))!.Value.AddDays(28)),
            _ => LateTwice(),
        });

        // Late twice: lateness was settled on the first agreement, the day after the due date, which is the day compared.
        DateOnly? LateTwice()
        {
            var first = Agree(new DateOnly(2008, 11, 14), new DateOnly(2008, 10, 29));
            Agree(new DateOnly(2008, 11, 28), new DateOnly(2008, 11, 18));
            return first;
        }
    }

    // A bank holiday added on any weekday from the day of receipt to past the agreed dates: no date the recount counts is
    // left on a day nobody works, a missed date never falls on or after the day the extension was agreed (an extension
    // agreed late was agreed after the date it missed), and removing the holiday again gives back every date as it was,
    // so lateness cannot be erased by adding a holiday and removing it. The one date that may stay on the new holiday is a
    // missed date that the count would otherwise put on the agreement day: kept as recorded, it is lateness as it stood
    // that day, not a date anyone works to, and lateness counted from it starts on the next working day.
    [Theory]
    [InlineData("open")]
    [InlineData("extended in time")]
    [InlineData("extended the day after it was due")]
    [InlineData("extended a week after it was due")]
    [InlineData("extended late a second time")]
    [InlineData("extended late twice")]
    public void Recount_AHolidayAddedOnAnyWeekdayThenRemoved_NoDateOnADayNobodyWorksNoMissedDateOnOrAfterTheAgreementAndAllComesBack(string state)
    {
        for (var day = new DateOnly(2008, 10, 1); day <= new DateOnly(2008, 12, 5); day = day.AddDays(1))
        {
            if (!Calendar.IsWorkingDay(day))
            {
                continue;
            }

            var (deadline, agreedOn) = InState(state);
            var before = (deadline.DueDate, deadline.OriginalDueDate, deadline.LapsedDueDate);
            var withIt = new WorkingDayCalendar(EnglandAndWalesBankHolidays.All.Select(h => new Holiday(h.Date, h.Name)).Append(new Holiday(day, "Day of mourning")));

            deadline.Recount(withIt, (_, _) => $"bank holiday {UkTime.FormatDate(day)} was added");

            var on = $"{state}, a holiday on {day:yyyy-MM-dd}";
            Assert.True(withIt.IsWorkingDay(deadline.DueDate), $"due date {deadline.DueDate:yyyy-MM-dd}: {on}");
            Assert.True(withIt.IsWorkingDay(deadline.OriginalDueDate), $"statutory date {deadline.OriginalDueDate:yyyy-MM-dd}: {on}");
            Assert.Equal(before.LapsedDueDate is null, deadline.LapsedDueDate is null);
            if (deadline.LapsedDueDate is { } missed)
            {
                Assert.True(missed < agreedOn, $"missed date {missed:yyyy-MM-dd}, agreed {agreedOn:yyyy-MM-dd}: {on}");
                Assert.True(withIt.IsWorkingDay(missed) || missed == before.LapsedDueDate, $"missed date {missed:yyyy-MM-dd}: {on}");
            }

            deadline.Recount(Calendar, (_, _) => $"bank holiday {UkTime.FormatDate(day)} was removed");

            // Also a missed date that was an earlier extension's agreed date, moved off a holiday declared on it: the
            // agreed date it was is recorded (LapsedExtensionDate). Before, it stayed on the next working day.
            Assert.Equal(before, (deadline.DueDate, deadline.OriginalDueDate, deadline.LapsedDueDate));
        }
    }

    // Extended in time to Wed 29 Oct 2008; two one-off holidays then make the count end on Thu 30 Oct, after it, so it is
    // due by the count, and a second extension is agreed late, on Mon 3 Nov. Without those holidays the date missed was
    // the agreed Wednesday, not the count's Tuesday: removing them gives back 29 October, and lateness counts from it.
    // Before, the missed date of an overtaken extension was taken for the count's, and went back to 28 October.
    [Fact]
    public void Recount_LateExtensionOfAnExtensionTheCountOvertook_HolidaysRemovedGiveBackTheAgreedDateAsTheMissedOne()
    {
        var deadline = Logged(); // due Tue 28 Oct 2008
        Assert.True(deadline.ProposeExtension(new DateOnly(2008, 10, 29), "Board papers first.", byLink: false, "Janet Rowe", new DateOnly(2008, 10, 20), Calendar, waitingSeen: null).Succeeded);
        Assert.True(deadline.AgreeExtension(byLink: true, "Lena Khan", Now, new DateOnly(2008, 10, 21), new DateOnly(2008, 10, 29), Calendar).Succeeded);
        var withOneOffs = new WorkingDayCalendar([.. EnglandAndWalesBankHolidays.All.Select(h => new Holiday(h.Date, h.Name)),
            new Holiday(new DateOnly(2008, 10, 10), "One-off"), new Holiday(new DateOnly(2008, 10, 13), "Another one-off")]);
        Assert.True(deadline.Recount(withOneOffs, (_, _) => "two one-off bank holidays were added"));
        Assert.True(deadline.ExtensionOvertaken);
        Assert.Equal(new DateOnly(2008, 10, 30), deadline.DueDate);
        Assert.True(deadline.ProposeExtension(new DateOnly(2008, 11, 14), "Data re-run", byLink: false, "Janet Rowe", new DateOnly(2008, 10, 31), withOneOffs, waitingSeen: null).Succeeded);
        Assert.True(deadline.AgreeExtension(byLink: true, "Lena Khan", Now.AddDays(33), new DateOnly(2008, 11, 3), new DateOnly(2008, 11, 14), withOneOffs).Succeeded);
        Assert.Equal(new DateOnly(2008, 10, 30), deadline.LapsedDueDate);

        Assert.True(deadline.Recount(Calendar, (_, _) => "the one-off bank holidays were removed"));

        Assert.Equal((new DateOnly(2008, 11, 14), new DateOnly(2008, 10, 28), new DateOnly(2008, 10, 29)), (deadline.DueDate, deadline.OriginalDueDate, deadline.LapsedDueDate));
    }

    // Agreed after the statutory date had passed: lateness is counted from that date, which must be the count as the
    // holidays now make it (ADR 12, "Lateness cannot be erased").
    [Fact]
    public void Recount_ExtendedAfterTheDueDateAndAHolidayAddedWithinTheCount_TheMissedDateMovesAndLatenessCountsFromIt()
    {
        var deadline = ExtendedAfterItsDueDate(); // due Tue 28 Oct 2008, extended on 4 Nov to Fri 14 Nov
        var withOneOff = new WorkingDayCalendar([.. EnglandAndWalesBankHolidays.All.Select(h => new Holiday(h.Date, h.Name)), new Holiday(new DateOnly(2008, 10, 10), "One-off")]);

        Assert.True(deadline.Recount(withOneOff, (_, _) => "bank holiday Fri 10 Oct 2008 (One-off) was added"));

        Assert.Equal((new DateOnly(2008, 11, 14), new DateOnly(2008, 10, 29), new DateOnly(2008, 10, 29)), (deadline.DueDate, deadline.OriginalDueDate, deadline.LapsedDueDate));
        Assert.Contains("The due date missed before the extension was agreed, from which lateness is counted, moved from Tue 28 Oct 2008 to Wed 29 Oct 2008.", deadline.DueDateNote);
        deadline.RecordAnswer("Figures attached.", new DateOnly(2008, 10, 29), "Janet Rowe", withOneOff);
        Assert.Equal((0, "on time"), (deadline.WorkingDaysLate!.Value, deadline.DutyLateness));
    }

    [Theory]
    [InlineData("due", "2022-09-28", "2022-09-28", true)]
    [InlineData("due", "2022-09-29", "2022-09-28", false)]
    [InlineData("due@2022-09-29", "2022-09-29", "2022-09-28", true)]
    [InlineData("before-1@2022-09-29", "2022-09-28", "2022-09-28", false)]
    public void IsForDueDate_KeyAndCurrentDueDate_OnlyTheCurrentDatesKeysGoOut(string key, string due, string logged, bool expected) =>
        Assert.Equal(expected, ReminderSchedule.IsForDueDate(key, DateOnly.Parse(due, System.Globalization.CultureInfo.InvariantCulture),
            DateOnly.Parse(logged, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void NextReminderOn_Logged_TheDateReceived() =>
        Assert.Equal(new DateOnly(2008, 10, 1), Logged().NextReminderOn);

    [Fact]
    public void NextReminderOn_ExtensionAgreed_PlannedAgainThatDay()
    {
        var deadline = Logged();
        deadline.ProposeExtension(new DateOnly(2008, 11, 14), "Data re-run", byLink: false, "Janet Rowe", Today, Calendar, waitingSeen: null);
        Assert.Equal(new DateOnly(2008, 10, 1), deadline.NextReminderOn); // planned from receipt; a proposal moves nothing

        deadline.PlanRemindersFrom(new DateOnly(2008, 10, 21)); // as a sweep that moved it on would leave it, or later
        deadline.AgreeExtension(byLink: true, "Lena Khan", Now.AddDays(20), today: new DateOnly(2008, 10, 22), proposedSeen: new DateOnly(2008, 11, 14), Calendar);

        Assert.Equal(new DateOnly(2008, 10, 1), deadline.NextReminderOn); // already due sooner: stays
    }

    [Fact]
    public void NextReminderOn_Recounted_PlannedAgainFromTheDateReceived()
    {
        var deadline = Logged();
        var withFuneralOn28October = new WorkingDayCalendar([.. EnglandAndWalesBankHolidays.All.Select(h => new Holiday(h.Date, h.Name)), new Holiday(new DateOnly(2008, 10, 28), "One-off")]);

        Assert.True(deadline.Recount(withFuneralOn28October, (_, _) => "a holiday was added"));

        Assert.Equal(new DateOnly(2008, 10, 1), deadline.NextReminderOn);
    }

    [Fact]
    public void NextReminderOn_AnsweredWithdrawnEscalatedOrDutyMetByAcknowledgement_None()
    {
        var answered = Logged();
        answered.RecordAnswer("Figures attached.", new DateOnly(2008, 10, 20), "Janet Rowe", Calendar);
        var withdrawn = Logged();
        withdrawn.Withdraw(Now);
        var escalated = Logged();
        escalated.MarkEscalated(new DateOnly(2008, 11, 20));
        var referral = Logged(DeadlineKind.ScrutinyReferral);
        referral.Acknowledge("Rose Kiely", Now, new DateOnly(2008, 10, 2), Calendar);
        var request = Logged();
        request.Acknowledge("Janet Rowe", Now, new DateOnly(2008, 10, 2), Calendar);

        Assert.Equal([null, null, null, null], new[] { answered, withdrawn, escalated, referral }.Select(d => d.NextReminderOn));
        Assert.Equal(new DateOnly(2008, 10, 1), request.NextReminderOn); // the answer is still due: reminders go on
    }

    [Fact]
    public void Withdraw_AnsweredOrAlreadyWithdrawn_RefusesInTheStatesWordsNotItsCodeName()
    {
        var answered = Logged();
        answered.RecordAnswer("Figures attached.", new DateOnly(2008, 10, 20), "Janet Rowe", Calendar);
        var withdrawn = Logged();
        withdrawn.Withdraw(Now);

        Assert.Equal("This is answered; it cannot be withdrawn.", answered.Withdraw(Now).Problem);
        Assert.Equal("This is withdrawn by the LINk; no answer is awaited.",
            withdrawn.RecordAnswer("Figures attached.", new DateOnly(2008, 10, 20), "Janet Rowe", Calendar).Problem);
    }
}
