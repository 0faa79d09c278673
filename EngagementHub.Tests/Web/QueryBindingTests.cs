using System.Reflection;
using EngagementHub.Tests.TestSupport;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;

namespace EngagementHub.Tests.Web;

/// <summary>
/// Every value a page or an endpoint takes from a web address's query is bound as text and read with
/// <c>QueryValue</c> (docs/conventions.md, "Values in a web address"). Bound to a number, an enum, a date or a flag,
/// a value the framework cannot convert ("12." pasted with a sentence's full stop, "2026/27") fails before the page or
/// endpoint runs: a 500 on a printed report, the error banner on a list, an empty 400 on an export.
/// </summary>
public sealed class QueryBindingTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private static readonly Assembly WebAssembly = typeof(Program).Assembly;

    [Fact]
    public void PagesAndQueryRecords_EveryQueryValue_IsBoundAsText()
    {
        var offences = WebAssembly.GetTypes().SelectMany(QueryPropertiesNotText).ToList();

        Assert.True(offences.Count == 0, string.Join(Environment.NewLine, offences));
    }

    [Fact]
    public void Endpoints_EveryQueryValue_IsBoundAsText()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Handler: e.Metadata.GetMetadata<MethodInfo>()))
            .Where(e => e.Handler is not null)
            .ToList();

        var offences = endpoints.SelectMany(e => QueryParametersNotText(e.Handler!, e.Endpoint.RoutePattern.Parameters.Select(p => p.Name))).ToList();

        Assert.NotEmpty(endpoints);
        Assert.True(offences.Count == 0, string.Join(Environment.NewLine, offences));
    }

    [Fact]
    public void Checks_APageARecordAndAnEndpointBindingANumber_AreFound()
    {
        // The checks must see each way a number can be bound, or the tests above prove nothing.
        var handler = typeof(Offenders).GetMethod(nameof(Offenders.Handler))!;

        Assert.Single(QueryPropertiesNotText(typeof(Offenders.Page)));
        Assert.Single(QueryPropertiesNotText(typeof(Offenders.Query)));
        // page ([FromQuery]) and the record's year; id too when it is not a route value. The text and the context are not.
        Assert.Equal(2, QueryParametersNotText(handler, routeNames: ["id"]).Count());
        Assert.Equal(3, QueryParametersNotText(handler, routeNames: []).Count());
    }

    /// <summary>Properties a page fills from the query (<c>[SupplyParameterFromQuery]</c>) or a record binds from it
    /// (<c>[FromQuery]</c>, as with <c>[AsParameters]</c>) whose type is not text.</summary>
    private static IEnumerable<string> QueryPropertiesNotText(Type type) =>
        type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly)
            .Where(p => p.IsDefined(typeof(SupplyParameterFromQueryAttribute), inherit: true)
                || p.GetCustomAttributes(inherit: true).OfType<IFromQueryMetadata>().Any())
            .Where(p => !IsText(p.PropertyType))
            .Select(p => $"{type.FullName}.{p.Name} is bound from the query as {Named(p.PropertyType)}");

    /// <summary>
    /// A handler's parameters taken from the query: those marked <c>[FromQuery]</c>, the query properties of an
    /// <c>[AsParameters]</c> type, and a parameter of a simple type (a number, an enum, a date, a flag) that is not a
    /// route value, which minimal APIs take from the query by its name.
    /// </summary>
    private static IEnumerable<string> QueryParametersNotText(MethodInfo handler, IEnumerable<string> routeNames)
    {
        var route = routeNames.ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in handler.GetParameters())
        {
            var attributes = parameter.GetCustomAttributes(inherit: true);
            if (attributes.OfType<AsParametersAttribute>().Any())
            {
                foreach (var offence in QueryPropertiesNotText(parameter.ParameterType))
                {
                    yield return offence;
                }

                continue;
            }

            var fromQuery = attributes.OfType<IFromQueryMetadata>().Any();
            var implicitQuery = attributes.Length == 0 && IsSimple(parameter.ParameterType) && !route.Contains(parameter.Name!);
            if ((fromQuery || implicitQuery) && !IsText(parameter.ParameterType))
            {
                yield return $"{handler.DeclaringType?.FullName}.{handler.Name} takes {Named(parameter.ParameterType)} from the query: {parameter.Name}";
            }
        }
    }

    /// <summary>"Int32?" rather than "Nullable`1".</summary>
    private static string Named(Type type) => Nullable.GetUnderlyingType(type) is { } underlying ? underlying.Name + "?" : type.Name;

    private static bool IsText(Type type) => type == typeof(string) || type == typeof(string[]) || type == typeof(StringValues);

    private static bool IsSimple(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying.IsPrimitive || underlying.IsEnum || underlying == typeof(decimal) || underlying == typeof(DateOnly)
            || underlying == typeof(DateTime) || underlying == typeof(DateTimeOffset) || underlying == typeof(TimeOnly) || underlying == typeof(Guid);
    }

    /// <summary>What the checks must find: a page, a query record and a handler each taking a number from the query.</summary>
    private static class Offenders
    {
        public sealed class Page : ComponentBase
        {
            [SupplyParameterFromQuery(Name = "id")] public int? Id { get; set; }
            [SupplyParameterFromQuery(Name = "q")] public string? Search { get; set; }
        }

        public sealed record Query
        {
            [FromQuery(Name = "year")] public int? Year { get; init; }
            [FromQuery(Name = "q")] public string? Search { get; init; }
        }

        public static void Handler(int id, [FromQuery] int? page, [AsParameters] Query query, string? text, HttpContext context)
        {
        }
    }
}
