using System.Linq.Expressions;
using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Organisations;

/// <summary>
/// The one check of an organisation a person chooses as the party to a new record, or as the new party of an existing
/// one (the organisation a deadline is sent to, an exercise's lead commissioner and partners, a review round's
/// commissioner, a panel's referral or hand-off). The choice must exist, be of the kind the field takes, and still be in
/// the partnership: a deactivated organisation's people cannot sign in (ADR 4, <see cref="AccountStanding"/>), so a
/// record given to it would wait for nobody. The pickers offer only active organisations, but a form left open while the
/// organisation was deactivated, or a crafted post, reaches the service with one. A record that already names an
/// organisation since deactivated keeps it: an unchanged choice (<c>kept</c>) is not asked again, so unrelated edits save.
/// </summary>
public static class OrganisationChoice
{
    /// <summary>Checks one chosen organisation.</summary>
    /// <param name="db">Any context; nothing is tracked.</param>
    /// <param name="field">The input's property the message goes next to.</param>
    /// <param name="chosen">The chosen organisation's id; null (nothing chosen) is left to the caller's "required" rule.</param>
    /// <param name="chooseMessage">The field's own words when the choice does not exist or is not of a kind the field takes.</param>
    /// <param name="fits">What the field takes (a commissioner, anyone but the LINk); null for any organisation.</param>
    /// <param name="kept">The organisation the record names already, when it is being changed: choosing it again is no new choice.</param>
    /// <param name="ct">Cancels the read.</param>
    /// <returns>Null when the choice stands (or is unchanged, or nothing was chosen); otherwise a field message on
    /// <paramref name="field"/>: <paramref name="chooseMessage"/>, or "X is no longer active. Choose another organisation."</returns>
    /// <exception cref="Exception">The database's own failure.</exception>
    public static async Task<FieldError?> CheckAsync(EngagementHubDbContext db, string field, int? chosen, string chooseMessage,
        Expression<Func<Organisation, bool>>? fits = null, int? kept = null, CancellationToken ct = default)
    {
        if (chosen is not { } id || id == kept)
        {
            return null;
        }

        var found = await Fitting(db, fits).Where(o => o.Id == id).Select(o => new { o.Name, o.IsActive }).FirstOrDefaultAsync(ct);
        return found is null ? new FieldError(field, chooseMessage)
            : found.IsActive ? null
            : new FieldError(field, NoLongerActive(found.Name));
    }

    /// <summary>Checks several chosen organisations (an exercise's partners or localities).</summary>
    /// <param name="db">Any context; nothing is tracked.</param>
    /// <param name="field">The input's property the message goes next to.</param>
    /// <param name="chosen">The chosen organisations' ids; repeats count once.</param>
    /// <param name="chooseMessage">The field's own words when one does not exist or is not of a kind the field takes.</param>
    /// <param name="fits">What the field takes; null for any organisation.</param>
    /// <param name="kept">The organisations the record names already: these stay even when since deactivated.</param>
    /// <param name="ct">Cancels the read.</param>
    /// <returns>Null when every new choice stands; otherwise one field message on <paramref name="field"/>:
    /// <paramref name="chooseMessage"/>, or one naming those no longer active ("X is no longer active. Choose again without it.").</returns>
    /// <exception cref="Exception">The database's own failure.</exception>
    public static async Task<FieldError?> CheckAllAsync(EngagementHubDbContext db, string field, IEnumerable<int> chosen, string chooseMessage,
        Expression<Func<Organisation, bool>>? fits = null, IEnumerable<int>? kept = null, CancellationToken ct = default)
    {
        var keptIds = kept?.ToHashSet() ?? [];
        var added = chosen.Distinct().Where(id => !keptIds.Contains(id)).ToList();
        if (added.Count == 0)
        {
            return null;
        }

        var found = await Fitting(db, fits).Where(o => added.Contains(o.Id)).Select(o => new { o.Name, o.IsActive }).ToListAsync(ct);
        if (found.Count != added.Count)
        {
            return new FieldError(field, chooseMessage);
        }

        var inactive = found.Where(o => !o.IsActive).Select(o => o.Name).Order(StringComparer.OrdinalIgnoreCase).ToList();
        return inactive.Count switch
        {
            0 => null,
            1 => new FieldError(field, $"{UntrustedText.Isolate(inactive[0])} is no longer active. Choose again without it."),
            _ => new FieldError(field,
                $"{string.Join(", ", inactive[..^1].Select(UntrustedText.Isolate))} and {UntrustedText.Isolate(inactive[^1])} are no longer active. Choose again without them."),
        };
    }

    /// <summary>
    /// What a form offers for a field: the active organisations that fit it, and those the record names already (kept
    /// even when deactivated since, as <see cref="CheckAsync"/> keeps them, so the form shows them by name and they can
    /// be left or taken off). The same <paramref name="fits"/> as the field's check, so the form offers exactly what the
    /// service takes.
    /// </summary>
    /// <param name="db">Any context; nothing is tracked.</param>
    /// <param name="fits">What the field takes; null for any organisation.</param>
    /// <param name="kept">The organisations the record names already; none for a new record.</param>
    /// <param name="ct">Cancels the read.</param>
    /// <returns>The options by kind (in <see cref="OrganisationKind"/>'s order, as the directory lists them), then name;
    /// empty when none fits. Refuses nobody: the directory is the partnership's.</returns>
    public static async Task<IReadOnlyList<OrganisationOption>> OptionsAsync(EngagementHubDbContext db,
        Expression<Func<Organisation, bool>>? fits = null, IEnumerable<int>? kept = null, CancellationToken ct = default)
    {
        var keptIds = kept?.ToList() ?? [];
        var options = await Fitting(db, fits).Where(o => o.IsActive || keptIds.Contains(o.Id))
            .Select(o => new OrganisationOption(o.Id, o.Name, o.Kind, o.IsActive)).ToListAsync(ct);
        return [.. options.OrderBy(o => o.Kind).ThenBy(o => o.Name, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>The words for a chosen organisation that has left the partnership.</summary>
    /// <returns>"X is no longer active. Choose another organisation.", the name isolated.</returns>
    public static string NoLongerActive(string name) => $"{UntrustedText.Isolate(name)} is no longer active. Choose another organisation.";

    private static IQueryable<Organisation> Fitting(EngagementHubDbContext db, Expression<Func<Organisation, bool>>? fits) =>
        fits is null ? db.Organisations.AsNoTracking() : db.Organisations.AsNoTracking().Where(fits);
}

/// <summary>An organisation a form offers for a field (<see cref="OrganisationChoice.OptionsAsync"/>).</summary>
/// <param name="Id">The organisation.</param>
/// <param name="Name">Its name.</param>
/// <param name="Kind">Its kind.</param>
/// <param name="IsActive">False for one the record kept after it was deactivated.</param>
public sealed record OrganisationOption(int Id, string Name, OrganisationKind Kind, bool IsActive)
{
    /// <summary>The name as the form shows it: "X (no longer active)", the name isolated, for a kept organisation since
    /// deactivated.</summary>
    public string Label => IsActive ? Name : $"{UntrustedText.Isolate(Name)} (no longer active)";
}
