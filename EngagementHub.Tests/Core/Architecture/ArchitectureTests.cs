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
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                    var token = BitConverter.ToInt32(il, position);
                    if (Resolve(method, token) is { } used)
                    {
                        yield return used;
                    }

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

    private sealed class SampleOffender(IDbContextFactory<EngagementHubDbContext> factory)
    {
        public Func<Task<int>> Count => async () =>
        {
            await using var db = await factory.CreateDbContextAsync();
            return await db.Organisations.CountAsync();
        };
    }
}
