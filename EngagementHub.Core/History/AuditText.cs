using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using EngagementHub.Core.Auditing;
using EngagementHub.Core.Common;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Timetables;

namespace EngagementHub.Core.History;

/// <summary>
/// One history entry in words: who did what, when ("Lena Khan proposed option 2 on 29 Nov 2026 at 12:57."), and
/// each change beside it ("Decision date changed from Thu 15 Apr 2027 to Thu 6 May 2027.").
/// </summary>
/// <param name="Person">Who acted, as recorded (typed by a person: isolate it where it sits in markup).</param>
/// <param name="Action">What they did, without the person or the time ("proposed option 2").</param>
/// <param name="When">The moment, as <see cref="UkTime.Format"/> writes it.</param>
/// <param name="Details">One line for each change worth reading, in the entry's order.</param>
public sealed record AuditLine(string Person, string Action, string When, IReadOnlyList<string> Details)
{
    /// <summary>The whole entry as one sentence.</summary>
    public string Sentence => $"{Person} {Action} on {When}.";
}

/// <summary>
/// The one formatter of audit entries for people: labels rather than code names, the app's dates and moments, and a
/// verb for the steps people take (proposing, agreeing, acknowledging) rather than "changed". The audit log keeps
/// values as the <see cref="AuditInterceptor"/> wrote them (ISO dates, enum names); this reads them by the entity's own
/// property types.
/// </summary>
public static partial class AuditText
{
    private static readonly Assembly Core = typeof(AuditText).Assembly;

    /// <summary>The entity classes of this assembly by name, as <see cref="AuditEntry.EntityType"/> records them.</summary>
    private static readonly Lazy<Dictionary<string, Type>> EntityTypes = new(() => Core.GetTypes()
        .Where(t => t.IsClass && !t.IsAbstract && !t.IsGenericTypeDefinition && !t.IsNested)
        .GroupBy(t => t.Name)
        .ToDictionary(g => g.Key, g => g.First()));

