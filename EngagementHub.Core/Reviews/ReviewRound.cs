using EngagementHub.Core.Common;

namespace EngagementHub.Core.Reviews;

/// <summary>
/// A four-point rating of one criterion, or "don't know". The study gives no scale; four points leave no middle to
/// retreat to, which is what partnership-assessment tools use to make each side commit to a view.
/// </summary>
public enum ReviewScore
{
    DontKnow = 0,
    NotMet = 1,
    PartlyMet = 2,
    LargelyMet = 3,
    FullyMet = 4,
}

/// <summary>
/// One year's joint review between the LINk and one commissioner (or all commissioners together): each side rates both
/// sides' criteria, neither sees the other's ratings until both have submitted, and then they meet to agree a rating for
/// each criterion and the actions that follow.
/// </summary>
public class ReviewRound : IVersioned
{
    private readonly List<ReviewItem> _items = [];
    private readonly List<ReviewRating> _ratings = [];
    private readonly List<ReviewAction> _actions = [];

    private ReviewRound()
    {
    }

    public ReviewRound(FinancialYear year, int linkOrganisationId, int? commissionerOrganisationId, int openedByOrganisationId,
        DateOnly closesOn, DateTimeOffset openedAt, IEnumerable<SuccessCriterion> criteria)
    {
        Year = year.StartYear;
        LinkOrganisationId = linkOrganisationId;
        CommissionerOrganisationId = commissionerOrganisationId;
        OpenedByOrganisationId = openedByOrganisationId;
        ClosesOn = closesOn;
        OpenedAt = openedAt;
        foreach (var criterion in criteria.OrderBy(c => c.Side).ThenBy(c => c.Position))
        {
            var wording = criterion.Wordings.MaxBy(w => w.Id)
                ?? throw new InvalidOperationException($"Criterion {criterion.Id} has no wording loaded.");
            _items.Add(new ReviewItem(criterion.Id, wording.Id, criterion.Side, criterion.Position));
        }
    }

    public int Id { get; private set; }

    /// <summary>The financial year's <see cref="FinancialYear.StartYear"/>.</summary>
    public int Year { get; private set; }

    public FinancialYear FinancialYear => new(Year);

    public int LinkOrganisationId { get; private set; }

    /// <summary>The commissioner reviewed; null when the round is with all commissioners together.</summary>
    public int? CommissionerOrganisationId { get; private set; }

    public int OpenedByOrganisationId { get; private set; }
    public DateTimeOffset OpenedAt { get; private set; }

    /// <summary>The date by which both sides should have submitted their ratings.</summary>
    public DateOnly ClosesOn { get; private set; }

    public DateTimeOffset? LinkSubmittedAt { get; private set; }
    public DateTimeOffset? CommissionersSubmittedAt { get; private set; }

    /// <summary>Whether the LINk chose to publish its own comments with the public report.</summary>
    public bool LinkPublishesComments { get; private set; }

    /// <summary>Whether the commissioner side chose to publish its own comments with the public report.</summary>
    public bool CommissionersPublishComments { get; private set; }

    /// <summary>When the agreed ratings were first signed off and the round's report became public (UTC); kept through
    /// every revision.</summary>
    public DateTimeOffset? PublishedAt { get; private set; }

    /// <summary>When a revision both sides agreed was last published in place of what was published before (UTC); null
    /// until the first (ADR 23, "A published review changes only as both sides agree").</summary>
    public DateTimeOffset? UpdatedAt { get; private set; }

    /// <summary>The organisation of the person who first published the round (one side's step, ADR 23); null before then,
    /// and on rounds published before it was recorded.</summary>
    public int? PublishedByOrganisationId { get; private set; }

    /// <summary>The organisation of the person whose press last published a revision (<see cref="UpdatedAt"/>); null until
    /// the first, and on revisions published before it was recorded.</summary>
    public int? UpdatedByOrganisationId { get; private set; }

    /// <summary>The last revision was published by one side alone, its other side deactivated and unable to agree (ADR 23,
    /// "A revision whose other side is deactivated"); false when both sides agreed it, or no revision was published.</summary>
    public bool UpdatedAlone { get; private set; }

    /// <summary>Since when the published round has been reopened for revision by one side (UTC); null when it is not
    /// being revised. While it is, the public site keeps showing what was last published, marked as being revised.</summary>
    public DateTimeOffset? RevisingSince { get; private set; }

