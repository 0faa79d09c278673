using System.Linq.Expressions;
using EngagementHub.Core.Common;

namespace EngagementHub.Core.Exercises;

/// <summary>Where the choice of joint-working option stands, kept on the exercise so lists can filter on it.</summary>
public enum AgreementStatus
{
    NoneProposed,
    AwaitingAgreement,
    Agreed,
    ChangeRequested,
}

/// <summary>What moving an exercise to another lead commissioner did to its joint-working option (ADR 11).</summary>
public enum OptionOnNewLead
{
    /// <summary>No option was proposed: nothing to agree again.</summary>
    Unchanged,

    /// <summary>The option both sides had agreed is no longer agreed: proposed again by the LINk, it awaits the new lead's agreement.</summary>
    AgreementReopened,

    /// <summary>The LINk's own proposal, which the previous lead had not agreed, now awaits the new lead's agreement instead.</summary>
    AwaitsNewLead,

    /// <summary>The previous lead's proposal, which the LINk had not agreed, no longer stands: none is proposed.</summary>
    Withdrawn,
}

/// <summary>
/// A piece of public, patient, user or carer engagement tied to a commissioning decision, and how the LINk and the
/// lead commissioner work together on it.
/// </summary>
public class EngagementExercise : IVersioned
{
    /// <summary>The longest comment asking for a change to a proposed option, in characters (its column's length).</summary>
    public const int ChangeCommentLimit = 4000;

    /// <summary>The longest reasons for a proposed joint-working option, in characters (their column's length).</summary>
    public const int ReasonsLimit = 4000;

    /// <summary>
    /// The longest part of the exercise a further option covers, in characters ("Somali and Yemeni women"). The parts are
    /// kept as JSON in one column with no length of its own, so this rule alone keeps them to what the form shows.
    /// </summary>
    public const int PartLimit = 200;

    /// <summary>The longest reasons for a further option for a part of the exercise, in characters.</summary>
    public const int PartReasonsLimit = 1000;

    /// <summary>
    /// The moves a person makes. Proposed → Agreed is not one of them: an exercise becomes agreed when both sides agree
    /// its joint-working option (<see cref="Agree"/>), and goes back to proposed when that agreement reopens before it
    /// runs, so its state and its option agreement never tell two stories (ADR 0011).
    /// </summary>
    private static readonly Dictionary<ExerciseState, ExerciseState[]> Moves = new()
    {
        [ExerciseState.Proposed] = [ExerciseState.Cancelled],
        [ExerciseState.Agreed] = [ExerciseState.Running, ExerciseState.Cancelled],
        [ExerciseState.Running] = [ExerciseState.Reporting, ExerciseState.Cancelled],
        [ExerciseState.Reporting] = [ExerciseState.Closed],
        [ExerciseState.Closed] = [],
        [ExerciseState.Cancelled] = [],
    };

    private readonly List<JointWorkingProposal> _proposals = [];

    private EngagementExercise()
    {
        Title = "";
        Purpose = "";
        DecisionInformed = "";
    }

    /// <summary>A new exercise in the proposed state, until both sides agree how they work together on it.</summary>
    /// <param name="input">Already checked by <see cref="ExerciseRules.Errors"/>.</param>
    /// <param name="linkOrganisationId">The LINk that works on it with the lead commissioner.</param>
    /// <param name="proposedByOrganisationId">The organisation of the person who proposed it (the LINk or the commissioner).</param>
    /// <param name="createdAt">The moment it was proposed (UTC).</param>
    public EngagementExercise(ExerciseInput input, int linkOrganisationId, int proposedByOrganisationId, DateTimeOffset createdAt)
        : this()
    {
        LinkOrganisationId = linkOrganisationId;
        ProposedByOrganisationId = proposedByOrganisationId;
        CreatedAt = createdAt;
        State = ExerciseState.Proposed;
        Update(input);
    }

    public int Id { get; private set; }
    public string Title { get; private set; }
    public string Purpose { get; private set; }
    public int LeadCommissionerId { get; private set; }

    /// <summary>The LINk that works with the commissioner on this exercise.</summary>
    public int LinkOrganisationId { get; private set; }

    /// <summary>The organisation that first proposed the exercise (the commissioner, or the LINk).</summary>
    public int ProposedByOrganisationId { get; private set; }

