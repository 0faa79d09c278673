using EngagementHub.Core.Common;

namespace EngagementHub.Core.Reviews;

/// <summary>Whose performance a success criterion describes.</summary>
public enum ReviewSide
{
    /// <summary>The LINk's own criteria (Table 3 of the study): new faces ... savvy.</summary>
    Link,

    /// <summary>The commissioners' criteria (Table 4 of the study): transparency ... shared wins.</summary>
    Commissioners,
}

/// <summary>
/// One of the success criteria the LINk and the commissioners review each other against (the study's section 4.1).
/// Administrators may reword a criterion or take it out of use; every wording is kept as a <see cref="CriterionWording"/>,
/// and a review round points at the wording its criteria had when it opened, so a later change never alters what was
/// rated in an earlier year.
/// </summary>
public class SuccessCriterion : IVersioned
{
    private readonly List<CriterionWording> _wordings = [];

    private SuccessCriterion()
    {
        Name = "";
        Description = "";
    }

    /// <exception cref="ArgumentException">The name or description is blank.</exception>
    public SuccessCriterion(ReviewSide side, int position, string name, string description, DateTimeOffset at)
    {
        Side = side;
        Position = position;
        Name = "";
        Description = "";
        Reword(name, description, at);
    }

    public int Id { get; private set; }
    public ReviewSide Side { get; private set; }

    /// <summary>Order within its side, 1 for the first (the study's numbering).</summary>
    public int Position { get; private set; }

    /// <summary>The current name; past wordings are in <see cref="Wordings"/>.</summary>
    public string Name { get; private set; }

    /// <summary>The current "how would you assess it".</summary>
    public string Description { get; private set; }

    /// <summary>Offered in review rounds opened from now on.</summary>
    public bool IsActive { get; private set; } = true;

    public Guid Version { get; set; }

    public IReadOnlyCollection<CriterionWording> Wordings => _wordings.AsReadOnly();

    /// <summary>Changes the wording; a new <see cref="CriterionWording"/> is kept when the text actually changes.</summary>
    /// <returns>True when the wording changed.</returns>
    /// <exception cref="ArgumentException">The name or description is blank.</exception>
    public bool Reword(string name, string description, DateTimeOffset at)
    {
        var newName = string.IsNullOrWhiteSpace(name) ? throw new ArgumentException("A criterion needs a name.", nameof(name)) : name.Trim();
        var newDescription = string.IsNullOrWhiteSpace(description)
            ? throw new ArgumentException("A criterion needs a description.", nameof(description))
            : description.Trim();
        if (newName == Name && newDescription == Description)
        {
            return false;
        }

        Name = newName;
        Description = newDescription;
        _wordings.Add(new CriterionWording(newName, newDescription, at));
        return true;
    }

    public void SetActive(bool isActive) => IsActive = isActive;
}

/// <summary>One wording of a <see cref="SuccessCriterion"/>, never changed once written: what a review round was rated on.</summary>
public class CriterionWording
{
    private CriterionWording()
    {
        Name = "";
        Description = "";
    }

    internal CriterionWording(string name, string description, DateTimeOffset writtenAt)
    {
        Name = name;
        Description = description;
        WrittenAt = writtenAt;
    }

    public int Id { get; private set; }
    public int CriterionId { get; private set; }
    public string Name { get; private set; }
    public string Description { get; private set; }
    public DateTimeOffset WrittenAt { get; private set; }
}