    /// <summary>The side that agreed to publish the revision as it stood then; null while neither has. Its agreement
    /// stands only while the revision is unchanged (<see cref="RevisionAgreedContent"/>).</summary>
    public ReviewSide? RevisionAgreedBy { get; private set; }

    /// <summary>When <see cref="RevisionAgreedBy"/> agreed to publish the revision (UTC).</summary>
    public DateTimeOffset? RevisionAgreedAt { get; private set; }

    /// <summary>The <see cref="ContentDigest"/> of the revision <see cref="RevisionAgreedBy"/> agreed to publish.</summary>
    public Guid? RevisionAgreedContent { get; private set; }

    public Guid Version { get; set; }

    /// <summary>
    /// The closing date for which the sides still to submit were reminded; set by the one sweep that sends the reminder
    /// (a conditional update), so a second sweep or node sends nothing.
    /// </summary>
    public DateOnly? ClosingRemindedFor { get; private set; }

    /// <summary>
    /// The first round of the same year and commissioner, on a round opened a second time before the database refused
    /// that (the LINk and the commissioner opening the same review at once): set by the upgrade that made rounds unique,
    /// on the later copies, which it kept with whatever was rated in them. Null on every other round, and on every round
    /// opened since.
    /// </summary>
    public int? DuplicateOfRoundId { get; private set; }

    public IReadOnlyCollection<ReviewItem> Items => _items.AsReadOnly();
    public IReadOnlyCollection<ReviewRating> Ratings => _ratings.AsReadOnly();
    public IReadOnlyCollection<ReviewAction> Actions => _actions.AsReadOnly();

    /// <summary>Both sides have submitted, so each may now see the other's ratings.</summary>
    public bool BothSubmitted => LinkSubmittedAt is not null && CommissionersSubmittedAt is not null;

    public DateTimeOffset? SubmittedAt(ReviewSide side) => side == ReviewSide.Link ? LinkSubmittedAt : CommissionersSubmittedAt;

    /// <summary>
    /// Whether the round can no longer go on to its meeting: the organisation that alone makes up one side (its LINk, or
    /// the commissioner of a round with one) is deactivated and that side had not submitted (ADR 23). Nobody is asked to
    /// rate such a round, in "My work" or by its closing reminder. A round with all commissioners is not stopped by one.
    /// </summary>
    /// <param name="inactive">The ids of the organisations deactivated.</param>
    /// <returns>True when neither side can be asked to rate it. A question: it changes and refuses nothing.</returns>
    public bool CannotGoOn(IReadOnlyCollection<int> inactive) =>
        (inactive.Contains(LinkOrganisationId) && LinkSubmittedAt is null)
        || (CommissionerOrganisationId is { } commissioner && inactive.Contains(commissioner) && CommissionersSubmittedAt is null);

    /// <summary>
    /// The organisation that alone makes up the other side of <paramref name="side"/> in this round (the LINk, or the
    /// commissioner of a round with one), when it is deactivated: it can no longer agree anything in the app (ADR 23,
    /// "A revision whose other side is deactivated"). A round with all commissioners never has its commissioners' side gone.
    /// </summary>
    /// <param name="side">The side asking.</param>
    /// <param name="inactive">The ids of the organisations deactivated.</param>
    /// <returns>The other side's organisation id when it is deactivated; otherwise null. A question: it changes and refuses nothing.</returns>
    public int? OtherSideGone(ReviewSide side, IReadOnlyCollection<int> inactive) =>
        side == ReviewSide.Commissioners
            ? (inactive.Contains(LinkOrganisationId) ? LinkOrganisationId : null)
            : (CommissionerOrganisationId is { } commissioner && inactive.Contains(commissioner) ? commissioner : null);

    public bool PublishesComments(ReviewSide side) => side == ReviewSide.Link ? LinkPublishesComments : CommissionersPublishComments;

