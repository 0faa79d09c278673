using Bunit;
using EngagementHub.Core.Common;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Pages.Deadlines;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace EngagementHub.Tests.Components.Deadlines;

public sealed class DeadlineDetailTests : BunitTestContextBase
{
    private sealed record Setting(Organisation Link, Organisation Commissioner, Organisation Other, int DeadlineId);

    /// <summary>A request received Monday 15 December 2008 (unless <paramref name="received"/> says otherwise): its 20 working
    /// days skip Christmas, Boxing Day and New Year's Day.</summary>
    private static async Task<Setting> SeedAsync(TestDatabase database, DateOnly? received = null)
    {
        await using (var db = database.CreateContext())
        {
            await DeadlineService.EnsureRulesAsync(db);
        }

        var link = await database.SeedOrganisationAsync("Birmingham LINk", OrganisationKind.Link);
        var commissioner = await database.SeedOrganisationAsync("NHS South Birmingham", OrganisationKind.Commissioner,
            o => o.AddContact("Janet Rowe", "Director of Engagement", null, null, receivesLinkRequests: true));
        var other = await database.SeedOrganisationAsync("NHS Birmingham East and North", OrganisationKind.Commissioner);
        var access = new OrganisationAccess(NullLogger<OrganisationAccess>.Instance);
        var service = new DeadlineService(database.Factory, new BankHolidayCalendar(database.Factory, access, database.Clock), access,
            database.Clock);
        await using var check = database.CreateContext();
        var rule = await check.DeadlineRules.Where(r => r.Kind == DeadlineKind.InformationRequest).Select(r => r.Id).SingleAsync();
        var outcome = await service.LogAsync(EditorOf(link, "Lena Khan"), new DeadlineInput
        {
            RuleId = rule,
            Subject = "Winter pressures plan",
            ToOrganisationId = commissioner.Id,
            Received = received ?? new DateOnly(2008, 12, 15),
        });
        Assert.True(outcome.Succeeded);
        return new Setting(link, commissioner, other, outcome.Value);
    }

    private static DeadlineService ServiceOver(TestDatabase database)
    {
        var access = new OrganisationAccess(NullLogger<OrganisationAccess>.Instance);
        return new DeadlineService(database.Factory, new BankHolidayCalendar(database.Factory, access, database.Clock), access, database.Clock);
    }

    /// <summary>The LINk refers the same matter to the scrutiny committee, which acknowledges it: the duty is met, a follow-up open.</summary>
    private static async Task<(DeadlineService Service, Organisation Scrutiny, int Referral)> AcknowledgedReferralAsync(TestDatabase database, Setting setting)
    {
        var scrutiny = await database.SeedOrganisationAsync("Health and Social Care Overview and Scrutiny Committee", OrganisationKind.Scrutiny);
        var service = ServiceOver(database);
        int rule;
        await using (var db = database.CreateContext())
        {
            rule = await db.DeadlineRules.Where(r => r.Kind == DeadlineKind.ScrutinyReferral).Select(r => r.Id).SingleAsync();
        }

        var referral = (await service.LogAsync(EditorOf(setting.Link, "Lena Khan"), new DeadlineInput
        {
            RuleId = rule, Subject = "Referral: Winter pressures plan", ToOrganisationId = scrutiny.Id, Received = new DateOnly(2008, 12, 15),
        })).Value;
        Assert.True((await service.AcknowledgeAsync(EditorOf(scrutiny, "Rose Kiely"), referral)).Succeeded);
        return (service, scrutiny, referral);
    }

    private static Actor EditorOf(Organisation organisation, string name) =>
        new($"user-{name}", name, organisation.Id, organisation.Name, UserRole.Editor);

    private static List<string> Buttons(IRenderedComponent<DeadlineDetail> cut) => cut.FindAll("button").Select(b => b.TextContent.Trim()).ToList();

    [Fact]
    public async Task Render_AnyReader_ShowsTheWorkingAndTheSkippedHolidays()
    {
        var database = await CreateDatabaseAsync();
        var setting = await SeedAsync(database);
        Context.UseEngagementHub(database);
        Context.SignIn(People.Viewer(setting.Other.Id));
        Context.RenderPopovers();

        var cut = Context.Render<DeadlineDetail>(p => p.Add(x => x.Id, setting.DeadlineId));

        cut.WaitForAssertion(() => Assert.Contains("20 working days beginning with Mon 15 Dec 2008", cut.Find("[data-testid=working]").TextContent));
        Assert.Contains("due Wed 14 Jan 2009", cut.Find("[data-testid=working]").TextContent);
        Assert.Contains("Christmas Day", cut.Find("[data-testid=skipped-holidays]").TextContent);
        Assert.Contains("Wed 14 Jan 2009", cut.Find("[data-testid=due-date]").TextContent);
        Assert.Contains("Janet Rowe", cut.Markup);
        // Overdue, said in words, not only in colour.
        Assert.Contains("Overdue", cut.Find("[data-testid=state]").TextContent);
        // A reader of a third organisation is offered nothing to do.
        Assert.DoesNotContain("Record the answer", Buttons(cut));
        Assert.DoesNotContain("Acknowledge", Buttons(cut));
    }

