using EngagementHub.Core.Common;
using System.ComponentModel.DataAnnotations;

namespace EngagementHub.Core.Reviews;

/// <summary>The administrators' form for one success criterion.</summary>
public sealed class CriterionInput
{
    [Required(ErrorMessage = "Give the criterion a name, e.g. \"New faces\".")]
    [MaxLength(100, ErrorMessage = "The name can be at most 100 characters.")]
    public string Name { get; set; } = "";

    [Required(ErrorMessage = "Say how the criterion would be assessed.")]
    [MaxLength(1000, ErrorMessage = "The description can be at most 1,000 characters.")]
    [MultiLine]
    public string Description { get; set; } = "";

    public bool IsActive { get; set; } = true;

    /// <summary>The version the form was loaded with, so a second administrator's save does not overwrite the first's.</summary>
    public Guid Version { get; set; }
}

/// <summary>A commissioner a review round may be opened with, by name.</summary>
public sealed record ReviewPartner(int Id, string Name);

/// <summary>The "open a review round" form.</summary>
public sealed class RoundInput
{
    [Range(FinancialYear.FirstStartYear, FinancialYear.LastStartYear, ErrorMessage = "Choose the financial year the review covers.")]
    public int Year { get; set; }

    /// <summary>The commissioner reviewed; null for all commissioners together.</summary>
    public int? CommissionerOrganisationId { get; set; }

    [Required(ErrorMessage = "Enter the date by which both sides should have rated.")]
    public DateOnly? ClosesOn { get; set; }
}

/// <summary>One side's rating of one criterion, as the rating form sends it.</summary>
public sealed class RatingInput
{
    public int ItemId { get; set; }

    /// <summary>Null: not rated yet (allowed in a draft, not on submitting).</summary>
    public ReviewScore? Score { get; set; }

    [MultiLine]
    public string? Comment { get; set; }

    /// <summary>Links to evidence, one a line; each must be a web address (http or https).</summary>
    [MultiLine]
    public string? EvidenceLinks { get; set; }
}

/// <summary>
/// The rating both sides agreed for one criterion at their meeting, as the meeting page records it, with the agreement
/// the page showed for that criterion when it was chosen.
/// </summary>
public sealed class AgreedRatingInput
{
    public ReviewScore Score { get; set; }

    /// <summary>Why, in a few words; cleaned and at most <see cref="ReviewService.MaxComment"/> characters.</summary>
    [MultiLine]
    public string? Note { get; set; }

    /// <summary>
    /// The agreed rating recorded for the criterion when the page last read the round (null for none): a different one
    /// recorded since by someone else is not replaced unseen.
    /// </summary>
    public ReviewScore? SeenScore { get; set; }

    /// <summary>The agreed note recorded with <see cref="SeenScore"/> (cleaned, null for none).</summary>
    [MultiLine]
    public string? SeenNote { get; set; }
}

/// <summary>An action agreed at the review meeting.</summary>
public sealed class ActionInput
{
    [Required(ErrorMessage = "Say what will be done.")]
    [MaxLength(1000, ErrorMessage = "The action can be at most 1,000 characters.")]
    [MultiLine]
    public string Text { get; set; } = "";

    [Range(1, int.MaxValue, ErrorMessage = "Choose the organisation that will do it.")]
    public int OwnerOrganisationId { get; set; }

    [MaxLength(200, ErrorMessage = "The name can be at most 200 characters.")]
    public string? OwnerName { get; set; }

    [Required(ErrorMessage = "Enter the date it is due.")]
    public DateOnly? DueOn { get; set; }
}