    /// <summary>Every <c>Label(this TEnum)</c> in this assembly, by enum: how the rest of the app already words an enum
    /// (read by the history, and by the test that holds each label to words).</summary>
    internal static readonly Lazy<Dictionary<Type, MethodInfo>> EnumLabels = new(() => Core.GetTypes()
        .Where(t => t.IsAbstract && t.IsSealed)
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static))
        .Where(m => m.Name == "Label" && m.ReturnType == typeof(string) && m.GetParameters() is [{ ParameterType.IsEnum: true }])
        .GroupBy(m => m.GetParameters()[0].ParameterType)
        .ToDictionary(g => g.Key, g => g.First()));

    /// <summary>Words for the states that have no <c>Label</c> of their own, or whose code name is not a word.</summary>
    private static readonly Dictionary<(Type, string), string> StateWords = new()
    {
        [(typeof(DutyStep), nameof(DutyStep.Answer))] = "the answer",
        [(typeof(DutyStep), nameof(DutyStep.Acknowledgement))] = "the acknowledgement",
        [(typeof(LinkVerdict), nameof(LinkVerdict.Agrees))] = "agrees",
        [(typeof(LinkVerdict), nameof(LinkVerdict.DoesNotAgree))] = "does not agree",
    };

    /// <summary>Property names that do not read well split into words.</summary>
    private static readonly Dictionary<string, string> PropertyLabels = new()
    {
        ["AgreementStatus"] = "Joint-working agreement",
        ["CurrentOption"] = "Joint-working option",
        ["PrimaryOption"] = "Joint-working option",
        ["DecisionInformed"] = "Decision it informs",
        ["LeadCommissionerId"] = "Lead commissioner",
        ["LinkOrganisationId"] = "LINk",
        ["ProposedByOrganisationId"] = "Proposing organisation",
        ["PartnerIds"] = "Partner organisations",
        ["CommunityIds"] = "Communities",
        ["LocalityIds"] = "Localities",
        ["ExerciseIds"] = "Linked exercises",
        ["ExerciseId"] = "Engagement exercise",
        ["KindName"] = "Kind",
        ["RuleId"] = "Kind",
        ["SentByOrganisationId"] = "Organisation that sent it",
        ["ToOrganisationId"] = "Receiving organisation",
        ["ToContactId"] = "Named contact",
        ["OwnerUserId"] = "Person who follows it up",
        ["OwnerName"] = "Person who follows it up",
        ["Received"] = "Date received",
        ["AnsweredOn"] = "Date answered",
        ["DischargedBy"] = "Step that meets the duty",
        ["LapsedDueDate"] = "Due date missed",
        ["LapsedExtensionDate"] = "Earlier extension's date that was missed",
        ["LateExtensionAgreedOn"] = "Day an extension was first agreed late",
        // The count from receipt, which a recount moves while an agreed extension keeps the due date: named as the
        // recount's note names it, so the history says which date changed.
        ["OriginalDueDate"] = "Statutory due date",
        ["LoggedDueDate"] = "Due date when logged",
        ["ProposedDueDate"] = "Proposed due date",
        ["ProposalReason"] = "Why the new date is proposed",
        ["ProposalBy"] = "Person who proposed the new date",
        ["ProposalByLink"] = "Side that proposed the new date",
        ["ExtensionReason"] = "Reason for the extension",
        ["ExtensionProposedBy"] = "Person who proposed the extension",
        ["ExtensionProposedByLink"] = "Side that proposed the extension",
        ["ExtensionAgreedByLink"] = "Person who agreed the extension for the LINk",
        ["ExtensionAgreedByRecipient"] = "Person who agreed the extension for the organisation owing the answer",
        ["ExtensionAgreedAt"] = "Time the extension was agreed",
        ["ExtensionDueDate"] = "Due date agreed in the extension",
        ["DeclinedDueDate"] = "Proposed due date that was declined",
        ["DeclineReason"] = "Why the proposed date was declined",
        ["DeclinedBy"] = "Person who declined the proposed date",
        ["DeclinedByLink"] = "Side that declined the proposed date",
        ["DeclinedAt"] = "Time the proposed date was declined",
        ["EscalatedToDeadlineId"] = "Referral to the scrutiny committee",
        ["EscalatedFromDeadlineId"] = "Deadline this referral escalates",
        ["ClosingRemindedFor"] = "Closing date of the last reminder",
        ["DueSoonRemindedFor"] = "Due date of the last reminder before it",
        ["OverdueRemindedFor"] = "Due date of the last reminder after it",
        ["AcknowledgedBy"] = "Person who acknowledged it",
        ["AcknowledgedAt"] = "Time of the acknowledgement",
        ["AnsweredBy"] = "Person who recorded the answer",
        ["WithdrawnAt"] = "Time it was withdrawn",
        ["NextReminderOn"] = "Next reminder's date",
        ["DueDateNote"] = "Note on the recounted dates",
        ["CreatedAt"] = "Time it was created",
        ["RespondedBy"] = "Person who responded",
        ["RespondedAt"] = "Time of the response",
        ["EarlierRespondedBy"] = "Person who gave the earlier response",
        ["EarlierRespondedAt"] = "Time of the earlier response",
        ["ImplementationUpdatedBy"] = "Person who last updated how it is carried out",
        ["ImplementationUpdatedAt"] = "Time how it is carried out was last updated",
        ["LinkVerdictBy"] = "Person who gave the LINk's view",
        ["LinkVerdictAt"] = "Time of the LINk's view",
        ["RecordedBy"] = "Person who recorded it",
        ["RecordedAt"] = "Time it was recorded",
        ["IsMovable"] = "Movable date",
        ["CycleTemplateId"] = "Commissioning cycle",
        ["OrganisationId"] = "Organisation",
        ["Year"] = "Financial year",
        ["ReceivesLinkRequests"] = "Contact for the LINk's requests",
        ["Email"] = "E-mail",
        ["UserName"] = "Sign-in name",
        ["LockoutEnd"] = "Time the lock ends",
        ["RevisingSince"] = "Time the revision began",
        ["AccessFailedCount"] = "Wrong passwords in a row",
        ["DeadlineId"] = "Linked deadline",
        ["PartnerOrganisationId"] = "Organisation",
        ["Outcome"] = "Panel's decision",
        ["Term"] = "Short or long term",
        ["PartnerSector"] = "Statutory or third sector",
        ["Setting"] = "Acute or community services",
        ["Origin"] = "Reactive or proactive",
        ["Reach"] = "Majority or minority issue",
        // Names that are a clause or a participle on their own ("Success looks like", "Recorded by user", "Changed since
        // agreement") double the verb of "… set to …" and "… changed from …"; each reads as a noun instead.
        ["At"] = "Time",
        ["On"] = "Date",
        ["By"] = "Side that gave it",
        ["SuccessLooksLike"] = "What success looks like",
        ["LinkPublishesComments"] = "Publishing of the LINk's comments",
        ["CommissionersPublishComments"] = "Publishing of the commissioners' comments",
        ["ChangedSinceAgreement"] = "Edits since the agreement",
        ["UpdatedAlone"] = "Revision published by one side alone",
        ["OpenedByOrganisationId"] = "Organisation that opened it",
        ["PublishedByOrganisationId"] = "Organisation that published it",
        ["UpdatedByOrganisationId"] = "Organisation that published the revision",
        ["RemindDaysBefore"] = "Reminder days before the due date",
        ["EscalateAfterWorkingDays"] = "Working days overdue before the escalation notice",
        ["RecordedByUserId"] = "Person who recorded it",
        ["ProposedByName"] = "Person who proposed it",
        ["ProposedByOrganisation"] = "Organisation that proposed it",
        ["ProposedBySide"] = "Side that proposed it",
        ["HandOffContact"] = "Hand-off contact",
        ["BusinessCaseSkippedReason"] = "Reason the business case was skipped",
        ["ConsultationSkippedReason"] = "Reason the consultation was skipped",
        ["DiscussionSkippedReason"] = "Reason the discussion was skipped",
        ["DroppedReason"] = "Reason it was dropped",
        ["EmailConfirmed"] = "Confirmation of the e-mail address",
        ["PhoneNumberConfirmed"] = "Confirmation of the phone number",
        ["TwoFactorEnabled"] = "Two-step sign-in",
        ["LockoutEnabled"] = "Lock-out after wrong passwords",
        ["UpToChangeId"] = "Last change checked",
        ["RaisedThroughOrganisationId"] = "Organisation it was raised through",
    };

    /// <summary>Flags that say which side did something: their values as the side's name, not "yes" or "no".</summary>
    private static readonly Dictionary<string, (string Yes, string No)> SideFlags = new()
    {
        ["ProposalByLink"] = ("the LINk", "the organisation it was sent to"),
        ["ExtensionProposedByLink"] = ("the LINk", "the organisation it was sent to"),
        ["DeclinedByLink"] = ("the LINk", "the organisation it was sent to"),
    };

    /// <summary>What each kind of record is called in a sentence ("created the exercise").</summary>
    private static readonly Dictionary<string, string> Nouns = new()
    {
        [nameof(EngagementExercise)] = "exercise",
        [nameof(JointWorkingProposal)] = "joint-working proposal",
        [nameof(ResponseDeadline)] = "deadline",
        [nameof(DeadlineRule)] = "deadline kind",
        [nameof(TimetableEvent)] = "event",
        [nameof(AnnualTimetable)] = "timetable",
        [nameof(CycleTemplate)] = "commissioning cycle",
        ["RaisedIssue"] = "issue",
        [nameof(Identity.ApplicationUser)] = "account",
        ["IdentityUserRole`1"] = "account's role",
        ["IdentityRole"] = "role",
    };

    /// <summary>The entry as words: see <see cref="AuditLine"/>. Never throws for an unknown type or property.</summary>
    public static AuditLine Describe(AuditEntry entry)
    {
        var type = EntityTypes.Value.GetValueOrDefault(entry.EntityType);
        var noun = Noun(entry.EntityType);
        var changes = entry.Changes.Where(c => Worth(entry.Action, c, type)).ToList();
        var (action, told) = Act(entry, noun, type, changes);
        if (entry.EntityType == nameof(ResponseDeadline) && changes.Any(c => c.Property == nameof(ResponseDeadline.KindName)))
        {
            // The kind's name, as the pages show it, says the kind: its statutory kind beside it would say it twice.
            told.Add(nameof(ResponseDeadline.Kind));
        }

        var details = changes.Where(c => !told.Contains(c.Property)).Select(c => Detail(entry, c, type)).ToList();
        return new AuditLine(entry.UserName, action, UkTime.Format(entry.At), details);
    }

    /// <summary>A property as people call it: "ShortName" reads "Short name", "IsFormal" reads "Formal".</summary>
    public static string PropertyLabel(string property)
    {
        if (PropertyLabels.TryGetValue(property, out var label))
        {
            return label;
        }

        var name = property.StartsWith("Is", StringComparison.Ordinal) && property.Length > 2 && char.IsUpper(property[2]) ? property[2..] : property;
        name = name.EndsWith("Ids", StringComparison.Ordinal) ? name[..^3] : name.EndsWith("Id", StringComparison.Ordinal) && name.Length > 2 ? name[..^2] : name;
        var words = Words(name).ToLowerInvariant();
        // A label is a noun, as "… set to …" and "… changed." need: "RaisedOn" is the date raised, not "Raised on".
        var last = words.LastIndexOf(' ');
        return last < 0 ? Sentence(words) : words[(last + 1)..] switch
        {
            "on" => Sentence($"date {words[..last]}"),
            "at" => Sentence($"time {words[..last]}"),
            "by" => Sentence($"person who {words[..last]}"),
            _ => Sentence(words),
        };
    }

    /// <summary>What each kind of record is called in a sentence, e.g. "deadline" for a <see cref="ResponseDeadline"/>.</summary>
    public static string Noun(string entityType) =>
        Nouns.TryGetValue(entityType, out var noun) ? noun : Words(entityType.Split('`')[0]).ToLowerInvariant();

    private static (string Action, HashSet<string> Told) Act(AuditEntry entry, string noun, Type? type, List<AuditChange> changes)
    {
        var told = new HashSet<string>();
        string? After(string property)
        {
            var change = entry.Changes.FirstOrDefault(c => c.Property == property);
            if (change is not null)
            {
                told.Add(property);
            }

            return change?.After;
        }

        switch (entry.Action)
        {
            case AuditAction.Added:
                return (entry.EntityType switch
                {
                    nameof(ResponseDeadline) => "logged the deadline",
                    nameof(JointWorkingProposal) when entry.Changes.FirstOrDefault(c => c.Property == "PrimaryOption")?.After is { } option => $"proposed option {option}",
                    _ => $"created the {noun}",
                }, told);
            case AuditAction.Deleted:
                return ($"removed the {noun}", told);
        }

        switch (entry.EntityType)
        {
            case nameof(EngagementExercise) when entry.Changes.Any(c => c.Property == nameof(EngagementExercise.AgreementStatus)):
            {
                var status = After(nameof(EngagementExercise.AgreementStatus));
                var option = After(nameof(EngagementExercise.CurrentOption));
                return (status switch
                {
                    nameof(AgreementStatus.AwaitingAgreement) => option is null ? "proposed a joint-working option" : $"proposed option {option}",
                    nameof(AgreementStatus.Agreed) => option is null ? "agreed the joint-working option" : $"agreed option {option}",
                    nameof(AgreementStatus.ChangeRequested) => "asked for a change to the joint-working option",
                    _ => "reopened the choice of joint-working option",
                }, told);
            }

            case nameof(EngagementExercise) when After(nameof(EngagementExercise.State)) is { } state:
                return (state == nameof(ExerciseState.Cancelled) ? "cancelled the exercise" : $"marked the exercise {Value(typeof(ExerciseState), state).ToLowerInvariant()}", told);

            case nameof(ResponseDeadline) when After(nameof(ResponseDeadline.State)) is { } state:
                return (state switch
                {
                    nameof(DeadlineState.Acknowledged) => "recorded the acknowledgement",
                    nameof(DeadlineState.Answered) => "recorded the answer",
                    nameof(DeadlineState.Withdrawn) => "withdrew the deadline",
                    nameof(DeadlineState.Escalated) => "escalated the deadline to the scrutiny committee",
                    _ => "reopened the deadline",
                }, told);

            case nameof(ResponseDeadline) when changes.Any(c => c.Property == nameof(ResponseDeadline.ExtensionAgreedAt) && !string.IsNullOrEmpty(c.After)):
                told.Add(nameof(ResponseDeadline.ExtensionAgreedAt));
                return ("agreed the extension", told);

            case nameof(ResponseDeadline) when changes.Any(c => c.Property == nameof(ResponseDeadline.ProposedDueDate) && !string.IsNullOrEmpty(c.After)):
                // A proposal replacing one still waiting says which it replaces, rather than a change of one date to another.
                var proposed = After(nameof(ResponseDeadline.ProposedDueDate))!;
                told.Add(nameof(ResponseDeadline.ProposedDueDate));
                var replaced = changes.First(c => c.Property == nameof(ResponseDeadline.ProposedDueDate)).Before;
                return (string.IsNullOrEmpty(replaced)
                    ? $"proposed extending the due date to {Value(typeof(DateOnly), proposed)}"
                    : $"replaced the proposed extension to {Value(typeof(DateOnly), replaced)} with one to {Value(typeof(DateOnly), proposed)}", told);

            // A proposal declined: the date declined and the side are in the verb, the person and the moment are the
            // entry's; why follows as a detail ("Why declined: …"), beside the proposal cleared. An earlier decline these
            // fields held is not "changed": this is a decline of its own.
            case nameof(ResponseDeadline) when changes.Any(c => c.Property == nameof(ResponseDeadline.DeclinedAt) && !string.IsNullOrEmpty(c.After)):
                told.UnionWith([nameof(ResponseDeadline.DeclinedAt), nameof(ResponseDeadline.DeclinedDueDate), nameof(ResponseDeadline.DeclinedBy), nameof(ResponseDeadline.DeclinedByLink)]);
                var side = After(nameof(ResponseDeadline.DeclinedByLink)) is { } byLink ? $" for {(byLink == "True" ? "the LINk" : "the organisation it was sent to")}" : "";
                return (After(nameof(ResponseDeadline.DeclinedDueDate)) is { Length: > 0 } declined
                    ? $"declined the extension to {Value(typeof(DateOnly), declined)}{side}"
                    : $"declined the proposed extension{side}", told);

            // A proposal cleared by no other step (closing the deadline, agreeing or declining it, each matched above) was
            // withdrawn by the side that proposed it.
            case nameof(ResponseDeadline) when changes.FirstOrDefault(c => c.Property == nameof(ResponseDeadline.ProposedDueDate)) is { Before.Length: > 0, After: null or "" } withdrawn:
                told.Add(nameof(ResponseDeadline.ProposedDueDate));
                return ($"withdrew the proposed extension to {Value(typeof(DateOnly), withdrawn.Before)}", told);

            // A hand-over: the owner's account says nothing to a reader; "Owner changed from … to …" (their names) says it.
            // Someone who took it over themselves is its new owner: "took the deadline over", not "handed it over".
            case nameof(ResponseDeadline) when changes.FirstOrDefault(c => c.Property == nameof(ResponseDeadline.OwnerUserId)) is { } owner:
                told.Add(nameof(ResponseDeadline.OwnerUserId));
                return (entry.UserId is { Length: > 0 } userId && owner.After == userId ? "took the deadline over" : "handed the deadline over", told);

            case "RaisedIssue" when After("Step") is { } step:
                return (step switch
                {
                    "Discussed" => "recorded the discussion with the referrer",
                    "Consulted" => "recorded the consultation of participants",
                    "BusinessCase" => "recorded the business case",
                    "Decided" => "recorded the panel's decision",
                    "FeedbackGiven" => "recorded the feedback to the referrer",
                    _ => "moved the issue on",
                }, told);

            case nameof(Organisation) when After(nameof(Organisation.IsActive)) is { } active:
                return (active == "True" ? "reactivated the organisation" : "deactivated the organisation", told);

            case nameof(AnnualTimetable) when After(nameof(AnnualTimetable.Status)) is { } status:
                return ($"marked the timetable {Value(typeof(TimetableStatus), status).ToLowerInvariant()}", told);
        }

        return ($"changed the {noun}", told);
    }

    /// <summary>
    /// A new record lists what was filled in; a change lists what changed. Internal ids of a new record and changes
    /// that read the same before and after (nothing to an empty text) say nothing to a reader.
    /// </summary>
    private static bool Worth(AuditAction action, AuditChange change, Type? type)
    {
        var propertyType = PropertyType(type, change.Property);
        var isReference = change.Property.EndsWith("Id", StringComparison.Ordinal) || change.Property.EndsWith("Ids", StringComparison.Ordinal);
        // Entries written before a property was kept out of the log (AuditExclusions) still hold it: never shown either.
        if (AuditExclusions.SecretProperties.Contains(change.Property))
        {
            return false;
        }

        return action switch
        {
            AuditAction.Added => !isReference && !IsCollection(propertyType) && !string.IsNullOrEmpty(change.After) && change.After != "[]",
            AuditAction.Deleted => false,
            _ => isReference || IsCollection(propertyType) || Value(propertyType, change.Before) != Value(propertyType, change.After),
        };
    }

    private static string Detail(AuditEntry entry, AuditChange change, Type? type)
    {
        var action = entry.Action;
        var propertyType = PropertyType(type, change.Property);
        string Value(Type? t, string? value) => ValueOf(entry, change.Property, t, value);
        var label = PropertyLabel(change.Property);
        // Ids and lists of ids say nothing in themselves; that they changed does.
        if (change.Property.EndsWith("Id", StringComparison.Ordinal) || change.Property.EndsWith("Ids", StringComparison.Ordinal) || IsCollection(propertyType))
        {
            return $"{label} changed.";
        }

        if (action == AuditAction.Added)
        {
            return UntrustedText.EndSentence($"{label}: {Value(propertyType, change.After)}");
        }

        // A decline's reason is its own, never an edit of an earlier decline's.
        if (change.Property == nameof(ResponseDeadline.DeclineReason) && !string.IsNullOrEmpty(change.After))
        {
            return UntrustedText.EndSentence($"Why declined: {Value(propertyType, change.After)}");
        }

        // A flag is a yes or a no, not a value that moves: "Movable date: now yes (was no)." reads where "Movable date
        // changed from no to yes" does not. Flags that name a side keep their names (SideFlags).
        if (!SideFlags.ContainsKey(change.Property) && change.Before is "True" or "False" && change.After is "True" or "False")
        {
            return $"{label}: now {Value(propertyType, change.After)} (was {Value(propertyType, change.Before)}).";
        }

        return (string.IsNullOrEmpty(change.Before), string.IsNullOrEmpty(change.After)) switch
        {
            // A value quoted with its own full stop ends the sentence: never "“…reception.”.".
            (true, _) => UntrustedText.EndSentence($"{label} set to {Value(propertyType, change.After)}"),
            (_, true) => $"{label} cleared (was {Value(propertyType, change.Before)}).",
            _ => UntrustedText.EndSentence($"{label} changed from {Value(propertyType, change.Before)} to {Value(propertyType, change.After)}"),
        };
    }

    /// <summary>
    /// A recorded value of one property of an entry in words: a side's flag as the side, a deadline's state as its page's
    /// badge says it (<see cref="DeadlineTerms.StateLabel"/>, by the duty step the entry records, else the answer);
    /// otherwise as <see cref="Value"/>.
    /// </summary>
    private static string ValueOf(AuditEntry entry, string property, Type? type, string? value)
    {
        if (SideFlags.TryGetValue(property, out var side) && value is "True" or "False")
        {
            return value == "True" ? side.Yes : side.No;
        }

        // A record's "Year" is a financial year, kept as the year it starts in: said as the year is everywhere ("2026/27").
        if (property == "Year" && int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var startYear) && startYear is > 1900 and < 3000)
        {
            return new FinancialYear(startYear).Label;
        }

        if (entry.EntityType == nameof(ResponseDeadline) && property == nameof(ResponseDeadline.State)
            && Enum.TryParse<DeadlineState>(value, out var state) && Enum.IsDefined(state))
        {
            var dischargedBy = entry.Changes.FirstOrDefault(c => c.Property == nameof(ResponseDeadline.DischargedBy))?.After is { } step
                && Enum.TryParse<DutyStep>(step, out var parsed) ? parsed : DutyStep.Answer;
            return DeadlineTerms.StateLabel(state, dischargedBy, overdue: false);
        }

        return Value(type, value);
    }

    /// <summary>A recorded value in words, read by the property's type where it is known.</summary>
    private static string Value(Type? type, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "nothing";
        }

        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(bool) || value is "True" or "False")
        {
            return value == "True" ? "yes" : "no";
        }

        if ((type is null || type == typeof(DateTimeOffset)) && value.Length > 19 && value[10] == 'T'
            && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var instant))
        {
            return UkTime.Format(instant);
        }

        if ((type is null || type == typeof(DateOnly))
            && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return UkTime.FormatDate(date);
        }

        if (type is { IsEnum: true } && Enum.TryParse(type, value, out var member))
        {
            if (StateWords.TryGetValue((type, value), out var words))
            {
                return Sentence(words);
            }

            if (EnumLabels.Value.TryGetValue(type, out var label) && label.Invoke(null, [member]) is string text && !CodeName().IsMatch(text))
            {
                return Sentence(text);
            }

            return Sentence(Words(value).ToLowerInvariant());
        }

        if (type is null && CodeName().IsMatch(value))
        {
            return Sentence(Words(value).ToLowerInvariant());
        }

        if (type == typeof(string) || type is null)
        {
            return $"“{value}”";
        }

        return value;
    }

    private static Type? PropertyType(Type? entity, string property)
    {
        try
        {
            return entity?.GetProperty(property, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)?.PropertyType;
        }
        catch (AmbiguousMatchException)
        {
            return null;
        }
    }

    private static bool IsCollection(Type? type) => type is not null && type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);

    private static string Words(string name) => WordBoundary().Replace(name, " ");

    /// <summary>Capitalises the first letter only, so names inside (the LINk, NHS) stay as written.</summary>
    private static string Sentence(string words) => words.Length == 0 ? words : char.ToUpperInvariant(words[0]) + words[1..];

    /// <summary>A code name: one word in PascalCase with at least two capitals, e.g. "NoneProposed".</summary>
    [GeneratedRegex("^[A-Z][a-z]+(?:[A-Z][a-z0-9]+)+$")]
    private static partial Regex CodeName();

    [GeneratedRegex("(?<=[a-z0-9])(?=[A-Z])")]
    private static partial Regex WordBoundary();
}
