using System.Linq.Expressions;
using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Deadlines;

// Handing a deadline to a new owner: ADR 12, "A deadline handed to a new owner".
public sealed partial class DeadlineService
{
    /// <summary>
    /// May this person hand the deadline to another of the LINk's people, or take it over? An editor or administrator of
    /// the LINk that sent it, while it is open (<see cref="ResponseDeadline.IsOpen"/>): the check
    /// <see cref="HandOverAsync"/> makes before it checks whom to, and the one the deadline's page asks before offering it
    /// (<see cref="StepsOpenTo"/>).
    /// </summary>
    /// <param name="actor">The person asking, as signed in.</param>
    /// <param name="deadline">The deadline as loaded.</param>
    /// <returns>True when they may; false for anyone else, or once the deadline is closed. A question: it refuses nothing.</returns>
    public static bool CanHandOver(Actor actor, ResponseDeadline deadline) => IsSender(actor, deadline) && deadline.IsOpen;

    /// <summary>
    /// Who the deadline can be handed to: the active editors and administrators of the LINk that sent it (accounts that
    /// may use the app, <see cref="AccountStanding"/>), but its owner; the person asking first ("take it over"), then by
    /// name. Says too whether its owner can still follow it up.
    /// </summary>
    /// <param name="actor">The person asking, as signed in.</param>
    /// <param name="id">The deadline.</param>
    /// <param name="ct">Cancels the read.</param>
    /// <returns>The choices; <see cref="DeadlineOwnerChoices.None"/> when the deadline does not exist, is closed, or the
    /// person may not hand it over (<see cref="CanHandOver"/>). Refuses nobody: the page asks only when it offers the form,
    /// and <see cref="HandOverAsync"/> checks again.</returns>
    public async Task<DeadlineOwnerChoices> OwnerChoicesAsync(Actor actor, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var deadline = await db.Deadlines.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, ct);
        if (deadline is null || !CanHandOver(actor, deadline))
        {
            return DeadlineOwnerChoices.None;
        }