/// <summary>A row of the rounds list.</summary>
/// <param name="Id">The round's id.</param>
/// <param name="Year">The financial year reviewed.</param>
/// <param name="Commissioners">The commissioner's name, or words for all commissioners together.</param>
/// <param name="ClosesOn">The UK date by which both sides should have submitted.</param>
/// <param name="LinkSubmitted">The LINk has submitted its ratings.</param>
/// <param name="CommissionersSubmitted">The commissioner side has submitted its ratings.</param>
/// <param name="Published">The agreed ratings are on the public site.</param>
/// <param name="DuplicateOf">The first round of the same year and commissioner, when this one was opened a second time
/// before that was refused (<see cref="ReviewRound.DuplicateOfRoundId"/>); null for every other round.</param>
/// <param name="Revising">The published round is reopened for revision (<see cref="ReviewRound.RevisingSince"/>): the
/// public site keeps what was published until both sides agree to publish the revision.</param>
public sealed record RoundRow(
    int Id, FinancialYear Year, string Commissioners, DateOnly ClosesOn, bool LinkSubmitted, bool CommissionersSubmitted, bool Published,
    int? DuplicateOf = null, bool Revising = false);

/// <summary>One side's rating as shown; absent from a view while it is hidden from the reader.</summary>
public sealed record RatingView(ReviewScore Score, string? Comment, string? EvidenceLinks);

/// <summary>
/// One criterion of a round as the reader may see it: the wording it was rated on and the ratings the reader may read
/// (their own side's always, the other side's only once both have submitted).
/// </summary>
public sealed record ItemView(
    int ItemId, int CriterionId, ReviewSide Side, int Position, string Name, string Description,
    RatingView? Link, RatingView? Commissioners, ReviewScore? AgreedScore, string? AgreedNote)
{
    public RatingView? By(ReviewSide side) => side == ReviewSide.Link ? Link : Commissioners;

    /// <summary>
    /// How far apart the two sides' ratings are, in points of the four-point scale (0 to 3); null when either side said
    /// "don't know" or a rating is not visible.
    /// </summary>
    public int? Disagreement => Link is { Score: not ReviewScore.DontKnow } l && Commissioners is { Score: not ReviewScore.DontKnow } c
        ? Math.Abs((int)l.Score - (int)c.Score)
        : null;
}

/// <summary>An agreed action as shown.</summary>
public sealed record ActionView(int Id, string Text, int OwnerOrganisationId, string OwnerOrganisation, string? OwnerName, DateOnly DueOn, DateOnly? DoneOn);

