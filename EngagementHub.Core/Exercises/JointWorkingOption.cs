namespace EngagementHub.Core.Exercises;

/// <summary>Where an option puts the LINk: inside the commissioner's exercise (options 1–3) or outside it (4–6).</summary>
public enum SpectrumSide
{
    InsideCommissionersExercise,
    OutsideCommissionersExercise,
}

/// <summary>
/// One of the six ways the LINk and a commissioner can work together on an engagement exercise, from the LINk acting
/// as the commissioner's agent (1) to fully parallel working (6): Table 2 of "Influencing commissioning in health and
/// social care" (Birmingham LINk, 2010). None is better in general; the right one depends on the case.
/// </summary>
public sealed record JointWorkingOption(
    int Number,
    string Name,
    string WhatTheLinkDoes,
    string How,
    IReadOnlyList<string> Strengths,
    IReadOnlyList<string> Drawbacks)
{
    public SpectrumSide Side => Number <= 3 ? SpectrumSide.InsideCommissionersExercise : SpectrumSide.OutsideCommissionersExercise;

    /// <summary>"Option 2" — how the list, charts and exports name it.</summary>
    public string Label => $"Option {Number}";
}

/// <summary>The six options, as the study sets them out.</summary>
public static class JointWorkingOptions
{
    private static readonly string[] OptionTwoStrengths =
        ["Draws on respective strengths", "Multiple resources", "Commissioner gains direct understanding", "Development of mutual understanding"];

    private static readonly string[] OptionTwoDrawbacks =
        ["Confusion", "Incoherence", "Perceived or assumed compromise of the LINk's independence"];

    public static readonly JointWorkingOption SoleResponsibility = new(
        1, "Sole responsibility",
        "Takes sole responsibility for the engagement exercise, on behalf of the commissioner",
        "Engages directly with individuals and interest groups; coordinates the views of established groups; commissions research; reviews the literature",
        ["Coherence", "Clarity", "Prestige for the LINk", "Develops the LINk's networks for the future", "Potential for income generation",
         "Preserves the LINk's independence (the authority delegated is agreed up front)"],
        ["Loss of the commissioner's direct contact with the public", "Contractual relationship with the commissioner"]);

    public static readonly JointWorkingOption ContributeElements = new(
        2, "Contribute elements",
        "Contributes particular elements to a commissioner-led exercise",
        "Engages directly with particular communities which the commissioner finds 'hard to reach', using the LINk's own connections",
        OptionTwoStrengths,
        OptionTwoDrawbacks);

    public static readonly JointWorkingOption CoordinateElements = new(
        3, "Coordinate elements",
        "Coordinates particular elements in a commissioner-led exercise",
        "Like option 2, but gathers, coordinates and synthesises the views of LINk members and member organisations, without original fieldwork",
        [.. OptionTwoStrengths, "Minimises the time commitment for the LINk", "Confirms the benefits of LINk membership"],
        [.. OptionTwoDrawbacks, "Limited spectrum of views", "Influence of established groups over 'new voices'"]);

    public static readonly JointWorkingOption QualityAssure = new(
        4, "Quality assure",
        "Quality-assures the commissioner-led exercise",
        "Contributes to the design of the engagement work, agrees quality measures and monitors their achievement; an element of shared responsibility",
        ["Improved method", "Independent 'seal of approval'", "Preserves the commissioner's direct contact with the public", "Maintains the LINk's independence"],
        ["Minimal influence for the LINk", "No development of the LINk's own networks"]);

    public static readonly JointWorkingOption Comment = new(
        5, "Comment",
        "Comments on the commissioner's exercise",
        "Monitors what the commissioner is doing and provides a public assessment, without sharing responsibility",
        ["Maintains the LINk's independence"],
        ["Minimal influence"]);

    public static readonly JointWorkingOption ParallelExercise = new(
        6, "Parallel exercise",
        "Runs a parallel exercise to the commissioner's",
        "Seeks the views of LINk members (individuals and groups) and engages directly with the public, with little or no coordination with the commissioner's own work",
        ["Maintains the LINk's independence", "Develops the LINk's networks", "Highlights missed areas", "Independent scrutiny",
         "A different evidence base, should the LINk wish to respond itself"],
        ["Duplication", "The LINk and the commissioner may antagonise each other"]);

    public static IReadOnlyList<JointWorkingOption> All { get; } =
        [SoleResponsibility, ContributeElements, CoordinateElements, QualityAssure, Comment, ParallelExercise];

    /// <summary>The option with this number (1–6).</summary>
    public static JointWorkingOption Get(int number) =>
        number is >= 1 and <= 6 ? All[number - 1] : throw new ArgumentOutOfRangeException(nameof(number), number, "Joint-working options are numbered 1 to 6.");

    public static bool IsValid(int number) => number is >= 1 and <= 6;
}