        var people = await db.Users.AsNoTracking().Where(AccountStanding.MayUseTheApp(db)).Where(MayFollowUp(deadline.SentByOrganisationId))
            .Select(u => new { u.Id, u.DisplayName }).ToListAsync(ct);
        var options = people.Where(p => p.Id != deadline.OwnerUserId)
            .Select(p => new OwnerOption(p.Id, p.DisplayName, p.Id == actor.UserId))
            .OrderByDescending(p => p.IsYou).ThenBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase).ThenBy(p => p.UserId, StringComparer.Ordinal)
            .ToList();
        return new DeadlineOwnerChoices(options, !await OwnerStillFollowsUpAsync(db, deadline, ct));
    }

    /// <summary>
    /// An editor or administrator of the LINk hands an open deadline to another of the LINk's editors or administrators,
    /// or takes it over: from now on its reminders and the notices of its steps go to the new owner, whose name it shows.
    /// Audited ("Owner" changed); the new owner is told, and the one before while still at the LINk (neither when they
    /// are the one acting), by notice and by e-mail as each chose (<see cref="DeadlineNotices.DeadlineHandedOverAsync"/>).
    /// A reminder already sent today to the owner before is not sent again; the next one goes to the new owner.
    /// </summary>
    /// <param name="actor">An editor or administrator of the LINk that sent it.</param>
    /// <param name="id">The deadline.</param>
    /// <param name="input">Whom to, and the version of the deadline the page showed (ADR 3).</param>
    /// <param name="ct">Cancels the change; nothing is saved.</param>
    /// <returns>
    /// Success; a message on "NewOwnerUserId" when nobody is chosen, the person chosen is not an editor or administrator
    /// of that LINk who may use the app (a viewer, disabled, of a deactivated organisation, moved elsewhere, or no such
    /// account), already follows it up, or the deadline is no longer open (saying what closed it, and when); a problem
    /// when it no longer exists, or someone changed it after the page read it (naming who, when and what).
    /// </returns>
    /// <exception cref="AccessDeniedException">The actor is not an editor or administrator of the LINk that sent it
    /// (logged, ADR 4).</exception>
    public async Task<Outcome> HandOverAsync(Actor actor, int id, DeadlineHandOverInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ChangeAsync(actor, access,
            () => db.Deadlines.FirstOrDefaultAsync(d => d.Id == id, ct),
            "This deadline no longer exists.", _ => new ChangedRow(nameof(ResponseDeadline), id, "deadline", DeadlineRecounts.Describe),
            deadline => NotOnSide(actor, deadline, Side.Sender, "hand over a deadline"),
            async deadline =>
            {
                if (InputValidation.Validate(input) is { Length: > 0 } errors)
                {
                    return Outcome.Invalid(errors);
                }

                var (before, beforeName) = (deadline.OwnerUserId, deadline.OwnerName);
                var chosen = input.NewOwnerUserId!;
                var person = await db.Users.AsNoTracking().Where(u => u.Id == chosen).Select(u => new { u.DisplayName }).FirstOrDefaultAsync(ct);
                if (person is null)
                {
                    return Outcome.Invalid(new FieldError(DeadlineHandOverInput.NewOwnerField, "Choose who follows it up from the list."));
                }

                // A closed deadline, or the same person chosen again, is the deadline's own refusal, in its words; anyone
                // else must be able to follow it up.
                if (deadline.IsOpen && chosen != deadline.OwnerUserId && await NotAbleToFollowUpAsync(db, chosen, person.DisplayName, deadline.SentByOrganisationId, ct) is { } notAble)
                {
                    return Outcome.Invalid(new FieldError(DeadlineHandOverInput.NewOwnerField, notAble));
                }

                var handed = deadline.HandOver(chosen, person.DisplayName);
                if (handed.Succeeded)
                {
                    await DeadlineNotices.DeadlineHandedOverAsync(db, actor, deadline, before, beforeName, clock.GetUtcNow(), ct);
                }

                return handed;
            },
            ct, seenVersion: input.Version);
    }

    /// <summary>Who may follow up a deadline of the LINk <paramref name="linkId"/>: its editors and administrators (with
    /// <see cref="AccountStanding.MayUseTheApp"/>, those who may use the app).</summary>
    private static Expression<Func<ApplicationUser, bool>> MayFollowUp(int linkId) =>
        u => u.OrganisationId == linkId && (u.Role == UserRole.Editor || u.Role == UserRole.Admin);

    /// <returns>Why the person cannot follow up the LINk's deadlines, naming them and what to do instead; null when they can.</returns>
    private static async Task<string?> NotAbleToFollowUpAsync(EngagementHubDbContext db, string userId, string name, int linkId, CancellationToken ct)
    {
        var account = await db.Users.AsNoTracking().FirstAsync(u => u.Id == userId, ct);
        var link = await db.Organisations.AsNoTracking().Where(o => o.Id == linkId).Select(o => o.Name).FirstOrDefaultAsync(ct) ?? "the LINk";
        var (who, at) = (UntrustedText.Isolate(name), UntrustedText.Isolate(link));
        var why = account.OrganisationId != linkId ? $"{who} is no longer at {at}"
            : await AccountStanding.WhyNotAsync(db, account, ct) is not null ? $"{who}'s account can no longer be used"
            : account.Role is not (UserRole.Editor or UserRole.Admin) ? $"{who} can only view {at}'s records; its editors and administrators follow up its deadlines"
            : null;
        return why is null ? null : $"{why}, so they cannot follow it up. Choose someone else from the list. Nothing was saved.";
    }

    /// <returns>Whether the deadline's owner can still follow it up: their account may use the app and is in the LINk that
    /// sent it (as the reminder sweep decides whom to remind).</returns>
    private static Task<bool> OwnerStillFollowsUpAsync(EngagementHubDbContext db, ResponseDeadline deadline, CancellationToken ct) =>
        db.Users.AsNoTracking().Where(AccountStanding.MayUseTheApp(db))
            .AnyAsync(u => u.Id == deadline.OwnerUserId && u.OrganisationId == deadline.SentByOrganisationId, ct);
}