/// <summary>A review round as one reader may see it.</summary>
/// <param name="Id">The round.</param>
/// <param name="Year">The financial year (1 April to 31 March) reviewed.</param>
/// <param name="LinkOrganisationId">The LINk reviewed.</param>
/// <param name="LinkName">Its name.</param>
/// <param name="CommissionerOrganisationId">The commissioner reviewed; null when the round is with all commissioners together.</param>
/// <param name="CommissionersName">That commissioner's name, or the words for all commissioners together.</param>
/// <param name="ClosesOn">The UK date by which both sides should have submitted their ratings.</param>
/// <param name="LinkSubmittedAt">When the LINk submitted its ratings (UTC); null until it has.</param>
/// <param name="CommissionersSubmittedAt">When the commissioner side submitted its ratings (UTC); null until it has.</param>
/// <param name="LinkPublishesComments">The LINk chose to publish its own comments with the public report.</param>
/// <param name="CommissionersPublishComments">The commissioner side chose to publish its own comments with the public report.</param>
/// <param name="PublishedAt">When the agreed ratings were signed off and made public (UTC); null until then.</param>
/// <param name="MySide">The side the reader belongs to, or null for another partner.</param>
/// <param name="CanEdit">The reader is an editor of <paramref name="MySide"/>.</param>
/// <param name="RatingsVersion">The version of the reader's side's ratings (<see cref="ReviewRound.RatingsVersion"/>), which
/// saving them sends back; empty for a reader on neither side.</param>
/// <param name="Items">The criteria of both sides, with the ratings this reader may see (the other side's only once both submitted).</param>
/// <param name="Actions">The actions agreed at the meeting, each with its owner and due date (UK date).</param>
/// <param name="UpdatedAt">When a revision both sides agreed was last published (UTC); null until the first.</param>
/// <param name="RevisingSince">Since when the published round has been reopened for revision (UTC); null when it is not.</param>
/// <param name="RevisionAgreedBy">The side whose agreement to publish the revision as it stands still holds; null for none.</param>
/// <param name="RevisionAgreedAt">When that side agreed (UTC).</param>
/// <param name="OtherSideGoneName">While the round is being revised, the name of the organisation that alone made up the
/// reader's other side when it is deactivated (the reader's press then publishes the revision alone, ADR 23); null otherwise.</param>
/// <param name="ContentDigest">What publishing would put on the public site as this view shows it (the agreed ratings and
/// notes, the actions: <see cref="ReviewRound.ContentDigest"/>), which publishing sends back so nothing is published that
/// the page did not show.</param>
/// <param name="PublishedByName">The organisation whose person first published it; null before, or when not recorded.</param>
/// <param name="UpdatedByName">The organisation whose person's press published the last revision; null for none or not recorded.</param>
/// <param name="UpdatedAlone">The last revision was published by one side alone, its other side deactivated.</param>
/// <param name="PublishedNotAgreed">How many criteria what is published now shows as not agreed.</param>
public sealed record RoundView(
    int Id, FinancialYear Year, int LinkOrganisationId, string LinkName, int? CommissionerOrganisationId, string CommissionersName,
    DateOnly ClosesOn, DateTimeOffset? LinkSubmittedAt, DateTimeOffset? CommissionersSubmittedAt, bool LinkPublishesComments,
    bool CommissionersPublishComments, DateTimeOffset? PublishedAt, ReviewSide? MySide, bool CanEdit,
    IReadOnlyList<ItemView> Items, IReadOnlyList<ActionView> Actions, Guid RatingsVersion,
    DateTimeOffset? UpdatedAt = null, DateTimeOffset? RevisingSince = null, ReviewSide? RevisionAgreedBy = null, DateTimeOffset? RevisionAgreedAt = null,
    string? OtherSideGoneName = null, Guid ContentDigest = default, string? PublishedByName = null, string? UpdatedByName = null,
    bool UpdatedAlone = false, int PublishedNotAgreed = 0)
{
    /// <summary>Published and not reopened for revision: its agreed ratings and actions are fixed (ADR 23).</summary>
    public bool IsFixedAsPublished => PublishedAt is not null && RevisingSince is null;


    public bool BothSubmitted => LinkSubmittedAt is not null && CommissionersSubmittedAt is not null;

    public DateTimeOffset? SubmittedAt(ReviewSide side) => side == ReviewSide.Link ? LinkSubmittedAt : CommissionersSubmittedAt;

    /// <summary>
    /// Whether the reader may rate now: an editor of their side, whose side has not submitted its ratings (once submitted
    /// they are fixed, and the service refuses a change). The round page offers its rating form on this alone.
    /// </summary>
    public bool CanRate => CanEdit && MySide is { } side && SubmittedAt(side) is null;

    /// <summary>The meeting's agenda: the biggest disagreements first, then "don't know"s, then the study's order.</summary>
    public IReadOnlyList<ItemView> Agenda =>
        [.. Items.OrderByDescending(i => i.Disagreement ?? -1).ThenBy(i => i.Side).ThenBy(i => i.Position)];

    public string Title => $"{Year.Label} review: {LinkName} and {CommissionersName}";

    /// <summary>
    /// Whose agreement to publish the revision recording <paramref name="score"/> and <paramref name="note"/> as the agreed
    /// rating of <paramref name="itemId"/> would set aside (ADR 23): the side whose agreement stands, when the choice differs
    /// from what is recorded (<see cref="ReviewRound.ChangesAgreedRating"/>, the rule the service's save follows).
    /// </summary>
    /// <returns>That side; null when no agreement stands, no rating is chosen, the criterion is not in this view, or the
    /// choice is as recorded (recording it again sets nothing aside). A question: it refuses nothing.</returns>
    public ReviewSide? AgreementSetAsideBy(int itemId, ReviewScore? score, string? note) =>
        RevisionAgreedBy is { } side && score is { } chosen && Items.FirstOrDefault(i => i.ItemId == itemId) is { } item
        && ReviewRound.ChangesAgreedRating(item.AgreedScore, item.AgreedNote, chosen, note)
            ? side
            : null;
}

