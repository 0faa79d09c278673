using EngagementHub.Core.Common;
using EngagementHub.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Core.Timetables;

/// <summary>
/// A commissioning cycle as a template: stages with the month they typically start and how many months they last.
/// An organisation runs one cycle a year, so the template is instantiated per organisation and financial year
/// to generate that year's events, which are then edited like any other.
/// </summary>
public class CycleTemplate : IVersioned
{
    private CycleTemplate()
    {
        Name = "";
    }

    public CycleTemplate(string name, string? description, IEnumerable<CycleStage> stages)
    {
        Name = name;
        Description = description;
        Stages = [.. stages];
    }

    public int Id { get; private set; }
    public string Name { get; private set; }
    public string? Description { get; private set; }

    /// <summary>The stages in order; stored with the template as JSON (always read and written whole).</summary>
    public List<CycleStage> Stages { get; private set; } = [];

    public Guid Version { get; set; }

    public void Update(string name, string? description, IEnumerable<CycleStage> stages)
    {
        Name = name.Trim();
        Description = InputValidation.Clean(description);
        Stages = [.. stages];
    }

    /// <summary>The longest name of a cycle or of one of its stages, in characters (the columns' length).</summary>
    public const int MaxNameLength = 200;

    /// <summary>The longest description, in characters (the column's length).</summary>
    public const int MaxDescriptionLength = 2000;

    /// <summary>The longest stage, in calendar months: a whole financial year (April to March).</summary>
    public const int MaxStageMonths = 12;

    public static FieldError[] Check(string name, IReadOnlyList<CycleStage> stages)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(new FieldError(nameof(Name), "Give the cycle a name."));
        }
        else if (InputValidation.TooLong(nameof(Name), name, MaxNameLength, "The name") is { } nameTooLong)
        {
            errors.Add(nameTooLong);
        }

        errors.AddRange(InputValidation.CheckText((nameof(Name), name)));
        if (InputValidation.CheckOneLine(nameof(Name), name) is { } nameOnTwoLines)
        {
            errors.Add(nameOnTwoLines);
        }

        if (stages.Count == 0)
        {
            errors.Add(new FieldError(nameof(Stages), "A cycle needs at least one stage."));
        }

        for (var i = 0; i < stages.Count; i++)
        {
            var stage = stages[i];
            var field = $"{nameof(Stages)}[{i}]";
            if (string.IsNullOrWhiteSpace(stage.Name))
            {
                errors.Add(new FieldError(field, $"Stage {i + 1} needs a name."));
            }
            else if (InputValidation.TooLong(field, stage.Name, MaxNameLength, $"Stage {i + 1}'s name") is { } stageNameTooLong)
            {
                errors.Add(stageNameTooLong);
            }
            else if (stages.Take(i).Select(s => s.Name?.Trim()).ToList().IndexOf(stage.Name.Trim()) is var same and >= 0)
            {
                // A generated event knows its stage by name, and a year holds each stage of a cycle once.
                errors.Add(new FieldError(field, $"Stage {i + 1} has the same name as stage {same + 1}: give each stage its own name."));
            }

            errors.AddRange(InputValidation.CheckText((field, stage.Name)));
            if (InputValidation.CheckOneLine(field, stage.Name) is { } stageOnTwoLines)
            {
                errors.Add(stageOnTwoLines);
            }

            if (InputValidation.TooLong(field, stage.Description, MaxDescriptionLength, $"Stage {i + 1}'s description") is { } tooLong)
            {
                errors.Add(tooLong);
            }

            if (stage.StartMonth is < 1 or > 12)
            {
                errors.Add(new FieldError(field, $"Stage {i + 1} must start in a month from 1 (January) to 12 (December)."));
            }

            if (stage.DurationMonths is < 1 or > MaxStageMonths)
            {
                errors.Add(new FieldError(field, $"Stage {i + 1} must last from 1 to {MaxStageMonths} months."));
            }
        }

        return [.. errors];
    }

    /// <summary>
    /// The events this cycle gives an organisation in a financial year: each stage starts on the first of its month
    /// in that year (April–December in the first calendar year, January–March in the second) and lasts its whole
    /// months, ending on the last day of its last month (30 September, 31 December, 29 February in a leap year), and no
    /// later than the year's last day, 31 March. Stages are set in months because the cycle is planned in months
    /// (docs/decisions/0007): twelve months from April is the whole year, with no day left out.
    /// </summary>
    public IReadOnlyList<TimetableEventInput> Instantiate(int organisationId, FinancialYear year) =>
        [.. Stages.Select(stage =>
        {
            var start = new DateOnly(stage.StartMonth >= 4 ? year.StartYear : year.StartYear + 1, stage.StartMonth, 1);
            var end = start.AddMonths(stage.DurationMonths).AddDays(-1);
            return new TimetableEventInput
            {
                OrganisationId = organisationId,
                Kind = stage.Kind,
                Title = stage.Name,
                Description = stage.Description,
                StartDate = start,
                EndDate = end > year.End ? year.End : end,
                IsFormal = stage.IsFormal,
                IsMovable = true,
                Visibility = EventVisibility.Public,
            };
        })];
}