    public List<int> PartnerIds { get; private set; } = [];
    public string DecisionInformed { get; private set; }
    public DateOnly? DecisionDate { get; private set; }
    public DateOnly StartDate { get; private set; }
    public DateOnly EndDate { get; private set; }
    public List<int> CommunityIds { get; private set; } = [];
    public ExerciseScope Scope { get; private set; }
    public List<int> LocalityIds { get; private set; } = [];
    public CareSector Sector { get; private set; }
    public ServiceSetting Setting { get; private set; }
    public InvolvementLevel Level { get; private set; }
    public EngagementCycleStage Stage { get; private set; }
    public ExerciseState State { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>The primary option of the latest proposal (copied here so the list can filter and count in the database).</summary>
    public int? CurrentOption { get; private set; }

    public AgreementStatus AgreementStatus { get; private set; }

    public Guid Version { get; set; }

    public IReadOnlyCollection<JointWorkingProposal> Proposals => _proposals.AsReadOnly();

    /// <summary>The latest proposal that has not been replaced, if any.</summary>
    public JointWorkingProposal? CurrentProposal => _proposals.Where(p => p.Status != ProposalStatus.Superseded).MaxBy(p => p.ProposedAt);

    public IReadOnlyList<ExerciseState> AllowedMoves => Moves[State];

    /// <summary>Whether its joint-working option can still be proposed, agreed or changed: not once it is closed or cancelled.</summary>
    public bool OptionCanChange => State is not (ExerciseState.Closed or ExerciseState.Cancelled);

    /// <summary><see cref="OptionCanChange"/> for queries the database runs.</summary>
    public static readonly Expression<Func<EngagementExercise, bool>> OptionMayChange =
        x => x.State != ExerciseState.Closed && x.State != ExerciseState.Cancelled;

    /// <summary>
    /// The LINk proposed the exercise itself, so its editors edit it, move it along its life and may move it to another
    /// lead commissioner (<see cref="ExerciseService.CanEdit"/>); an exercise a commissioner proposed is edited by its lead
    /// commissioner alone.
    /// </summary>
    public bool ProposedByLink => ProposedByOrganisationId == LinkOrganisationId;

    /// <summary>
    /// Whether the joint-working option still waits on <paramref name="side"/> before it can be agreed: while it can still
    /// change, none proposed yet (both sides must agree one), a proposal of the other side's awaiting this side's answer,
    /// or a change asked of either side's proposal (a new one is to be proposed and agreed). A proposal of this side's
    /// awaiting the other side's answer waits on the other side only.
    /// </summary>
    /// <returns>True when the option cannot be agreed without <paramref name="side"/>; false once it is agreed, or the
    /// exercise is closed or cancelled. A question: it changes and refuses nothing.</returns>
    public bool OptionWaitsOn(AgreementSide side) => OptionCanChange && AgreementStatus switch
    {
        AgreementStatus.NoneProposed or AgreementStatus.ChangeRequested => true,
        AgreementStatus.AwaitingAgreement => CurrentProposal?.OtherSide == side,
        _ => false,
    };

    /// <returns>The proposal <paramref name="side"/> may agree or ask a change on now (the open current one, proposed by the
    /// other side, while the option can change); null when there is none.</returns>
    public JointWorkingProposal? ProposalAwaiting(AgreementSide side) =>
        OptionCanChange && CurrentProposal is { IsOpen: true } open && open.ProposedBySide != side ? open : null;

    public void Update(ExerciseInput input)
    {
        Title = input.Title.Trim();
        Purpose = input.Purpose.Trim();
        LeadCommissionerId = input.LeadCommissionerId ?? throw new ArgumentException("An exercise needs a lead commissioner.", nameof(input));
        PartnerIds = [.. input.PartnerIds.Distinct().Where(id => id != input.LeadCommissionerId).Order()];
        DecisionInformed = input.DecisionInformed.Trim();
        DecisionDate = input.DecisionDate;
        StartDate = input.StartDate ?? throw new ArgumentException("An exercise needs a start date.", nameof(input));
        EndDate = input.EndDate ?? throw new ArgumentException("An exercise needs an end date.", nameof(input));
        CommunityIds = [.. input.CommunityIds.Distinct().Order()];
        Scope = input.Scope;
        LocalityIds = input.Scope == ExerciseScope.Localities ? [.. input.LocalityIds.Distinct().Order()] : [];
        Sector = input.Sector;
        Setting = input.Setting;
        Level = input.Level;
        Stage = input.Stage;
    }

    /// <summary>Moves the exercise on in its life, or says why it cannot.</summary>
    public Outcome MoveTo(ExerciseState target)
    {
        if (target == ExerciseState.Agreed && State == ExerciseState.Proposed)
        {
            return Outcome.Failed("An exercise becomes agreed when both sides agree its joint-working option.");
        }

        if (!Moves[State].Contains(target))
        {
            var allowed = Moves[State];
            return Outcome.Failed(allowed.Length == 0
                ? $"A {State.Label().ToLowerInvariant()} exercise cannot change state."
                : $"A {State.Label().ToLowerInvariant()} exercise can only become {string.Join(" or ", allowed.Select(s => s.Label().ToLowerInvariant()))}.");
        }

        State = target;
        return Outcome.Success;
    }

    /// <summary>
    /// One side proposes how to work together; this replaces any earlier proposal and reopens agreement. An agreed
    /// exercise that has not started goes back to proposed until the new option is agreed.
    /// </summary>
    /// <returns>
    /// The new proposal; field messages (nothing changed) on "PrimaryOption", "Reasons" (missing, over
    /// <see cref="ReasonsLimit"/> characters, control characters) or "Parts" (a part without its part or option, a part
    /// over <see cref="PartLimit"/> characters or its reasons over <see cref="PartReasonsLimit"/>, or a part on more than one
    /// line, each named by its number; control characters); a failure when the exercise is closed or cancelled, or when
    /// <paramref name="seen"/> is given and the current proposal is no longer the one it names, in the status it names
    /// (someone proposed, agreed or asked for a change since: the message says who, what and when).
    /// </returns>
    /// <param name="side">The side proposing.</param>
    /// <param name="primaryOption">One of the study's six options (Table 2).</param>
    /// <param name="reasons">Why, so the other side can agree it.</param>
    /// <param name="parts">Further options for parts of the exercise.</param>
    /// <param name="byName">Who proposes, as they are named.</param>
    /// <param name="byOrganisation">Their organisation's name.</param>
    /// <param name="at">When.</param>
    /// <param name="seen">The proposal the person's page showed when they began this one; null (seeding, tests of the
    /// rules) decides on nothing shown.</param>
    public Outcome<JointWorkingProposal> ProposeOption(
        AgreementSide side, int primaryOption, string reasons, IReadOnlyList<OptionPart> parts, string byName, string byOrganisation, DateTimeOffset at,
        ProposalSeen? seen = null) =>
        Propose(side, primaryOption, reasons, parts, byName, byOrganisation, at, asTyped: true, seen);

    /// <summary>
    /// The messages for the parts' lengths, one for each text over its limit, all on "Parts" and each naming its part
    /// ("Part 2 can be at most 200 characters."), in the words of <see cref="InputValidation.TooLong"/>.
    /// </summary>
    /// <returns>Empty when every part and its reasons fit.</returns>
    private static FieldError[] PartLengthErrors(IReadOnlyList<OptionPart> parts) =>
        [.. parts.SelectMany((p, i) => new[]
        {
            InputValidation.TooLong("Parts", p.Part, PartLimit, $"Part {i + 1}"),
            InputValidation.TooLong("Parts", p.Reasons, PartReasonsLimit, $"The reasons for part {i + 1}"),
        }).OfType<FieldError>()];

    /// <summary>
    /// <see cref="ProposeOption"/>, with the parts' lengths checked only when <paramref name="asTyped"/>: a proposal already
    /// recorded, proposed again unchanged (<see cref="ReopenAgreementForNewLead"/>), is not refused for words saved before
    /// their limit was set.
    /// </summary>
    private Outcome<JointWorkingProposal> Propose(
        AgreementSide side, int primaryOption, string reasons, IReadOnlyList<OptionPart> parts, string byName, string byOrganisation, DateTimeOffset at,
        bool asTyped, ProposalSeen? seen = null)
    {
        var errors = new List<FieldError>();
        if (!JointWorkingOptions.IsValid(primaryOption))
        {
            errors.Add(new FieldError("PrimaryOption", "Choose one of the six options."));
        }

        if (string.IsNullOrWhiteSpace(reasons))
        {
            errors.Add(new FieldError("Reasons", "Give the reasons for this choice, so the other side can agree it."));
        }
        else if (InputValidation.TooLong("Reasons", reasons, ReasonsLimit, "The reasons") is { } tooLong)
        {
            errors.Add(tooLong);
        }

        // Each message names its part ("Part 1 …"), as the length and line-break messages do, so the form marks that part.
        errors.AddRange(parts.Select((p, i) => string.IsNullOrWhiteSpace(p.Part)
                ? new FieldError("Parts", $"Part {i + 1} needs the part of the exercise it covers, e.g. \"Somali and Yemeni women\".")
                : !JointWorkingOptions.IsValid(p.Option) ? new FieldError("Parts", $"Part {i + 1} needs one of the six options.") : null)
            .OfType<FieldError>());

        if (asTyped)
        {
            errors.AddRange(PartLengthErrors(parts));
            errors.AddRange(parts.Select((p, i) => InputValidation.CheckOneLine("Parts", p.Part) is null ? null
                : new FieldError("Parts", $"Part {i + 1} takes one line of text. Remove the line breaks.")).OfType<FieldError>());
        }

        errors.AddRange(InputValidation.CheckText(("Reasons", reasons)));
        errors.AddRange(InputValidation.CheckText([.. parts.SelectMany(p => new[] { ("Parts", (string?)p.Part), ("Parts", p.Reasons) })]).DistinctBy(e => e.Field));

        if (!OptionCanChange)
        {
            return Outcome<JointWorkingProposal>.Failed(OptionFixed);
        }

        if (errors.Count > 0)
        {
            return Outcome<JointWorkingProposal>.Invalid([.. errors]);
        }

        if (seen is { } shown && ProposedOrAnsweredSince(shown) is { } since)
        {
            return Outcome<JointWorkingProposal>.Failed(since);
        }

        foreach (var earlier in _proposals.Where(p => p.Status != ProposalStatus.Superseded))
        {
            earlier.Supersede();
        }

        var proposal = new JointWorkingProposal(primaryOption, reasons.Trim(),
            parts.Select(p => p with { Part = p.Part.Trim(), Reasons = InputValidation.Clean(p.Reasons) }), side, byName, byOrganisation, at);
        _proposals.Add(proposal);
        CurrentOption = primaryOption;
        AgreementStatus = AgreementStatus.AwaitingAgreement;
        if (State == ExerciseState.Agreed)
        {
            State = ExerciseState.Proposed;
        }

        return Outcome<JointWorkingProposal>.Ok(proposal);
    }

    /// <summary>
    /// The side that did not propose agrees the proposal its page showed (<paramref name="proposalId"/>), which must still
    /// be the current one and open; a proposed exercise is then agreed.
    /// </summary>
    /// <returns>Success; a failure, nothing changed, when the exercise is closed or cancelled, the proposal shown has been
    /// replaced (naming who proposed what in its place, and when) or answered since (who, and when), or
    /// <paramref name="side"/> proposed it.</returns>
    public Outcome Agree(int proposalId, AgreementSide side, string byName, DateTimeOffset at)
    {
        if (AnswerableProposal(proposalId, side) is { } problem)
        {
            return Outcome.Failed(problem);
        }

        CurrentProposal!.Agree(side, byName, at);
        AgreementStatus = AgreementStatus.Agreed;
        if (State == ExerciseState.Proposed)
        {
            State = ExerciseState.Agreed;
        }

        return Outcome.Success;
    }

    /// <summary>The side that did not propose asks for a change to the proposal its page showed, saying what and why.</summary>
    /// <returns>Success; a field message on "Comment"; a failure as for <see cref="Agree"/>.</returns>
    public Outcome RequestChange(int proposalId, AgreementSide side, string byName, string comment, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(comment))
        {
            return Outcome.Invalid(new FieldError("Comment", "Say what you would change and why."));
        }

        if (InputValidation.CheckText(("Comment", comment)) is { Length: > 0 } textErrors)
        {
            return Outcome.Invalid(textErrors);
        }

        if (InputValidation.TooLong("Comment", comment, ChangeCommentLimit, "Your comment") is { } tooLong)
        {
            return Outcome.Invalid(tooLong);
        }

        if (AnswerableProposal(proposalId, side) is { } problem)
        {
            return Outcome.Failed(problem);
        }

        CurrentProposal!.RequestChange(byName, comment.Trim(), at);
        AgreementStatus = AgreementStatus.ChangeRequested;
        return Outcome.Success;
    }