/// <summary>
/// The reviews' words: the scale as people say it (pages, the published report, notices and the history, which reads
/// every <c>Label(this TEnum)</c>). Pattern: docs/conventions.md, "Labels for enums".
/// </summary>
public static class ReviewTerms
{
    /// <returns>"Better", "Worse" or "The same": the trend since the first year, as the trend table says it.</returns>
    public static string Label(this TrendDirection direction) => direction switch
    {
        TrendDirection.Better => "Better",
        TrendDirection.Worse => "Worse",
        _ => "The same",
    };

    /// <returns>A score with its number on the study's four-point scale, e.g. "3 · Largely met", or "Don't know".</returns>
    public static string Label(this ReviewScore score) => score switch
    {
        ReviewScore.NotMet => "1 · Not met",
        ReviewScore.PartlyMet => "2 · Partly met",
        ReviewScore.LargelyMet => "3 · Largely met",
        ReviewScore.FullyMet => "4 · Fully met",
        _ => "Don't know",
    };

    /// <returns>Whose criterion or rating it is, as a table's row heading says it: "LINk" or "Commissioners".</returns>
    public static string Label(this ReviewSide side) => side switch
    {
        ReviewSide.Link => "LINk",
        ReviewSide.Commissioners => "Commissioners",
        _ => side.ToString(),
    };

    /// <returns>The side's own rating, as the meeting page heads it: "The LINk's rating", "The commissioners' rating".</returns>
    public static string RatingHeading(ReviewSide side) => side == ReviewSide.Link ? "The LINk's rating" : "The commissioners' rating";

    /// <returns>The heading over one side's criteria, e.g. "The LINk's criteria".</returns>
    public static string CriteriaHeading(ReviewSide side) => side == ReviewSide.Link ? "The LINk's criteria" : "The commissioners' criteria";

    /// <returns>A criterion by its number in the study's table, as a heading's aside says it: "LINk's criterion 4",
    /// "commissioners' criterion 4".</returns>
    public static string CriterionNumber(ReviewSide side, int position) =>
        $"{(side == ReviewSide.Link ? "LINk's" : "commissioners'")} criterion {position}";

    /// <summary>
    /// Who published a review and when, true for each way it can be published (ADR 23): the first time by one side alone;
    /// a revision once both sides agreed it, or by one side alone once the other was deactivated. Pages, the printed report
    /// and the public site all say it this way.
    /// </summary>
    /// <param name="publishedAt">When it was first published (UTC).</param>
    /// <param name="publishedBy">The organisation whose person first published it; null when not recorded (published
    /// before it was).</param>
    /// <param name="updatedAt">When a revision was last published (UTC); null for none.</param>
    /// <param name="updatedBy">The organisation whose person's press published that revision; null when not recorded.</param>
    /// <param name="updatedAlone">That revision was published by one side alone, its other side deactivated.</param>
    /// <param name="notAgreed">How many criteria what is published shows as not agreed.</param>
    /// <param name="criteria">How many criteria the round has.</param>
    /// <param name="date">How the page writes a moment (a UK date, or a date and time).</param>
    /// <returns>E.g. "Published on 3 December 2026 by NHS South Birmingham. 20 of the 24 criteria are published as not
    /// agreed."; "… Updated on 9 December 2026, after both sides agreed to publish a revision (Birmingham LINk's press
    /// published it)."</returns>
    public static string PublicationText(
        DateTimeOffset publishedAt, string? publishedBy, DateTimeOffset? updatedAt, string? updatedBy, bool updatedAlone, int notAgreed, int criteria,
        Func<DateTimeOffset, string> date)
    {
        var text = $"Published on {date(publishedAt)}{(publishedBy is { } first ? $" by {first}" : "")}.";
        if (updatedAt is { } updated)
        {
            text += updatedAlone
                ? $" Updated on {date(updated)}{(updatedBy is { } alone ? $" by {alone}" : "")} alone: the other side had been deactivated and could no longer agree."
                : $" Updated on {date(updated)}, after both sides agreed to publish a revision{(updatedBy is { } second ? $" ({second} published it)" : "")}.";
        }

        if (notAgreed > 0)
        {
            text += $" {notAgreed} of the {criteria} criteria {(notAgreed == 1 ? "is" : "are")} published as not agreed.";
        }

        return text;
    }

    public const string AllCommissioners = "all commissioners";
}
