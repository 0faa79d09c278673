namespace EngagementHub.Core.Exercises;

public enum Answer
{
    Unsure,
    Yes,
    No,
}

public enum Degree
{
    Medium,
    Low,
    High,
}

/// <summary>The decision aid's answers in words, as its questions offer them.</summary>
public static class DecisionAidTerms
{
    /// <returns>"Yes", "No" or "Not sure".</returns>
    public static string Label(this Answer answer) => answer switch
    {
        Answer.Yes => "Yes",
        Answer.No => "No",
        _ => "Not sure",
    };

    /// <returns>"Low", "Medium" or "High".</returns>
    public static string Label(this Degree degree) => degree switch
    {
        Degree.Low => "Low",
        Degree.High => "High",
        _ => "Medium",
    };
}

/// <summary>The decision aid's questions, drawn from section 3.1.2 of the study. Unanswered questions count as unsure.</summary>
public sealed record DecisionAidAnswers
{
    /// <summary>Is there clear pre-agreement on the authority the commissioner delegates to the LINk?</summary>
    public Answer DelegatedAuthorityAgreed { get; init; }

    /// <summary>Does the exercise need communities the commissioner finds hard to reach?</summary>
    public Answer NeedsHardToReachCommunities { get; init; }

    /// <summary>Must the commissioner keep direct contact with the public?</summary>
    public Answer CommissionerMustKeepDirectContact { get; init; }

    /// <summary>How much capacity does the LINk have for this exercise?</summary>
    public Degree LinkCapacity { get; init; }

    /// <summary>How important is independent scrutiny of this exercise?</summary>
    public Degree IndependentScrutinyImportance { get; init; }

    /// <summary>Is there a risk of duplicating other engagement (consultation fatigue)?</summary>
    public Answer RiskOfDuplication { get; init; }

    /// <summary>Do the LINk's members and member organisations already hold views on this subject?</summary>
    public Answer MembersAlreadyHoldViews { get; init; }
}

/// <summary>A reason for or against an option, in the words of its strengths and drawbacks.</summary>
public sealed record OptionReason(bool InFavour, string Text);

public sealed record OptionRanking(int Rank, JointWorkingOption Option, int Score, IReadOnlyList<OptionReason> Reasons);

/// <summary>
/// Ranks the six joint-working options for a case, with the reasons for each ranking. It advises; people decide.
/// </summary>
/// <remarks>
/// Each answer adds or takes points from the options it bears on, with the study's own words as the reason.
/// Equal scores keep the spectrum's order, so an undecided case lists the options 1 to 6.
/// </remarks>
public static class JointWorkingAdvisor
{
    private sealed record Rule(Func<DecisionAidAnswers, bool> Applies, int Option, int Points, string Reason);

