using EngagementHub.Core.Common;
using EngagementHub.Core.Deadlines;

namespace EngagementHub.Core.Reports;

/// <summary>What became of an accepted recommendation, in words for the printed reports (the implementation table and the annual report).</summary>
public static class ImplementationText
{
    /// <summary>"Planned for Tue 1 Dec 2026", "In progress", "Done", "Dropped", or "Not yet recorded".</summary>
    public static string Status(ReportRecommendation r) => r.Implementation.Label() + Planned(r);

    /// <summary>" (planned for Tue 1 Dec 2026)" while planned or in progress with a date, otherwise empty.</summary>
    private static string Planned(ReportRecommendation r) =>
        (r.PlannedDate is { } planned && r.Implementation is ImplementationStatus.Planned or ImplementationStatus.InProgress
            ? $" (planned for {UkTime.FormatDate(planned)})" : "");

    /// <summary>The change it led to when done, the reason when dropped, otherwise "Nothing yet".</summary>
    public static string WhatChanged(ReportRecommendation r) => r.Implementation switch
    {
        ImplementationStatus.Done => r.ChangeMade ?? "",
        ImplementationStatus.Dropped => $"Dropped: {r.DroppedReason}",
        _ => "Nothing yet",
    };

    /// <summary>One sentence for a list: "Implementation: done. What changed: …", or "Implementation: not yet recorded."</summary>
    public static string Summary(ReportRecommendation r) => r.Implementation switch
    {
        ImplementationStatus.Done => $"Implementation: done. What changed: {r.ChangeMade}",
        ImplementationStatus.Dropped => $"Implementation: dropped ({r.DroppedReason}).",
        _ => $"Implementation: {r.Implementation.Label().ToLowerInvariant()}{Planned(r)}.",
    };
}