/// <summary>One stage of a commissioning cycle template.</summary>
/// <param name="Name">The stage's name, which the events generated from it keep as their title and stage.</param>
/// <param name="StartMonth">The month it typically starts, 1 (January) to 12 (December); it starts on the 1st.</param>
/// <param name="DurationMonths">How many calendar months it lasts, counting its first: 1 to
/// <see cref="CycleTemplate.MaxStageMonths"/>. It ends on the last day of its last month, and no later than the
/// financial year's 31 March. A decision point's stage is usually one month: the decision is taken some time in that
/// month, so engagement that should inform it reports before the month begins (the conservative reading).</param>
/// <param name="Kind">The kind of event it generates.</param>
/// <param name="IsFormal">Whether the generated events are formal.</param>
/// <param name="Description">Said on each generated event (optional).</param>
public sealed record CycleStage(
    string Name,
    int StartMonth,
    int DurationMonths,
    TimetableEventKind Kind = TimetableEventKind.CycleStage,
    bool IsFormal = true,
    string? Description = null);

/// <summary>The two cycles the study names, shipped so every partnership starts with them.</summary>
public static class StandardCycles
{
    public const string FourStage = "Commissioning cycle (four stages)";
    public const string WorldClassCommissioning = "World Class Commissioning engagement cycle";

    /// <summary>Adds the standard cycles to a database that has none yet (at start-up, and for the demo data); admins edit or add to them afterwards.</summary>
    public static async Task EnsureAsync(EngagementHubDbContext db, CancellationToken ct = default)
    {
        if (!await db.CycleTemplates.AnyAsync(ct))
        {
            db.CycleTemplates.AddRange(All());
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>The standard cycles, their stages in whole months: a quarter is 3 months, year-long monitoring 12 (April
    /// to March), and the decision point 1, the month the decision falls in.</summary>
    /// <returns>New, unsaved templates.</returns>
    public static IReadOnlyList<CycleTemplate> All() =>
    [
        new CycleTemplate(
            FourStage,
            "The study's commissioning cycle, where the LINk can engage at every point: planning, contracting, monitoring, revising.",
            [
                new CycleStage("Monitoring: first-quarter performance review", 4, 3, Description: "How services perform against contracts; patient experience evidence is wanted here."),
                new CycleStage("Revising: review of services and priorities", 7, 3, Description: "What should change next year, in the light of monitoring and engagement."),
                new CycleStage("Planning: commissioning intentions", 10, 3, Description: "Needs, priorities and the intentions published to providers."),
                new CycleStage("Decision: commissioning intentions agreed", 12, 1, TimetableEventKind.DecisionPoint, Description: "The board agrees next year's commissioning intentions some time in December: engagement that should inform it reports before December begins."),
                new CycleStage("Contracting: contracts agreed for next year", 1, 3, Description: "Service specifications and contracts, signed by 31 March."),
            ]),
        new CycleTemplate(
            WorldClassCommissioning,
            "The five stages of the World Class Commissioning engagement cycle where the public is involved.",
            [
                new CycleStage("Identifying health needs and aspirations", 4, 3, Description: "JSNA refresh and needs evidence."),
                new CycleStage("Decisions about priorities and strategies", 7, 3),
                new CycleStage("Service design and improvement", 10, 3),
                new CycleStage("Procurement and contracting", 1, 3),
                new CycleStage("Monitoring and performance management", 4, 12, IsFormal: false, Description: "Continuous: quarterly reports and patient experience."),
            ]),
    ];
}