    private static readonly Rule[] Rules =
    [
        // Delegated authority: option 1 is safe only with a clear agreement from the outset.
        new(a => a.DelegatedAuthorityAgreed == Answer.Yes, 1, 3, "Preserves the LINk's independence: the authority delegated is agreed up front"),
        new(a => a.DelegatedAuthorityAgreed == Answer.No, 1, -3, "Without clear pre-agreement on delegated authority, sole responsibility is high-risk for both sides"),

        // Communities the commissioner finds hard to reach.
        new(a => a.NeedsHardToReachCommunities == Answer.Yes, 2, 3, "Engages directly with communities the commissioner finds 'hard to reach', through the LINk's own connections"),
        new(a => a.NeedsHardToReachCommunities == Answer.Yes, 1, 1, "Develops the LINk's networks for the future"),
        new(a => a.NeedsHardToReachCommunities == Answer.Yes, 6, 1, "Highlights missed areas"),
        new(a => a.NeedsHardToReachCommunities == Answer.Yes, 3, -1, "Limited spectrum of views: no original work with communities"),
        new(a => a.NeedsHardToReachCommunities == Answer.Yes, 4, -1, "No development of the LINk's own networks"),
        new(a => a.NeedsHardToReachCommunities == Answer.No, 2, -1, "Its particular strength, reaching communities the commissioner finds hard to reach, is not needed"),

        // The commissioner's direct line to the public.
        new(a => a.CommissionerMustKeepDirectContact == Answer.Yes, 1, -3, "Loss of the commissioner's direct contact with the public"),
        new(a => a.CommissionerMustKeepDirectContact == Answer.Yes, 4, 2, "Preserves the commissioner's direct contact with the public"),
        new(a => a.CommissionerMustKeepDirectContact == Answer.Yes, 2, 1, "Commissioner gains direct understanding"),
        new(a => a.CommissionerMustKeepDirectContact == Answer.Yes, 3, 1, "Commissioner gains direct understanding"),
        new(a => a.CommissionerMustKeepDirectContact == Answer.No, 1, 1, "Coherence and clarity: one body runs the whole exercise"),

        // LINk capacity.
        new(a => a.LinkCapacity == Degree.Low, 1, -3, "Needs the LINk to run the whole exercise: more capacity than it has"),
        new(a => a.LinkCapacity == Degree.Low, 6, -2, "A parallel exercise needs the LINk to engage the public on its own"),
        new(a => a.LinkCapacity == Degree.Low, 2, -1, "Needs original LINk fieldwork with particular communities"),
        new(a => a.LinkCapacity == Degree.Low, 3, 2, "Minimises the time commitment for the LINk"),
        new(a => a.LinkCapacity == Degree.Low, 5, 2, "Monitoring and commenting asks little of the LINk's time"),
        new(a => a.LinkCapacity == Degree.Low, 4, 1, "Gains influence without large amounts of LINk time and effort"),
        new(a => a.LinkCapacity == Degree.High, 1, 1, "Prestige for the LINk, and potential for income generation"),
        new(a => a.LinkCapacity == Degree.High, 6, 1, "Develops the LINk's networks"),
        new(a => a.LinkCapacity == Degree.High, 2, 1, "Multiple resources"),

        // Independent scrutiny.
        new(a => a.IndependentScrutinyImportance == Degree.High, 6, 2, "Independent scrutiny"),
        new(a => a.IndependentScrutinyImportance == Degree.High, 4, 2, "Independent 'seal of approval'"),
        new(a => a.IndependentScrutinyImportance == Degree.High, 5, 2, "Maintains the LINk's independence"),
        new(a => a.IndependentScrutinyImportance == Degree.High, 2, -1, "Perceived or assumed compromise of the LINk's independence"),
        new(a => a.IndependentScrutinyImportance == Degree.High, 3, -1, "Perceived or assumed compromise of the LINk's independence"),
        new(a => a.IndependentScrutinyImportance == Degree.Low, 5, -1, "Minimal influence, for independence that matters less here"),
        new(a => a.IndependentScrutinyImportance == Degree.Low, 6, -1, "Its main strength, independent scrutiny, matters less here"),

        // Duplication and consultation fatigue.
        new(a => a.RiskOfDuplication == Answer.Yes, 6, -3, "Duplication; the LINk and the commissioner may antagonise each other"),
        new(a => a.RiskOfDuplication == Answer.Yes, 1, 1, "Coherence: one exercise, not two"),
        new(a => a.RiskOfDuplication == Answer.Yes, 3, 1, "Draws on respective strengths within one exercise"),

        // Members' existing views.
        new(a => a.MembersAlreadyHoldViews == Answer.Yes, 3, 2, "Confirms the benefits of LINk membership: members' views are gathered and synthesised"),
        new(a => a.MembersAlreadyHoldViews == Answer.Yes, 6, 1, "Seeks the views of LINk members directly"),
        new(a => a.MembersAlreadyHoldViews == Answer.No, 3, -2, "Relies on views LINk members do not yet hold"),
    ];

    /// <summary>
    /// The six options scored for <paramref name="answers"/>, highest first, with the reasons that moved each. Options
    /// with the same score share a rank (1, 1, 1, 4, …: none is better than another it ties with, as none is better in
    /// general) and are listed in the spectrum's order, 1 to 6.
    /// </summary>
    /// <returns>All six options, ranked. Refuses nothing.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="answers"/> is null.</exception>
    public static IReadOnlyList<OptionRanking> Rank(DecisionAidAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var scored = JointWorkingOptions.All
            .Select(option =>
            {
                var applying = Rules.Where(r => r.Option == option.Number && r.Applies(answers)).ToList();
                return (Option: option,
                        Score: applying.Sum(r => r.Points),
                        Reasons: (IReadOnlyList<OptionReason>)applying
                            .OrderByDescending(r => r.Points > 0).ThenByDescending(r => Math.Abs(r.Points))
                            .Select(r => new OptionReason(r.Points > 0, r.Reason)).ToList());
            })
            .OrderByDescending(s => s.Score).ThenBy(s => s.Option.Number)
            .ToList();

        return scored.Select(s => new OptionRanking(1 + scored.Count(other => other.Score > s.Score), s.Option, s.Score, s.Reasons)).ToList();
    }

    /// <summary>
    /// The aid's reasons for an option as a first draft of the proposal's reasons, for the person to edit: those in
    /// favour, then those against with how they will be handled left to the person. Empty when no answer bears on it.
    /// </summary>
    public static string DraftReasons(OptionRanking ranking)
    {
        var inFavour = ranking.Reasons.Where(r => r.InFavour).Select(r => r.Text).ToList();
        var against = ranking.Reasons.Where(r => !r.InFavour).Select(r => r.Text).ToList();
        if (inFavour.Count == 0 && against.Count == 0)
        {
            return "";
        }

        var parts = new List<string>();
        if (inFavour.Count > 0)
        {
            parts.Add($"Why {ranking.Option.Label.ToLowerInvariant()} fits: {string.Join("; ", inFavour)}.");
        }

        if (against.Count > 0)
        {
            parts.Add($"What to watch: {string.Join("; ", against)}.");
        }

        return string.Join(" ", parts);
    }
}