    [Fact]
    public async Task Render_Recipient_OffersAcknowledgeButNotWithdrawOrEscalate()
    {
        var database = await CreateDatabaseAsync();
        var setting = await SeedAsync(database);
        Context.UseEngagementHub(database);
        Context.SignIn(EditorOf(setting.Commissioner, "Janet Rowe"));
        Context.RenderPopovers();

        var cut = Context.Render<DeadlineDetail>(p => p.Add(x => x.Id, setting.DeadlineId));

        cut.WaitForAssertion(() => Assert.Contains("Acknowledge", Buttons(cut)));
        Assert.Contains("Record the answer", Buttons(cut));
        Assert.DoesNotContain("Withdraw the deadline", Buttons(cut));
        Assert.DoesNotContain("Escalate to scrutiny", Buttons(cut));
    }

    [Fact]
    public async Task Render_Link_OffersWithdrawAndEscalateButNotAcknowledge()
    {
        var database = await CreateDatabaseAsync();
        var setting = await SeedAsync(database);
        Context.UseEngagementHub(database);
        Context.SignIn(EditorOf(setting.Link, "Lena Khan"));
        Context.RenderPopovers();

        var cut = Context.Render<DeadlineDetail>(p => p.Add(x => x.Id, setting.DeadlineId));

        cut.WaitForAssertion(() => Assert.Contains("Withdraw the deadline", Buttons(cut)));
        Assert.Contains("Escalate to scrutiny", Buttons(cut));
        Assert.Contains("Record the answer", Buttons(cut));
        Assert.DoesNotContain("Acknowledge", Buttons(cut));
    }

    [Fact]
    public async Task Render_EscalatedUnanswered_OffersTheRecipientOnlyToRecordTheAnswer()
    {
        var database = await CreateDatabaseAsync();
        var setting = await SeedAsync(database);
        await database.SeedOrganisationAsync("Health Overview and Scrutiny Committee", OrganisationKind.Scrutiny);
        var access = new OrganisationAccess(NullLogger<OrganisationAccess>.Instance);
        var service = new DeadlineService(database.Factory, new BankHolidayCalendar(database.Factory, access, database.Clock), access, database.Clock);
        Assert.True((await service.EscalateAsync(EditorOf(setting.Link, "Lena Khan"), setting.DeadlineId)).Succeeded);
        Context.UseEngagementHub(database);
        Context.SignIn(EditorOf(setting.Commissioner, "Janet Rowe"));
        Context.RenderPopovers();

        var cut = Context.Render<DeadlineDetail>(p => p.Add(x => x.Id, setting.DeadlineId));

        // Escalating does not release the commissioner from answering: the notice tells them to record it, and here they can.
        cut.WaitForAssertion(() => Assert.Contains("Record the answer", Buttons(cut)));
        Assert.DoesNotContain("Acknowledge", Buttons(cut));
        Assert.DoesNotContain("Propose an extension", Buttons(cut));
        Assert.DoesNotContain("Escalate to scrutiny", Buttons(cut));
    }

    [Fact]
    public async Task Acknowledge_Recipient_ShowsItAcknowledged()
    {
        var database = await CreateDatabaseAsync();
        var setting = await SeedAsync(database);
        Context.UseEngagementHub(database);
        Context.SignIn(EditorOf(setting.Commissioner, "Janet Rowe"));
        Context.RenderPopovers();
        var cut = Context.Render<DeadlineDetail>(p => p.Add(x => x.Id, setting.DeadlineId));

        cut.WaitForAssertion(() => cut.FindAll("button").Single(b => b.TextContent.Trim() == "Acknowledge").Click());

        cut.WaitForAssertion(() => Assert.Contains("Overdue (acknowledged, not answered)", cut.Find("[data-testid=state]").TextContent));
        Assert.DoesNotContain("Acknowledge", Buttons(cut));
    }

    [Fact]
    public async Task Render_AcknowledgedScrutinyReferral_ShowsTheDutyMetAndAnOpenFollowUpNotOverdue()
    {
        var database = await CreateDatabaseAsync();
        var setting = await SeedAsync(database);
        var (_, _, referral) = await AcknowledgedReferralAsync(database, setting);
        Context.UseEngagementHub(database);
        Context.SignIn(EditorOf(setting.Link, "Lena Khan"));
        Context.RenderPopovers();

        var cut = Context.Render<DeadlineDetail>(p => p.Add(x => x.Id, referral));

        cut.WaitForAssertion(() => Assert.Equal("Acknowledged: duty met, follow-up open", cut.Find("[data-testid=state]").TextContent.Trim()));
        Assert.Contains("keeps the LINk informed", cut.Find("[data-testid=follow-up]").TextContent);
        Assert.Contains("Record the answer", Buttons(cut));
        Assert.DoesNotContain("Escalate to scrutiny", Buttons(cut));
        Assert.DoesNotContain("Propose an extension", Buttons(cut));
    }
    [Fact]
    public async Task Render_AnsweredLate_SaysHowLateInTheWordsOfTheListAndReports()
    {
        var database = await CreateDatabaseAsync();
        var setting = await SeedAsync(database);
        var service = ServiceOver(database);
        // Due Wed 14 Jan 2009; answered Mon 19 Jan: Thursday, Friday and Monday late.
        Assert.True((await service.RecordAnswerAsync(EditorOf(setting.Commissioner, "Janet Rowe"), setting.DeadlineId, "Plan attached.",
            new DateOnly(2009, 1, 19))).Succeeded);
        Context.UseEngagementHub(database);
        Context.SignIn(EditorOf(setting.Link, "Lena Khan"));
        Context.RenderPopovers();

        var cut = Context.Render<DeadlineDetail>(p => p.Add(x => x.Id, setting.DeadlineId));

        cut.WaitForAssertion(() => Assert.Equal("3 working days late", cut.Find("[data-testid=answer-lateness]").TextContent.Trim()));
        Assert.Equal("Answered", cut.Find("[data-testid=state]").TextContent.Trim());
    }