    /// <summary>
    /// The lead commissioner has just changed (by <paramref name="side"/>, the LINk): whatever the previous commissioner
    /// agreed or proposed does not bind the new one (ADR 11).
    /// <list type="bullet">
    /// <item>An option <paramref name="side"/> had agreed (its own proposal, or the commissioner's it agreed) is proposed
    /// again by it, unchanged, and awaits the new commissioner's agreement; an agreed exercise goes back to proposed
    /// (<see cref="OptionOnNewLead.AgreementReopened"/> when both sides had agreed it, else <see cref="OptionOnNewLead.AwaitsNewLead"/>).</item>
    /// <item>The previous commissioner's proposal that <paramref name="side"/> never agreed (still awaiting its answer,
    /// or a change asked) is withdrawn: proposing it again in <paramref name="side"/>'s name would record an agreement
    /// nobody on that side gave. No option is then proposed, and either side may propose one.</item>
    /// </list>
    /// </summary>
    /// <returns>What became of the option; <see cref="OptionOnNewLead.Unchanged"/> when none was proposed, or the
    /// exercise is closed or cancelled (whose lead does not change: <see cref="ExerciseService.StepsOpenTo"/>).</returns>
    public OptionOnNewLead ReopenAgreementForNewLead(AgreementSide side, string byName, string byOrganisation, DateTimeOffset at)
    {
        if (CurrentProposal is not { } current || !OptionCanChange)
        {
            return OptionOnNewLead.Unchanged;
        }

        if ((side == AgreementSide.Link ? current.LinkAgreedAt : current.CommissionerAgreedAt) is null)
        {
            foreach (var earlier in _proposals.Where(p => p.Status != ProposalStatus.Superseded))
            {
                earlier.Supersede();
            }

            CurrentOption = null;
            AgreementStatus = AgreementStatus.NoneProposed;
            return OptionOnNewLead.Withdrawn;
        }

        var wasAgreed = current.Status == ProposalStatus.Agreed;
        if (!Propose(side, current.PrimaryOption, current.Reasons, current.Parts, byName, byOrganisation, at, asTyped: false).Succeeded)
        {
            return OptionOnNewLead.Unchanged;
        }

        return wasAgreed ? OptionOnNewLead.AgreementReopened : OptionOnNewLead.AwaitsNewLead;
    }

