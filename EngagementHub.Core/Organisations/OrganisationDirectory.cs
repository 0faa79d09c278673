using EngagementHub.Core.Auditing;
using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Organisations;

/// <summary>
/// The partnership directory: every organisation and its contacts. Everyone signed in reads it; an admin maintains it,
/// and an organisation's own editors maintain their organisation's entry and contacts.
/// </summary>
public sealed class OrganisationDirectory(
    IDbContextFactory<EngagementHubDbContext> dbFactory, OrganisationAccess access, TimeProvider clock,
    IEnumerable<IOrganisationDeactivation>? onDeactivation = null, IEnumerable<IOrganisationKindChange>? onKindChange = null)
{
    /// <summary>The directory, for everyone signed in to read; refuses nobody. Not paged (a partnership has tens of organisations).</summary>
    /// <param name="kind">Only this kind, or all.</param>
    /// <param name="search">Text found, ignoring case, in the name, short name or a contact's name; blank for all.</param>
    /// <param name="includeInactive">Also the deactivated organisations.</param>
    /// <param name="ct">Cancels the read.</param>
    /// <returns>The organisations by kind (in <see cref="OrganisationKind"/>'s order: the LINk, then commissioners, ...), then name, each with its contact count and the contact who receives the LINk's requests.</returns>
    public async Task<IReadOnlyList<OrganisationSummary>> ListAsync(
        OrganisationKind? kind = null, string? search = null, bool includeInactive = false, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Organisations.AsNoTracking();
        if (!includeInactive)
        {
            query = query.Where(o => o.IsActive);
        }

        if (kind is { } k)
        {
            query = query.Where(o => o.Kind == k);
        }

        if (InputValidation.Clean(search) is { } text)
        {
            // Lower-cased on both sides: case-insensitive on SQLite and PostgreSQL alike (LIKE ignores case only on SQLite).
            var term = text.ToLowerInvariant();
            query = query.Where(o => o.Name.ToLower().Contains(term) || (o.ShortName != null && o.ShortName.ToLower().Contains(term))
                                     || o.Contacts.Any(c => c.Name.ToLower().Contains(term)));
        }

        var rows = await query
            .OrderBy(o => o.Name)
            .Select(o => new OrganisationSummary(
                o.Id, o.Name, o.ShortName, o.Kind, o.IsActive, o.Contacts.Count,
                // Organisation.FindLinkRequestsContact's choice, in SQL: the one added last, should older data tick several.
                o.Contacts.Where(c => c.ReceivesLinkRequests).OrderByDescending(c => c.Id).Select(c => c.Name).FirstOrDefault(), o.Version))
            .ToListAsync(ct);

        // Kinds in the order the filter offers them (the LINk first), here rather than in the query: kinds are stored by
        // name, so the database would put "Commissioner" first. The sort is stable, so each kind keeps the name order.
        return [.. rows.OrderBy(o => o.Kind)];
    }

    /// <summary>
    /// The kind of one organisation: what a page asks before offering a step that depends on the person's own
    /// organisation (<c>ExerciseService.CanCreate</c>, <c>DeadlineService.CanLog</c>).
    /// </summary>
    /// <returns>Its kind, or null when <paramref name="id"/> is null or names no organisation; refuses nobody.</returns>
    public async Task<OrganisationKind?> KindAsync(int? id, CancellationToken ct = default)
    {
        if (id is not { } organisationId)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Organisations.AsNoTracking().Where(o => o.Id == organisationId).Select(o => (OrganisationKind?)o.Kind).FirstOrDefaultAsync(ct);
    }

    /// <summary>One organisation with its contacts, for everyone signed in to read.</summary>
    /// <returns>The organisation, untracked, or null when it does not exist; refuses nobody.</returns>
    public async Task<Organisation?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Organisations.AsNoTracking().Include(o => o.Contacts).FirstOrDefaultAsync(o => o.Id == id, ct);
    }

    /// <summary>Whether <paramref name="actor"/> may change this organisation's entry and contacts.</summary>
    /// <returns>True for an administrator or an editor of the organisation; a question, it refuses nothing.</returns>
    public static bool CanMaintain(Actor actor, int organisationId) =>
        OrganisationAccess.CanAdminister(actor) || OrganisationAccess.CanActFor(actor, organisationId);

    /// <summary>Whether <paramref name="actor"/> may change an organisation's kind (it decides what the organisation may
    /// do: only a LINk logs requests, only a scrutiny committee takes referrals).</summary>
    /// <returns>True for an administrator; a question, it refuses nothing.</returns>
    public static bool CanChangeKind(Actor actor) => OrganisationAccess.CanAdminister(actor);

    /// <summary>The field message when someone who may not (<see cref="CanChangeKind"/>) changes the kind.</summary>
    public const string KindIsAdministered = "Only an administrator can change an organisation's kind.";

    /// <summary>An admin adds an organisation; a second submission of the same form (<paramref name="key"/>) adds nothing.</summary>
    /// <returns>The new organisation's id (the first submission's), or field messages (on "Name" when another organisation
    /// has the name, also when it was added a moment before).</returns>
    /// <exception cref="AccessDeniedException">The actor is not an administrator.</exception>
    public async Task<Outcome<int>> CreateAsync(Actor actor, OrganisationInput input, SubmissionKey key = default, CancellationToken ct = default)
    {
        access.EnsureAdministrator(actor, "create an organisation");
        if (InputValidation.Validate(input) is { Length: > 0 } errors)
        {
            return Outcome<int>.Invalid(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.EarlierIdAsync(actor, key, nameof(Organisation), ct) is { } earlier)
        {
            return Outcome<int>.Ok(earlier);
        }

        if (await NameTakenAsync(db, input.Name, null, ct) is { } taken)
        {
            return Outcome<int>.Invalid(taken);
        }

        var organisation = new Organisation(input.Name, input.Kind);
        Apply(organisation, input);
        db.Organisations.Add(organisation);
        return await db.SaveOnceAsync(actor, key, nameof(Organisation), () => organisation.Id, clock, taken: () => NameTakenAsync(db, input.Name, null, ct), ct);
    }

    /// <summary>Changes an organisation's entry; only an administrator changes its kind.</summary>
    /// <returns>
    /// Success; field messages on the input (a name another organisation has, also when it was saved a moment before, or
    /// "Kind" changed by a non-administrator, or to a kind that records still open do not allow: a deadline the new kind
    /// may not be sent, one it sent as the LINk, an exercise it leads as a commissioner, <see cref="IOrganisationKindChange"/>);
    /// a problem when it no longer exists or someone saved it first.
    /// </returns>
    /// <exception cref="AccessDeniedException">The actor is neither an administrator nor an editor of the organisation (logged).</exception>
    public async Task<Outcome> UpdateAsync(Actor actor, int id, OrganisationInput input, CancellationToken ct = default)
    {
        EnsureCanMaintain(actor, id, "edit an organisation");
        if (InputValidation.Validate(input) is { Length: > 0 } errors)
        {
            return Outcome.Invalid(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ChangeOrganisationAsync(db, actor, id, async organisation =>
        {
            if (!CanChangeKind(actor) && input.Kind != organisation.Kind)
            {
                return Outcome.Invalid(new FieldError(nameof(input.Kind), KindIsAdministered));
            }

            if (await NameTakenAsync(db, input.Name, id, ct) is { } taken)
            {
                return Outcome.Invalid(taken);
            }

            if (input.Kind != organisation.Kind)
            {
                var refusals = new List<string>();
                foreach (var feature in onKindChange ?? [])
                {
                    if (await feature.RefuseAsync(db, organisation, input.Kind, ct) is { } refused)
                    {
                        refusals.Add(refused);
                    }
                }

                if (refusals.Count > 0)
                {
                    return Outcome.Invalid(new FieldError(nameof(input.Kind), string.Join(" ", refusals)));
                }
            }

            Apply(organisation, input);
            return Outcome.Success;
        }, input.Version, ct, taken: () => NameTakenAsync(db, input.Name, id, ct));
    }

    /// <summary>
    /// An admin deactivates an organisation (it leaves the partnership and the lists of choices; its records stay) or
    /// reactivates it. Its people, administrators included, lose access with it, as a disabled account does
    /// (<see cref="AccountStanding"/>): every session of theirs ends in the same transaction, every link e-mailed to them
    /// (an invitation, a password reset) stops working for good (their security stamps are renewed, and each person's
    /// history says so), and until it is
    /// reactivated they cannot sign in and are told of nothing. Nothing is left waiting on it unseen: in the same save, every agreement
    /// it was still awaited for is settled without it and the others are told, and the other side of what still waits on
    /// it is told what it can do (<see cref="IOrganisationDeactivation"/>: a year's timetable out for agreement, ADR 7; an
    /// exercise's option it leads, ADR 11; a deadline's answer it owes, ADR 12; a review round or action, ADR 23). An
    /// administrator keeps access only as a member of an active
    /// organisation (ADR 4), so their own organisation is refused: another organisation's administrator deactivates it,
    /// and the partnership is never left without an administrator who can reactivate it.
    /// </summary>
    /// <param name="actor">The administrator.</param>
    /// <param name="id">The organisation.</param>
    /// <param name="active">True to reactivate it, false to deactivate it.</param>
    /// <param name="version">The organisation's version the page showed; a save over a newer one is refused.</param>
    /// <param name="ct">Cancels the change; nothing is saved.</param>
    /// <returns>Success; a problem when it is the administrator's own organisation (to deactivate), it no longer exists,
    /// or someone saved it (or a round it leaves, or one of its people's accounts) since <paramref name="version"/> or
    /// its read, and then nothing is saved. Reactivating gives its people access back but not the links spent: the users
    /// page lists whose invitation must be sent again (ADR 18).</returns>
    /// <exception cref="AccessDeniedException">The actor is not an administrator (logged).</exception>
    public async Task<Outcome> SetActiveAsync(Actor actor, int id, bool active, Guid version, CancellationToken ct = default)
    {
        access.EnsureAdministrator(actor, active ? "reactivate an organisation" : "deactivate an organisation");
        if (!active && actor.OrganisationId == id)
        {
            return Outcome.Failed(OwnOrganisationMessage);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ChangeOrganisationAsync(db, actor, id, async organisation =>
        {
            if (active)
            {
                organisation.Reactivate();
                return Outcome.Success;
            }

            // Deactivated already (a second click, or a second administrator): nothing waits on it any more, and its
            // partners were told once.
            if (!organisation.IsActive)
            {
                return Outcome.Success;
            }

            organisation.Deactivate();
            var now = clock.GetUtcNow();

            // An e-mailed link (an invitation, a password reset) holds its person's security stamp: a new one spends every
            // link sent before, so none works again once the organisation is reactivated, as for a disabled account. The
            // stamps are saved with the organisation, audited with it, and (their concurrency stamps renewed too) an
            // account save that loaded someone before this one cannot write the old stamp back (SecurityStamps.Renew).
            foreach (var person in await db.Users.Where(u => u.OrganisationId == id).ToListAsync(ct))
            {
                SecurityStamps.Renew(person);
                db.AuditEntries.Add(AuditEntry.ForAccount(actor, person.Id, person.PasswordHash is null ? InvitationSpentEvent : LinksSpentEvent, now));
            }

            foreach (var step in onDeactivation ?? [])
            {
                await step.OrganisationDeactivatedAsync(db, actor, organisation, now, ct);
            }

            return Outcome.Success;
        }, version, ct, afterSave: active ? null : _ => UserSessions.EndOrganisationSessionsAsync(db, id, ct));
    }

    /// <summary>What each person of a deactivated organisation's account history says happened to it (one who can sign in).</summary>
    public const string LinksSpentEvent =
        "Organisation deactivated: every session ended, and every link e-mailed before (a password reset) no longer works";

    /// <summary>What the account history of an invited person (no password yet) of a deactivated organisation says.</summary>
    public const string InvitationSpentEvent =
        "Organisation deactivated: the invitation e-mailed before no longer works; send it again once the organisation is reactivated";

    /// <summary>Why a new contact cannot be added to a deactivated organisation (<see cref="SaveContactAsync"/>'s refusal).</summary>
    /// <returns>"X is no longer active: reactivate it before adding contacts.", the name isolated; this method refuses
    /// nothing itself.</returns>
    public static string NoNewContactsMessage(string organisationName) =>
        $"{UntrustedText.Isolate(organisationName)} is no longer active: reactivate it before adding contacts.";

    /// <summary>Why an administrator cannot deactivate their own organisation.</summary>
    public const string OwnOrganisationMessage =
        "You cannot deactivate your own organisation: its people, you included, would lose access. Ask an administrator of another organisation.";

    /// <summary>
    /// Adds a contact (<c>input.Id</c> null) or changes one; a second submission of the same new-contact form adds nothing.
    /// A contact ticked as receiving the LINk's requests takes that from whoever received them before, in the same save
    /// (each change audited): the organisation names one person (<see cref="Organisation.FindLinkRequestsContact"/>).
    /// </summary>
    /// <returns>
    /// The contact's id; field messages on the input; a problem when the organisation no longer exists, a new contact is
    /// added to an organisation no longer active (<see cref="NoNewContactsMessage"/>; its existing contacts can still be
    /// changed), the contact was removed meanwhile, or someone saved it first.
    /// </returns>
    /// <exception cref="AccessDeniedException">The actor is neither an administrator nor an editor of the organisation (logged).</exception>
    public async Task<Outcome<int>> SaveContactAsync(Actor actor, int organisationId, ContactInput input, SubmissionKey key = default, CancellationToken ct = default)
    {
        EnsureCanMaintain(actor, organisationId, "edit a contact");
        if (InputValidation.Validate(input) is { Length: > 0 } errors)
        {
            return Outcome<int>.Invalid(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (input.Id is { } contactId)
        {
            var saved = await db.ChangeAsync(actor, access, () => WithContactsAsync(db, organisationId, ct), "This organisation no longer exists.",
                _ => ContactRow(contactId), refuse: null,
                organisation =>
                {
                    if (organisation.Contacts.FirstOrDefault(c => c.Id == contactId) is not { } existing)
                    {
                        return Task.FromResult(Outcome.Failed("This contact was removed by someone else. Your changes were not saved."));
                    }

                    organisation.UpdateContact(existing, input.Name, input.JobTitle, input.Email, input.Phone, input.ReceivesLinkRequests);
                    return Task.FromResult(Outcome.Success);
                },
                ct, seenVersion: input.Version, versioned: organisation => organisation.Contacts.First(c => c.Id == contactId));
            return saved.Succeeded ? Outcome<int>.Ok(contactId) : Outcome<int>.From(saved);
        }

        if (await db.EarlierIdAsync(actor, key, nameof(Contact), ct) is { } earlier)
        {
            return Outcome<int>.Ok(earlier);
        }

        var organisation = await WithContactsAsync(db, organisationId, ct);
        if (organisation is null)
        {
            return Outcome<int>.Failed("This organisation no longer exists.");
        }

        // A deactivated organisation has left the partnership: nothing new is sent to it (OrganisationChoice), so a new
        // contact there would receive nothing. Its contacts as they were stay, and can still be corrected.
        if (!organisation.IsActive)
        {
            return Outcome<int>.Failed(NoNewContactsMessage(organisation.Name));
        }

        var contact = organisation.AddContact(input.Name, input.JobTitle, input.Email, input.Phone, input.ReceivesLinkRequests);
        return Outcome<int>.Ok(await db.SaveOnceAsync(actor, key, nameof(Contact), () => contact.Id, clock, ct));
    }

    /// <summary>Removes a contact; one already gone counts as removed.</summary>
    /// <param name="actor">An administrator or an editor of the organisation.</param>
    /// <param name="organisationId">The contact's organisation.</param>
    /// <param name="contactId">The contact.</param>
    /// <param name="version">The contact's version the page showed; a removal over a newer one is refused.</param>
    /// <param name="ct">Cancels the change; nothing is saved.</param>
    /// <returns>Success; a problem when someone changed the contact since <paramref name="version"/>.</returns>
    /// <exception cref="AccessDeniedException">The actor is neither an administrator nor an editor of the organisation (logged).</exception>
    public async Task<Outcome> RemoveContactAsync(Actor actor, int organisationId, int contactId, Guid version, CancellationToken ct = default)
    {
        EnsureCanMaintain(actor, organisationId, "remove a contact");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        Contact? removed = null;
        return await db.ChangeAsync(actor, access,
            async () => await WithContactsAsync(db, organisationId, ct) is { } found && found.Contacts.Any(c => c.Id == contactId) ? found : null,
            gone: null, // Already gone: what the person wanted.
            _ => ContactRow(contactId), refuse: null,
            organisation =>
            {
                removed = organisation.Contacts.First(c => c.Id == contactId);
                organisation.RemoveContact(removed);
                return Task.FromResult(Outcome.Success);
            },
            ct, seenVersion: version, versioned: _ => removed!);
    }

    private void EnsureCanMaintain(Actor actor, int organisationId, string action)
    {
        if (!CanMaintain(actor, organisationId))
        {
            access.Deny(actor, action, $"organisation {organisationId}");
            throw new AccessDeniedException("Only an administrator or an editor of this organisation can change its entry.");
        }
    }

    /// <summary>An edit of an organisation's own row through <see cref="ChangePath"/>; the caller checked the actor's right, which does not depend on the row.</summary>
    private Task<Outcome> ChangeOrganisationAsync(
        EngagementHubDbContext db, Actor actor, int id, Func<Organisation, Task<Outcome>> apply, Guid version, CancellationToken ct,
        Func<Organisation, Task>? afterSave = null, Func<Task<FieldError?>>? taken = null) =>
        db.ChangeAsync(actor, access, () => db.Organisations.FirstOrDefaultAsync(o => o.Id == id, ct), "This organisation no longer exists.",
            _ => new ChangedRow(nameof(Organisation), id, "organisation"), refuse: null, apply, ct, seenVersion: version, afterSave: afterSave, taken: taken);

    private static Task<Organisation?> WithContactsAsync(EngagementHubDbContext db, int organisationId, CancellationToken ct) =>
        db.Organisations.Include(o => o.Contacts).FirstOrDefaultAsync(o => o.Id == organisationId, ct);

    private static ChangedRow ContactRow(int contactId) => new(nameof(Contact), contactId, "contact");

    private static async Task<FieldError?> NameTakenAsync(EngagementHubDbContext db, string name, int? exceptId, CancellationToken ct)
    {
        var trimmed = name.Trim();
        var taken = await db.Organisations.AnyAsync(o => o.Name.ToLower() == trimmed.ToLower() && o.Id != exceptId, ct);
        return taken ? new FieldError(nameof(OrganisationInput.Name), $"Another organisation is already called \"{trimmed}\".") : null;
    }

    private static void Apply(Organisation organisation, OrganisationInput input) =>
        organisation.UpdateDetails(input.Name, input.ShortName, input.Kind, input.Description, input.Website, input.Email, input.Phone);
}
