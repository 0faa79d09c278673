using System.Globalization;
using System.Linq.Expressions;
using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Identity;
using EngagementHub.Core.Organisations;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Reviews;

/// <summary>
/// The joint success-criteria reviews (the study's section 4.1): the criteria, review rounds, each side's ratings,
/// the meeting's agreed ratings and actions. The other side's ratings never leave this service before both sides have
/// submitted: every view is cut to what the reader may see here, on the server.
/// </summary>
public sealed class ReviewService(
    IDbContextFactory<EngagementHubDbContext> dbFactory, OrganisationAccess access, TimeProvider clock)
{
    /// <summary>The longest comment on one rating, or agreed note, in characters; a longer one is refused at its field, not cut.</summary>
    public const int MaxComment = 2000;

    /// <summary>The longest list of evidence links on one rating (one a line), in characters; a longer one is refused at its field.</summary>
    public const int MaxLinks = 2000;

    private DateOnly Today => UkTime.Today(clock);

    // ----- Criteria -----

    /// <returns>The criteria in the study's order, LINk's first; with <paramref name="activeOnly"/>, only those in use.
    /// Refuses nobody: anyone in the partnership may read it.</returns>
    public async Task<IReadOnlyList<SuccessCriterion>> CriteriaAsync(bool activeOnly = false, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var criteria = await db.SuccessCriteria.AsNoTracking().Include(c => c.Wordings)
            .Where(c => !activeOnly || c.IsActive)
            .ToListAsync(ct);

        // Sorted here: the side is stored by name, and the database would put "Commissioners" before "Link".
        return [.. criteria.OrderBy(c => c.Side).ThenBy(c => c.Position)];
    }

    /// <summary>
    /// Rewords a criterion or takes it in or out of use. A new wording applies to rounds opened from now on; rounds
    /// already opened keep the wording they were opened with.
    /// </summary>
    /// <returns>Field errors for a blank or too long name or description, or a name another criterion of the same side
    /// has (also when it was saved a moment before); a problem when someone else saved first or the criterion is gone.</returns>
    /// <exception cref="AccessDeniedException">The actor is not an administrator (logged).</exception>
    public async Task<Outcome> SaveCriterionAsync(Actor actor, int id, CriterionInput input, CancellationToken ct = default)
    {
        access.EnsureAdministrator(actor, "change a success criterion");
        var errors = InputValidation.Validate(input).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var name = input.Name?.Trim() ?? "";
        async Task<FieldError?> NameTakenAsync(ReviewSide side) =>
            name.Length > 0 && await db.SuccessCriteria.AnyAsync(c => c.Side == side && c.Name.ToLower() == name.ToLower() && c.Id != id, ct)
                ? new FieldError(nameof(input.Name), "Another criterion of this side already has this name.")
                : null;

        ReviewSide? side = null;
        return await db.ChangeAsync(actor, access, () => db.SuccessCriteria.Include(c => c.Wordings).FirstOrDefaultAsync(c => c.Id == id, ct),
            "This criterion no longer exists.", _ => new ChangedRow(nameof(SuccessCriterion), id, "criterion"), refuse: null,
            async criterion =>
            {
                side = criterion.Side;
                if (await NameTakenAsync(criterion.Side) is { } taken)
                {
                    errors.Add(taken);
                }

                if (errors.Count > 0)
                {
                    return Outcome.Invalid([.. errors]);
                }

                criterion.Reword(input.Name!, input.Description!, clock.GetUtcNow());
                criterion.SetActive(input.IsActive);
                return Outcome.Success;
            },
            ct, seenVersion: input.Version, taken: () => NameTakenAsync(side!.Value));
    }

    // ----- Rounds -----

    /// <returns>Every round, newest year first: that a round exists is no secret within the partnership. Refuses
    /// nobody: anyone in the partnership may read it.</returns>
    public async Task<IReadOnlyList<RoundRow>> RoundsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var names = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        var rounds = await db.ReviewRounds.AsNoTracking().OrderByDescending(r => r.Year).ThenBy(r => r.Id).ToListAsync(ct);
        return [.. rounds.Select(r => new RoundRow(r.Id, r.FinancialYear, CommissionersName(r, names), r.ClosesOn,
            r.LinkSubmittedAt is not null, r.CommissionersSubmittedAt is not null, r.PublishedAt is not null, r.DuplicateOfRoundId,
            r.RevisingSince is not null))];
    }

    /// <returns>
    /// The commissioners <paramref name="actor"/> may open a round with, by name: every active commissioner for the LINk's
    /// people, their own organisation for a commissioner's (either may also choose all commissioners together, a null
    /// choice); none for anyone else. The open-round form offers these, and <see cref="OpenRoundAsync"/> refuses others.
    /// </returns>
    public async Task<IReadOnlyList<ReviewPartner>> CommissionersToReviewAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var linkId = await LinkIdAsync(db, ct);
        var actorKind = await KindOfAsync(db, actor, ct);
        var commissioners = await db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.Commissioner && o.IsActive)
            .OrderBy(o => o.Name).Select(o => new ReviewPartner(o.Id, o.Name)).ToListAsync(ct);
        return linkId is { } link ? [.. commissioners.Where(c => MayOpenRound(actor, actorKind, link, c.Id))] : [];
    }

    /// <returns>The LINk a round is held with: the partnership's active LINk (the first, should there be two); null for none.</returns>
    private static Task<int?> LinkIdAsync(EngagementHubDbContext db, CancellationToken ct) =>
        db.Organisations.AsNoTracking().Where(o => o.Kind == OrganisationKind.Link && o.IsActive).OrderBy(o => o.Id)
            .Select(o => (int?)o.Id).FirstOrDefaultAsync(ct);

    /// <summary>
    /// Who may open a round: the LINk's people with any commissioner or all together, a commissioner's people with their
    /// own organisation or all together (ADR 23: either side may open it).
    /// </summary>
    private static bool MayOpenRound(Actor actor, OrganisationKind? actorKind, int linkId, int? commissionerId) =>
        actor.OrganisationId == linkId
        || (actorKind == OrganisationKind.Commissioner && (commissionerId is null || commissionerId == actor.OrganisationId));

    /// <summary>
    /// Opens a round for a financial year between the LINk and one commissioner (or all), on the criteria in use now, in
    /// the wording they have now. Either side may open it; the other organisations in the round are told.
    /// </summary>
    /// <returns>The new round's id; field errors for a missing year or closing date, a financial year that has not started
    /// yet (a review looks back on a year: ADR 23), a closing date not after today's UK date (naming the earliest) or on a
    /// weekend or bank holiday (naming the next working day: both sides submit by it, and are reminded on working days), a
    /// commissioner that is not one or is no longer active (<see cref="OrganisationChoice"/>), or a round that already
    /// exists for the year and commissioner (also when someone of
    /// either side opened it a moment before, at the same time: the database keeps one round per year and commissioner);
    /// a problem when there is no LINk organisation.</returns>
    /// <exception cref="AccessDeniedException">The actor is not an editor of the LINk or of the commissioner (logged).</exception>
    public async Task<Outcome<int>> OpenRoundAsync(Actor actor, RoundInput input, SubmissionKey key = default, CancellationToken ct = default)
    {
        var errors = InputValidation.Validate(input).ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await LinkIdAsync(db, ct) is not { } link)
        {
            return Outcome<int>.Failed("There is no LINk in the directory to review with.");
        }

        var actorKind = await KindOfAsync(db, actor, ct);
        if (!MayOpenRound(actor, actorKind, link, input.CommissionerOrganisationId))
        {
            access.Deny(actor, "open a review round", $"commissioner {input.CommissionerOrganisationId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "all"}");
            throw new AccessDeniedException("A review round is opened by the LINk or by the commissioner it reviews.");
        }

        access.EnsureCanActFor(actor, actor.OrganisationId ?? 0, "open a review round");
        if (await db.EarlierIdAsync(actor, key, nameof(ReviewRound), ct) is { } earlier)
        {
            return Outcome<int>.Ok(earlier);
        }

        if (await OrganisationChoice.CheckAsync(db, nameof(input.CommissionerOrganisationId), input.CommissionerOrganisationId,
                "Choose a commissioner, or all commissioners.", o => o.Kind == OrganisationKind.Commissioner, ct: ct) is { } commissioner)
        {
            errors.Add(commissioner);
        }

        // A joint review looks back on a year (ADR 23): the year being reviewed must have started, or its evidence counts
        // nothing yet. The year in progress may be reviewed, as the annual report is prepared before the year ends.
        var current = FinancialYear.Containing(Today);
        if (input.Year > current.StartYear)
        {
            errors.Add(new FieldError(nameof(input.Year), $"A review looks back on a year that has started: choose {current.Label} or an earlier year. "
                                                          + $"{new FinancialYear(input.Year).Label} starts on {UkTime.FormatDate(new FinancialYear(input.Year).Start)}."));
        }

        if (input.ClosesOn is { } closes)
        {
            // Both sides submit by it, and are reminded before it on working days only: a round closing on a weekend or a
            // bank holiday would close on a day nobody is at work to submit.
            var calendar = await BankHolidayCalendar.ReadAsync(db, ct);
            var earliest = calendar.NextWorkingDay(Today.AddDays(1));
            if (closes <= Today)
            {
                errors.Add(new FieldError(nameof(input.ClosesOn), $"The closing date must be a working day after today: the earliest is {UkTime.FormatDate(earliest)}."));
            }
            else if (!calendar.IsWorkingDay(closes))
            {
                errors.Add(new FieldError(nameof(input.ClosesOn), $"{UkTime.FormatDate(closes)} is {calendar.DayNobodyWorks(closes)}. A round closes on a working day, "
                    + $"when both sides are at work to submit: the next is {UkTime.FormatDate(calendar.NextWorkingDay(closes))}."));
            }
        }

        if (errors.Count == 0 && await RoundExistsAsync(db, input, ct))
        {
            errors.Add(AlreadyOpen(input));
        }

        if (errors.Count > 0)
        {
            return Outcome<int>.Invalid([.. errors]);
        }

        var criteria = await db.SuccessCriteria.AsNoTracking().Include(c => c.Wordings).Where(c => c.IsActive).ToListAsync(ct);
        var round = new ReviewRound(new FinancialYear(input.Year), link, input.CommissionerOrganisationId, actor.OrganisationId!.Value,
            input.ClosesOn!.Value, clock.GetUtcNow(), criteria);
        db.ReviewRounds.Add(round);
        // The other side (or a colleague) opening the same review a moment ago, after the look-up above, is refused by the
        // unique index on the year and commissioner and told as the look-up tells it; nobody is notified of this one.
        return await db.SaveOnceAsync(actor, key, nameof(ReviewRound), () => round.Id, clock,
            async () => await RoundExistsAsync(db, input, ct) ? AlreadyOpen(input) : null, ct,
            () => ReviewNotices.RoundOpenedAsync(db, actor, round, clock.GetUtcNow(), ct));
    }

    private static Task<bool> RoundExistsAsync(EngagementHubDbContext db, RoundInput input, CancellationToken ct) =>
        db.ReviewRounds.AnyAsync(r => r.Year == input.Year && r.CommissionerOrganisationId == input.CommissionerOrganisationId, ct);

    private static FieldError AlreadyOpen(RoundInput input) =>
        new(nameof(input.Year), $"There is already a {new FinancialYear(input.Year).Label} review with this commissioner.");

    /// <returns>
    /// The round as <paramref name="actor"/> may see it: their own side's ratings, and the other side's only once both
    /// have submitted (another partner sees ratings only then); null when there is no such round.
    /// </returns>
    /// <remarks>Refuses nobody in the partnership: the view itself holds back what the reader may not see yet.</remarks>
    public async Task<RoundView?> GetAsync(Actor actor, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var round = await LoadAsync(db, id, ct);
        if (round is null)
        {
            return null;
        }

        var side = await SideOfAsync(db, actor, round, ct);
        return await ViewAsync(db, round, side, actor, side is null ? [] : [side.Value], ct);
    }

    /// <summary>
    /// The meeting's view: both sides' ratings side by side, for the agenda of disagreements. Before both sides have
    /// submitted, someone of either side opening it meets an ordinary state of the round ("not yet"), told as a problem
    /// and not logged; only someone outside the round asking for it then is refused and logged, as
    /// <see cref="ReportAsync"/> does.
    /// </summary>
    /// <returns>The full round once both sides have submitted; otherwise a problem saying when it opens (to either side)
    /// or that it is not theirs to read (anyone else, the refusal logged).</returns>
    public async Task<Outcome<RoundView>> MeetingAsync(Actor actor, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var round = await LoadAsync(db, id, ct);
        if (round is null)
        {
            return Outcome<RoundView>.Failed("There is no such review round.");
        }

        var side = await SideOfAsync(db, actor, round, ct);
        if (!round.BothSubmitted)
        {
            if (side is null)
            {
                access.Deny(actor, "read a review's ratings before both sides submitted", $"review round {id}");
                return Outcome<RoundView>.Failed("This review's meeting is for the LINk and the commissioners in it until both sides have submitted their ratings.");
            }

            return Outcome<RoundView>.Failed("Each side's ratings stay hidden from the other until both have submitted: the meeting opens once they have.");
        }

        return Outcome<RoundView>.Ok(await ViewAsync(db, round, side, actor, [ReviewSide.Link, ReviewSide.Commissioners], ct));
    }

    /// <summary>
    /// The printed report. Once both sides have submitted it is the meeting's view, for anyone in the partnership (the
    /// agreed ratings are shared with it all). Before that, a reader on either side gets the round with no ratings at all,
    /// so the report can say when it will be ready without showing either side's; anyone else is refused.
    /// </summary>
    /// <returns>The round as the report may show it; null when there is no such round.</returns>
    /// <exception cref="AccessDeniedException">Before both sides have submitted, the actor is on neither side of the round (logged).</exception>
    public async Task<RoundView?> ReportAsync(Actor actor, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var round = await LoadAsync(db, id, ct);
        if (round is null)
        {
            return null;
        }

        var side = await SideOfAsync(db, actor, round, ct);
        if (!round.BothSubmitted && side is null)
        {
            access.Deny(actor, "read a review's report before both sides submitted", $"review round {id}");
            throw new AccessDeniedException("This review's report is for the LINk and the commissioners in it until both sides have submitted their ratings.");
        }

        return await ViewAsync(db, round, side, actor, [], ct);
    }

    /// <summary>
    /// Saves the actor's side's ratings as a draft, or with <paramref name="submit"/> submits them: the other side is then
    /// told (without the ratings), or, when it had submitted already, both sides are told the meeting is ready.
    /// </summary>
    /// <param name="actor">The person saving; an editor of the LINk's or the commissioner side of the round.</param>
    /// <param name="id">The review round.</param>
    /// <param name="ratings">The side's ratings of the round's criteria, each with its comment and evidence links. One with
    /// no score removes the side's rating of that criterion (a rating cleared on the form); a criterion not in the list
    /// keeps the rating it has.</param>
    /// <param name="submit">Submit them (no more changes by this side); otherwise save as a draft.</param>
    /// <param name="publishComments">The side chooses to publish its own comments with the public report.</param>
    /// <param name="version">The side's <see cref="RoundView.RatingsVersion"/> the form was loaded with.</param>
    /// <param name="ct">Cancels the save; nothing is saved.</param>
    /// <returns>Field errors (named <c>Score-{itemId}</c>, <c>Comment-{itemId}</c>, <c>EvidenceLinks-{itemId}</c>) for a
    /// missing rating on submitting, a comment or links with no rating in a draft (a rating holds its comment and links:
    /// refused on the rating, not dropped), a comment or links too long, or a link that is not a web address; nothing is
    /// saved when there is one. A problem when the
    /// side has already submitted, someone else of the same side saved first (the other side saving theirs meanwhile
    /// is no conflict), or <paramref name="ratings"/> names a criterion more than once (nothing is saved: which of the
    /// two was meant cannot be told).</returns>
    /// <exception cref="AccessDeniedException">The actor is not an editor of either side of the round (logged).</exception>
    public async Task<Outcome> SaveRatingsAsync(
        Actor actor, int id, IReadOnlyList<RatingInput> ratings, bool submit, bool publishComments, Guid version, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var submitted = false;
        var savedFirst = false;
        // Each message names its criterion, so the form's summary of 24 can be told apart.
        var criterionNames = await (from i in db.Set<ReviewItem>()
                                    where i.RoundId == id
                                    join w in db.CriterionWordings on i.WordingId equals w.Id
                                    select new { i.Id, w.Name }).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        try
        {
            var outcome = await SaveRatingsCoreAsync();
            return savedFirst ? Outcome.Failed(await SameSideSavedFirstAsync(db, actor, id, ct)) : outcome;
        }
        catch (DbUpdateException)
        {
            // Two of one side saving their first ratings at the same moment: both found none, and the ratings' unique index
            // (one per criterion and side) refused the later. Told as any later save of the same side is; else rethrown.
            if (await db.TakenMeanwhileAsync(null, SavedBySameSideAsync) is { } problem)
            {
                return Outcome.Failed(problem);
            }

            throw;
        }

        async Task<string?> SavedBySameSideAsync() =>
            await db.ReviewRounds.AsNoTracking().Include(r => r.Ratings).FirstOrDefaultAsync(r => r.Id == id, ct) is { } now
            && await SideOfAsync(db, actor, now, ct) is { } side && now.RatingsVersion(side) != version
                ? await SameSideSavedFirstAsync(db, actor, id, ct)
                : null;

        Task<Outcome> SaveRatingsCoreAsync() => ChangeRoundAsync(db, actor, id, "rate a review round", rounds => rounds.Include(r => r.Items).Include(r => r.Ratings), (round, side) =>
        {
            if (round.SubmittedAt(side) is not null)
            {
                // Asked before the fields are checked, so a closed side hears that rather than about its fields.
                return Outcome.Failed(ReviewRound.RatingsClosedText);
            }

            if (round.RatingsVersion(side) != version)
            {
                savedFirst = true;
                return Outcome.Failed(""); // Worded above, once the history says who.
            }

            if (ratings.GroupBy(r => r.ItemId).FirstOrDefault(g => g.Count() > 1) is { } repeated)
            {
                // The form sends each criterion once; a list naming one twice (a crafted or garbled post) cannot say which
                // rating is meant, so none is saved rather than one chosen.
                var name = round.Items.Any(i => i.Id == repeated.Key) ? "one criterion" : "a criterion that is not in this round";
                return Outcome.Failed($"The ratings sent rate {name} more than once, so nothing was saved. Reload the page and rate each criterion once.");
            }

            var errors = new List<FieldError>();
            var byItem = ratings.ToDictionary(r => r.ItemId);
            foreach (var item in round.Items)
            {
                byItem.TryGetValue(item.Id, out var rating);
                var name = criterionNames.GetValueOrDefault(item.Id, "this criterion");
                if (submit && rating?.Score is null)
                {
                    errors.Add(new FieldError($"Score-{item.Id}", $"Rate \"{name}\": choose a rating or \"don't know\"."));
                }
                else if (rating is { Score: null } && (!string.IsNullOrWhiteSpace(rating.Comment) || Links(rating.EvidenceLinks).Any()))
                {
                    errors.Add(new FieldError($"Score-{item.Id}", $"Choose a rating of \"{name}\", or \"don't know\", to save the comment and links with it."));
                }

                if (rating is null)
                {
                    continue;
                }

                // The ratings arrive as a list, not one input model, so InputValidation.Validate's check of a choice that is
                // none of its options is made here.
                if (rating.Score is { } score && !Enum.IsDefined(score))
                {
                    errors.Add(new FieldError($"Score-{item.Id}", InputValidation.UndefinedChoiceMessage));
                }

                errors.AddRange(InputValidation.CheckText(($"Comment-{item.Id}", rating.Comment), ($"EvidenceLinks-{item.Id}", rating.EvidenceLinks))
                    .Select(e => e with { Message = $"{(e.Field.StartsWith("Comment", StringComparison.Ordinal) ? "The comment on" : "The links for")} \"{name}\": {e.Message}" }));
                if (InputValidation.TooLong($"Comment-{item.Id}", rating.Comment, MaxComment, $"The comment on \"{name}\"") is { } longComment)
                {
                    errors.Add(longComment);
                }

                if (InputValidation.TooLong($"EvidenceLinks-{item.Id}", rating.EvidenceLinks, MaxLinks, $"The links for \"{name}\"") is { } longLinks)
                {
                    errors.Add(longLinks);
                }
                else if (Links(rating.EvidenceLinks).Any(l => !IsWebAddress(l)))
                {
                    errors.Add(new FieldError($"EvidenceLinks-{item.Id}", $"In the links for \"{name}\", put one web address a line, each starting https:// or http://."));
                }
            }

            if (errors.Count > 0)
            {
                return Outcome.Invalid([.. errors]);
            }

            foreach (var rating in ratings)
            {
                var links = Links(rating.EvidenceLinks).ToList();
                var rated = rating.Score is { } score
                    ? round.Rate(side, rating.ItemId, score, InputValidation.Clean(rating.Comment), links.Count == 0 ? null : string.Join("\n", links))
                    : round.Unrate(side, rating.ItemId);
                if (!rated.Succeeded)
                {
                    return rated;
                }
            }

            if (submit && round.Submit(side, publishComments, clock.GetUtcNow()) is { Succeeded: false } closed)
            {
                return closed;
            }

            submitted = submit;

            // The round's own row changes on every save, against the version loaded here: two saves in the same instant are
            // told apart by the database, while the check above compares only this side's ratings, so the other side saving
            // theirs meanwhile refuses nothing.
            db.Entry(round).Property(r => r.Version).IsModified = true;
            return Outcome.Success;
        }, ct, (round, side) => submitted ? ReviewNotices.RatingsSubmittedAsync(db, actor, round, side, clock.GetUtcNow(), ct) : Task.CompletedTask);
    }

    /// <returns>
    /// What to tell a person whose ratings were not saved because someone of their side saved that side's ratings after
    /// their page read them: who (by name, from the history) and when; when it was the same person, that it was their
    /// own save in another tab or window.
    /// </returns>
    private static async Task<string> SameSideSavedFirstAsync(EngagementHubDbContext db, Actor actor, int id, CancellationToken ct)
    {
        var round = await db.ReviewRounds.AsNoTracking().Include(r => r.Ratings).FirstOrDefaultAsync(r => r.Id == id, ct);
        var side = round is null ? null : await SideOfAsync(db, actor, round, ct);
        var ratingIds = round?.Ratings.Where(r => r.By == side).Select(r => r.Id.ToString(CultureInfo.InvariantCulture)).ToList() ?? [];
        var latest = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(ReviewRating) && ratingIds.Contains(a.EntityId))
            .OrderByDescending(a => a.Id)
            .FirstOrDefaultAsync(ct);
        return latest switch
        {
            null => "Your side's ratings were saved from another page while you were editing them. Nothing you changed here was saved.",
            _ when latest.UserId is not null && latest.UserId == actor.UserId =>
                $"You saved these ratings in another tab or window ({UkTime.Format(latest.At)}) while this page was open. Nothing you changed here was saved.",
            _ => $"{UntrustedText.Isolate(latest.UserName)} of your side saved these ratings ({UkTime.Format(latest.At)}) while you were editing them. "
                 + "Nothing you changed here was saved.",
        };
    }

    /// <summary>
    /// Records the rating both sides agreed for one criterion at their meeting. The other side is told when that completes
    /// the agreement of every criterion, or changes a rating already agreed.
    /// </summary>
    /// <returns>A problem before both sides have submitted, when the round is published and not reopened for revision
    /// (<see cref="ReviewRound.PublishedText"/>: ADR 23), or when the criterion is not in the round; a problem naming who
    /// recorded a different agreed rating of the criterion since <see cref="AgreedRatingInput.SeenScore"/> was read, and
    /// what it is now (theirs is kept; agreeing other criteria meanwhile is no conflict); a field error (<c>AgreedNote</c>)
    /// for a note too long.</returns>
    /// <exception cref="AccessDeniedException">The actor is not an editor of either side (logged).</exception>
    public async Task<Outcome> AgreeAsync(Actor actor, int id, int itemId, AgreedRatingInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        (ReviewScore Score, string? Note)? before = null;
        var allAgreedBefore = false;
        ReviewItem? agreedMeanwhile = null;
        ReviewSide? setAside = null;
        var agreed = await ChangeRoundAsync(db, actor, id, "agree a review rating", rounds => rounds.Include(r => r.Items).Include(r => r.Actions).AsSplitQuery(), (round, _) =>
        {
            if (round.IsFixedAsPublished)
            {
                // Asked first, so a published round's side hears what to do rather than about its fields or who agreed last.
                return Outcome.Failed(ReviewRound.PublishedText);
            }

            var errors = InputValidation.CheckText(("AgreedNote", input.Note)).ToList();
            if (InputValidation.TooLong("AgreedNote", input.Note, MaxComment, "The note") is { } tooLong)
            {
                errors.Add(tooLong);
            }

            if (!Enum.IsDefined(input.Score))
            {
                errors.Add(new FieldError("AgreedScore", InputValidation.UndefinedChoiceMessage));
            }

            if (errors.Count > 0)
            {
                return Outcome.Invalid([.. errors]);
            }

            var item = round.Items.FirstOrDefault(i => i.Id == itemId);
            if (item is not null && (item.AgreedScore != input.SeenScore || item.AgreedNote != InputValidation.Clean(input.SeenNote)))
            {
                // Someone recorded this criterion's agreement after the page read it: theirs is not replaced unseen. The
                // round's version is not the check: it moves with every criterion agreed, which is no conflict.
                agreedMeanwhile = item;
                return Outcome.Failed(""); // Worded below, once the history says who.
            }

            before = item is { AgreedScore: { } earlier } ? (earlier, item.AgreedNote) : null;
            allAgreedBefore = round.Items.All(i => i.AgreedScore is not null);

            // The round's row is saved with it, against the version loaded here: two people recording the same criterion
            // in the same instant are told apart by the database, not both saved.
            db.Entry(round).Property(r => r.Version).IsModified = true;
            var standing = round.RevisionAgreedAsItStands;
            var outcome = round.Agree(itemId, input.Score, InputValidation.Clean(input.Note));
            // A side's agreement to publish the revision as it stood no longer stands once it changed (ADR 23): told below.
            setAside = outcome.Succeeded && standing is not null && round.RevisionAgreedAsItStands is null ? standing : null;
            return outcome;
        }, ct, async (round, side) =>
        {
            var item = round.Items.Single(i => i.Id == itemId);
            await ReviewNotices.RatingAgreedAsync(db, actor, round, side, item, before, allAgreedBefore, clock.GetUtcNow(), ct);
            if (setAside is { } agreedBy)
            {
                await ReviewNotices.RevisionAgreementSetAsideAsync(db, actor, round, side, agreedBy,
                    $"the agreed rating of \"{UntrustedText.Isolate(await CriterionNameAsync(db, item, ct))}\"", clock.GetUtcNow(), ct);
            }
        });
        return agreedMeanwhile is { } theirs ? Outcome.Failed(await AgreedMeanwhileAsync(db, theirs, ct)) : agreed;
    }

    private static async Task<string> CriterionNameAsync(EngagementHubDbContext db, ReviewItem item, CancellationToken ct) =>
        await db.CriterionWordings.AsNoTracking().Where(w => w.Id == item.WordingId).Select(w => w.Name).FirstOrDefaultAsync(ct) ?? "a criterion";

    /// <returns>
    /// What to tell a person whose agreed rating of a criterion was not recorded because someone recorded another since
    /// their page read it: who and when (from the history), and the rating and note now recorded.
    /// </returns>
    private static async Task<string> AgreedMeanwhileAsync(EngagementHubDbContext db, ReviewItem item, CancellationToken ct)
    {
        var key = item.Id.ToString(CultureInfo.InvariantCulture);
        var latest = await db.AuditEntries.AsNoTracking()
            .Where(a => a.EntityType == nameof(ReviewItem) && a.EntityId == key)
            .OrderByDescending(a => a.Id)
            .FirstOrDefaultAsync(ct);
        var who = latest is null ? "Someone" : $"{UntrustedText.Isolate(latest.UserName)} ({UkTime.Format(latest.At)})";
        var now = item.AgreedScore is { } score
            ? $"it is now \"{score.Label()}\"{(item.AgreedNote is { } note ? $", with the note \"{UntrustedText.Isolate(note)}\"" : "")}"
            : "it now has none";
        return $"{who} recorded the agreed rating of this criterion after your page showed it: {now}. "
               + "Yours was not recorded and is still chosen on the page: press Record again to put it in place of theirs.";
    }

    /// <summary>
    /// Records an action agreed at the meeting, owned by either side's organisation: the owner organisation is told it is
    /// its to do, and the other side of the actor of the action.
    /// </summary>
    /// <returns>The action's id; field errors for a missing text, owner or due date (a UK calendar date), a due date before
    /// today's UK date (naming the earliest), or an owner
    /// outside the round or no longer active (<see cref="OrganisationChoice"/>); a problem when there is no such review
    /// round, or it is asked before both sides have submitted their ratings (<see cref="ReviewRound.ActionsAtTheMeetingText"/>: the
    /// meeting that agrees actions opens then), or on a published round not reopened for revision
    /// (<see cref="ReviewRound.PublishedText"/>: ADR 23), or when the other side published the revision at the same
    /// moment (<see cref="ReviewRound.PublishedMeanwhileText"/>: the action is saved under the round's version, as
    /// publishing is, so one of the two meets the other); nothing is recorded then.</returns>
    /// <exception cref="AccessDeniedException">The actor is not an editor of either side (logged).</exception>
    public async Task<Outcome<int>> AddActionAsync(Actor actor, int id, ActionInput input, SubmissionKey key = default, CancellationToken ct = default)
    {
        try
        {
            return await AddActionOnceAsync(actor, id, input, key, afterConflict: false, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone saved the round (published its revision, agreed a rating, added an action) between this step's read
            // and its save: decided again on what they saved.
        }

        try
        {
            return await AddActionOnceAsync(actor, id, input, key, afterConflict: true, ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Outcome<int>.Failed("Someone saved this review at the same moment, so the action was not recorded. It is still on the page: add it again.");
        }
    }

    private async Task<Outcome<int>> AddActionOnceAsync(Actor actor, int id, ActionInput input, SubmissionKey key, bool afterConflict, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var round = await db.ReviewRounds.Include(r => r.Actions).Include(r => r.Items).AsSplitQuery().FirstOrDefaultAsync(r => r.Id == id, ct);
        if (round is null)
        {
            return Outcome<int>.Failed("There is no such review round.");
        }

        var side = await EnsureEditorOfASideAsync(db, actor, round, "agree a review action", ct);
        if (await db.EarlierIdAsync(actor, key, nameof(ReviewAction), ct) is { } earlier)
        {
            return Outcome<int>.Ok(earlier);
        }

        if (!round.BothSubmitted)
        {
            return Outcome<int>.Failed(ReviewRound.ActionsAtTheMeetingText);
        }

        if (round.IsFixedAsPublished)
        {
            return Outcome<int>.Failed(afterConflict ? ReviewRound.PublishedMeanwhileText : ReviewRound.PublishedText);
        }

        var errors = InputValidation.Validate(input).ToList();
        if (input.DueOn is { } due && due < Today)
        {
            // An action due in the past would be reminded as overdue at once.
            errors.Add(new FieldError(nameof(input.DueOn), $"The due date cannot be in the past: the earliest is today, {UkTime.FormatDate(Today)}."));
        }

        const string chooseOwner = "Choose the LINk or a commissioner in this review.";
        if (input.OwnerOrganisationId > 0 && await OrganisationChoice.CheckAsync(db, nameof(input.OwnerOrganisationId), input.OwnerOrganisationId,
                chooseOwner, MayOwnAnAction(round.LinkOrganisationId, round.CommissionerOrganisationId), ct: ct) is { } owner)
        {
            errors.Add(owner);
        }

        if (errors.Count > 0)
        {
            return Outcome<int>.Invalid([.. errors]);
        }

        var standing = round.RevisionAgreedAsItStands;
        var action = round.AddAction(input.Text.Trim(), input.OwnerOrganisationId, InputValidation.Clean(input.OwnerName), input.DueOn!.Value);
        // Saved under the round's version, as publishing saves: an action added as the other side publishes the revision
        // is refused (or the publication is), never saved unpublished on a round fixed again.
        db.SaveUnderItsVersion(round);
        var actionId = await db.SaveOnceAsync(actor, key, nameof(ReviewAction), () => action.Id, clock, ct, async () =>
        {
            await ReviewNotices.ActionAddedAsync(db, actor, round, side, action, clock.GetUtcNow(), ct);
            // An action added sets aside a side's agreement to publish the revision as it stood (ADR 23).
            if (standing is { } agreedBy)
            {
                await ReviewNotices.RevisionAgreementSetAsideAsync(db, actor, round, side, agreedBy,
                    $"the actions (adding \"{UntrustedText.Isolate(InputValidation.Shorten(action.Text, 160))}\")", clock.GetUtcNow(), ct);
            }
        });
        return Outcome<int>.Ok(actionId);
    }

    /// <summary>May this person mark an agreed action done? An editor (or administrator) of the organisation that owns it.</summary>
    /// <returns>True when they may; a question, it refuses nothing (<see cref="CompleteActionAsync"/> refuses the others).</returns>
    public static bool CanCompleteAction(Actor actor, int ownerOrganisationId) => OrganisationAccess.CanActFor(actor, ownerOrganisationId);

    /// <summary>Marks an agreed action done today (UK date); its reminders stop, and the other side of the review is told.</summary>
    /// <returns>Success; a problem when there is no such action, or when someone saved it first (who, and when).</returns>
    /// <exception cref="AccessDeniedException">The actor is not an editor of the organisation that owns the action (logged).</exception>
    public async Task<Outcome> CompleteActionAsync(Actor actor, int actionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ChangeAsync(actor, access, () => db.ReviewActions.FirstOrDefaultAsync(a => a.Id == actionId, ct), "There is no such action.",
            _ => new ChangedRow(nameof(ReviewAction), actionId, "action"),
            action => CanCompleteAction(actor, action.OwnerOrganisationId) ? null : Refusal.NotActingFor(action.OwnerOrganisationId, "complete a review action"),
            async action =>
            {
                var wasDone = action.DoneOn is not null;
                action.MarkDone(Today);
                if (!wasDone)
                {
                    var round = await db.ReviewRounds.AsNoTracking().FirstAsync(r => r.Id == action.RoundId, ct);
                    await ReviewNotices.ActionDoneAsync(db, actor, round, action, clock.GetUtcNow(), ct);
                }

                return Outcome.Success;
            },
            ct);
    }

    /// <summary>
    /// Publishes the round's agreed ratings and actions on the public site. The first time, after both sides submitted,
    /// either side publishes and the other is told. A published round reopened for revision
    /// (<see cref="ReopenAsync"/>) is published again only once both sides agree to publish the revision as it stands
    /// (ADR 23, "A published review changes only as both sides agree"): the first side's press records its agreement and
    /// asks the other side, whose press publishes it and tells the first; a change in between makes the next press an
    /// agreement again. Once the organisation that alone made up the other side is deactivated, this side's press
    /// publishes the revision alone (ADR 23, "A revision whose other side is deactivated"). Until then the public site
    /// keeps what was published before. A press whose save meets a change to the revision saved at the same moment (an
    /// agreed rating, an action: each saves under the round's version) is refused
    /// (<see cref="ReviewRound.RevisionChangedMeanwhileText"/>), so nothing is published that was not seen. A criterion with no agreed rating is
    /// published as not agreed, so publishing with some takes the person's word for how many (the page asks first): a
    /// stale page or a crafted call cannot publish more of them than were confirmed.
    /// </summary>
    /// <param name="actor">The person publishing; an editor of either side.</param>
    /// <param name="id">The review round.</param>
    /// <param name="notAgreedConfirmed">How many criteria with no agreed rating the person confirmed publishing (0 when
    /// they were told of none).</param>
    /// <param name="contentSeen">What the person's page showed of the agreed ratings and actions
    /// (<see cref="RoundView.ContentDigest"/>): a round whose content changed since is not published or agreed to publish
    /// (<see cref="ReviewRound.ChangedSinceShownText"/>, naming who changed them and when). Null only where no page is involved (demo data, tests of other rules).</param>
    /// <param name="ct">Cancels the save; nothing is published.</param>
    /// <returns>What became of it (<see cref="ReviewPublication"/>: published, already published with nothing changed, the
    /// revision agreed by this side and awaiting the other, or the revision published); a problem when there is no such
    /// round, before both sides have submitted, when someone saved the round first, when more criteria have no agreed
    /// rating than <paramref name="notAgreedConfirmed"/> (the message says how many), when this side already agreed to
    /// publish the revision as it stands (the other side still active), or when the revision changed at the moment of the
    /// press (<see cref="ReviewRound.RevisionChangedMeanwhileText"/>) or since the page showed it
    /// (<paramref name="contentSeen"/>: <see cref="ReviewRound.ChangedSinceShownText"/>), each naming who changed it (their name and
    /// organisation, from the history) and when, or saying it was the person's own change in another tab or window;
    /// nothing is published then.</returns>
    /// <exception cref="AccessDeniedException">The actor is not an editor of either side (logged).</exception>
    public async Task<Outcome<ReviewPublication>> PublishAsync(Actor actor, int id, int notAgreedConfirmed = 0, Guid? contentSeen = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        ReviewPublication? done = null;
        Guid? decidedOn = null;
        var gone = false;
        Func<string?, DateTimeOffset?, bool, string>? changed = null;
        var inactive = await InactiveAsync(db, ct);
        var outcome = await ChangeRoundAsync(db, actor, id, "publish a review", rounds => rounds.Include(r => r.Items).Include(r => r.Actions).AsSplitQuery(), (round, side) =>
        {
            // Each step that changes the round saves its row against the version loaded here, and so does every change to
            // its content (an agreed rating, an action): a press that meets one is decided again on what that saved, and
            // refused when the revision it would have published or agreed has changed meanwhile.
            changed = null;
            var digest = round.ContentDigest();
            if (contentSeen is { } seen && seen != digest)
            {
                // Decided on what the page showed: an agreed rating or an action someone recorded since is not published,
                // or agreed to, unseen (ADR 3). The round's version is not the check: it moves with unrelated saves.
                changed = ReviewRound.ChangedSinceShownText;
                return Outcome.Failed(""); // Worded below, once the history says who.
            }

            if (decidedOn is { } first && first != digest && round.RevisingSince is not null)
            {
                changed = ReviewRound.RevisionChangedMeanwhileText;
                return Outcome.Failed("");
            }

            decidedOn = digest;
            gone = round.RevisingSince is not null && round.OtherSideGone(side, inactive) is not null;
            var published = round.Publish(side, clock.GetUtcNow(), notAgreedConfirmed, gone, actor.OrganisationId);
            done = published.Succeeded ? published.Value : null;
            return published.Succeeded ? Outcome.Success : Outcome.Failed(published.Problem!);
        }, ct, (round, side) => done switch
        {
            ReviewPublication.Published => ReviewNotices.PublishedAsync(db, actor, round, side, clock.GetUtcNow(), ct),
            ReviewPublication.RevisionAgreedByOneSide => ReviewNotices.RevisionAgreedAsync(db, actor, round, side, clock.GetUtcNow(), ct),
            // The other side gone, nobody is left to tell that its revision was published.
            ReviewPublication.RevisionPublished when !gone => ReviewNotices.RevisionPublishedAsync(db, actor, round, side, clock.GetUtcNow(), ct),
            _ => Task.CompletedTask,
        }, decideAgainOnConflict: true);
        if (!outcome.Succeeded && changed is { } wording)
        {
            var (who, at, own) = await ContentChangedByAsync(db, actor, id, ct);
            return Outcome<ReviewPublication>.Failed(wording(who, at, own));
        }

        return outcome.Succeeded ? Outcome<ReviewPublication>.Ok(done!.Value) : Outcome<ReviewPublication>.Failed(outcome.Problem!);
    }

    // What publishing puts on the public site (ReviewRound.ContentDigest): a change to any of these is a change of content.
    private static readonly string[] AgreedRatingProperties = [nameof(ReviewItem.AgreedScore), nameof(ReviewItem.AgreedNote)];
    private static readonly string[] ActionProperties =
        [nameof(ReviewAction.Text), nameof(ReviewAction.OwnerOrganisationId), nameof(ReviewAction.OwnerName), nameof(ReviewAction.DueOn)];

    /// <returns>
    /// Who last changed the round's agreed ratings, notes or actions (by name and organisation, isolated), and when, from
    /// the history; whether it was <paramref name="actor"/> themselves (another tab or window); nulls when the history
    /// names nobody.
    /// </returns>
    private static async Task<(string? Who, DateTimeOffset? At, bool Own)> ContentChangedByAsync(EngagementHubDbContext db, Actor actor, int id, CancellationToken ct)
    {
        var itemIds = await db.Set<ReviewItem>().AsNoTracking().Where(i => i.RoundId == id).Select(i => i.Id).ToListAsync(ct);
        var actionIds = await db.ReviewActions.AsNoTracking().Where(a => a.RoundId == id).Select(a => a.Id).ToListAsync(ct);
        var items = itemIds.Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList();
        var actions = actionIds.Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList();
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => (a.EntityType == nameof(ReviewItem) && items.Contains(a.EntityId)) || (a.EntityType == nameof(ReviewAction) && actions.Contains(a.EntityId)))
            .OrderByDescending(a => a.Id)
            .Take(100)
            .ToListAsync(ct);
        var latest = entries.FirstOrDefault(a => a.Changes.Any(c => (a.EntityType == nameof(ReviewItem) ? AgreedRatingProperties : ActionProperties).Contains(c.Property)));
        if (latest is null)
        {
            return (null, null, false);
        }

        if (latest.UserId is not null && latest.UserId == actor.UserId)
        {
            return (null, latest.At, true);
        }

        var organisation = latest.UserId is null ? null
            : await db.Users.AsNoTracking().Where(u => u.Id == latest.UserId)
                .Join(db.Organisations, u => u.OrganisationId, o => o.Id, (_, o) => o.Name).FirstOrDefaultAsync(ct);
        var who = organisation is null ? UntrustedText.Isolate(latest.UserName) : $"{UntrustedText.Isolate(latest.UserName)} ({UntrustedText.Isolate(organisation)})";
        return (who, latest.At, false);
    }

    /// <summary>
    /// Reopens a published round for revision (ADR 23, "A published review changes only as both sides agree"): its agreed
    /// ratings and actions may be changed again on the meeting page, the other side is told, and the public site keeps
    /// what was published, marked as being revised since now, until both sides agree to publish the revision
    /// (<see cref="PublishAsync"/>).
    /// </summary>
    /// <param name="actor">The person reopening it; an editor of either side.</param>
    /// <param name="id">The review round.</param>
    /// <param name="ct">Cancels the save; nothing changes.</param>
    /// <returns>Success; a problem when there is no such round, it is not published yet, it is being revised already, or
    /// someone saved it first.</returns>
    /// <exception cref="AccessDeniedException">The actor is not an editor of either side (logged).</exception>
    public async Task<Outcome> ReopenAsync(Actor actor, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await ChangeRoundAsync(db, actor, id, "reopen a published review", rounds => rounds, (round, _) => round.Reopen(clock.GetUtcNow()), ct, (round, side) => ReviewNotices.ReopenedAsync(db, actor, round, side, clock.GetUtcNow(), ct));
    }

    /// <returns>
    /// The agreed ratings over the years, one trend for each pairing (the LINk with one commissioner, or with all), from
    /// the rounds both sides have submitted; agreed ratings are shared with the whole partnership. A round kept as a
    /// duplicate of its year's first (<see cref="ReviewRound.DuplicateOfRoundId"/>) is left out, so each year has one
    /// rating for each criterion: the first round's. A published round reopened for revision counts with what both sides
    /// last agreed and published (<see cref="ReviewItem.PublishedScore"/>), not a revision one side is still making (ADR
    /// 23). Refuses nobody.</returns>
    public async Task<IReadOnlyList<Trend>> TrendsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rounds = await db.ReviewRounds.AsNoTracking().Include(r => r.Items)
            .Where(r => r.LinkSubmittedAt != null && r.CommissionersSubmittedAt != null && r.DuplicateOfRoundId == null).ToListAsync(ct);
        var wordingIds = rounds.SelectMany(r => r.Items).Select(i => i.WordingId).Distinct().ToList();
        var wordings = await db.CriterionWordings.AsNoTracking().Where(w => wordingIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, w => w.Name, ct);
        var names = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name, ct);
        return [.. rounds.GroupBy(r => r.CommissionerOrganisationId)
            .Select(g => ReviewTrend.Of(CommissionersName(g.First(), names),
                [.. g.SelectMany(r => r.Items.Select(i => new AgreedRating(r.FinancialYear, i.Side, i.Position, wordings[i.WordingId],
                    r.RevisingSince is null ? i.AgreedScore : i.PublishedScore)))]))
            .OrderBy(t => t.Commissioners == ReviewTerms.AllCommissioners ? 0 : 1).ThenBy(t => t.Commissioners, StringComparer.OrdinalIgnoreCase)];
    }

    // ----- Sides -----

    private static async Task<IReadOnlyCollection<int>> InactiveAsync(EngagementHubDbContext db, CancellationToken ct) =>
        await db.Organisations.AsNoTracking().Where(o => !o.IsActive).Select(o => o.Id).ToListAsync(ct);

    /// <returns>The side <paramref name="organisationId"/> takes in <paramref name="round"/>: the LINk, the commissioner
    /// reviewed (any commissioner when the round is with all), or null. A question: it refuses nothing.</returns>
    public static ReviewSide? SideOf(ReviewRound round, int? organisationId, OrganisationKind? kind) =>
        SideIn(round.LinkOrganisationId, round.CommissionerOrganisationId, organisationId, kind);

    /// <summary>
    /// The organisations that may own an action agreed in a round, as the meeting page offers them: one on either side of
    /// it (the LINk, and the commissioner reviewed or, in a round with all, any commissioner), active. The same rule
    /// <see cref="AddActionAsync"/> checks.
    /// </summary>
    /// <param name="id">The review round.</param>
    /// <param name="ct">Cancels the read.</param>
    /// <returns>The options, as <see cref="OrganisationChoice.OptionsAsync"/> orders them; none when there is no such
    /// round. Refuses nobody: the directory is the partnership's, and <see cref="AddActionAsync"/> checks who adds one.</returns>
    public async Task<IReadOnlyList<OrganisationOption>> ActionOwnerChoicesAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var round = await db.ReviewRounds.AsNoTracking().Where(r => r.Id == id)
            .Select(r => new { r.LinkOrganisationId, r.CommissionerOrganisationId }).FirstOrDefaultAsync(ct);
        return round is null ? [] : await OrganisationChoice.OptionsAsync(db, MayOwnAnAction(round.LinkOrganisationId, round.CommissionerOrganisationId), ct: ct);
    }

    // Who may own an action agreed in a round: its LINk, or the commissioner reviewed (any commissioner in a round with
    // all). The meeting page's choices and AddActionAsync's check.
    private static Expression<Func<Organisation, bool>> MayOwnAnAction(int linkId, int? commissionerId) => commissionerId is { } commissioner
        ? o => o.Id == linkId || o.Id == commissioner
        : o => o.Id == linkId || o.Kind == OrganisationKind.Commissioner;

    private static ReviewSide? SideIn(int linkOrganisationId, int? commissionerOrganisationId, int? organisationId, OrganisationKind? kind) =>
        organisationId == linkOrganisationId ? ReviewSide.Link
        : commissionerOrganisationId is { } commissioner ? (organisationId == commissioner ? ReviewSide.Commissioners : null)
        : kind == OrganisationKind.Commissioner ? ReviewSide.Commissioners
        : null;

    private static async Task<OrganisationKind?> KindOfAsync(EngagementHubDbContext db, Actor actor, CancellationToken ct) =>
        actor.OrganisationId is { } organisation
            ? await db.Organisations.Where(o => o.Id == organisation).Select(o => (OrganisationKind?)o.Kind).FirstOrDefaultAsync(ct)
            : null;

    private static async Task<ReviewSide?> SideOfAsync(EngagementHubDbContext db, Actor actor, ReviewRound round, CancellationToken ct) =>
        actor.IsSystem ? null : SideOf(round, actor.OrganisationId, await KindOfAsync(db, actor, ct));

    private async Task<ReviewSide> EnsureEditorOfASideAsync(EngagementHubDbContext db, Actor actor, ReviewRound round, string action, CancellationToken ct)
    {
        var kind = await KindOfAsync(db, actor, ct);
        if (NotEditorOfASide(actor, round, kind, action) is { } refusal)
        {
            access.Deny(actor, refusal.Action, refusal.Target);
            throw new AccessDeniedException(refusal.Message);
        }

        return SideOf(round, actor.OrganisationId, kind)!.Value;
    }

    private static Refusal? NotEditorOfASide(Actor actor, ReviewRound round, OrganisationKind? actorKind, string action) =>
        !actor.IsSystem && SideOf(round, actor.OrganisationId, actorKind) is not null && OrganisationAccess.CanActFor(actor, actor.OrganisationId ?? 0)
            ? null
            : new Refusal(action, $"review round {round.Id}", "Only editors of the LINk or of the commissioner in this review can do this.");

    /// <summary>
    /// Every step an editor of a side takes on a round: <see cref="ChangePath"/> on the round loaded with
    /// <paramref name="include"/>, with the actor's side for <paramref name="apply"/>, and the step's notices through
    /// <paramref name="notify"/> once it succeeded, saved with it.
    /// </summary>
    private Task<Outcome> ChangeRoundAsync(
        EngagementHubDbContext db, Actor actor, int id, string action, Func<IQueryable<ReviewRound>, IQueryable<ReviewRound>> include,
        Func<ReviewRound, ReviewSide, Outcome> apply, CancellationToken ct, Func<ReviewRound, ReviewSide, Task>? notify = null,
        bool decideAgainOnConflict = false)
    {
        OrganisationKind? kind = null;
        return db.ChangeAsync(actor, access,
            async () =>
            {
                var round = await include(db.ReviewRounds).FirstOrDefaultAsync(r => r.Id == id, ct);
                kind = round is null ? null : await KindOfAsync(db, actor, ct);
                return round;
            },
            "There is no such review round.", _ => new ChangedRow(nameof(ReviewRound), id, "review"),
            round => NotEditorOfASide(actor, round, kind, action),
            async round =>
            {
                var side = SideOf(round, actor.OrganisationId, kind)!.Value;
                var outcome = apply(round, side);
                if (outcome.Succeeded && notify is not null)
                {
                    await notify(round, side);
                }

                return outcome;
            },
            ct, decideAgainOnConflict: decideAgainOnConflict);
    }

    // ----- Reading -----

    private static Task<ReviewRound?> LoadAsync(EngagementHubDbContext db, int id, CancellationToken ct) =>
        db.ReviewRounds.AsNoTracking().Include(r => r.Items).Include(r => r.Ratings).Include(r => r.Actions)
            .AsSplitQuery().FirstOrDefaultAsync(r => r.Id == id, ct);

    /// <summary>The round as one reader may see it, with the names of the organisations and criteria.</summary>
    /// <param name="db">The read's context.</param>
    /// <param name="round">The round, loaded with its items, ratings and actions.</param>
    /// <param name="side">The reader's side, or null for another partner.</param>
    /// <param name="actor">The reader, whose role decides whether they may edit their side's ratings.</param>
    /// <param name="readable">The sides whose ratings may be shown: the reader's own, or both once both submitted.</param>
    /// <param name="ct">Cancels the reads.</param>
    private static async Task<RoundView> ViewAsync(
        EngagementHubDbContext db, ReviewRound round, ReviewSide? side, Actor actor, IReadOnlyList<ReviewSide> readable, CancellationToken ct)
    {
        var visible = round.BothSubmitted ? [ReviewSide.Link, ReviewSide.Commissioners] : readable;
        var wordingIds = round.Items.Select(i => i.WordingId).ToList();
        var wordings = await db.CriterionWordings.AsNoTracking().Where(w => wordingIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, ct);
        // The names this round shows (its LINk, its commissioner, the owners of its actions), not the whole directory.
        var names = await db.OrganisationNamesAsync(
            [round.LinkOrganisationId, round.CommissionerOrganisationId ?? round.LinkOrganisationId, .. round.Actions.Select(a => a.OwnerOrganisationId),
             .. new[] { round.PublishedByOrganisationId, round.UpdatedByOrganisationId }.OfType<int>()], ct);

        RatingView? Rating(int itemId, ReviewSide by) =>
            visible.Contains(by) && round.Ratings.FirstOrDefault(r => r.ItemId == itemId && r.By == by) is { } r
                ? new RatingView(r.Score, r.Comment, r.EvidenceLinks)
                : null;

        var items = round.Items.OrderBy(i => i.Side).ThenBy(i => i.Position)
            .Select(i => new ItemView(i.Id, i.CriterionId, i.Side, i.Position, wordings[i.WordingId].Name, wordings[i.WordingId].Description,
                Rating(i.Id, ReviewSide.Link), Rating(i.Id, ReviewSide.Commissioners), i.AgreedScore, i.AgreedNote))
            .ToList();
        var actions = round.Actions.OrderBy(a => a.DueOn).ThenBy(a => a.Id)
            .Select(a => new ActionView(a.Id, a.Text, a.OwnerOrganisationId, names.GetValueOrDefault(a.OwnerOrganisationId, "?"), a.OwnerName, a.DueOn, a.DoneOn))
            .ToList();
        return new RoundView(round.Id, round.FinancialYear, round.LinkOrganisationId, names.GetValueOrDefault(round.LinkOrganisationId, "The LINk"),
            round.CommissionerOrganisationId, CommissionersName(round, names), round.ClosesOn, round.LinkSubmittedAt, round.CommissionersSubmittedAt,
            round.LinkPublishesComments, round.CommissionersPublishComments, round.PublishedAt, side,
            side is not null && OrganisationAccess.CanActFor(actor, actor.OrganisationId ?? 0), items, actions,
            side is { } own ? round.RatingsVersion(own) : Guid.Empty,
            round.UpdatedAt, round.RevisingSince, round.RevisionAgreedAsItStands, round.RevisionAgreedAsItStands is null ? null : round.RevisionAgreedAt,
            side is { } reader && round.RevisingSince is not null && round.OtherSideGone(reader, await InactiveAsync(db, ct)) is { } gone
                ? names.GetValueOrDefault(gone, "The other side")
                : null,
            round.ContentDigest(),
            round.PublishedByOrganisationId is { } first ? names.GetValueOrDefault(first) : null,
            round.UpdatedByOrganisationId is { } second ? names.GetValueOrDefault(second) : null,
            round.UpdatedAlone, round.PublishedAt is null ? 0 : round.Items.Count(i => i.PublishedScore is null));
    }

    private static string CommissionersName(ReviewRound round, IReadOnlyDictionary<int, string> names) =>
        round.CommissionerOrganisationId is { } id ? names.GetValueOrDefault(id, "?") : ReviewTerms.AllCommissioners;

    private static IEnumerable<string> Links(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool IsWebAddress(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);
}
