using EngagementHub.Core.Common;
using EngagementHub.Core.Exercises;

namespace EngagementHub.Core.WorkProgramme;

/// <summary>Short or long term: how long the LINk expects to work on the issue (the study, section 3.2.1).</summary>
public enum IssueTerm
{
    ShortTerm,
    LongTerm,
}

/// <summary>Statutory or third sector: which sector the work on the issue is with (the study, section 3.2.1).</summary>
public enum PartnerSector
{
    Statutory,
    ThirdSector,
}

/// <summary>
/// Reactive or proactive: the issue came to the LINk (Kent's process "of a reactive nature"), or the LINk chose to pursue
/// it against its own priorities (the study, section 3.2.1 and Box 3).
/// </summary>
public enum IssueOrigin
{
    Reactive,
    Proactive,
}

/// <summary>Majority or minority: of concern to most of the LINk's constituency, or to a much smaller number of people.</summary>
public enum IssueReach
{
    Majority,
    Minority,
}

/// <summary>Quick win or big thing ("wicked problem"), read from the business case (<see cref="ProgrammeBalance.SizeOf"/>).</summary>
public enum IssueSize
{
    QuickWin,
    BigThing,
}

/// <summary>The study's eight balances of a LINk's work programme (section 3.2.1, Figure 8), in the study's order.</summary>
public enum BalanceDimension
{
    Term,
    CareSector,
    Size,
    Scope,
    PartnerSector,
    Setting,
    Origin,
    Reach,
}

/// <summary>
/// The five placements an issue records beyond what it already has (health or social care, locality, the business
/// case's big-issue answers). Null means not placed yet. Implemented by the issue and by the forms that set them.
/// </summary>
public interface IBalancePlacement
{
    IssueTerm? Term { get; }
    PartnerSector? PartnerSector { get; }
    ServiceSetting? Setting { get; }
    IssueOrigin? Origin { get; }
    IssueReach? Reach { get; }
}

/// <summary>The same five placements as a form edits them (the record form and the issue page's balance form).</summary>
public interface IBalanceForm : IBalancePlacement
{
    new IssueTerm? Term { get; set; }
    new PartnerSector? PartnerSector { get; set; }
    new ServiceSetting? Setting { get; set; }
    new IssueOrigin? Origin { get; set; }
    new IssueReach? Reach { get; set; }
}

/// <summary>One side of a balance: as a column heads it, as a warning names what is missing, and as "all are …" ends.</summary>
public sealed record BalanceSide(string Label, string Missing, string AllAre);

/// <summary>A dimension's counts: one per side, in <see cref="ProgrammeBalance.Sides"/> order, and how many are not placed.</summary>
public sealed record DimensionFigures(BalanceDimension Dimension, IReadOnlyList<int> Counts, int NotPlaced)
{
    public int Placed => Counts.Sum();
}

/// <summary>A plain-words warning that the year's mix is skewed on one dimension.</summary>
public sealed record BalanceWarning(BalanceDimension Dimension, string Text);

/// <summary>
/// An issue as the balance view reads it: never the referrer's details. <see cref="BigIssueScore"/> is null until a
/// business case is written.
/// </summary>
public sealed record IssuePlacement(
    int Id, string Title, DateOnly RaisedOn, IssueStep Step, PanelOutcome? Outcome, CareSector Sector, string? Locality,
    int? BigIssueScore, IssueSize? Size, IssueTerm? Term, PartnerSector? PartnerSector, ServiceSetting? Setting, IssueOrigin? Origin, IssueReach? Reach)
{
    /// <returns>
    /// The index of the side of <paramref name="dimension"/> the issue is on (see <see cref="ProgrammeBalance.Sides"/>;
    /// 2 is "both" where a dimension has it), or null when it is not placed there.
    /// </returns>
    public int? SideOf(BalanceDimension dimension) => dimension switch
    {
        BalanceDimension.Term => (int?)Term,
        BalanceDimension.CareSector => (int)Sector,
        BalanceDimension.Size => (int?)Size,
        BalanceDimension.Scope => Locality is null ? 0 : 1,
        BalanceDimension.PartnerSector => (int?)PartnerSector,
        BalanceDimension.Setting => (int?)Setting,
        BalanceDimension.Origin => (int?)Origin,
        BalanceDimension.Reach => (int?)Reach,
        _ => null,
    };

    /// <returns>The side's label, or "Not placed".</returns>
    public string SideLabel(BalanceDimension dimension) =>
        SideOf(dimension) is { } side ? ProgrammeBalance.Sides(dimension)[side].Label : "Not placed";
}

/// <summary>A financial year's programme on the eight balances, with the big-things-to-quick-wins ratio and the warnings.</summary>
public sealed record BalanceReport(
    FinancialYear Year, IReadOnlyList<IssuePlacement> Issues, IReadOnlyList<DimensionFigures> Dimensions, int BigThings, int QuickWins,
    IReadOnlyList<BalanceWarning> Warnings)
{
    /// <summary>The quick wins the study's "two for every big thing" asks for, given the big things.</summary>
    public int QuickWinsWanted => BigThings * ProgrammeBalance.QuickWinsPerBigThing;

    public DimensionFigures For(BalanceDimension dimension) => Dimensions.Single(d => d.Dimension == dimension);
}

