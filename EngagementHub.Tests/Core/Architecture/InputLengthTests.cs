using System.ComponentModel.DataAnnotations;
using System.Reflection;
using EngagementHub.Core;
using EngagementHub.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace EngagementHub.Tests.Core.Architecture;

/// <summary>
/// docs/conventions.md, "Long text reaches the server whole, or is refused at the field": a form's limit is never longer
/// than the column its text is saved in. SQLite ignores a column's length, so a limit longer than the column passes every
/// SQLite test and fails only on PostgreSQL, with the generic failure message instead of the field's own.
/// </summary>
public sealed class InputLengthTests
{
    private static readonly Assembly CoreAssembly = typeof(EngagementHubDbContext).Assembly;

    /// <summary>
    /// Where each limited text of an input is saved, as "Entity.Property" (every column it is saved in); a property not
    /// listed is saved in the same-named property of its type's entity (<see cref="EntityOf"/>).
    /// </summary>
    private static readonly Dictionary<string, string[]> SavedIn = new()
    {
        ["StepInput.Notes"] = ["RaisedIssue.DiscussionNotes", "RaisedIssue.ConsultationNotes", "RaisedIssue.FeedbackNotes"],
        ["PanelDecisionInput.Reasons"] = ["RaisedIssue.DecisionReasons", "RelevantDecision.Reasons"],
        ["DeadlineInput.Reasons"] = ["RelevantDecision.Reasons"],
        // An account's id chosen from a list: the new owner's.
        ["DeadlineHandOverInput.NewOwnerUserId"] = ["ResponseDeadline.OwnerUserId"],
        ["ImplementationInput.Reason"] = ["Recommendation.DroppedReason"],
        ["LinkVerdictInput.Comment"] = ["Recommendation.LinkComment"],
        ["CriterionInput.Name"] = ["SuccessCriterion.Name", "CriterionWording.Name"],
        ["CriterionInput.Description"] = ["SuccessCriterion.Description", "CriterionWording.Description"],
        // Read as a list of numbers, not saved as typed.
        ["DeadlineRuleInput.RemindDaysBefore"] = [],
    };

    /// <summary>The entity an input type fills in.</summary>
    private static readonly Dictionary<string, string> EntityOf = new()
    {
        ["RaisedIssueInput"] = "RaisedIssue", ["StepInput"] = "RaisedIssue", ["BusinessCaseInput"] = "RaisedIssue",
        ["PanelDecisionInput"] = "RaisedIssue", ["RelevantDecisionInput"] = "RelevantDecision", ["DeadlineInput"] = "ResponseDeadline",
        ["DeadlineRuleInput"] = "DeadlineRule", ["ImplementationInput"] = "Recommendation", ["MilestoneInput"] = "ImplementationMilestone",
        ["LinkVerdictInput"] = "Recommendation", ["RecommendationResponseInput"] = "Recommendation", ["OrganisationInput"] = "Organisation", ["ContactInput"] = "Contact",
        ["ExerciseInput"] = "EngagementExercise", ["TimetableEventInput"] = "TimetableEvent", ["CriterionInput"] = "SuccessCriterion",
        ["ActionInput"] = "ReviewAction", ["NewUserInput"] = "ApplicationUser", ["UserInput"] = "ApplicationUser",
        ["InvitationInput"] = "ApplicationUser", ["BankHolidayInput"] = "BankHoliday",
    };

    /// <summary>Texts of input types with no length attribute on purpose: never saved as typed, or limited by their service.</summary>
    private static readonly HashSet<string> Unlimited =
    [
        "NewUserInput.Password", "NewPasswordInput.Password", "NewPasswordInput.ConfirmPassword",
        "ChangePasswordInput.CurrentPassword", "ChangePasswordInput.NewPassword", "ChangePasswordInput.ConfirmPassword",
        // ReviewService.SubmitAsync refuses each with InputValidation.TooLong at the rating's own field.
        "RatingInput.Comment", "RatingInput.EvidenceLinks",
        // ReviewService.AgreeAsync refuses a long note with InputValidation.TooLong at "AgreedNote"; the seen note is only
        // compared with the one recorded, never saved.
        "AgreedRatingInput.Note", "AgreedRatingInput.SeenNote",
    ];