    /// <summary>
    /// Puts right a row saved before the state followed the option agreement: proposed with its option agreed becomes
    /// agreed. Returns whether it changed.
    /// </summary>
    public bool ReconcileStateWithAgreement()
    {
        if (State != ExerciseState.Proposed || AgreementStatus != AgreementStatus.Agreed)
        {
            return false;
        }

        State = ExerciseState.Agreed;
        return true;
    }

    private string OptionFixed => $"This exercise is {State.Label().ToLowerInvariant()}; its joint-working option can no longer change.";

    private string? AnswerableProposal(int proposalId, AgreementSide side)
    {
        // A closed or cancelled exercise's option stays as it was, agreed or not: a page opened before it closed offers
        // the answer no more.
        if (!OptionCanChange)
        {
            return OptionFixed;
        }

        if (ChangedSinceShown(proposalId) is { } changed)
        {
            return changed;
        }

        var current = CurrentProposal!;
        return current.ProposedBySide == side ? $"{Capitalise(side.Label())} proposed this option; {current.OtherSide.Label()} agrees it." : null;
    }

    /// <summary>
    /// What happened since a page showed proposal <paramref name="proposalId"/> open for an answer: another proposed in
    /// its place (who, what and when), or it was answered. Pages ask it before a question about the proposal, so the
    /// question is never put in words no longer true; the answer's own check gives the same words.
    /// </summary>
    /// <returns>The words, ending "Nothing was saved."; null while it is still the current proposal, open for an answer.</returns>
    public string? ChangedSinceShown(int proposalId)
    {
        var current = CurrentProposal;
        if (current is null || current.Id != proposalId)
        {
            return ReplacedSince(_proposals.FirstOrDefault(p => p.Id == proposalId), current);
        }

        return current.IsOpen ? null : AnsweredSince(current);
    }