/// <summary>
/// The balance rules of the LINk's work programme: how each issue is placed, the figures for a year, and when the mix
/// is skewed enough to say so (ADR 0025). The study gives the dimensions and one ratio; the other thresholds are this
/// project's, kept here with their reasons.
/// </summary>
public static class ProgrammeBalance
{
    /// <summary>
    /// "For every one big thing, LINk needs to have two quick wins" (the study, section 3.2.1, "Easy wins | 'Wicked
    /// problems'"): fewer quick wins than this many per big thing is a warning.
    /// </summary>
    public const int QuickWinsPerBigThing = 2;

    /// <summary>
    /// A business case answering yes to at least this many of the study's six big-issue questions makes the issue a big
    /// thing. The study lists the six marks of a big issue without a count; half of them is this project's line.
    /// </summary>
    public const int BigThingScore = 3;

    /// <summary>
    /// A dimension speaks of a mix only when at least this many of the year's issues are placed on it: with one or two,
    /// every programme looks one-sided. This project's threshold.
    /// </summary>
    public const int MinimumPlaced = 3;

    private static readonly BalanceSide Both = new("Both", "", "");

    /// <returns>The dimension as the study names its two poles, e.g. "Reactive or proactive".</returns>
    public static string Label(this BalanceDimension dimension) => dimension switch
    {
        BalanceDimension.Term => "Short or long term",
        BalanceDimension.CareSector => "Health or social care",
        BalanceDimension.Size => "Quick win or big thing",
        BalanceDimension.Scope => "City-wide or local",
        BalanceDimension.PartnerSector => "Statutory or third sector",
        BalanceDimension.Setting => "Acute or community services",
        BalanceDimension.Origin => "Reactive or proactive",
        BalanceDimension.Reach => "Majority or minority issue",
        _ => dimension.ToString(),
    };

    /// <returns>The dimension's sides, indexed as <see cref="IssuePlacement.SideOf"/> answers; a third, where present, is "both".</returns>
    public static IReadOnlyList<BalanceSide> Sides(BalanceDimension dimension) => dimension switch
    {
        BalanceDimension.Term => [new("Short term", "short-term work", "short term"), new("Long term", "long-term work", "long term")],
        BalanceDimension.CareSector =>
        [
            new(CareSector.Health.Label(), "health work", "about health"), new(CareSector.SocialCare.Label(), "social care work", "about social care"),
            Both with { Label = CareSector.Both.Label() },
        ],
        BalanceDimension.Size => [new("Quick win", "quick wins", "quick wins"), new("Big thing", "big things", "big things")],
        BalanceDimension.Scope => [new("City-wide", "city-wide work", "city-wide"), new("Local", "local work", "local")],
        BalanceDimension.PartnerSector => [new("Statutory sector", "work with the statutory sector", "with the statutory sector"), new("Third sector", "work with the third sector", "with the third sector")],
        BalanceDimension.Setting =>
        [
            new("Acute", "work on acute services", "about acute services"), new("Community or primary", "work on community or primary services", "about community or primary services"),
            Both with { Label = "Both" },
        ],
        BalanceDimension.Origin => [new("Reactive", "reactive work", "reactive"), new("Proactive", "proactive work", "proactive")],
        BalanceDimension.Reach => [new("Majority", "majority issues", "majority issues"), new("Minority", "minority issues", "minority issues")],
        _ => [],
    };

    public static string Label(this IssueTerm term) => Sides(BalanceDimension.Term)[(int)term].Label;

    public static string Label(this PartnerSector sector) => Sides(BalanceDimension.PartnerSector)[(int)sector].Label;

    public static string Label(this IssueOrigin origin) => origin == IssueOrigin.Reactive ? "Reactive: raised with the LINk" : "Proactive: the LINk chose to pursue it";

    public static string Label(this IssueReach reach) => reach == IssueReach.Majority ? "Majority: of concern to most people" : "Minority: affects a smaller number of people";

    /// <returns>The issue as the balance reads it (its referrer's details are not carried).</returns>
    public static IssuePlacement PlacementOf(RaisedIssue issue)
    {
        int? score = issue.BusinessCaseOn is null ? null : issue.BigIssueScore;
        return new IssuePlacement(issue.Id, issue.Title, issue.RaisedOn, issue.Step, issue.Outcome, issue.Sector, issue.Locality, score,
            SizeOf(score, issue.BusinessCaseSkippedReason is not null, issue.Outcome), issue.Term, issue.PartnerSector, issue.Setting, issue.Origin, issue.Reach);
    }