    /// <summary>
    /// The version of one side's ratings: a digest of what that side has saved (each rating and whether it submitted),
    /// so it changes when someone of that side saves something different, and not when the other side does. The two
    /// sides rate the same round at the same time; the round's own <see cref="Version"/> changes with either side's save
    /// and would refuse one side's ratings because the other side saved theirs.
    /// </summary>
    /// <remarks>Needs <see cref="Ratings"/> loaded.</remarks>
    public Guid RatingsVersion(ReviewSide side)
    {
        var text = new System.Text.StringBuilder();
        text.Append(SubmittedAt(side)?.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-");
        foreach (var rating in _ratings.Where(r => r.By == side).OrderBy(r => r.ItemId))
        {
            // Lengths first, so no comment or link can make two different sets of ratings read the same.
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"|{rating.ItemId}:{(int)rating.Score}:{rating.Comment?.Length ?? -1}:{rating.Comment}:{rating.EvidenceLinks?.Length ?? -1}:{rating.EvidenceLinks}");
        }

        return new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 16));
    }

    /// <summary>What a side is told when it tries to change its ratings after submitting them.</summary>
    public const string RatingsClosedText = "Your side has already submitted its ratings; they can no longer change.";

    /// <summary>What is said of a criterion that is not in this round.</summary>
    public const string NotInRoundText = "This criterion is not in the review.";

    /// <summary>Sets (or replaces) one side's rating of one criterion.</summary>
    /// <returns>Success; a problem (<see cref="RatingsClosedText"/>) once that side has submitted, or when the criterion is
    /// not in this round.</returns>
    public Outcome Rate(ReviewSide by, int itemId, ReviewScore score, string? comment, string? evidenceLinks)
    {
        if (SubmittedAt(by) is not null)
        {
            return Outcome.Failed(RatingsClosedText);
        }

        if (_items.All(i => i.Id != itemId))
        {
            return Outcome.Failed(NotInRoundText);
        }

        var existing = _ratings.FirstOrDefault(r => r.ItemId == itemId && r.By == by);
        if (existing is null)
        {
            _ratings.Add(new ReviewRating(itemId, by, score, comment, evidenceLinks));
        }
        else
        {
            existing.Change(score, comment, evidenceLinks);
        }

        return Outcome.Success;
    }

    /// <summary>Removes one side's rating of one criterion (with its comment and links), if it has one: the side has not
    /// rated it again yet.</summary>
    /// <returns>Success, whether or not there was a rating; a problem (<see cref="RatingsClosedText"/>) once that side has
    /// submitted.</returns>
    public Outcome Unrate(ReviewSide by, int itemId)
    {
        if (SubmittedAt(by) is not null)
        {
            return Outcome.Failed(RatingsClosedText);
        }

        if (_ratings.FirstOrDefault(r => r.ItemId == itemId && r.By == by) is { } existing)
        {
            _ratings.Remove(existing);
        }

        return Outcome.Success;
    }

    /// <summary>Closes one side's ratings; once both have, each sees the other's.</summary>
    /// <returns>Success; a problem (<see cref="RatingsClosedText"/>) when that side has already submitted.</returns>
    public Outcome Submit(ReviewSide by, bool publishComments, DateTimeOffset at)
    {
        if (SubmittedAt(by) is not null)
        {
            return Outcome.Failed(RatingsClosedText);
        }

        if (by == ReviewSide.Link)
        {
            LinkSubmittedAt = at;
            LinkPublishesComments = publishComments;
        }
        else
        {
            CommissionersSubmittedAt = at;
            CommissionersPublishComments = publishComments;
        }

        return Outcome.Success;
    }

    /// <summary>
    /// What a side is told when it tries to change a published round's agreed ratings or actions without reopening it
    /// (ADR 23, "A published review changes only as both sides agree").
    /// </summary>
    public const string PublishedText = "This review is published, so it cannot be changed as it stands. "
                                        + "Reopen it for revision on the meeting page first: the other side is told, the public page says it is "
                                        + "being revised, and the revision is published once both sides agree to publish it.";

    /// <summary>
    /// What a side is told when its change to a revision met the other side publishing that revision at the same moment:
    /// the round is fixed as published again, so the change was not saved (ADR 23).
    /// </summary>
    public const string PublishedMeanwhileText = "The other side published this revision at the same moment, so the review is fixed as published again "
                                                 + "and your change was not saved. It is still on the page: reopen the review for revision, then save it again.";

    /// <summary>
    /// What a side is told when its press of "publish" was decided on a page that showed other agreed ratings or actions
    /// than the round now holds (someone recorded one since): who changed them, and when, or that it was the person's own
    /// change in another tab or window; nothing was published or agreed (ADR 3).
    /// </summary>
    /// <param name="who">Who changed them, with their organisation ("Colin Marsh (NHS South Birmingham)"), isolated by the
    /// caller; null when the history names nobody.</param>
    /// <param name="at">When, from the history; null when the history names nobody.</param>
    /// <param name="ownOtherTab">The change was the person's own, in another tab or window.</param>
    /// <returns>The message, naming who (or "You") and when.</returns>
    public static string ChangedSinceShownText(string? who, DateTimeOffset? at, bool ownOtherTab) =>
        $"{ChangedBy(who, at, ownOtherTab)} the agreed ratings or actions after {(ownOtherTab ? "this page" : "your page")} showed them, so nothing was "
        + "published or agreed. Check them as they stand now on the meeting page, then publish.";

    /// <summary>
    /// What a side is told when its press of "publish" met a change to the revision saved at the same moment: who changed
    /// it and when (or that it was the person's own other tab); what it would have published or agreed is no longer the
    /// revision as it stands, so nothing was published or agreed (ADR 23).
    /// </summary>
    /// <param name="who">As for <see cref="ChangedSinceShownText"/>.</param>
    /// <param name="at">As for <see cref="ChangedSinceShownText"/>.</param>
    /// <param name="ownOtherTab">As for <see cref="ChangedSinceShownText"/>.</param>
    /// <returns>The message, naming who (or "You") and when.</returns>
    public static string RevisionChangedMeanwhileText(string? who, DateTimeOffset? at, bool ownOtherTab) =>
        $"{ChangedBy(who, at, ownOtherTab)} this revision (an agreed rating or an action) at the moment you pressed publish, so nothing was published or "
        + "agreed. Check the revision as it stands now on the meeting page, then publish it.";

    /// <returns>"Colin Marsh (NHS South Birmingham) changed, on 2 Dec 2026 at 10:00,", "You changed, in another tab or window on …,",
    /// or "Someone changed" when the history names nobody.</returns>
    private static string ChangedBy(string? who, DateTimeOffset? at, bool ownOtherTab) => (who, at) switch
    {
        (_, { } when) when ownOtherTab => $"You changed, in another tab or window on {UkTime.Format(when)},",
        ({ } name, { } when) => $"{name} changed, on {UkTime.Format(when)},",
        _ => "Someone changed",
    };

    /// <summary>
    /// Whether recording <paramref name="score"/> and <paramref name="note"/> as a criterion's agreed rating changes what
    /// publishing would put on the public site (<see cref="ContentDigest"/>), and so sets aside an agreement to publish the
    /// revision as it stood (ADR 23); a rating recorded again as it stands changes nothing. The meeting page asks it before
    /// the save; <see cref="ReviewService.AgreeAsync"/> sets aside exactly when the digest changes, which is the same rule.
    /// </summary>
    /// <param name="recordedScore">The criterion's agreed rating as recorded; null for none.</param>
    /// <param name="recordedNote">Its agreed note as recorded; null for none.</param>
    /// <param name="score">The rating to record.</param>
    /// <param name="note">The note to record, as typed (it is recorded cleaned, <see cref="InputValidation.Clean"/>).</param>
    /// <returns>True when the recorded rating or note would change; a question, it changes and refuses nothing.</returns>
    public static bool ChangesAgreedRating(ReviewScore? recordedScore, string? recordedNote, ReviewScore score, string? note) =>
        recordedScore != score || recordedNote != InputValidation.Clean(note);

    /// <summary>
    /// Whether the round's agreed ratings and actions are fixed: it is published and no side has reopened it for revision.
    /// A question: it changes and refuses nothing.
    /// </summary>
    public bool IsFixedAsPublished => PublishedAt is not null && RevisingSince is null;

    /// <summary>Records the rating both sides agreed at their meeting, with its note (cleaned by the caller).</summary>
    /// <returns>Success; a problem before both sides have submitted, when the round is published and not reopened for
    /// revision (<see cref="PublishedText"/>), or when the criterion is not in this round.</returns>
    public Outcome Agree(int itemId, ReviewScore score, string? note)
    {
        if (!BothSubmitted)
        {
            return Outcome.Failed("Ratings are agreed once both sides have submitted theirs.");
        }

        if (IsFixedAsPublished)
        {
            return Outcome.Failed(PublishedText);
        }

        if (_items.FirstOrDefault(i => i.Id == itemId) is not { } item)
        {
            return Outcome.Failed(NotInRoundText);
        }

        item.Agree(score, note);
        return Outcome.Success;
    }

    /// <summary>What is said of an action recorded before both sides have submitted their ratings.</summary>
    public const string ActionsAtTheMeetingText = "Actions are agreed at the meeting, once both sides have submitted their ratings.";

    /// <summary>Records an action agreed at the meeting (ADR 23), owned by one side's organisation.</summary>
    /// <returns>The action, not yet saved.</returns>
    /// <exception cref="InvalidOperationException">Called before both sides have submitted (the service refuses that first, with
    /// <see cref="ActionsAtTheMeetingText"/>), or on a published round not reopened for revision (refused first with
    /// <see cref="PublishedText"/>).</exception>
    public ReviewAction AddAction(string text, int ownerOrganisationId, string? ownerName, DateOnly dueOn)
    {
        if (!BothSubmitted)
        {
            throw new InvalidOperationException(ActionsAtTheMeetingText);
        }

        if (IsFixedAsPublished)
        {
            throw new InvalidOperationException(PublishedText);
        }

        var action = new ReviewAction(text, ownerOrganisationId, ownerName, dueOn);
        _actions.Add(action);
        return action;
    }

    /// <returns>How many criteria of this round have no rating agreed at the meeting yet (needs <see cref="Items"/> loaded).</returns>
    public int CountNotAgreed() => _items.Count(i => i.AgreedScore is null);

    /// <returns>"1 of the 24 criteria has no agreed rating", "23 of the 24 criteria have no agreed rating".</returns>
    public static string NotAgreedText(int notAgreed, int criteria) =>
        $"{notAgreed} of the {criteria} criteria {(notAgreed == 1 ? "has" : "have")} no agreed rating";

    /// <summary>
    /// A digest of what publishing puts on the public site and both sides must agree: each criterion's agreed rating and
    /// note, and each action's text, owner, person and due date (not whether it is done: that is its owner's report).
    /// </summary>
    /// <remarks>Needs <see cref="Items"/> and <see cref="Actions"/> loaded.</remarks>
    /// <returns>The digest; equal for two states of the round exactly when those are equal.</returns>
    public Guid ContentDigest()
    {
        var text = new System.Text.StringBuilder();
        foreach (var item in _items.OrderBy(i => i.Id))
        {
            // Lengths first, so no note or text can make two different states read the same.
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"|{item.Id}:{(int?)item.AgreedScore}:{item.AgreedNote?.Length ?? -1}:{item.AgreedNote}");
        }

        foreach (var action in _actions.OrderBy(a => a.Id))
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"#{action.Id}:{action.Text.Length}:{action.Text}:{action.OwnerOrganisationId}:{action.OwnerName?.Length ?? -1}:{action.OwnerName}:{action.DueOn.DayNumber}");
        }

        return new Guid(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString())).AsSpan(0, 16));
    }

    /// <summary>The side whose agreement to publish the revision still stands (the revision is as it agreed it); null
    /// when none does, or the round is not being revised. Needs <see cref="Items"/> and <see cref="Actions"/> loaded.</summary>
    public ReviewSide? RevisionAgreedAsItStands =>
        RevisingSince is not null && RevisionAgreedBy is { } side && RevisionAgreedContent == ContentDigest() ? side : null;

    /// <summary>
    /// One side reopens the published round for revision (ADR 23): its agreed ratings and actions may change again, and
    /// the public site keeps what was published, marked as being revised, until both sides agree to publish the revision.
    /// </summary>
    /// <returns>Success; a problem before the round is published, or when it is being revised already (since when).</returns>
    public Outcome Reopen(DateTimeOffset at)
    {
        if (PublishedAt is null)
        {
            return Outcome.Failed("This review is not published yet: change its agreed ratings and actions on the meeting page as they are.");
        }

        if (RevisingSince is { } since)
        {
            return Outcome.Failed($"This review has been reopened for revision since {UkTime.Format(since)}: change it on the meeting page.");
        }

        RevisingSince = at;
        ForgetRevisionAgreement();
        return Outcome.Success;
    }

    /// <summary>
    /// Publishes the agreed ratings and actions on the public site: the first time at once (after both sides submitted),
    /// as one side may; a revision of a published round only once both sides agreed to publish it as it stands (ADR 23,
    /// "A published review changes only as both sides agree"): the first side's press records its agreement, the other
    /// side's publishes it, and a change to the revision in between makes the next press an agreement again. What is
    /// published is kept apart (<see cref="ReviewItem.PublishedScore"/>, <see cref="ReviewAction.IsPublished"/>), so the
    /// public site shows only that. A criterion with no agreed rating is published as not agreed, so publishing with some
    /// takes the person's word for how many (<paramref name="notAgreedConfirmed"/>): a stale page cannot publish more of
    /// them than were confirmed.
    /// </summary>
    /// <param name="by">The side of the person publishing.</param>
    /// <param name="at">The moment (UTC).</param>
    /// <param name="notAgreedConfirmed">How many criteria with no agreed rating the person confirmed publishing.</param>
    /// <param name="otherSideGone">The other side is deactivated (<see cref="OtherSideGone"/>), so it can never agree: this
    /// side's press publishes the revision alone, as either side publishes a round the first time (ADR 23, "A revision
    /// whose other side is deactivated").</param>
    /// <param name="byOrganisationId">The organisation of the person publishing, kept as who published it
    /// (<see cref="PublishedByOrganisationId"/>, <see cref="UpdatedByOrganisationId"/>) so every page can say so.</param>
    /// <returns>What became of it (<see cref="ReviewPublication"/>); a problem before both sides have submitted, when more
    /// criteria have no agreed rating than <paramref name="notAgreedConfirmed"/> (saying how many), or when this side has
    /// already agreed to publish the revision as it stands (it waits on the other side, unless that side is gone); nothing
    /// changes then.</returns>
    public Outcome<ReviewPublication> Publish(ReviewSide by, DateTimeOffset at, int notAgreedConfirmed, bool otherSideGone = false, int? byOrganisationId = null)
    {
        if (!BothSubmitted)
        {
            return Outcome<ReviewPublication>.Failed("A review is published once both sides have submitted.");
        }

        if (IsFixedAsPublished)
        {
            return Outcome<ReviewPublication>.Ok(ReviewPublication.AlreadyPublished);
        }

        if (CountNotAgreed() is var notAgreed && notAgreed > notAgreedConfirmed)
        {
            return Outcome<ReviewPublication>.Failed($"{NotAgreedText(notAgreed, _items.Count)}. Record their agreed ratings, "
                                  + "or confirm publishing with them shown as not agreed. Nothing was published.");
        }

        if (PublishedAt is null)
        {
            PublishedAt = at;
            PublishedByOrganisationId = byOrganisationId;
            KeepAsPublished();
            return Outcome<ReviewPublication>.Ok(ReviewPublication.Published);
        }

        var standing = RevisionAgreedAsItStands;
        if (standing == by && !otherSideGone)
        {
            return Outcome<ReviewPublication>.Failed($"Your side agreed to publish this revision on {UkTime.Format(RevisionAgreedAt!.Value)}. "
                                                     + "It is published once the other side agrees to publish it too.");
        }

        if ((standing is not null && standing != by) || otherSideGone)
        {
            UpdatedAt = at;
            UpdatedByOrganisationId = byOrganisationId;
            UpdatedAlone = standing is null || standing == by;
            RevisingSince = null;
            ForgetRevisionAgreement();
            KeepAsPublished();
            return Outcome<ReviewPublication>.Ok(ReviewPublication.RevisionPublished);
        }

        RevisionAgreedBy = by;
        RevisionAgreedAt = at;
        RevisionAgreedContent = ContentDigest();
        return Outcome<ReviewPublication>.Ok(ReviewPublication.RevisionAgreedByOneSide);
    }

    /// <summary>No side's agreement to publish a revision stands: a new revision starts, or the last one is published.</summary>
    private void ForgetRevisionAgreement()
    {
        RevisionAgreedBy = null;
        RevisionAgreedAt = null;
        RevisionAgreedContent = null;
    }

    private void KeepAsPublished()
    {
        foreach (var item in _items)
        {
            item.KeepAsPublished();
        }

        foreach (var action in _actions)
        {
            action.KeepAsPublished();
        }
    }
}