    [Fact]
    public async Task Render_FollowUpAnsweredAfterTheAcknowledgementMetTheDuty_DoesNotMeasureTheAnswer()
    {
        var database = await CreateDatabaseAsync();
        var setting = await SeedAsync(database);
        var (service, scrutiny, referral) = await AcknowledgedReferralAsync(database, setting);
        Assert.True((await service.RecordAnswerAsync(EditorOf(scrutiny, "Rose Kiely"), referral, "The committee will hear it in March.",
            UkTime.Today(database.Clock.GetUtcNow()))).Succeeded);
        Context.UseEngagementHub(database);
        Context.SignIn(EditorOf(setting.Link, "Lena Khan"));
        Context.RenderPopovers();

        var cut = Context.Render<DeadlineDetail>(p => p.Add(x => x.Id, referral));

        cut.WaitForAssertion(() => Assert.Contains("(recorded by Rose Kiely): a follow-up; the acknowledgement met the duty.",
            OneLine(cut.Find("[data-testid=answer]").TextContent)));
        Assert.Empty(cut.FindAll("[data-testid=answer-lateness]"));
    }

    /// <summary>A request received Tue 1 Sep 2026, due Mon 28 Sept 2026, already passed today (Thu 1 Oct 2026).</summary>
    private static Task<Setting> SeedOverdueAsync(TestDatabase database) => SeedAsync(database, new DateOnly(2026, 9, 1));

    /// <summary>The commissioner proposes moving the due date from Mon 28 Sept 2026 (<see cref="SeedOverdueAsync"/>) to Fri
    /// 13 Nov 2026, after today (Thu 1 Oct 2026); the LINk is to agree.</summary>
    private async Task<IRenderedComponent<MudBlazor.MudDialogProvider>> ProposeExtensionAndOpenAsLinkAsync(
        TestDatabase database, Setting setting)
    {
        var access = new OrganisationAccess(NullLogger<OrganisationAccess>.Instance);
        var service = new DeadlineService(database.Factory, new BankHolidayCalendar(database.Factory, access, database.Clock), access, database.Clock);
        var proposed = await service.ProposeExtensionAsync(EditorOf(setting.Commissioner, "Janet Rowe"), setting.DeadlineId, new DateOnly(2026, 11, 13), "The board meets on 10 November.", waitingSeen: null);
        Assert.True(proposed.Succeeded);
        Context.UseEngagementHub(database);
        Context.SignIn(EditorOf(setting.Link, "Lena Khan"));
        var providers = Context.Render<MudBlazor.MudDialogProvider>();
        Context.RenderPopovers();
        return providers;
    }

    [Fact]
    public async Task AgreeExtension_Cancelled_SaysWhatAgreeingMeansAndKeepsTheDueDate()
    {
        var database = await CreateDatabaseAsync();
        var setting = await SeedOverdueAsync(database);
        var providers = await ProposeExtensionAndOpenAsLinkAsync(database, setting);
        var cut = Context.Render<DeadlineDetail>(p => p.Add(x => x.Id, setting.DeadlineId));
        var before = await AuditCountAsync(database, setting.DeadlineId);

        AngleSharp.Dom.IElement? agree = null;
        cut.WaitForAssertion(() => agree = cut.FindAll("button").Single(b => b.TextContent.Trim() == "Agree the extension"));
        var clicked = agree!.ClickAsync(new());

        providers.WaitForAssertion(() => Assert.Contains("Agree the new due date of Fri 13 Nov 2026 for Birmingham LINk?", providers.Markup));
        var text = providers.Find(".mud-dialog").TextContent;
        Assert.Contains("Agreeing records that Birmingham LINk agrees to move the due date of", text);
        Assert.Contains("from Mon 28 Sept 2026 to Fri 13 Nov 2026", text);
        Assert.Contains("The new date then binds both sides", text);
        // Agreed after the due date had passed: lateness is still counted from the passed date, and the question says so.
        Assert.Contains("lateness is still counted from Mon 28 Sept 2026", text);
        await ClickDialogButtonAsync(providers, "Cancel");
        await clicked;

        providers.WaitForAssertion(() => Assert.Empty(providers.FindAll(".mud-dialog")));
        var deadline = (await Context.Services.GetRequiredService<DeadlineService>().GetAsync(setting.DeadlineId))!.Deadline;
        Assert.Equal(new DateOnly(2026, 9, 28), deadline.DueDate);
        Assert.Null(deadline.ExtensionAgreedAt);
        Assert.True(deadline.ExtensionAwaitingAgreement);
        Assert.Equal(before, await AuditCountAsync(database, setting.DeadlineId));
        Assert.Contains("Agree the extension", Buttons(cut));
    }

