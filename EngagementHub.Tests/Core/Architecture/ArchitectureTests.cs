using System.Reflection;
using System.Reflection.Emit;
using EngagementHub.Core.Data;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace EngagementHub.Tests.Core.Architecture;

/// <summary>
/// The layering the code is meant to have, enforced: Core (the domain, its rules and persistence) knows nothing of the
/// web app, its UI library or its job runner; pages and components reach data only through Core's services, never a
/// DbContext or Hangfire. These read the compiled assemblies, method bodies included, so a shortcut cannot hide in a
/// lambda or an async method.
/// </summary>
public sealed class ArchitectureTests
{
    private static readonly Assembly CoreAssembly = typeof(EngagementHubDbContext).Assembly;
    private static readonly Assembly WebAssembly = typeof(Program).Assembly;

    [Fact]
    public void CoreAssembly_ReferencesNoWebUiOrJobFramework()
    {
        // ASP.NET Core's Identity and data-protection stores are allowed: ADR 1 keeps EF Core and Identity in Core.
        string[] forbidden = ["EngagementHub.Web", "Hangfire", "MudBlazor", "Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.Http",
            "Microsoft.AspNetCore.Mvc", "Microsoft.AspNetCore.Routing", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server"];

        var references = CoreAssembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(references, r => forbidden.Any(f => r == f || r.StartsWith(f + ".", StringComparison.Ordinal)));
    }

    [Fact]
    public void CoreAssembly_HoldsNoMigrationsAndReferencesNoMigrationsProject()
    {
        // Each provider's migrations are generated code in a project of their own (docs/decisions/0009); Core's Data
        // folder is hand-written, and Core names a migrations assembly only by its name (DatabaseProviders).
        var references = CoreAssembly.GetReferencedAssemblies().Select(a => a.Name!).Where(r => r.StartsWith("EngagementHub.Migrations", StringComparison.Ordinal));
        var generated = CoreAssembly.GetTypes()
            .Where(t => typeof(Microsoft.EntityFrameworkCore.Migrations.Migration).IsAssignableFrom(t)
                || typeof(Microsoft.EntityFrameworkCore.Infrastructure.ModelSnapshot).IsAssignableFrom(t))
            .Select(t => t.FullName!);

        Assert.Empty(references.Concat(generated));
    }

    [Fact]
    public void Components_UseNeitherDbContextNorHangfire()
    {
        var offences = WebAssembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t))
            .SelectMany(t => TypesUsedBy(t).Where(Forbidden).Select(used => $"{t.FullName} uses {used.FullName}"))
            .Distinct()
            .ToList();

