using Bunit;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using EngagementHub.Tests.TestSupport;
using EngagementHub.Web.Components.Pages.Exercises;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace EngagementHub.Tests.Components.Exercises;

public sealed class ExerciseDetailTests : BunitTestContextBase
{
    private sealed record Setting(TestDatabase Database, Organisation Link, Organisation Commissioner, int ExerciseId);

    private static async Task<Setting> SeedAsync(TestDatabase database, int? proposedOption, bool agreedByLink = false)
    {
        var link = await database.SeedOrganisationAsync("Birmingham LINk", OrganisationKind.Link);
        var commissioner = await database.SeedOrganisationAsync("NHS South Birmingham", OrganisationKind.Commissioner);
        await using var db = database.CreateContext();
        var exercise = new EngagementExercise(new ExerciseInput
        {
            Title = "Maternity choices",
            Purpose = "Ask families about place of birth.",
            LeadCommissionerId = commissioner.Id,
            DecisionInformed = "Maternity strategy",
            StartDate = new DateOnly(2026, 9, 1),
            EndDate = new DateOnly(2026, 12, 18),
            DecisionDate = new DateOnly(2026, 12, 1),
        }, link.Id, commissioner.Id, database.Clock.GetUtcNow());
        if (proposedOption is { } option)
        {
            var proposal = exercise.ProposeOption(AgreementSide.Commissioner, option, "Reach into Somali families.", [], "Colin Marsh", commissioner.Name, database.Clock.GetUtcNow()).Value!;
            if (agreedByLink)
            {
                exercise.Agree(proposal.Id, AgreementSide.Link, "Lena \u202EKhan", database.Clock.GetUtcNow());
            }
        }

        db.Exercises.Add(exercise);
        await db.SaveChangesAsync();
        return new Setting(database, link, commissioner, exercise.Id);
    }

    private static Actor EditorOf(Organisation organisation, string name) =>
        new($"user-{name}", name, organisation.Id, organisation.Name, UserRole.Editor);

    [Fact]
    public async Task Render_LinkOfficerOnAProposalFromTheCommissioner_OffersAgreeAndChange()
    {
        var database = await CreateDatabaseAsync();
        var setting = await SeedAsync(database, proposedOption: 2);
        Context.UseEngagementHub(database);
        Context.SignIn(EditorOf(setting.Link, "Lena Khan"));
        Context.RenderPopovers();

        var cut = Context.Render<ExerciseDetail>(p => p.Add(x => x.Id, setting.ExerciseId));

        cut.WaitForAssertion(() => Assert.Contains("Option 2: Contribute elements", cut.Find("[data-testid=current-option]").TextContent));
        Assert.Contains("awaiting the LINk's agreement", cut.Find("[data-testid=agreement-status]").TextContent);
        Assert.Contains(cut.FindAll("button"), b => b.TextContent.Trim() == "Agree option 2");
        Assert.Contains(cut.FindAll("button"), b => b.TextContent.Trim() == "Ask for a change");
        // The decision lands before the exercise ends: the page says so.
        Assert.Contains("its input would land too late", cut.Markup);
    }

