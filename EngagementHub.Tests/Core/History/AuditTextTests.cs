using System.Text.RegularExpressions;
using EngagementHub.Core;
using EngagementHub.Core.Auditing;
using EngagementHub.Core.History;
using EngagementHub.Core.Data;
using EngagementHub.Core.Deadlines;
using EngagementHub.Core.Exercises;
using EngagementHub.Core.Organisations;
using EngagementHub.Core.Timetables;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EngagementHub.Tests.Core.History;

public sealed partial class AuditTextTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 29, 12, 57, 0, TimeSpan.Zero);

    /// <summary>Every class the audit interceptor records, read from the EF model as it does.</summary>
    public static TheoryData<string> AuditedEntityTypes()
    {
        var data = new TheoryData<string>();
        foreach (var type in AuditedTypes())
        {
            data.Add(type.ClrType.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AuditedEntityTypes))]
    public void Describe_EveryPropertyAndValueOfAnAuditedType_ReadsWithoutCodeNamesOrIsoDates(string entityType)
    {
        var type = AuditedTypes().Single(t => t.ClrType.Name == entityType);
        var lines = new List<string>();
        foreach (var action in Enum.GetValues<AuditAction>())
        {
            lines.Add(AuditText.Describe(Entry(entityType, action)).Sentence);
        }

        foreach (var property in type.GetProperties().Where(p => !p.IsPrimaryKey() && !p.IsShadowProperty()))
        {
            foreach (var value in Samples(property.ClrType))
            {
                var recorded = AuditInterceptor.Format(value);
                foreach (var (action, before, after) in new[]
                         {
                             (AuditAction.Added, null, recorded), (AuditAction.Modified, null, recorded),
                             (AuditAction.Modified, recorded, null), (AuditAction.Modified, AuditInterceptor.Format(Other(property.ClrType, value)), recorded),
                             (AuditAction.Deleted, recorded, null),
                         })
                {
                    var line = AuditText.Describe(Entry(entityType, action, new AuditChange(property.Name, before, after)));
                    lines.Add(line.Sentence);
                    lines.AddRange(line.Details);
                }
            }
        }

        Assert.NotEmpty(lines);
        Assert.All(lines, line =>
        {
            Assert.DoesNotMatch(CodeName(), line);
            Assert.DoesNotMatch(IsoDate(), line);
            Assert.DoesNotContain("System.", line, StringComparison.Ordinal);
            Assert.DoesNotContain("`", line, StringComparison.Ordinal);
            // A label reads as a noun: never "New date proposed by set to …", "Sent to changed." or "Escalated as: …".
            Assert.DoesNotMatch(DanglingLabel(), line);
        });
    }

    [Fact]
    public void Describe_ExerciseProposed_SaysWhoProposedWhichOptionAndWhen()
    {
        var line = AuditText.Describe(Entry(nameof(EngagementExercise), AuditAction.Modified,
            new AuditChange("AgreementStatus", "NoneProposed", "AwaitingAgreement"), new AuditChange("CurrentOption", null, "2")));

        Assert.Equal("Lena Khan proposed option 2 on 29 Nov 2026 at 12:57.", line.Sentence);
        Assert.Empty(line.Details);
    }

    [Fact]
    public void Describe_ExercisesStateAndDates_UsesLabelsAndTheAppsDates()
    {
        var line = AuditText.Describe(Entry(nameof(EngagementExercise), AuditAction.Modified,
            new AuditChange("AgreementStatus", "AwaitingAgreement", "Agreed"), new AuditChange("DecisionDate", "2027-04-15", "2027-05-06"),
            new AuditChange("Sector", "Health", "Both")));

        Assert.Equal("Lena Khan agreed the joint-working option on 29 Nov 2026 at 12:57.", line.Sentence);
        Assert.Equal(["Decision date changed from Thu 15 Apr 2027 to Thu 6 May 2027.", $"Sector changed from {CareSector.Health.Label()} to {CareSector.Both.Label()}."],
            line.Details);
    }

    [Fact]
    public void Describe_DeadlineLoggedAndLateAnswer_ReadsAsSentences()
    {
        var logged = AuditText.Describe(Entry(nameof(ResponseDeadline), AuditAction.Added,
            new AuditChange("Kind", null, "InformationRequest"), new AuditChange("Received", null, "2027-04-15"), new AuditChange("RuleId", null, "3")));
        var answered = AuditText.Describe(Entry(nameof(ResponseDeadline), AuditAction.Modified,
            new AuditChange("State", "Awaiting", "Answered"), new AuditChange("WorkingDaysLate", null, "3"), new AuditChange("AnsweredOn", null, "2027-05-20")));
        var unchanged = AuditText.Describe(Entry(nameof(ResponseDeadline), AuditAction.Modified, new AuditChange("WorkingDaysLate", null, "")));

        Assert.Equal("Lena Khan logged the deadline on 29 Nov 2026 at 12:57.", logged.Sentence);
        Assert.Equal(["Kind: Request for information.", "Date received: Thu 15 Apr 2027."], logged.Details);
        Assert.Equal("Lena Khan recorded the answer on 29 Nov 2026 at 12:57.", answered.Sentence);
        Assert.Equal(["Working days late set to 3.", "Date answered set to Thu 20 May 2027."], answered.Details);
        Assert.Empty(unchanged.Details);
    }

    [Fact]
    public void Describe_DeadlineLogged_SaysItsKindOnceAndItsStateAsItsPageDoes()
    {
        var line = AuditText.Describe(Entry(nameof(ResponseDeadline), AuditAction.Added,
            new AuditChange("Kind", null, "ScrutinyReferral"), new AuditChange("KindName", null, "Acknowledgement of a scrutiny referral"),
            new AuditChange("DischargedBy", null, "Acknowledgement"), new AuditChange("State", null, "Awaiting")));
        var request = AuditText.Describe(Entry(nameof(ResponseDeadline), AuditAction.Added,
            new AuditChange("Kind", null, "InformationRequest"), new AuditChange("KindName", null, "Request for information"),
            new AuditChange("DischargedBy", null, "Answer"), new AuditChange("State", null, "Awaiting")));

        Assert.Equal(["Kind: “Acknowledgement of a scrutiny referral”.", "Step that meets the duty: The acknowledgement.", "State: Awaiting acknowledgement."], line.Details);
        Assert.Contains($"State: {DeadlineTerms.StateLabel(DeadlineState.Awaiting, DutyStep.Answer, overdue: false)}.", request.Details);
        Assert.Single(request.Details, d => d.StartsWith("Kind:", StringComparison.Ordinal));
    }

    [Fact]
    public void Describe_ExtensionProposedAndAgreed_NamesWhoAndWhichSideInSentences()
    {
        var proposed = AuditText.Describe(Entry(nameof(ResponseDeadline), AuditAction.Modified,
            new AuditChange("ProposedDueDate", null, "2027-05-06"), new AuditChange("ProposalBy", null, "Colin Marsh"), new AuditChange("ProposalByLink", null, "False")));
        var agreed = AuditText.Describe(Entry(nameof(ResponseDeadline), AuditAction.Modified,
            new AuditChange("ExtensionAgreedAt", null, "2026-11-29T12:57:00.0000000+00:00"), new AuditChange("ExtensionAgreedByLink", null, "Lena Khan"),
            new AuditChange("ExtensionDueDate", null, "2027-05-06")));

        Assert.Equal("Lena Khan proposed extending the due date to Thu 6 May 2027 on 29 Nov 2026 at 12:57.", proposed.Sentence);
        Assert.Equal(["Person who proposed the new date set to “Colin Marsh”.", "Side that proposed the new date set to the organisation it was sent to."], proposed.Details);
        // Proposed in place of a proposal still waiting: says which it replaces.
        var replacing = AuditText.Describe(Entry(nameof(ResponseDeadline), AuditAction.Modified,
            new AuditChange("ProposedDueDate", "2027-05-06", "2027-05-13"), new AuditChange("ProposalReason", "Board in May.", "Board moved.")));
        Assert.Equal("Lena Khan replaced the proposed extension to Thu 6 May 2027 with one to Thu 13 May 2027 on 29 Nov 2026 at 12:57.", replacing.Sentence);
        Assert.Equal("Lena Khan agreed the extension on 29 Nov 2026 at 12:57.", agreed.Sentence);
        Assert.Equal(["Person who agreed the extension for the LINk set to “Lena Khan”.", "Due date agreed in the extension set to Thu 6 May 2027."], agreed.Details);
    }

    // Both sides read in the history who declined which date, for which side and why, and who withdrew a proposal.
    [Fact]
    public void Describe_ExtensionDeclinedAndWithdrawn_SaysWhichDateWhoForWhichSideAndWhy()
    {
        var declined = AuditText.Describe(Entry(nameof(ResponseDeadline), AuditAction.Modified,
            new AuditChange("ProposedDueDate", "2027-05-06", null), new AuditChange("ProposalBy", "Colin Marsh", null),
            new AuditChange("DeclinedDueDate", null, "2027-05-06"), new AuditChange("DeclinedBy", null, "Lena Khan"), new AuditChange("DeclinedByLink", null, "True"),
            new AuditChange("DeclineReason", null, "Our board meets in April."), new AuditChange("DeclinedAt", null, "2026-11-29T12:57:00.0000000+00:00")));
        var withdrawn = AuditText.Describe(Entry(nameof(ResponseDeadline), AuditAction.Modified,
            new AuditChange("ProposedDueDate", "2027-05-06", null), new AuditChange("ProposalBy", "Colin Marsh", null)));

        Assert.Equal("Lena Khan declined the extension to Thu 6 May 2027 for the LINk on 29 Nov 2026 at 12:57.", declined.Sentence);
        Assert.Equal(["Proposed due date cleared (was Thu 6 May 2027).", "Person who proposed the new date cleared (was “Colin Marsh”).",
            "Why declined: “Our board meets in April.”"], declined.Details);
        // A second decline replaces the first's fields: it reads as a decline of its own, not as an edit of the first.
        var again = AuditText.Describe(Entry(nameof(ResponseDeadline), AuditAction.Modified,
            new AuditChange("ProposedDueDate", "2027-05-13", null), new AuditChange("DeclinedDueDate", "2027-05-06", "2027-05-13"),
            new AuditChange("DeclineReason", "Our board meets in April.", "Still too late for the board."),
            new AuditChange("DeclinedAt", "2026-11-29T12:57:00.0000000+00:00", "2026-11-30T09:00:00.0000000+00:00")));
        Assert.Equal("Lena Khan declined the extension to Thu 13 May 2027 on 29 Nov 2026 at 12:57.", again.Sentence);
        Assert.Equal(["Proposed due date cleared (was Thu 13 May 2027).", "Why declined: “Still too late for the board.”"], again.Details);
        Assert.Equal("Lena Khan withdrew the proposed extension to Thu 6 May 2027 on 29 Nov 2026 at 12:57.", withdrawn.Sentence);
        Assert.Equal(["Person who proposed the new date cleared (was “Colin Marsh”)."], withdrawn.Details);
    }

    [Fact]
    public void Describe_DeadlineTakenOverByTheNewOwner_SaysTheyTookItOver()
    {
        var entry = Entry(nameof(ResponseDeadline), AuditAction.Modified,
            new AuditChange("OwnerUserId", "user-olive", "user-priya"), new AuditChange("OwnerName", "Olive Owner", "Priya Shah"));
        entry.UserId = "user-priya";
        var handed = Entry(nameof(ResponseDeadline), AuditAction.Modified,
            new AuditChange("OwnerUserId", "user-olive", "user-priya"), new AuditChange("OwnerName", "Olive Owner", "Priya Shah"));
        handed.UserId = "user-larry";

        Assert.Equal("Lena Khan took the deadline over on 29 Nov 2026 at 12:57.", AuditText.Describe(entry).Sentence);
        Assert.Equal("Lena Khan handed the deadline over on 29 Nov 2026 at 12:57.", AuditText.Describe(handed).Sentence);
        Assert.Equal(["Person who follows it up changed from “Olive Owner” to “Priya Shah”."], AuditText.Describe(entry).Details);
    }

    [Theory]
    [MemberData(nameof(AuditedEntityTypes))]
    public void PropertyLabel_EveryPropertyOfAnAuditedType_IsANounNotAClause(string entityType)
    {
        // "Date can move set to Yes", "Receives the LINk's requests set to No", "Success looks like set to …", "Recorded by
        // user set to …" and "Changed since agreement changed from no to yes" are clauses with a verb of their own, which
        // "set to" and "changed" double; "Movable date set to Yes" reads. A lone preposition ("At", "On") is no noun.
        var clause = new Regex(
            @"^(Is|Has|Can|Was|Receives|Needs|Takes|Gets|Remind|Escalate|Changed|Updated)\b"
            + @"| (can|may|must|will|is|has) (\w+ )?(move|be|change|receive|need)\b"
            + @"|^\w+ (publish|publishes|looks like)\b|^\w+ed (by|reason|alone|since|through)\b| (enabled|confirmed)$|^(At|On|By|To|From)$"
            // Nor a label ending on a preposition: "Locked until set to 3 Dec" does not read; "Time the lock ends" does.
            + @"| (until|to|by|on|at|from|for|since)$");
        var clauses = AuditedTypes().Single(t => t.ClrType.Name == entityType).GetProperties()
            .Select(p => AuditText.PropertyLabel(p.Name))
            .Where(label => clause.IsMatch(label))
            .ToList();

        Assert.Empty(clauses);
    }

    [Fact]
    public void Describe_EventMadeMovableAndContactNamedForRequests_ReadsAsTheFlagNowAndBefore()
    {
        var moved = AuditText.Describe(Entry(nameof(TimetableEvent), AuditAction.Modified,
            new AuditChange("IsMovable", "False", "True")));
        var named = AuditText.Describe(Entry(nameof(Contact), AuditAction.Modified,
            new AuditChange("ReceivesLinkRequests", "False", "True")));

        Assert.Equal(["Movable date: now yes (was no)."], moved.Details);
        Assert.Equal(["Contact for the LINk's requests: now yes (was no)."], named.Details);
    }

    // A financial year is kept as the year it starts in; the history said "Financial year: 2026." for 2026/27.
    [Fact]
    public void Describe_EventMovedIntoTheNextYear_SaysTheFinancialYearsAsTheyAreWritten()
    {
        var added = AuditText.Describe(Entry(nameof(TimetableEvent), AuditAction.Added, new AuditChange("Year", null, "2026")));
        var moved = AuditText.Describe(Entry(nameof(TimetableEvent), AuditAction.Modified, new AuditChange("Year", "2026", "2027")));

        Assert.Equal(["Financial year: 2026/27."], added.Details);
        Assert.Equal(["Financial year changed from 2026/27 to 2027/28."], moved.Details);
    }

    [Fact]
    public void Describe_IssueAndReviewFlagsNamedByAClause_ReadAsANounSetOrChanged()
    {
        var issue = AuditText.Describe(Entry(nameof(EngagementHub.Core.WorkProgramme.RaisedIssue), AuditAction.Modified,
            new AuditChange("SuccessLooksLike", null, "Fewer missed appointments")));
        var timetable = AuditText.Describe(Entry(nameof(AnnualTimetable), AuditAction.Modified,
            new AuditChange("ChangedSinceAgreement", "False", "True")));

        Assert.Equal(["What success looks like set to “Fewer missed appointments”."], issue.Details);
        Assert.Equal(["Edits since the agreement: now yes (was no)."], timetable.Details);
    }

    [Fact]
    public void Describe_AccountLockedAndUnlocked_SaysWhenTheLockEnds()
    {
        var locked = AuditText.Describe(Entry(nameof(EngagementHub.Core.Identity.ApplicationUser), AuditAction.Modified,
            new AuditChange("LockoutEnd", null, "2026-12-03T10:15:00.0000000+00:00")));
        var unlocked = AuditText.Describe(Entry(nameof(EngagementHub.Core.Identity.ApplicationUser), AuditAction.Modified,
            new AuditChange("LockoutEnd", "2026-12-03T10:15:00.0000000+00:00", null)));

        Assert.Equal(["Time the lock ends set to 3 Dec 2026 at 10:15."], locked.Details);
        Assert.Equal(["Time the lock ends cleared (was 3 Dec 2026 at 10:15)."], unlocked.Details);
    }

    [Fact]
    public void Describe_TextChangedAndCleared_QuotesWhatWasTyped()
    {
        var line = AuditText.Describe(Entry(nameof(Organisation), AuditAction.Modified,
            new AuditChange("ShortName", null, "SB PCT"), new AuditChange("Website", "https://sb.example", null), new AuditChange("IsActive", "True", "False")));

        Assert.Equal("Lena Khan deactivated the organisation on 29 Nov 2026 at 12:57.", line.Sentence);
        Assert.Equal(["Short name set to “SB PCT”.", "Website cleared (was “https://sb.example”)."], line.Details);
    }

    // Written before the reminders' plan token was kept out of the log: the history still shows only what a reader needs.
    [Fact]
    public void Describe_EntryHoldingTheRemindersBookkeeping_ShowsOnlyWhatChangedForAReader()
    {
        var line = AuditText.Describe(Entry(nameof(ResponseDeadline), AuditAction.Modified,
            new AuditChange(nameof(ResponseDeadline.ReminderPlanToken), "6f1c2a1e-0000-4000-8000-000000000001", "6f1c2a1e-0000-4000-8000-000000000002"),
            new AuditChange(nameof(ResponseDeadline.NextReminderOn), "2027-04-12", "2027-04-19"),
            new AuditChange(nameof(ResponseDeadline.DueDate), "2027-04-15", "2027-04-22")));

        Assert.Equal(["Due date changed from Thu 15 Apr 2027 to Thu 22 Apr 2027."], line.Details);
    }

    // A value quoted with its own full stop ends the detail's sentence once: never "“…reception.”.".
    [Fact]
    public void Describe_TextEndingWithAFullStop_EndsTheDetailOnce()
    {
        var added = AuditText.Describe(Entry(nameof(TimetableEvent), AuditAction.Added, new AuditChange("Description", null, "Hearing aid users cannot hear reception.")));
        var changed = AuditText.Describe(Entry(nameof(TimetableEvent), AuditAction.Modified, new AuditChange("Description", "Old words", "New words.")));

        Assert.Equal(["Description: “Hearing aid users cannot hear reception.”"], added.Details);
        Assert.Equal(["Description changed from “Old words” to “New words.”"], changed.Details);
    }

    [Fact]
    public void PropertyLabel_CodeNames_ReadAsWords()
    {
        Assert.Equal("Short name", AuditText.PropertyLabel("ShortName"));
        Assert.Equal("Formal", AuditText.PropertyLabel("IsFormal"));
        Assert.Equal("Lead commissioner", AuditText.PropertyLabel("LeadCommissionerId"));
        Assert.Equal("Working days late", AuditText.PropertyLabel("WorkingDaysLate"));
    }

    private static AuditEntry Entry(string entityType, AuditAction action, params AuditChange[] changes) => new()
    {
        At = At,
        UserName = "Lena Khan",
        EntityType = entityType,
        EntityId = "1",
        Action = action,
        Changes = [.. changes],
    };

    private static IEnumerable<IEntityType> AuditedTypes()
    {
        // The app's own options, so this model (built while the tests are found) is the one the SQLite tests then use.
        using var db = new EngagementHubDbContext(new DbContextOptionsBuilder<EngagementHubDbContext>()
            .UseEngagementHubDatabase(DatabaseProvider.Sqlite, "Data Source=:memory:").Options);
        return [.. db.Model.GetEntityTypes().Where(t => !t.IsOwned() && !t.HasSharedClrType && AuditInterceptor.IsAudited(t.ClrType))];
    }

    /// <summary>Values of each kind a property can hold: every member of an enum, a date, a moment, a flag, a list.</summary>
    private static IEnumerable<object?> Samples(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying.IsEnum)
        {
            return Enum.GetValues(underlying).Cast<object?>();
        }

        return underlying switch
        {
            _ when underlying == typeof(DateOnly) => [new DateOnly(2027, 4, 15)],
            _ when underlying == typeof(DateTimeOffset) => [At],
            _ when underlying == typeof(bool) => [true, false],
            _ when underlying == typeof(string) => ["Council House"],
            _ when underlying == typeof(int) || underlying == typeof(long) => [3],
            _ when underlying == typeof(TimeOnly) => [new TimeOnly(18, 30)],
            _ when underlying == typeof(Guid) => [Guid.Parse("6f1c2a1e-0000-4000-8000-000000000001")],
            _ => [Activator.CreateInstance(underlying)],
        };
    }

    private static object? Other(Type type, object? value) =>
        Samples(type).FirstOrDefault(v => !Equals(v, value)) ?? value;

    /// <summary>An identifier as code writes it: two or more capitalised words run together ("AwaitingAgreement").</summary>
    [GeneratedRegex(@"\b[A-Z][a-z]+(?:[A-Z][a-z0-9]+)+\b")]
    private static partial Regex CodeName();

    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}\b|\d{2}:\d{2}:\d{2}")]
    private static partial Regex IsoDate();

    /// <summary>A label ending in a preposition before "set to", "changed", "cleared" or ":".</summary>
    [GeneratedRegex(@"\b(?:by|for|as|to|from|at|on|of|with)(?: set to | changed| cleared|:)")]
    private static partial Regex DanglingLabel();
}
