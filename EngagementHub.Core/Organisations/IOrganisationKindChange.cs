using EngagementHub.Core.Data;

namespace EngagementHub.Core.Organisations;

/// <summary>
/// What a feature in a layer above refuses when an administrator changes an organisation's kind: a record still open
/// that only an organisation of the current kind may hold (a deadline the new kind may not be sent, ADR 12; an exercise
/// it leads as a commissioner, ADR 11). Changed under such a record, the organisation would hold what the rules no longer
/// allow it, and the record would read wrongly to both sides. <see cref="OrganisationDirectory.UpdateAsync"/> asks every
/// one registered before it saves a kind change, and refuses the change at the kind with their reasons.
/// </summary>
public interface IOrganisationKindChange
{
    /// <summary>Why <paramref name="organisation"/> cannot become <paramref name="newKind"/> yet, naming the records that stand
    /// in the way and what to do; null when nothing of this feature does. Reads only.</summary>
    /// <param name="db">The change's context.</param>
    /// <param name="organisation">The organisation, with its current kind.</param>
    /// <param name="newKind">The kind it would become.</param>
    /// <param name="ct">Cancels the reads.</param>
    Task<string?> RefuseAsync(EngagementHubDbContext db, Organisation organisation, OrganisationKind newKind, CancellationToken ct = default);

    /// <summary>The records a refusal names: the first three, then how many more, e.g. "“A”, “B”, “C” and 2 more".</summary>
    public static string FirstThree(IReadOnlyList<string> named) =>
        string.Join(", ", named.Take(3)) + (named.Count > 3 ? $" and {named.Count - 3} more" : "");
}