    [Fact]
    public async Task Render_TheProposingCommissioner_CannotAgreeItsOwnProposal()
    {
        var database = await CreateDatabaseAsync();
        var setting = await SeedAsync(database, proposedOption: 2);
        Context.UseEngagementHub(database);
        Context.SignIn(EditorOf(setting.Commissioner, "Colin Marsh"));
        Context.RenderPopovers();

        var cut = Context.Render<ExerciseDetail>(p => p.Add(x => x.Id, setting.ExerciseId));

        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("button"), b => b.TextContent.Trim() == "Propose a different option"));
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim().StartsWith("Agree", StringComparison.Ordinal));
        Assert.Contains(cut.FindAll("button"), b => b.TextContent.Trim() == "Cancel exercise");
    }

    [Fact]
    public async Task Render_Viewer_SeesTheAgreementButNoActions()
    {
        var database = await CreateDatabaseAsync();
        var setting = await SeedAsync(database, proposedOption: 5);
        var bvsc = await database.SeedOrganisationAsync("Birmingham Voluntary Services Council", OrganisationKind.VoluntarySector);
        Context.UseEngagementHub(database);
        Context.SignIn(People.Viewer(bvsc.Id, bvsc.Name));
        Context.RenderPopovers();

        var cut = Context.Render<ExerciseDetail>(p => p.Add(x => x.Id, setting.ExerciseId));

        cut.WaitForAssertion(() => Assert.Contains("Option 5: Comment", cut.Find("[data-testid=current-option]").TextContent));
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() is "Agree option 5" or "Propose a different option" or "Cancel exercise");
        Assert.DoesNotContain(cut.FindAll("a"), a => a.TextContent.Trim() == "Edit");
    }

    [Fact]
    public async Task ProposeDialog_NoOptionNoReasons_ShowsBothMessagesAndStaysOpen()
    {
        var database = await CreateDatabaseAsync();
        var setting = await SeedAsync(database, proposedOption: null);
        Context.UseEngagementHub(database);
        Context.SignIn(EditorOf(setting.Commissioner, "Colin Marsh"));
        var providers = Context.Render<MudDialogProvider>();
        Context.RenderPopovers();
        var cut = Context.Render<ExerciseDetail>(p => p.Add(x => x.Id, setting.ExerciseId));

        cut.WaitForAssertion(() => cut.FindAll("button").Single(b => b.TextContent.Trim() == "Propose an option").Click());
        providers.WaitForAssertion(() => providers.FindAll("button").Single(b => b.TextContent.Trim() == "Send proposal").Click());

        providers.WaitForAssertion(() =>
        {
            Assert.Contains("Choose one of the six options.", providers.Markup);
            Assert.Contains("Give the reasons for this choice, so the other side can agree it.", providers.Markup);
        });
        // Proposing is the commissioner's own agreement: the dialog says so before it is sent.
        Assert.Contains("Sending records that your organisation agrees this way of working", providers.Find("[data-testid=proposal-commits]").TextContent);
        Assert.Single(providers.FindAll(".mud-dialog"));
        var exercises = Context.Services.GetRequiredService<ExerciseService>();
        Assert.Empty((await exercises.GetAsync(setting.ExerciseId))!.Exercise.Proposals);
    }

    [Fact]
    public async Task Render_OptionAgreedByBothSides_ReadsAgreedWithNoMarkAsAgreedButton()
    {
        var database = await CreateDatabaseAsync();
        var setting = await SeedAsync(database, proposedOption: 2, agreedByLink: true);
        Context.UseEngagementHub(database);
        Context.SignIn(EditorOf(setting.Commissioner, "Colin Marsh"));
        Context.RenderPopovers();

        var cut = Context.Render<ExerciseDetail>(p => p.Add(x => x.Id, setting.ExerciseId));

        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll(".mud-chip"), c => c.TextContent.Trim() == "Agreed"));
        Assert.DoesNotContain(cut.FindAll(".mud-chip"), c => c.TextContent.Trim() == "Proposed");
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() == "Mark as agreed");
        Assert.Contains(cut.FindAll("button"), b => b.TextContent.Trim() == "Start running");
        // The LINk officer's name carries a right-to-left override: it is isolated, so the sentence reads in order.
        var status = cut.Find("[data-testid=agreement-status]").TextContent;
        Assert.Contains("by Colin Marsh for the commissioner", status);
        Assert.Contains("by \u2068Lena Khan\u2069 for the LINk", status);
    }

    [Fact]
    public async Task Render_ProposedExercise_SaysAgreementMakesItAgreed()
    {
        var database = await CreateDatabaseAsync();
        var setting = await SeedAsync(database, proposedOption: 2);
        Context.UseEngagementHub(database);
        Context.SignIn(EditorOf(setting.Commissioner, "Colin Marsh"));
        Context.RenderPopovers();

        var cut = Context.Render<ExerciseDetail>(p => p.Add(x => x.Id, setting.ExerciseId));

        cut.WaitForAssertion(() => Assert.Contains("becomes agreed when both sides agree", cut.Find("[data-testid=becomes-agreed]").TextContent));
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() == "Mark as agreed");
    }

    [Fact]
    public async Task Agree_Cancelled_SaysWhatAgreeingMeansAndRecordsNothing()
    {
        var (setting, providers, cut) = await OpenAsTheLinksEditorAsync();
        var before = await AuditCountAsync(setting.Database, setting.ExerciseId);

        AngleSharp.Dom.IElement? agree = null;
        cut.WaitForAssertion(() => agree = cut.FindAll("button").Single(b => b.TextContent.Trim() == "Agree option 2"));
        var clicked = agree!.ClickAsync(new());

        // The question names the organisation and says in plain words what it commits to and what happens next.
        providers.WaitForAssertion(() => Assert.Contains("Agree option 2 for Birmingham LINk?", providers.Markup));
        var text = providers.Find(".mud-dialog").TextContent;
        Assert.Contains("Agreeing records that Birmingham LINk agrees to work on", text);
        Assert.Contains("under Option 2 (Contribute elements): the LINk contributes", text);
        Assert.Contains("both sides have then agreed it", text);
        Assert.Contains("Either side can propose a different option later", text);
        await ClickDialogButtonAsync(providers, "Cancel");
        await clicked;

        providers.WaitForAssertion(() => Assert.Empty(providers.FindAll(".mud-dialog")));
        var exercise = (await Context.Services.GetRequiredService<ExerciseService>().GetAsync(setting.ExerciseId))!.Exercise;
        Assert.Equal(AgreementStatus.AwaitingAgreement, exercise.AgreementStatus);
        Assert.Null(exercise.CurrentProposal!.LinkAgreedAt);
        Assert.Equal(before, await AuditCountAsync(setting.Database, setting.ExerciseId));
        Assert.Contains(cut.FindAll("button"), b => b.TextContent.Trim() == "Agree option 2");
    }

    [Fact]
    public async Task Agree_Confirmed_SavesTheAgreementOnce()
    {
        var (setting, providers, cut) = await OpenAsTheLinksEditorAsync();
        var before = await AuditCountAsync(setting.Database, setting.ExerciseId);

        AngleSharp.Dom.IElement? agree = null;
        cut.WaitForAssertion(() => agree = cut.FindAll("button").Single(b => b.TextContent.Trim() == "Agree option 2"));
        var clicked = agree!.ClickAsync(new());
        await ClickDialogButtonAsync(providers, "Agree for Birmingham LINk");
        await clicked;

        cut.WaitForAssertion(() => Assert.Contains("by Lena Khan for the LINk on", cut.Find("[data-testid=agreement-status]").TextContent));
        var exercise = (await Context.Services.GetRequiredService<ExerciseService>().GetAsync(setting.ExerciseId))!.Exercise;
        Assert.Equal(AgreementStatus.Agreed, exercise.AgreementStatus);
        Assert.Equal(before + 1, await AuditCountAsync(setting.Database, setting.ExerciseId));
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() == "Agree option 2");
    }

    /// <summary>The commissioner proposes option 4 in place of the proposal the page shows, as Colin Marsh, an hour later.</summary>
    private static async Task ProposeAgainAsync(Setting setting, int option = 4)
    {
        setting.Database.Clock.Advance(TimeSpan.FromHours(1));
        await using var db = setting.Database.CreateContext();
        var exercise = await db.Exercises.Include(e => e.Proposals).SingleAsync(e => e.Id == setting.ExerciseId);
        Assert.True(exercise.ProposeOption(AgreementSide.Commissioner, option, "Quality assurance suits this.", [], "Colin Marsh",
            setting.Commissioner.Name, setting.Database.Clock.GetUtcNow()).Succeeded);
        await db.SaveChangesAsync();
    }

    // The page is read again before the question: "Agree option 2?" is not asked once option 4 is proposed in its place.
    [Fact]
    public async Task Agree_ProposalReplacedAfterThePageWasRead_RefusedBesideTheAnswerNamingWhoAndTheNewProposalShown()
    {
        var (setting, providers, cut) = await OpenAsTheLinksEditorAsync();
        AngleSharp.Dom.IElement? agree = null;
        cut.WaitForAssertion(() => agree = cut.FindAll("button").Single(b => b.TextContent.Trim() == "Agree option 2"));
        await ProposeAgainAsync(setting);

        await agree!.ClickAsync(new());

        Assert.Empty(providers.FindAll(".mud-dialog"));

        cut.WaitForAssertion(() => Assert.Contains("Option 4: Quality assure", cut.Find("[data-testid=current-option]").TextContent));
        var refused = cut.Find("[data-testid=answer-refused]").TextContent;
        Assert.Contains("Colin Marsh (NHS South Birmingham) proposed Option 4", refused);
        Assert.Contains("in place of option 2", refused);
        // Said once, beside the answer buttons: not popped up as well.
        Assert.Empty(Context.Services.GetRequiredService<MudBlazor.ISnackbar>().ShownSnackbars);
        // Beside the answer buttons, which now answer the proposal shown.
        Assert.Contains(cut.FindAll("button"), b => b.TextContent.Trim() == "Agree option 4");
        var exercise = (await Context.Services.GetRequiredService<ExerciseService>().GetAsync(setting.ExerciseId))!.Exercise;
        Assert.Equal(AgreementStatus.AwaitingAgreement, exercise.AgreementStatus);
        Assert.All(exercise.Proposals, p => Assert.Null(p.LinkAgreedAt));
    }

    [Fact]
    public async Task AskForAChange_ProposalReplacedAfterThePageWasRead_RefusedTheCommentKeptAndOfferedOnTheNewProposal()
    {
        var (setting, providers, cut) = await OpenAsTheLinksEditorAsync();
        cut.WaitForAssertion(() => cut.FindAll("button").Single(b => b.TextContent.Trim() == "Ask for a change").Click());
        const string comment = "We cannot reach Somali families before the spring.";
        providers.WaitForAssertion(() => providers.Find(".mud-dialog textarea").Change(comment));
        await ProposeAgainAsync(setting);

        await ClickDialogButtonAsync(providers, "Ask for a change");

        // The dialog stays open with the comment and says why; the page behind shows the new proposal, and what changed
        // beside the answer buttons, with the comment that was not sent.
        providers.WaitForAssertion(() => Assert.Contains("Colin Marsh (NHS South Birmingham) proposed Option 4", providers.Find(".mud-dialog").TextContent));
        Assert.Equal(comment, providers.Find(".mud-dialog textarea").GetAttribute("value") ?? providers.Find(".mud-dialog textarea").TextContent);
        cut.WaitForAssertion(() => Assert.Contains("Option 4: Quality assure", cut.Find("[data-testid=current-option]").TextContent));
        Assert.Contains("in place of option 2", cut.Find("[data-testid=answer-refused]").TextContent);
        Assert.Contains(comment, cut.Find("[data-testid=unsent-comment]").TextContent);
        Assert.Empty(Context.Services.GetRequiredService<MudBlazor.ISnackbar>().ShownSnackbars);

        await ClickDialogButtonAsync(providers, "Cancel");
        providers.WaitForAssertion(() => Assert.Empty(providers.FindAll(".mud-dialog")));
        Assert.Contains(comment, cut.Find("[data-testid=unsent-comment]").TextContent);
        cut.FindAll("button").Single(b => b.TextContent.Trim() == "Ask for a change").Click();
        providers.WaitForAssertion(() => Assert.Equal(comment, providers.Find(".mud-dialog textarea").GetAttribute("value") ?? providers.Find(".mud-dialog textarea").TextContent));
        var exercise = (await Context.Services.GetRequiredService<ExerciseService>().GetAsync(setting.ExerciseId))!.Exercise;
        Assert.All(exercise.Proposals, p => Assert.Null(p.ChangeRequestComment));
    }

    // Lena Khan, the LINk's editor, on the page of an exercise whose commissioner proposed option 2, dialogs and pop-ups
    // ready to open.
    private async Task<(Setting Setting, IRenderedComponent<MudDialogProvider> Providers, IRenderedComponent<ExerciseDetail> Page)> OpenAsTheLinksEditorAsync()
    {
        var database = await CreateDatabaseAsync();
        var setting = await SeedAsync(database, proposedOption: 2);
        Context.UseEngagementHub(database);
        Context.SignIn(EditorOf(setting.Link, "Lena Khan"));
        var providers = Context.Render<MudDialogProvider>();
        Context.RenderPopovers();
        return (setting, providers, Context.Render<ExerciseDetail>(p => p.Add(x => x.Id, setting.ExerciseId)));
    }

    private static async Task<int> AuditCountAsync(TestDatabase database, int exerciseId)
    {
        await using var db = database.CreateContext();
        return await db.AuditEntries.CountAsync(a => a.EntityType == nameof(EngagementExercise) && a.EntityId == exerciseId.ToString());
    }

    private static async Task ClickDialogButtonAsync(IRenderedComponent<MudDialogProvider> providers, string button)
    {
        AngleSharp.Dom.IElement? target = null;
        providers.WaitForAssertion(() => target = providers.FindAll(".mud-dialog button").Single(b => b.TextContent.Trim() == button));
        await target!.ClickAsync(new());
    }

    [Fact]
    public async Task Render_CancelledWithAProposalStillOpen_OffersNoAnswerAndNoNewProposal()
    {
        var database = await CreateDatabaseAsync();
        var setting = await SeedAsync(database, proposedOption: 2);
        await using (var db = database.CreateContext())
        {
            Assert.True((await db.Exercises.SingleAsync(e => e.Id == setting.ExerciseId)).MoveTo(ExerciseState.Cancelled).Succeeded);
            await db.SaveChangesAsync();
        }

        Context.UseEngagementHub(database);
        Context.SignIn(EditorOf(setting.Link, "Lena Khan"));
        Context.RenderPopovers();

        var cut = Context.Render<ExerciseDetail>(p => p.Add(x => x.Id, setting.ExerciseId));

        cut.WaitForAssertion(() => Assert.Contains("Option 2: Contribute elements", cut.Find("[data-testid=current-option]").TextContent));
        Assert.DoesNotContain(cut.FindAll("button"), b => b.TextContent.Trim() is "Agree option 2" or "Ask for a change" or "Propose a different option");
        // Nothing is awaited any more: it said "awaiting the LINk's agreement" on a cancelled exercise.
        Assert.EndsWith("never agreed by the LINk before the exercise was cancelled.", cut.Find("[data-testid=agreement-status]").TextContent.Trim());
    }
}
