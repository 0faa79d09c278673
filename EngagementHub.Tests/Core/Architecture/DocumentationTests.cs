using System.Reflection;
using System.Xml.Linq;
using EngagementHub.Core;
using EngagementHub.Core.Data;
using EngagementHub.Web.Components;
using Microsoft.Extensions.DependencyInjection;

namespace EngagementHub.Tests.Core.Architecture;

/// <summary>
/// The documentation rule of docs/conventions.md, checked on the XML file the compiler writes for Core: every public
/// method of a Core service (<see cref="ServiceMethods"/>) says what it returns or does, and what it refuses (or that it
/// refuses nobody).
/// </summary>
public sealed class DocumentationTests
{
    private static readonly Assembly CoreAssembly = typeof(EngagementHubDbContext).Assembly;

    [Fact]
    public void CoreServices_EveryPublicMethod_IsDocumented()
    {
        var undocumented = ServiceMethods()
            .Where(m => DocumentationOf(m) is not { } doc || !(doc.Contains("<summary>", StringComparison.Ordinal)
                                                              || doc.Contains("<returns>", StringComparison.Ordinal)
                                                              || doc.Contains("<inheritdoc", StringComparison.Ordinal)))
            .Select(Name)
            .ToList();

        Assert.Empty(undocumented);
    }

    [Fact]
    public void CoreServices_MethodReturningAValue_SaysWhatItReturns()
    {
        // A summary says what a method does; what comes back (its units, what "none" looks like) is the <returns>.
        var silent = ServiceMethods()
            .Where(m => m.ReturnType != typeof(void) && m.ReturnType != typeof(Task) && m.ReturnType != typeof(ValueTask))
            .Where(m => DocumentationOf(m) is not { } doc
                        || !(doc.Contains("<returns>", StringComparison.Ordinal) || doc.Contains("<inheritdoc", StringComparison.Ordinal)))
            .Select(Name)
            .Distinct()
            .ToList();

        Assert.True(silent.Count == 0, string.Join(Environment.NewLine, silent));
    }

    [Fact]
    public void CoreServices_EveryPublicMethod_SaysWhatItRefuses()
    {
        // Every method, whether it takes the acting person or not: "refuses nobody" counts, saying so is the point, and so
        // does "a refusal" of a method that records one. The notices are left out: the actor they take is who acted, in a
        // step whose own method checked them and says what it refuses.
        var silent = ServiceMethods(withNotices: false)
            .Where(m => DocumentationOf(m) is not { } doc
                        || !(doc.Contains("<exception", StringComparison.Ordinal) || doc.Contains("refus", StringComparison.OrdinalIgnoreCase)
                             || doc.Contains("<inheritdoc", StringComparison.Ordinal)))
            .Select(Name)
            .ToList();

        Assert.True(silent.Count == 0, string.Join(Environment.NewLine, silent));
    }

    /// <summary>
    /// The public methods of Core's services: those <see cref="CoreServiceCollectionExtensions.AddEngagementHubCore"/>
    /// registers, the Core services the Web project registers for its pages (the reminder mailer), and the notices each
    /// feature records (<c>*Notices</c>, static), which every step's docs point to, unless
    /// <paramref name="withNotices"/> is false.
    /// </summary>
    private static IEnumerable<MethodInfo> ServiceMethods(bool withNotices = true)
    {
        var services = new ServiceCollection()
            .AddEngagementHubCore(DatabaseProvider.Sqlite, "Data Source=:memory:")
            .AddEngagementHubComponents();
        var notices = CoreAssembly.GetExportedTypes()
            .Where(t => withNotices && t.IsAbstract && t.IsSealed && t.Name.EndsWith("Notices", StringComparison.Ordinal));
        return services
            .Select(d => d.ImplementationType)
            .OfType<Type>()
            .Where(t => t.Assembly == CoreAssembly)
            .Concat(notices)
            .Distinct()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            // An override is documented where it is declared (EF Core's interceptor methods, for one).
            .Where(m => !m.IsSpecialName && m.GetBaseDefinition().DeclaringType == m.DeclaringType);
    }

    private static string Name(MethodInfo method) => $"{method.DeclaringType!.Name}.{method.Name}";

    private static readonly Lazy<ILookup<string, string>> Members = new(() =>
    {
        var path = Path.ChangeExtension(CoreAssembly.Location, ".xml");
        return XDocument.Load(path).Descendants("member")
            .ToLookup(m => (string)m.Attribute("name")!, m => string.Concat(m.Nodes()));
    });

    /// <summary>
    /// The XML comment of a method, found by its documentation id's name and number of parameters (overloads of one
    /// name with the same count share their comments here, which is close enough for a rule about presence).
    /// </summary>
    private static string? DocumentationOf(MethodInfo method)
    {
        var prefix = $"M:{method.DeclaringType!.FullName}.{method.Name}";
        var count = method.GetParameters().Length;
        var docs = Members.Value
            .Where(g => g.Key == prefix || (g.Key.StartsWith(prefix + "(", StringComparison.Ordinal) && ParameterCount(g.Key[prefix.Length..]) == count))
            .SelectMany(g => g)
            .ToList();
        return docs.Count == 0 ? null : string.Concat(docs);
    }

    private static int ParameterCount(string parameters)
    {
        if (parameters.Length <= 2)
        {
            return 0;
        }

        var (depth, count) = (0, 1);
        foreach (var c in parameters[1..^1])
        {
            depth += c is '{' or '(' or '[' ? 1 : c is '}' or ')' or ']' ? -1 : 0;
            count += c == ',' && depth == 0 ? 1 : 0;
        }

        return count;
    }
}
