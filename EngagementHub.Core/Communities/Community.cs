namespace EngagementHub.Core.Communities;

/// <summary>
/// A community an exercise sets out to reach, from one shared list so that overlaps (consultation fatigue) and gaps
/// (nobody engaging a community) can be seen across the partnership.
/// </summary>
public class Community
{
    /// <summary>Stands in for the name of a community a record refers to that cannot be found.</summary>
    public const string UnknownName = "Unknown community";

    private Community()
    {
        Name = "";
    }

    public Community(string name, bool isSeldomHeard, string? description = null)
    {
        Name = string.IsNullOrWhiteSpace(name) ? throw new ArgumentException("A community needs a name.", nameof(name)) : name.Trim();
        IsSeldomHeard = isSeldomHeard;
        Description = description;
    }

    public int Id { get; private set; }
    public string Name { get; private set; }

    /// <summary>A "seldom heard" group, which commissioners often find hard to reach.</summary>
    public bool IsSeldomHeard { get; private set; }

    public string? Description { get; private set; }

    /// <summary>The community as lists and pages name it: "Young carers (seldom heard)" for a seldom-heard group.</summary>
    public string Label => IsSeldomHeard ? $"{Name} (seldom heard)" : Name;
}
