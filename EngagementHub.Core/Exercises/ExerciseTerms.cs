namespace EngagementHub.Core.Exercises;

/// <summary>Where an exercise is in its life.</summary>
public enum ExerciseState
{
    Proposed,
    Agreed,
    Running,
    Reporting,
    Closed,
    Cancelled,
}

/// <summary>Kent LINk's four levels of involvement.</summary>
public enum InvolvementLevel
{
    Inform,
    Consult,
    Involve,
    Devolve,
}

public enum CareSector
{
    Health,
    SocialCare,
    Both,
}

public enum ServiceSetting
{
    Acute,
    Community,
    Both,
}

public enum ExerciseScope
{
    CityWide,
    Localities,
}

/// <summary>The World Class Commissioning engagement cycle: the five stages where the public is involved.</summary>
public enum EngagementCycleStage
{
    IdentifyingNeeds,
    PrioritiesAndStrategy,
    ServiceDesign,
    ProcurementAndContracting,
    MonitoringAndPerformance,
}

/// <summary>The two sides that agree how they work together on an exercise.</summary>
public enum AgreementSide
{
    Commissioner,
    Link,
}

public static class ExerciseTermsText
{
    public static string Label(this ExerciseState state) => state.ToString();

    /// <returns>The step that moves an exercise to <paramref name="target"/>, as its button says it: "Start running",
    /// "Move to reporting", "Close", "Cancel exercise".</returns>
    public static string MoveLabel(this ExerciseState target) => target switch
    {
        ExerciseState.Running => "Start running",
        ExerciseState.Reporting => "Move to reporting",
        ExerciseState.Closed => "Close",
        ExerciseState.Cancelled => "Cancel exercise",
        _ => target.Label(),
    };

    public static string Label(this CareSector sector) => sector switch
    {
        CareSector.SocialCare => "Social care",
        CareSector.Both => "Health and social care",
        _ => "Health",
    };

    public static string Label(this ServiceSetting setting) => setting switch
    {
        ServiceSetting.Acute => "Acute services",
        ServiceSetting.Community => "Community services",
        _ => "Acute and community services",
    };

    /// <returns>The level's own word: "Inform", "Consult", "Involve" or "Devolve".</returns>
    public static string Label(this InvolvementLevel level) => level.ToString();

    public static string Label(this ExerciseScope scope) => scope == ExerciseScope.CityWide ? "City-wide" : "Localities";

    /// <returns>Where both sides stand on an exercise's joint-working option, e.g. "Agreed by both sides" (the list, its
    /// export and the history).</returns>
    public static string Label(this AgreementStatus status) => status switch
    {
        AgreementStatus.Agreed => "Agreed by both sides",
        AgreementStatus.AwaitingAgreement => "Awaiting agreement",
        AgreementStatus.ChangeRequested => "Change requested",
        _ => "No option proposed",
    };

    public static string Label(this AgreementSide side) => side == AgreementSide.Link ? "the LINk" : "the commissioner";

    public static string Label(this EngagementCycleStage stage) => stage switch
    {
        EngagementCycleStage.IdentifyingNeeds => "Identifying health needs and aspirations",
        EngagementCycleStage.PrioritiesAndStrategy => "Decisions about priorities and strategies",
        EngagementCycleStage.ServiceDesign => "Service design and improvement",
        EngagementCycleStage.ProcurementAndContracting => "Procurement and contracting",
        _ => "Monitoring and performance management",
    };
}