    [Fact]
    public void CoreInputs_EveryTextLimitFitsTheColumnsItIsSavedIn()
    {
        var model = Model();
        var problems = new List<string>();
        foreach (var (name, limit) in LimitedTexts())
        {
            var type = name[..name.IndexOf('.', StringComparison.Ordinal)];
            var columns = SavedIn.TryGetValue(name, out var listed) ? listed
                : EntityOf.TryGetValue(type, out var entity) ? [$"{entity}.{name[(type.Length + 1)..]}"]
                : null;
            if (columns is null)
            {
                problems.Add($"{name}: say where it is saved (EntityOf or SavedIn).");
                continue;
            }

            foreach (var column in columns)
            {
                var parts = column.Split('.');
                var property = model.GetEntityTypes().SingleOrDefault(t => t.ClrType.Name == parts[0] && !t.IsOwned())?.FindProperty(parts[1]);
                if (property is null)
                {
                    problems.Add($"{name}: {column} is not a mapped property.");
                }
                else if (property.GetMaxLength() is { } max && limit > max)
                {
                    problems.Add($"{name} allows {limit} characters; {column} holds {max}.");
                }
            }
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void CoreInputs_EveryTextHasALimit()
    {
        var texts = CoreAssembly.GetTypes()
            .Where(t => t.IsClass && t.Name.EndsWith("Input", StringComparison.Ordinal))
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(p => p.PropertyType == typeof(string) && p.CanWrite)
                .Select(p => (Name: $"{t.Name}.{p.Name}", Limited: Limit(p) is not null)));

        Assert.Empty(texts.Where(t => !t.Limited && !Unlimited.Contains(t.Name)).Select(t => t.Name));
    }

    private static IEnumerable<(string Name, int Limit)> LimitedTexts() =>
        CoreAssembly.GetTypes()
            .Where(t => t.IsClass && t.Name.EndsWith("Input", StringComparison.Ordinal))
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(p => p.PropertyType == typeof(string))
                .Select(p => (Name: $"{t.Name}.{p.Name}", Limit: Limit(p))))
            .Where(t => t.Limit is not null)
            .Select(t => (t.Name, t.Limit!.Value));

    private static int? Limit(PropertyInfo property) =>
        property.GetCustomAttribute<MaxLengthAttribute>()?.Length ?? property.GetCustomAttribute<StringLengthAttribute>()?.MaximumLength;

    private static IModel Model()
    {
        // The app's own options, as AuditTextTests reads them: the model the SQLite tests use, and the same lengths as PostgreSQL's.
        using var db = new EngagementHubDbContext(new DbContextOptionsBuilder<EngagementHubDbContext>()
            .UseEngagementHubDatabase(DatabaseProvider.Sqlite, "Data Source=:memory:").Options);
        return db.Model;
    }
    /// <summary>
    /// A length attribute whose message says its limit ("at most 2,000 characters") says the limit it checks: the words are
    /// written beside the number in Core's inputs and in the pages' own, and could drift from it.
    /// </summary>
    [Fact]
    public void LengthMessages_SayTheLimitTheyCheck()
    {
        var web = typeof(EngagementHub.Web.Components.Shared.FormErrors).Assembly;
        var stated = new[] { CoreAssembly, web }
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .SelectMany(p => p.GetCustomAttributes<MaxLengthAttribute>().Select(a => (Property: p, a.Length, a.ErrorMessage))
                .Concat(p.GetCustomAttributes<StringLengthAttribute>().Select(a => (Property: p, Length: a.MaximumLength, a.ErrorMessage))))
            .Select(x => (x.Property, x.Length, x.ErrorMessage, Said: System.Text.RegularExpressions.Regex.Match(x.ErrorMessage ?? "", @"at most ([\d,]+) characters")))
            .ToList();
        // One wording for every limit ("The title can be at most 200 characters."), saying the number it checks.
        var drifted = stated.Where(x => !x.Said.Success || x.Said.Groups[1].Value != x.Length.ToString("N0", System.Globalization.CultureInfo.InvariantCulture))
            .Select(x => $"{x.Property.DeclaringType!.Name}.{x.Property.Name}: checks {x.Length}, says \"{x.ErrorMessage}\"")
            .ToList();

        // The scan reaches the pages' own inputs (a dialog's nested model), not only Core's.
        Assert.Contains(stated, x => x.Property.DeclaringType!.Assembly == web);
        Assert.True(drifted.Count == 0, string.Join(Environment.NewLine, drifted));
    }
}