    /// <summary>
    /// Quick win or big thing, from the business case: a score of <see cref="BigThingScore"/> or more is a big thing, less
    /// a quick win; a business case skipped (the process allows it for quick wins) is a quick win. An issue the panel
    /// declined (no action) is neither, and one without a business case yet is not placed.
    /// </summary>
    /// <returns>The size, or null when not placed.</returns>
    public static IssueSize? SizeOf(int? bigIssueScore, bool businessCaseSkipped, PanelOutcome? outcome) =>
        outcome == PanelOutcome.NoAction ? null
        : bigIssueScore is { } score ? score >= BigThingScore ? IssueSize.BigThing : IssueSize.QuickWin
        : businessCaseSkipped ? IssueSize.QuickWin
        : null;

    /// <summary>
    /// Checks the placements a form sends: each a listed value, and a social-care-only issue not placed on acute
    /// services (the study's acute / community choice is one "in healthcare").
    /// </summary>
    /// <returns>Field messages keyed by the <see cref="IBalancePlacement"/> property; empty when all are fine.</returns>
    public static IReadOnlyList<FieldError> Validate(CareSector sector, IBalancePlacement placement)
    {
        var errors = new List<FieldError>();
        void Listed<T>(T? value, string field)
            where T : struct, Enum
        {
            if (value is { } v && !Enum.IsDefined(v))
            {
                errors.Add(new FieldError(field, "Choose one of the listed values, or \"Not placed yet\"."));
            }
        }

        Listed(placement.Term, nameof(IBalancePlacement.Term));
        Listed(placement.PartnerSector, nameof(IBalancePlacement.PartnerSector));
        Listed(placement.Setting, nameof(IBalancePlacement.Setting));
        Listed(placement.Origin, nameof(IBalancePlacement.Origin));
        Listed(placement.Reach, nameof(IBalancePlacement.Reach));
        if (sector == CareSector.SocialCare && placement.Setting is ServiceSetting.Acute or ServiceSetting.Both)
        {
            errors.Add(new FieldError(nameof(IBalancePlacement.Setting),
                "Acute services are hospital health care: a social care issue is community or primary, or leave it not placed."));
        }

        return errors;
    }

    /// <summary>The year's figures on every dimension, the ratio and the warnings (<see cref="Warnings"/>).</summary>
    public static BalanceReport Report(FinancialYear year, IReadOnlyList<IssuePlacement> issues)
    {
        var dimensions = Enum.GetValues<BalanceDimension>().Select(dimension =>
        {
            var sides = Sides(dimension).Count;
            var counts = Enumerable.Range(0, sides).Select(side => issues.Count(i => i.SideOf(dimension) == side)).ToList();
            return new DimensionFigures(dimension, counts, issues.Count(i => i.SideOf(dimension) is null));
        }).ToList();
        var size = dimensions.Single(d => d.Dimension == BalanceDimension.Size);
        return new BalanceReport(year, issues, dimensions, size.Counts[(int)IssueSize.BigThing], size.Counts[(int)IssueSize.QuickWin],
            Warnings(year, dimensions));
    }

    /// <summary>
    /// The warnings, in dimension order. For quick wins and big things: fewer than <see cref="QuickWinsPerBigThing"/>
    /// quick wins per big thing, or no big thing at all among <see cref="MinimumPlaced"/> or more sized issues. For every
    /// other dimension with at least <see cref="MinimumPlaced"/> issues placed: a side nobody is on (an issue on "both"
    /// counts for each side), e.g. no social care work, no minority issues, everything reactive.
    /// </summary>
    public static IReadOnlyList<BalanceWarning> Warnings(FinancialYear year, IReadOnlyList<DimensionFigures> dimensions)
    {
        var warnings = new List<BalanceWarning>();
        foreach (var figures in dimensions)
        {
            var sides = Sides(figures.Dimension);
            if (figures.Dimension == BalanceDimension.Size)
            {
                int quick = figures.Counts[(int)IssueSize.QuickWin], big = figures.Counts[(int)IssueSize.BigThing];
                if (big > 0 && quick < big * QuickWinsPerBigThing)
                {
                    warnings.Add(new BalanceWarning(figures.Dimension, quick == 0
                        ? $"No quick wins in {year.Label}: {(big == 1 ? "the one issue sized is a big thing" : $"all {big} issues sized are big things")}. The study suggests two quick wins for every big thing."
                        : $"Too few quick wins in {year.Label}: {quick} for {Counted.Of(big, "big thing")}. The study suggests two for every big thing, so {big * QuickWinsPerBigThing}."));
                }
                else if (big == 0 && quick >= MinimumPlaced)
                {
                    warnings.Add(new BalanceWarning(figures.Dimension,
                        $"No big things in {year.Label}: all {quick} issues sized are quick wins. The study asks the LINk to take on the long-standing, \"wicked\" problems too."));
                }

                continue;
            }

            if (figures.Placed < MinimumPlaced)
            {
                continue;
            }

            var both = sides.Count > 2 ? figures.Counts[2] : 0;
            for (var side = 0; side < 2; side++)
            {
                if (figures.Counts[side] + both == 0)
                {
                    var other = sides[1 - side];
                    warnings.Add(new BalanceWarning(figures.Dimension,
                        $"No {sides[side].Missing} in {year.Label}: all {figures.Placed} issues placed are {other.AllAre}{(sides.Count > 2 ? " only" : "")}."));
                }
            }
        }

        return warnings;
    }
}