/// <summary>What a press of "publish" did (<see cref="ReviewRound.Publish"/>).</summary>
public enum ReviewPublication
{
    /// <summary>Published for the first time.</summary>
    Published,

    /// <summary>It was published already and is not being revised: nothing changed.</summary>
    AlreadyPublished,

    /// <summary>This side agreed to publish the revision as it stands; it waits on the other side.</summary>
    RevisionAgreedByOneSide,

    /// <summary>The other side had agreed the revision as it stands, so it is now published.</summary>
    RevisionPublished,
}

/// <summary>One criterion in a round, pinned to the wording it had when the round opened, with the rating agreed at the meeting.</summary>
public class ReviewItem
{
    private ReviewItem()
    {
    }

    internal ReviewItem(int criterionId, int wordingId, ReviewSide side, int position)
    {
        CriterionId = criterionId;
        WordingId = wordingId;
        Side = side;
        Position = position;
    }

    public int Id { get; private set; }
    public int RoundId { get; private set; }
    public int CriterionId { get; private set; }

    /// <summary>The <see cref="CriterionWording"/> this round was rated on.</summary>
    public int WordingId { get; private set; }

    /// <summary>Whose criterion it is.</summary>
    public ReviewSide Side { get; private set; }

    public int Position { get; private set; }
    public ReviewScore? AgreedScore { get; private set; }
    public string? AgreedNote { get; private set; }