    /// <summary>
    /// What to tell a person whose answer was to <paramref name="seen"/>, the proposal their page showed, when another is
    /// current now (or none): who proposed what in its place and when, or that none stands. An answer is decided on the
    /// proposal shown, as an extension is agreed on the date shown (ADR 12), never applied to one the person never saw.
    /// </summary>
    private static string ReplacedSince(JointWorkingProposal? seen, JointWorkingProposal? current)
    {
        if (current is null)
        {
            return "The proposal you answered no longer stands: the exercise moved to another lead commissioner, and no option is proposed now. "
                   + "Nothing was saved. Either side may propose one.";
        }

        var option = JointWorkingOptions.Get(current.PrimaryOption);
        var what = seen is null ? $"proposed {option.Label} ({option.Name})"
            : seen.PrimaryOption != current.PrimaryOption ? $"proposed {option.Label} ({option.Name}) in place of option {seen.PrimaryOption}"
            : seen.Reasons != current.Reasons ? $"proposed {option.Label} ({option.Name}) again, with different reasons"
            : $"proposed {option.Label} ({option.Name}) again";
        return $"{UntrustedText.Isolate(current.ProposedByName)} ({UntrustedText.Isolate(current.ProposedByOrganisation)}) {what} on {UkTime.Format(current.ProposedAt)}, "
               + $"after your page was shown. Nothing was saved. Read the new proposal, then agree it or ask for a change.";
    }