        Assert.True(offences.Count == 0, string.Join(Environment.NewLine, offences));
    }

    [Fact]
    public void TypesUsedBy_APageThatWouldLoadItsOwnData_FindsTheDbContext()
    {
        // The scan itself must see a DbContext used inside an async lambda, or the test above proves nothing.
        var used = TypesUsedBy(typeof(SampleOffender)).ToList();

        Assert.Contains(typeof(EngagementHubDbContext), used);
    }

    /// <summary>
    /// Core's folders from the bottom up: a folder may use the folders before it in this list, never one after it
    /// (docs/conventions.md, "Layering"). Data (the DbContext maps every feature's entities, and the demo seeds them all)
    /// is the persistence of all of them and outside the rule.
    /// </summary>
    private static readonly string[] Layers =
    [
        "Common", "Identity", "Auditing", "Organisations", "Communities", "Notifications", "Accounts", "Exercises", "Deadlines", "Timetables",
        "WorkProgramme", "Reviews", "History", "Reminders", "Public", "Calendar", "Reports", "Home", "Maintenance",
    ];

    [Fact]
    public void CoreFolders_UseOnlyFoldersBelowThemInTheLayering()
    {
        var upward = FolderEdges(CoreAssembly)
            .Where(e => Array.IndexOf(Layers, e.From) < Array.IndexOf(Layers, e.To))
            .GroupBy(e => $"{e.From} -> {e.To}")
            .ToDictionary(g => g.Key, g => g.First().Example);

        var uses = upward.Keys.Order(StringComparer.Ordinal).Select(k => $"{k} ({upward[k]})").ToList();
        Assert.True(uses.Count == 0, "Folders using folders above them:" + Environment.NewLine + string.Join(Environment.NewLine, uses));
    }

    [Fact]
    public void CoreFolders_EveryFolderHasAPlaceInTheLayering()
    {
        var unplaced = FolderEdges(CoreAssembly).SelectMany(e => new[] { e.From, e.To }).Distinct().Except(Layers).ToList();

        Assert.True(unplaced.Count == 0, "Add to Layers (and docs/conventions.md): " + string.Join(", ", unplaced));
    }

    /// <summary>
    /// Core's feature folders (namespaces) depend on one another without cycles: each folder can be read, changed and
    /// tested from the bottom up.
    /// </summary>
    [Fact]
    public void CoreFeatureFolders_DependOnOneAnotherWithoutCycles()
    {
        var graph = FolderGraph(FolderEdges(CoreAssembly));

        var cycles = Cycles(graph).Select(c => string.Join(" <-> ", c)).ToList();

        Assert.True(cycles.Count == 0, "Folders that depend on each other:" + Environment.NewLine + string.Join(Environment.NewLine, cycles));
    }

    [Fact]
    public void Cycles_TwoFoldersUsingEachOtherAndAThirdUsingOne_FindsTheTwoOnly()
    {
        var graph = new Dictionary<string, HashSet<string>>
        {
            ["Deadlines"] = ["Notifications", "Common"],
            ["Notifications"] = ["Deadlines"],
            ["Home"] = ["Deadlines"],
        };

        Assert.Equal(new List<List<string>> { new() { "Deadlines", "Notifications" } }, Cycles(graph));
    }

    [Fact]
    public void Cycles_TheCoreAssemblyWithNotificationsUsingDeadlinesAgain_FindsTheCycle()
    {
        // Deadlines records its notices through Notifications; a use back the other way (what the reminder sweep, the
        // mailer and the deadlines' notices were before they moved) must fail the rule above.
        var graph = FolderGraph(FolderEdges(CoreAssembly));
        graph["Notifications"].Add("Deadlines");

        Assert.Contains(Cycles(graph), cycle => cycle.Contains("Deadlines") && cycle.Contains("Notifications"));
    }

    [Fact]
    public void FolderGraph_TheCoreAssembly_SeesAFeatureUsingAnother()
    {
        // The scan must see the edges it is to judge, or the cycle test proves nothing.
        var graph = FolderGraph(FolderEdges(CoreAssembly));

        Assert.Contains("Timetables", graph["Calendar"]);
        Assert.Contains("Common", graph["Timetables"]);
    }

    /// <summary>
    /// Every edit of an existing aggregate goes through <see cref="ChangePath"/> (ADR 3, docs/conventions.md): outside
    /// Core's Data folder nothing saves through the conflict check itself or sets a row's original version from a screen,
    /// which is what a service writing its own load-check-save dialect does.
    /// </summary>
    [Fact]
    public void CoreServices_EditAggregatesOnlyThroughTheChangePath()
    {
        var offences = CoreAssembly.GetTypes()
            .Where(t => Outermost(t).Namespace != typeof(ChangePath).Namespace)
            .SelectMany(t => MethodsCalledBy(t).Where(EditsBySelf).Select(m => $"{Outermost(t).FullName} calls {m.DeclaringType?.Name}.{m.Name}"))
            .Distinct()
            .ToList();

        Assert.True(offences.Count == 0, string.Join(Environment.NewLine, offences));
    }

    /// <summary>
    /// Outside <c>Core/Data</c>, the change path and its gateway, a save is made directly only where ADR 3 says why: each
    /// type below writes rows nobody edits through a screen (the reminder sweeps' markers, a person's own rows, start-up
    /// seeding), or adds rows in a step of its own. A new type that saves directly fails here; the fix is
    /// <c>db.ChangeAsync</c>, or a line in ADR 3 and this list. The list is of types, not methods: a new direct save in
    /// a listed type (<c>DeadlineService</c> seeds its statutory kinds) is for review to catch.
    /// </summary>
    [Fact]
    public void CoreServices_SaveDirectlyOnlyWhereAdr3SaysWhy()
    {
        var saving = CoreAssembly.GetTypes()
            .Where(t => Outermost(t).Namespace is { } ns && !ns.StartsWith(typeof(ChangePath).Namespace!, StringComparison.Ordinal))
            .Where(t => MethodsCalledBy(t).Any(SavesDirectly))
            .Select(t => Outermost(t).Name)
            .ToHashSet();

        Assert.True(saving.SetEquals(SavesDirectlyByDesign), "Saving directly, not listed: " + string.Join(", ", saving.Except(SavesDirectlyByDesign).Order())
            + ". Listed, no longer saving directly: " + string.Join(", ", SavesDirectlyByDesign.Except(saving).Order()));
    }

    /// <summary>The types that save outside the change path, by the groups ADR 3 ("Left outside it") names.</summary>
    private static readonly HashSet<string> SavesDirectlyByDesign =
    [
        // The audit itself: the entries of a save, written in its transaction.
        "AuditInterceptor",
        // Reference data and start-up repairs: rows nobody has opened on a screen yet.
        "StandardCommunities", "StandardCriteria", "StandardCycles", "DeadlineService", "ExerciseAgreement", "BankHolidayCalendar",
        // Creations with their notices in one transaction (the creations' own path, Submissions.SaveOnceAsync, is in Data).
        "WorkflowNotifications", "CycleTemplateService", "CalendarFeedService",
        // The change-log note of an event's change, in the change's transaction, with its own retry on the year's row.
        "TimetableChangeLog",
        // The reminder sweeps, the mailer and their markers: rows of the log, or a date the sweep plans by, not edited by people.
        "ReminderSweep", "ReminderSchedule", "ReminderMailer", "DigestSweep", "FeedbackReminders", "ReviewReminders", "HolidayCoverageCheck",
        // A person's own rows: their notifications read, their preferences, their sessions.
        "NotificationCentre", "NotificationPreferences", "UserSessions",
        // Accounts, through ASP.NET Core Identity's own store, with the account audit entries it cannot make itself.
        "Invitations", "PasswordService", "UserAdministration", "AccountEmailLimit",
    ];

    private static bool SavesDirectly(MethodBase method) =>
        method.Name is "SaveChangesAsync" or "SaveChanges" && typeof(Microsoft.EntityFrameworkCore.DbContext).IsAssignableFrom(method.DeclaringType)
        || method.Name is "ExecuteUpdateAsync" or "ExecuteDeleteAsync" or "ExecuteUpdate" or "ExecuteDelete";

    /// <summary>"May this person…" is answered by the Core service that does it (docs/conventions.md), never re-asked by a page:
    /// no page asks <c>OrganisationAccess.CanActFor</c> or whether the person is an administrator itself.</summary>
    [Fact]
    public void Components_AskCoreServicesWhoMayAct()
    {
        var offences = WebAssembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(Outermost(t)))
            .SelectMany(t => MethodsCalledBy(t)
                .Where(m => (m.DeclaringType == typeof(EngagementHub.Core.Identity.OrganisationAccess) && m.Name == nameof(EngagementHub.Core.Identity.OrganisationAccess.CanActFor))
                    || (m.DeclaringType == typeof(EngagementHub.Core.Identity.Actor) && m.Name == $"get_{nameof(EngagementHub.Core.Identity.Actor.IsAdmin)}"))
                .Select(m => $"{Outermost(t).FullName} calls {m.DeclaringType!.Name}.{m.Name}"))
            .Distinct()
            .ToList();

        Assert.True(offences.Count == 0, string.Join(Environment.NewLine, offences));
    }

    [Fact]
    public void MethodsCalledBy_TheChangePath_FindsTheConflictCheckedSaveAndTheVersionSet()
    {
        // The scan must see what the rule above forbids, in async and generic bodies, or the rule proves nothing.
        var called = CoreAssembly.GetTypes().Where(t => Outermost(t) == typeof(ChangePath)).SelectMany(MethodsCalledBy).Where(EditsBySelf)
            .Select(m => m.Name).ToHashSet();

        Assert.Contains(nameof(SaveGateway.SaveOrDescribeConflictAsync), called);
        Assert.Contains("set_OriginalValue", called);
    }

    private static bool EditsBySelf(MethodBase method) =>
        (method.DeclaringType == typeof(SaveGateway) && method.Name == nameof(SaveGateway.SaveOrDescribeConflictAsync))
        || (method.Name == "set_OriginalValue" && method.DeclaringType?.Namespace == "Microsoft.EntityFrameworkCore.ChangeTracking");

    /// <summary>The methods a type's own method bodies call (not its nested types': each is a type of the assembly too).</summary>
    private static IEnumerable<MethodBase> MethodsCalledBy(Type type)
    {
        const BindingFlags all = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            foreach (var (operandType, token) in Operands(method))
            {
                if (operandType == OperandType.InlineMethod && ResolveMethod(method, token) is { } called)
                {
                    yield return called;
                }
            }
        }
    }

    private static MethodBase? ResolveMethod(MethodBase method, int token)
    {
        try
        {
            var typeArguments = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
            var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
            return method.Module.ResolveMethod(token, typeArguments, methodArguments);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>
    /// Core says what a link is to (<see cref="EngagementHub.Core.Common.PageLink"/>); the web app owns its routes. A
    /// string in Core that starts like one of the web app's pages is a route written in the wrong place.
    /// </summary>
    [Fact]
    public void CoreStringLiterals_NoneLooksLikeAWebRoute()
    {
        var offences = CoreAssembly.GetTypes()
            .SelectMany(t => RouteLikeLiterals(t).Select(literal => $"{t.FullName}: \"{literal}\""))
            .Distinct()
            .ToList();

        Assert.True(offences.Count == 0, string.Join(Environment.NewLine, offences));
    }

    [Fact]
    public void RouteLikeLiterals_ATypeThatWritesALink_FindsTheRoute()
    {
        var found = RouteLikeLiterals(typeof(SampleRouteWriter)).ToList();

        Assert.Equal(new[] { "/exercises/", "account/invitation" }, found.Order(StringComparer.Ordinal));
    }

    /// <summary>The first segments of the web app's page routes ("exercises", "account", ...).</summary>
    private static readonly HashSet<string> WebRouteSegments = [.. WebAssembly.GetTypes()
        .SelectMany(t => t.GetCustomAttributes<RouteAttribute>())
        .Select(r => r.Template.TrimStart('/').Split('/', '?')[0])
        .Where(segment => segment.Length > 0 && !segment.StartsWith('{'))];

    /// <summary>
    /// Literals in a type's method bodies that look like a site-relative address: "/" then a lower-case letter, or
    /// the first segment of one of the web app's pages followed by "/" or "?" (an address written without its slash).
    /// </summary>
    private static IEnumerable<string> RouteLikeLiterals(Type type)
    {
        const BindingFlags all = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        var bodies = type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all));
        var constants = type.GetFields(all).Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!);
        return bodies.SelectMany(StringsInBody).Concat(constants).Where(LooksLikeRoute).Distinct();
    }

    private static bool LooksLikeRoute(string literal) =>
        (literal.Length > 1 && literal[0] == '/' && char.IsAsciiLetterLower(literal[1]))
        || WebRouteSegments.Any(segment => literal.StartsWith(segment + "/", StringComparison.Ordinal) || literal.StartsWith(segment + "?", StringComparison.Ordinal));

    /// <summary>
    /// Each use of one Core folder by another (declarations and method bodies), with an example ("DeadlineService uses
    /// WorkflowNotifications"); the root namespace, Data and generated types left out.
    /// </summary>
    private static List<(string From, string To, string Example)> FolderEdges(Assembly assembly)
    {
        var edges = new List<(string From, string To, string Example)>();
        foreach (var type in assembly.GetTypes())
        {
            if (Folder(type) is not { } from)
            {
                continue;
            }

            foreach (var used in TypesUsedBy(type).SelectMany(Unwrapped).Distinct())
            {
                if (used.Assembly == assembly && Folder(used) is { } to && to != from)
                {
                    edges.Add((from, to, $"{Outermost(type).Name} uses {Outermost(used).Name}"));
                }
            }
        }

        return edges;
    }

    private static Dictionary<string, HashSet<string>> FolderGraph(IEnumerable<(string From, string To, string Example)> edges)
    {
        var graph = new Dictionary<string, HashSet<string>>();
        foreach (var (from, to, _) in edges)
        {
            (graph.TryGetValue(from, out var uses) ? uses : graph[from] = []).Add(to);
        }

        return graph;
    }

    /// <summary>The type a compiler-made class (a lambda's closure, an async state machine) belongs to.</summary>
    private static Type Outermost(Type type) => type.DeclaringType is { } declaring ? Outermost(declaring) : type;

    /// <summary>"Deadlines" for EngagementHub.Core.Deadlines (and its sub-namespaces); null for the root, Data and generated types.</summary>
    private static string? Folder(Type type)
    {
        const string prefix = "EngagementHub.Core.";
        return type.Namespace is { } ns && ns.StartsWith(prefix, StringComparison.Ordinal) && ns[prefix.Length..].Split('.')[0] is var folder && folder != "Data"
            ? folder
            : null;
    }

    /// <summary>A type with its element and generic argument types: List&lt;Deadline&gt; uses Deadlines.</summary>
    private static IEnumerable<Type> Unwrapped(Type type)
    {
        yield return type;
        if (type.HasElementType && type.GetElementType() is { } element)
        {
            foreach (var inner in Unwrapped(element))
            {
                yield return inner;
            }
        }

        if (type.IsGenericType && !type.IsGenericTypeDefinition)
        {
            foreach (var inner in type.GetGenericArguments().SelectMany(Unwrapped))
            {
                yield return inner;
            }
        }
    }

    /// <summary>The groups of folders that reach one another (Tarjan's strongly connected components of two or more), each sorted.</summary>
    private static List<List<string>> Cycles(Dictionary<string, HashSet<string>> graph)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var cycles = new List<List<string>>();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            foreach (var next in graph.GetValueOrDefault(node) ?? [])
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (stack.Contains(next))
                {
                    low[node] = Math.Min(low[node], index[next]);
                }
            }

            if (low[node] == index[node])
            {
                var component = new List<string>();
                string popped;
                do
                {
                    popped = stack.Pop();
                    component.Add(popped);
                }
                while (popped != node);

                if (component.Count > 1)
                {
                    cycles.Add([.. component.Order(StringComparer.Ordinal)]);
                }
            }
        }

        foreach (var node in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(node))
            {
                Visit(node);
            }
        }

        return [.. cycles.OrderBy(c => c[0], StringComparer.Ordinal)];
    }

    private static bool Forbidden(Type type) =>
        typeof(DbContext).IsAssignableFrom(type)
        || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IDbContextFactory<>))
        || type.Namespace?.StartsWith("Hangfire", StringComparison.Ordinal) == true;

    // Everything a type and its compiler-made nested types (lambdas, async state machines) declare or touch: injected
    // properties, fields, constructor parameters, and every type, method and field their method bodies refer to.
    private static IEnumerable<Type> TypesUsedBy(Type type)
    {
        const BindingFlags all = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
        foreach (var nested in type.GetNestedTypes(BindingFlags.NonPublic | BindingFlags.Public))
        {
            foreach (var used in TypesUsedBy(nested))
            {
                yield return used;
            }
        }

        foreach (var property in type.GetProperties(all))
        {
            yield return property.PropertyType;
        }

        foreach (var field in type.GetFields(all))
        {
            yield return field.FieldType;
        }

        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            foreach (var parameter in method.GetParameters())
            {
                yield return parameter.ParameterType;
            }

            foreach (var used in TypesInBody(method))
            {
                yield return used;
            }
        }
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    private static IEnumerable<Type> TypesInBody(MethodBase method)
    {
        foreach (var (operandType, token) in Operands(method))
        {
            if (operandType is OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok
                && Resolve(method, token) is { } used)
            {
                yield return used;
            }
        }
    }

    /// <summary>The string literals a method body loads (interpolated strings' literal parts included).</summary>
    private static IEnumerable<string> StringsInBody(MethodBase method) =>
        Operands(method).Where(o => o.Type == OperandType.InlineString).Select(o => method.Module.ResolveString(o.Token));

    /// <summary>The metadata-token operands of a method body's instructions, with their kind.</summary>
    private static IEnumerable<(OperandType Type, int Token)> Operands(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var position = 0;
        while (position < il.Length)
        {
            var value = (short)il[position++];
            if (value == 0xFE)
            {
                value = unchecked((short)(0xFE00 | il[position++]));
            }

            var opCode = OpCodesByValue[value];
            switch (opCode.OperandType)
            {
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok or OperandType.InlineString:
                    yield return (opCode.OperandType, BitConverter.ToInt32(il, position));
                    position += 4;
                    break;
                case OperandType.InlineSwitch:
                    position += 4 + (4 * BitConverter.ToInt32(il, position));
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    position += 8;
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    position += 1;
                    break;
                case OperandType.InlineVar:
                    position += 2;
                    break;
                case OperandType.InlineNone:
                    break;
                default:
                    position += 4;
                    break;
            }
        }
    }

    private static Type? Resolve(MethodBase method, int token)
    {
        try
        {
            var typeArguments = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
            var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
            return method.Module.ResolveMember(token, typeArguments, methodArguments) switch
            {
                Type type => type,
                MethodBase called => called.DeclaringType,
                FieldInfo field => field.DeclaringType,
                _ => null,
            };
        }
        catch (ArgumentException)
        {
            // A token from a generic context the reflection API cannot rebuild here; the declarations above still count.
            return null;
        }
    }

    private sealed class SampleRouteWriter
    {
        public const string Invitation = "account/invitation";

        public static string Exercise(int id) => $"/exercises/{id}";

        public static string NotARoute() => "text/plain";
    }

    private sealed class SampleOffender(IDbContextFactory<EngagementHubDbContext> factory)
    {
        public Func<Task<int>> Count => async () =>
        {
            await using var db = await factory.CreateDbContextAsync();
            return await db.Organisations.CountAsync();
        };
    }
}