    /// <summary>The agreed rating as last published, which the public site shows (null: published as not agreed, or
    /// never published); changed only by publishing (<see cref="ReviewRound.Publish"/>).</summary>
    public ReviewScore? PublishedScore { get; private set; }

    /// <summary>The agreed note as last published, which the public site shows.</summary>
    public string? PublishedNote { get; private set; }

    internal void Agree(ReviewScore score, string? note)
    {
        AgreedScore = score;
        AgreedNote = note;
    }

    internal void KeepAsPublished()
    {
        PublishedScore = AgreedScore;
        PublishedNote = AgreedNote;
    }
}

/// <summary>One side's rating of one criterion in a round, with its comment and links to its evidence.</summary>
public class ReviewRating
{
    private ReviewRating()
    {
    }

    internal ReviewRating(int itemId, ReviewSide by, ReviewScore score, string? comment, string? evidenceLinks)
    {
        ItemId = itemId;
        By = by;
        Change(score, comment, evidenceLinks);
    }

    public int Id { get; private set; }
    public int RoundId { get; private set; }
    public int ItemId { get; private set; }

    /// <summary>The side that gave this rating.</summary>
    public ReviewSide By { get; private set; }

    public ReviewScore Score { get; private set; }
    public string? Comment { get; private set; }

    /// <summary>Links to evidence, one a line.</summary>
    public string? EvidenceLinks { get; private set; }

