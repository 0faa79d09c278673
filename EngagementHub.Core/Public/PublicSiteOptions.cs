namespace EngagementHub.Core.Public;

/// <summary>The "EngagementHub:PublicSite" settings: what the public pages say that only the deployer knows.</summary>
public sealed class PublicSiteOptions
{
    /// <summary>
    /// Where people report an accessibility problem or ask for a page in another format (an e-mail address), named in
    /// the accessibility statement. Empty: the statement asks people to contact any of the partner organisations.
    /// </summary>
    public string? AccessibilityContactEmail { get; set; }

    /// <summary>An optional telephone number for the same, shown beside the e-mail address.</summary>
    public string? AccessibilityContactPhone { get; set; }

    /// <summary>How many days a response to an accessibility request takes at most, as the statement promises; 5 by default.</summary>
    public int AccessibilityResponseDays { get; set; } = 5;
}