    [Fact]
    public async Task AgreeExtension_Confirmed_MovesTheDueDateOnce()
    {
        var database = await CreateDatabaseAsync();
        var setting = await SeedOverdueAsync(database);
        var providers = await ProposeExtensionAndOpenAsLinkAsync(database, setting);
        var cut = Context.Render<DeadlineDetail>(p => p.Add(x => x.Id, setting.DeadlineId));
        var before = await AuditCountAsync(database, setting.DeadlineId);

        AngleSharp.Dom.IElement? agree = null;
        cut.WaitForAssertion(() => agree = cut.FindAll("button").Single(b => b.TextContent.Trim() == "Agree the extension"));
        var clicked = agree!.ClickAsync(new());
        await ClickDialogButtonAsync(providers, "Agree for Birmingham LINk");
        await clicked;

        cut.WaitForAssertion(() => Assert.Contains("Fri 13 Nov 2026 (extended by agreement)", cut.Find("[data-testid=due-date]").TextContent));
        var deadline = (await Context.Services.GetRequiredService<DeadlineService>().GetAsync(setting.DeadlineId))!.Deadline;
        Assert.Equal(new DateOnly(2026, 11, 13), deadline.DueDate);
        Assert.Equal("Lena Khan", deadline.ExtensionAgreedByLink);
        Assert.Equal(before + 1, await AuditCountAsync(database, setting.DeadlineId));
        Assert.DoesNotContain("Agree the extension", Buttons(cut));
    }

    // The LINk declines the trust's proposal: asked for a reason first, then the proposal is set aside, the due date
    // stays, and the page says who declined which date, for which side, when and why.
    [Fact]
    public async Task DeclineExtension_NoReasonThenAReason_AskedWhyThenSetsTheProposalAsideAndSaysWhoDeclinedItWhenAndWhy()
    {
        var database = await CreateDatabaseAsync();
        var setting = await SeedOverdueAsync(database);
        var providers = await ProposeExtensionAndOpenAsLinkAsync(database, setting);
        var cut = Context.Render<DeadlineDetail>(p => p.Add(x => x.Id, setting.DeadlineId));
        var before = await AuditCountAsync(database, setting.DeadlineId);

        AngleSharp.Dom.IElement? decline = null;
        cut.WaitForAssertion(() => decline = cut.FindAll("button").Single(b => b.TextContent.Trim() == "Decline the extension"));
        Assert.Contains("Agree the extension", Buttons(cut));
        Assert.DoesNotContain("Withdraw the proposal", Buttons(cut));
        var clicked = decline!.ClickAsync(new());
        providers.WaitForAssertion(() => Assert.Contains("Say why you decline the new due date of Fri 13 Nov 2026. The proposal is set aside and the due date stays Mon 28 Sept 2026, which has passed: the answer is late;",
            OneLine(providers.Find("[data-testid=decline-extension-text]").TextContent)));

        await providers.Find(".mud-dialog form").SubmitAsync();
        providers.WaitForAssertion(() => Assert.Contains("Say why you decline the extension.", providers.Find("[data-testid=error-summary]").TextContent));
        Assert.Equal(before, await AuditCountAsync(database, setting.DeadlineId));
        await DialogField(providers, "Reason").QuerySelector("textarea, input")!.ChangeAsync(new() { Value = "The board meets on 20 October and needs the plan." });
        await providers.Find(".mud-dialog form").SubmitAsync();
        await clicked;

        cut.WaitForAssertion(() => Assert.Equal("Fri 13 Nov 2026, proposed by NHS South Birmingham, was declined by Lena Khan for the LINk on 1 Oct 2026 at 10:00. "
            + "Why: The board meets on 20 October and needs the plan.", OneLine(cut.Find("[data-testid=extension-declined]").TextContent)));
        Assert.Empty(cut.FindAll("[data-testid=extension-proposal]"));
        Assert.DoesNotContain("Agree the extension", Buttons(cut));
        Assert.DoesNotContain("Decline the extension", Buttons(cut));
        Assert.Contains("Mon 28 Sept 2026", cut.Find("[data-testid=due-date]").TextContent);
        var deadline = (await Context.Services.GetRequiredService<DeadlineService>().GetAsync(setting.DeadlineId))!.Deadline;
        Assert.Equal((null, new DateOnly(2026, 9, 28)), (deadline.ProposedDueDate, deadline.DueDate));
        Assert.Equal(before + 1, await AuditCountAsync(database, setting.DeadlineId));
    }