    internal void Change(ReviewScore score, string? comment, string? evidenceLinks)
    {
        Score = score;
        Comment = comment;
        EvidenceLinks = evidenceLinks;
    }
}

/// <summary>An action agreed at the review meeting, with its owner and due date; reminded until it is done.</summary>
public class ReviewAction
{
    private ReviewAction()
    {
        Text = "";
    }

    internal ReviewAction(string text, int ownerOrganisationId, string? ownerName, DateOnly dueOn)
    {
        Text = text;
        OwnerOrganisationId = ownerOrganisationId;
        OwnerName = ownerName;
        DueOn = dueOn;
    }

    public int Id { get; private set; }
    public int RoundId { get; private set; }
    public string Text { get; private set; }

    /// <summary>The organisation that undertook it; its editors are reminded.</summary>
    public int OwnerOrganisationId { get; private set; }

    /// <summary>The person named at the meeting, if any.</summary>
    public string? OwnerName { get; private set; }

    public DateOnly DueOn { get; private set; }
    public DateOnly? DoneOn { get; private set; }

    /// <summary>The due date for which the owner was reminded that it is coming due (set once by the sweep that sent it).</summary>
    public DateOnly? DueSoonRemindedFor { get; private set; }

    /// <summary>The due date for which the owner was reminded that it is overdue (set once by the sweep that sent it).</summary>
    public DateOnly? OverdueRemindedFor { get; private set; }

    /// <summary>Whether the action was part of what was last published: one agreed while a published round is being
    /// revised reaches the public site only with the revision (<see cref="ReviewRound.Publish"/>).</summary>
    public bool IsPublished { get; private set; }

    /// <summary>Marks it done on <paramref name="on"/> (a UK date), once: the owner's report of its progress, which the
    /// public site shows as such and which needs no revision of a published round.</summary>
    public void MarkDone(DateOnly on) => DoneOn ??= on;

    internal void KeepAsPublished() => IsPublished = true;
}