    /// <summary>
    /// What to tell a person whose new proposal was begun on a page showing <paramref name="shown"/>, when the current
    /// proposal is another one now, or the same one answered since: who proposed or answered what, and when; null when it
    /// is as shown.
    /// </summary>
    private string? ProposedOrAnsweredSince(ProposalSeen shown)
    {
        var current = CurrentProposal;
        if (current?.Id == shown.Id && current?.Status == shown.Status)
        {
            return null;
        }

        const string Kept = "Nothing was saved; your proposal is kept in the form. Read theirs, then propose yours again if you still want it.";
        if (current is null)
        {
            return "The proposal your page showed no longer stands: the exercise moved to another lead commissioner. " + Kept;
        }

        if (current.Id != shown.Id)
        {
            var option = JointWorkingOptions.Get(current.PrimaryOption);
            return $"{UntrustedText.Isolate(current.ProposedByName)} ({UntrustedText.Isolate(current.ProposedByOrganisation)}) proposed {option.Label} "
                   + $"({option.Name}) on {UkTime.Format(current.ProposedAt)}, after your page was shown. {Kept}";
        }

        return current.Status is ProposalStatus.Agreed or ProposalStatus.ChangeRequested ? $"{Answer(current)} {Kept}" : Kept;
    }

    /// <summary>What to tell a person answering a proposal someone of their side has answered since their page showed it: who, how and when.</summary>
    private static string AnsweredSince(JointWorkingProposal current) => current.Status == ProposalStatus.Agreed
        ? $"{Answer(current)} Nothing more was saved: both sides have agreed it."
        : $"{Answer(current)} Nothing was saved: the side that proposed it is to propose again.";

    /// <summary>Who answered <paramref name="current"/> (agreed it, or asked for a change), how and when, in one sentence.</summary>
    private static string Answer(JointWorkingProposal current)
    {
        if (current.Status == ProposalStatus.Agreed)
        {
            var (by, at) = current.OtherSide == AgreementSide.Commissioner
                ? (current.CommissionerAgreedBy, current.CommissionerAgreedAt)
                : (current.LinkAgreedBy, current.LinkAgreedAt);
            return $"{UntrustedText.Isolate(by ?? "Someone")} agreed this proposal for {current.OtherSide.Label()} on {UkTime.Format(at!.Value)}.";
        }

        return $"{UntrustedText.Isolate(current.ChangeRequestedBy ?? "Someone")} asked for a change to this proposal on {UkTime.Format(current.ChangeRequestedAt!.Value)}: "
               + $"\u201C{UntrustedText.Isolate(current.ChangeRequestComment ?? "")}\u201D.";
    }

    private static string Capitalise(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