    // The trust withdrew its proposal while the LINk's page still showed it: "Decline the extension" does not open a form
    // asking why the LINk declines a date nobody proposes any more. The page shows the deadline as it now is, and says so.
    [Fact]
    public async Task DeclineExtension_ProposalWithdrawnWhileThePageWasOpen_SaysSoAndOpensNoForm()
    {
        var database = await CreateDatabaseAsync();
        var setting = await SeedOverdueAsync(database);
        var providers = await ProposeExtensionAndOpenAsLinkAsync(database, setting);
        var cut = Context.Render<DeadlineDetail>(p => p.Add(x => x.Id, setting.DeadlineId));
        AngleSharp.Dom.IElement? decline = null;
        cut.WaitForAssertion(() => decline = cut.FindAll("button").Single(b => b.TextContent.Trim() == "Decline the extension"));
        Assert.True((await ServiceOver(database).WithdrawExtensionProposalAsync(EditorOf(setting.Commissioner, "Janet Rowe"), setting.DeadlineId,
            new DateOnly(2026, 11, 13))).Succeeded);

        await decline!.ClickAsync(new());

        Assert.Empty(providers.FindAll(".mud-dialog"));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=extension-proposal]")));
        Assert.DoesNotContain("Decline the extension", Buttons(cut));
        Assert.Contains(Context.Services.GetRequiredService<MudBlazor.ISnackbar>().ShownSnackbars,
            s => s.Message != null && s.Message.StartsWith("This deadline changed while the page was open", StringComparison.Ordinal));
    }

    // A reader with no step on the deadline (a viewer of another organisation) sees the proposal waiting, as both sides
    // do; once a later proposal is agreed, the earlier decline no longer shows beside the agreed due date.
    [Fact]
    public async Task Render_ProposalWaitingThenDeclinedThenAnotherAgreed_EveryReaderSeesTheProposalAndNoStaleDecline()
    {
        var database = await CreateDatabaseAsync();
        var setting = await SeedOverdueAsync(database);
        var service = ServiceOver(database);
        var commissioner = EditorOf(setting.Commissioner, "Janet Rowe");
        var link = EditorOf(setting.Link, "Lena Khan");
        Assert.True((await service.ProposeExtensionAsync(commissioner, setting.DeadlineId, new DateOnly(2026, 11, 13), "The board meets on 10 November.", waitingSeen: null)).Succeeded);
        Context.UseEngagementHub(database);
        Context.SignIn(People.Viewer(setting.Other.Id));

        var cut = Context.Render<DeadlineDetail>(p => p.Add(x => x.Id, setting.DeadlineId));

        cut.WaitForAssertion(() => Assert.Contains("Janet Rowe (NHS South Birmingham) proposed a new due date of Fri 13 Nov 2026",
            OneLine(cut.Find("[data-testid=extension-proposal]").TextContent)));
        Assert.DoesNotContain(Buttons(cut), b => b.Contains("extension", StringComparison.Ordinal));

        Assert.True((await service.DeclineExtensionAsync(link, setting.DeadlineId, "The board needs it sooner.", new DateOnly(2026, 11, 13))).Succeeded);
        Assert.True((await service.ProposeExtensionAsync(commissioner, setting.DeadlineId, new DateOnly(2026, 10, 30), "Figures by the end of October.", waitingSeen: null)).Succeeded);
        database.Clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True((await service.AgreeExtensionAsync(link, setting.DeadlineId, new DateOnly(2026, 10, 30))).Succeeded);
        var again = Context.Render<DeadlineDetail>(p => p.Add(x => x.Id, setting.DeadlineId));

        again.WaitForAssertion(() => Assert.Contains("Fri 30 Oct 2026 (extended by agreement)", again.Find("[data-testid=due-date]").TextContent));
        Assert.Empty(again.FindAll("[data-testid=extension-declined]"));
        Assert.Empty(again.FindAll("[data-testid=extension-proposal]"));
    }

    // The trust proposed the date and takes it back: asked first, then the proposal is set aside and the due date stays.
    // Nothing lets it agree or decline its own proposal.
    [Fact]
    public async Task WithdrawTheProposal_ByTheSideThatProposedIt_AskedFirstThenSetsItAside()
    {
        var database = await CreateDatabaseAsync();
        var setting = await SeedOverdueAsync(database);
        Assert.True((await ServiceOver(database).ProposeExtensionAsync(EditorOf(setting.Commissioner, "Janet Rowe"), setting.DeadlineId, new DateOnly(2026, 11, 13),
            "The board meets on 10 November.", waitingSeen: null)).Succeeded);
        Context.UseEngagementHub(database);
        Context.SignIn(EditorOf(setting.Commissioner, "Colin Marsh"));
        var providers = Context.Render<MudBlazor.MudDialogProvider>();
        Context.RenderPopovers();
        var cut = Context.Render<DeadlineDetail>(p => p.Add(x => x.Id, setting.DeadlineId));
        var before = await AuditCountAsync(database, setting.DeadlineId);

        AngleSharp.Dom.IElement? withdraw = null;
        cut.WaitForAssertion(() => withdraw = cut.FindAll("button").Single(b => b.TextContent.Trim() == "Withdraw the proposal"));
        Assert.DoesNotContain("Agree the extension", Buttons(cut));
        Assert.DoesNotContain("Decline the extension", Buttons(cut));
        var clicked = withdraw!.ClickAsync(new());
        providers.WaitForAssertion(() => Assert.Contains("Withdraw the proposed due date of Fri 13 Nov 2026?", providers.Markup));
        Assert.Contains("the due date stays Mon 28 Sept 2026", providers.Find(".mud-dialog").TextContent);
        await ClickDialogButtonAsync(providers, "Withdraw the proposal");
        await clicked;

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=extension-proposal]")));
        Assert.DoesNotContain("Withdraw the proposal", Buttons(cut));
        var deadline = (await Context.Services.GetRequiredService<DeadlineService>().GetAsync(setting.DeadlineId))!.Deadline;
        Assert.Equal((null, new DateOnly(2026, 9, 28)), (deadline.ProposedDueDate, deadline.DueDate));
        Assert.Equal(before + 1, await AuditCountAsync(database, setting.DeadlineId));
    }

    private static AngleSharp.Dom.IElement DialogField(IRenderedComponent<MudBlazor.MudDialogProvider> providers, string label) =>
        providers.FindAll(".mud-dialog .mud-input-control").Single(c => c.QuerySelector("label")?.TextContent.Trim() == label);

    // Received Thu 1 Oct 2026 (today), due Wed 28 Oct; the trust proposes Fri 13 Nov, and a bank holiday is then declared on
    // that day. A proposal is not a date of the deadline yet, so the recount leaves it; agreeing it would put the due date
    // on a day nobody works, and is refused. Before, the page offered it with no word until the LINk pressed Agree.
    [Fact]
    public async Task Render_ProposalThatHasBecomeABankHoliday_SaysItCannotBeAgreedAndNamesTheNextWorkingDay()
    {
        var database = await CreateDatabaseAsync();
        var setting = await SeedAsync(database, new DateOnly(2026, 10, 1));
        var service = ServiceOver(database);
        Assert.True((await service.ProposeExtensionAsync(EditorOf(setting.Commissioner, "Janet Rowe"), setting.DeadlineId, new DateOnly(2026, 11, 13), "Board papers first.", waitingSeen: null)).Succeeded);
        var holidays = new BankHolidayCalendar(database.Factory, new OrganisationAccess(NullLogger<OrganisationAccess>.Instance), database.Clock);
        Assert.True((await holidays.AddAsync(People.Admin(setting.Link.Id), new DateOnly(2026, 11, 13), "Day of mourning")).Succeeded);
        Context.UseEngagementHub(database);
        Context.SignIn(EditorOf(setting.Link, "Lena Khan"));

        var cut = Context.Render<DeadlineDetail>(p => p.Add(x => x.Id, setting.DeadlineId));

        cut.WaitForAssertion(() => Assert.Equal("Fri 13 Nov 2026 has become a bank holiday (Day of mourning) since it was proposed, and a due date must be a working day, "
            + "so it cannot be agreed: propose Mon 16 Nov 2026 or another working day instead.", cut.Find("[data-testid=proposal-cannot-be-agreed]").TextContent.Trim()));
        // The proposal's reason ends its sentence; the reason it cannot be agreed is a sentence of its own after it.
        Assert.Contains("Board papers first. Fri 13 Nov 2026 has become", OneLine(cut.Find("[data-testid=extension-proposal]").TextContent));
        Assert.DoesNotContain("Agree the extension", cut.Markup);
    }

    // Received Thu 1 Oct 2026 (today), due Wed 28 Oct; both sides agree Fri 13 Nov. A day of mourning on Mon 5 Oct moves
    // the statutory date to Thu 29 Oct while the agreed date still sets the due date. Before, the page labelled the note
    // "Due date changed", though the due date had not, and the history called it a note on the due date.
    [Fact]
    public async Task Render_RecountMovedOnlyTheStatutoryDate_LabelsTheNoteAsDatesRecountedNamingThatDate()
    {
        var database = await CreateDatabaseAsync();
        var setting = await SeedAsync(database, new DateOnly(2026, 10, 1));
        var service = ServiceOver(database);
        var agreed = new DateOnly(2026, 11, 13);
        Assert.True((await service.ProposeExtensionAsync(EditorOf(setting.Commissioner, "Janet Rowe"), setting.DeadlineId, agreed, "Board papers first.", waitingSeen: null)).Succeeded);
        Assert.True((await service.AgreeExtensionAsync(EditorOf(setting.Link, "Lena Khan"), setting.DeadlineId, agreed)).Succeeded);
        var holidays = new BankHolidayCalendar(database.Factory, new OrganisationAccess(NullLogger<OrganisationAccess>.Instance), database.Clock);
        Assert.True((await holidays.AddAsync(People.Admin(setting.Link.Id), new DateOnly(2026, 10, 5), "Day of mourning")).Succeeded);
        Context.UseEngagementHub(database);
        Context.SignIn(EditorOf(setting.Link, "Lena Khan"));

        var cut = Context.Render<DeadlineDetail>(p => p.Add(x => x.Id, setting.DeadlineId));

        cut.WaitForAssertion(() => Assert.Contains("The statutory due date moved from Wed 28 Oct 2026 to Thu 29 Oct 2026",
            cut.Find("[data-testid=due-date-note]").TextContent));
        Assert.Equal("Dates recounted", cut.Find("[data-testid=due-date-note]").PreviousElementSibling!.TextContent.Trim());
        // Its history entry names the date that moved, and the note, by what they are.
        var recount = cut.FindAll(".audit-changes").Select(c => c.TextContent).First(t => t.Contains("Note on the recounted dates", StringComparison.Ordinal));
        Assert.Contains("Statutory due date changed from Wed 28 Oct 2026 to Thu 29 Oct 2026.", recount);
        Assert.DoesNotContain("Due date changed", recount, StringComparison.Ordinal);
    }

    // Received Thu 1 Oct 2026 (today), due Wed 28 Oct; both sides agree Thu 29 Oct. Two bank holidays declared within
    // the count make it end on Fri 30 Oct, after the date agreed: the page says the deadline is due by the count, and why.
    [Fact]
    public async Task Render_CountNowEndsAfterTheAgreedExtension_SaysItIsDueByTheCount()
    {
        var database = await CreateDatabaseAsync();
        var setting = await SeedAsync(database, new DateOnly(2026, 10, 1));
        var service = ServiceOver(database);
        var agreed = new DateOnly(2026, 10, 29);
        Assert.True((await service.ProposeExtensionAsync(EditorOf(setting.Commissioner, "Janet Rowe"), setting.DeadlineId, agreed, "Board papers first.", waitingSeen: null)).Succeeded);
        Assert.True((await service.AgreeExtensionAsync(EditorOf(setting.Link, "Lena Khan"), setting.DeadlineId, agreed)).Succeeded);
        var holidays = new BankHolidayCalendar(database.Factory, new OrganisationAccess(NullLogger<OrganisationAccess>.Instance), database.Clock);
        Assert.True((await holidays.AddAsync(People.Admin(setting.Link.Id), new DateOnly(2026, 10, 5), "Day of mourning")).Succeeded);
        Assert.True((await holidays.AddAsync(People.Admin(setting.Link.Id), new DateOnly(2026, 10, 6), "Funeral")).Succeeded);
        Context.UseEngagementHub(database);
        Context.SignIn(EditorOf(setting.Link, "Lena Khan"));

        var cut = Context.Render<DeadlineDetail>(p => p.Add(x => x.Id, setting.DeadlineId));

        cut.WaitForAssertion(() => Assert.Equal("Fri 30 Oct 2026 (the statutory count, which now ends after the Thu 29 Oct 2026 agreed)",
            cut.Find("[data-testid=due-date]").TextContent.Trim()));
        Assert.Contains("now due Fri 30 Oct 2026. Both sides agreed Thu 29 Oct 2026, but bank holidays added since make the count of 20 working days end later, so it is due by the count.",
            OneLine(cut.Find("[data-testid=extension]").TextContent));
        Assert.Contains("now ends after the extension agreed to Thu 29 Oct 2026", cut.Find("[data-testid=due-date-note]").TextContent);
    }

    /// <summary>A person with an account (the hand-over lists accounts), acting as their account has them.</summary>
    private static async Task<Actor> PersonAsync(TestDatabase database, Organisation organisation, string name, UserRole role = UserRole.Editor)
    {
        await using var db = database.CreateContext();
        var email = $"{name.Split(' ')[0].ToLowerInvariant()}@{organisation.Id}.test";
        var user = new ApplicationUser
        {
            UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant(), DisplayName = name, OrganisationId = organisation.Id, Role = role,
            CreatedAt = database.Clock.GetUtcNow(),
        };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return new Actor(user.Id, name, organisation.Id, organisation.Name, role);
    }

    private static IRenderedComponent<MudBlazor.MudSelect<string>> NewOwnerField(IRenderedComponent<DeadlineDetail> cut) =>
        cut.FindComponents<MudBlazor.MudSelect<string>>().Single(s => s.Instance.Label == "Hand it over to");

    private static void ChooseNewOwner(IRenderedComponent<DeadlineDetail> cut, IRenderedComponent<MudBlazor.MudPopoverProvider> popovers, string name)
    {
        NewOwnerField(cut).Find("div.mud-input-control").MouseDown();
        popovers.WaitForAssertion(() => popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Trim() == name).Click());
    }

    [Theory]
    [InlineData("commissioner")]
    [InlineData("viewer")]
    [InlineData("other")]
    public async Task HandOver_SomeoneWhoMayNot_IsNotOfferedIt(string who)
    {
        var database = await CreateDatabaseAsync();
        var setting = await SeedAsync(database);
        await PersonAsync(database, setting.Link, "Mo Patel");
        var actor = who switch
        {
            "commissioner" => await PersonAsync(database, setting.Commissioner, "Janet Rowe"),
            "viewer" => await PersonAsync(database, setting.Link, "Vic Viewer", UserRole.Viewer),
            _ => await PersonAsync(database, setting.Other, "Ed East"),
        };
        Context.UseEngagementHub(database);
        Context.SignIn(actor);
        Context.RenderPopovers();

        var cut = Context.Render<DeadlineDetail>(p => p.Add(x => x.Id, setting.DeadlineId));

        cut.WaitForAssertion(() => Assert.Contains("Lena Khan", cut.Markup));
        Assert.Empty(cut.FindAll("[data-testid=hand-over]"));
        Assert.Empty(cut.FindComponents<MudBlazor.MudSelect<string>>());
    }

    [Fact]
    public async Task HandOver_AnEditorOfTheLinkChoosesAColleague_TheyFollowItUp()
    {
        var database = await CreateDatabaseAsync();
        var setting = await SeedAsync(database);
        var mo = await PersonAsync(database, setting.Link, "Mo Patel");
        await PersonAsync(database, setting.Link, "Larry Adams", UserRole.Admin);
        await PersonAsync(database, setting.Link, "Vic Viewer", UserRole.Viewer);
        Context.UseEngagementHub(database);
        Context.SignIn(mo);
        var popovers = Context.RenderPopovers();
        var cut = Context.Render<DeadlineDetail>(p => p.Add(x => x.Id, setting.DeadlineId));
        // Lena Khan logged it in these tests without an account of her own: as for someone who has left, it is said.
        cut.WaitForAssertion(() => Assert.Contains("Lena Khan followed it up but has left the LINk", cut.Find("[data-testid=owner-note]").TextContent));

        NewOwnerField(cut).Find("div.mud-input-control").MouseDown();
        popovers.WaitForAssertion(() => Assert.Equal(["Mo Patel (you: take it over)", "Larry Adams"],
            popovers.FindAll(".mud-list-item").Select(i => i.TextContent.Trim()).ToArray()));
        popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Trim() == "Larry Adams").Click();
        cut.Find("[data-testid=hand-over] form").Submit();

        cut.WaitForAssertion(() => Assert.Contains("Larry Adams follows it up for the LINk", cut.Find("[data-testid=owner-note]").TextContent));
        Assert.Equal("Larry Adams", (await Context.Services.GetRequiredService<DeadlineService>().GetAsync(setting.DeadlineId))!.Deadline.OwnerName);
    }

    [Fact]
    public async Task HandOver_ThePersonChosenWasDisabledMeanwhile_SaidNextToTheFieldWithTheChoiceKept()
    {
        var database = await CreateDatabaseAsync();
        var setting = await SeedAsync(database);
        var mo = await PersonAsync(database, setting.Link, "Mo Patel");
        var larry = await PersonAsync(database, setting.Link, "Larry Adams", UserRole.Admin);
        Context.UseEngagementHub(database);
        Context.SignIn(mo);
        var popovers = Context.RenderPopovers();
        var cut = Context.Render<DeadlineDetail>(p => p.Add(x => x.Id, setting.DeadlineId));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=hand-over]")));
        ChooseNewOwner(cut, popovers, "Larry Adams");
        await using (var db = database.CreateContext())
        {
            (await db.Users.SingleAsync(u => u.Id == larry.UserId)).IsDisabled = true;
            await db.SaveChangesAsync();
        }

        cut.Find("[data-testid=hand-over] form").Submit();

        cut.WaitForAssertion(() => Assert.Contains("Larry Adams's account can no longer be used, so they cannot follow it up. Choose someone else from the list.",
            NewOwnerField(cut).Markup.Replace("\u2068", "").Replace("\u2069", "")));
        Assert.Contains("Larry Adams", NewOwnerField(cut).Find("input").GetAttribute("value"));
        Assert.Equal("Lena Khan", (await Context.Services.GetRequiredService<DeadlineService>().GetAsync(setting.DeadlineId))!.Deadline.OwnerName);
    }

    [Fact]
    public async Task HandOver_SomeoneChangedTheDeadlineAfterThePageWasRead_SaysWhoNextToTheFieldThenHandsItOverOnTheSecondTry()
    {
        var database = await CreateDatabaseAsync();
        var setting = await SeedAsync(database, new DateOnly(2026, 10, 1));
        var mo = await PersonAsync(database, setting.Link, "Mo Patel");
        await PersonAsync(database, setting.Link, "Larry Adams", UserRole.Admin);
        Context.UseEngagementHub(database);
        Context.SignIn(mo);
        var popovers = Context.RenderPopovers();
        var cut = Context.Render<DeadlineDetail>(p => p.Add(x => x.Id, setting.DeadlineId));
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=hand-over]")));
        ChooseNewOwner(cut, popovers, "Larry Adams");
        // Meanwhile, the commissioner proposes a later date.
        Assert.True((await ServiceOver(database).ProposeExtensionAsync(EditorOf(setting.Commissioner, "Janet Rowe"), setting.DeadlineId,
            new DateOnly(2026, 11, 13), "The data team is away.", waitingSeen: null)).Succeeded);

        cut.Find("[data-testid=hand-over] form").Submit();

        cut.WaitForAssertion(() => Assert.Contains("Janet Rowe saved this deadline on", NewOwnerField(cut).Markup.Replace("\u2068", "").Replace("\u2069", "")));
        Assert.Equal("Lena Khan", (await Context.Services.GetRequiredService<DeadlineService>().GetAsync(setting.DeadlineId))!.Deadline.OwnerName);
        Assert.Contains("Larry Adams", NewOwnerField(cut).Find("input").GetAttribute("value"));
        // The page now shows what Janet Rowe did; handing it over again decides on that.
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=extension-proposal]")));

        cut.Find("[data-testid=hand-over] form").Submit();

        cut.WaitForAssertion(() => Assert.Contains("Larry Adams follows it up for the LINk", cut.Find("[data-testid=owner-note]").TextContent));
        Assert.Equal("Larry Adams", (await Context.Services.GetRequiredService<DeadlineService>().GetAsync(setting.DeadlineId))!.Deadline.OwnerName);
    }

    private static async Task<int> AuditCountAsync(TestDatabase database, int deadlineId)
    {
        await using var db = database.CreateContext();
        return await db.AuditEntries.CountAsync(a => a.EntityType == nameof(ResponseDeadline) && a.EntityId == deadlineId.ToString());
    }

    private static async Task ClickDialogButtonAsync(IRenderedComponent<MudBlazor.MudDialogProvider> providers, string button)
    {
        AngleSharp.Dom.IElement? target = null;
        providers.WaitForAssertion(() => target = providers.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == button));
        await target!.ClickAsync(new());
    }
}
