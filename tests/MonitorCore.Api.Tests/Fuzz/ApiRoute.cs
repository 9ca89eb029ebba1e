using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MonitorCore.Api.Tests.Fuzz;

/// <summary>An input a handler reads from the query string: its name there and its type.</summary>
public sealed record QueryInput(string Name, Type Type);

/// <summary>
/// One mapped route as the fuzzer sees it, read from the app's <see cref="EndpointDataSource"/>: method, pattern, the
/// route values, the query values and the JSON body its handler reads (from the handler's parameters).
/// </summary>
public sealed record ApiRoute(string Method, string Pattern, IReadOnlyList<string> RouteValues, IReadOnlyList<QueryInput> Query, Type? Body, bool RawBody)
{
    public override string ToString() => $"{Method} {Pattern}";

    public bool Mutates => Method != HttpMethods.Get && Method != HttpMethods.Head;

    /// <summary>Every route of the app, with each of its methods.</summary>
    public static IReadOnlyList<ApiRoute> All(IServiceProvider services) =>
        [.. services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [HttpMethods.Get]).Select(m => Of(e, m)))
            .OrderBy(r => r.Pattern, StringComparer.Ordinal)
            .ThenBy(r => r.Method, StringComparer.Ordinal)];

    /// <summary>The pattern without constraints or catch-all marks: <c>/api/alerts/{id}/snooze</c>.</summary>
    public static string Normalise(RouteEndpoint endpoint) =>
        "/" + string.Join("/", endpoint.RoutePattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator => separator.Content,
            _ => "",
        }))));

    private static ApiRoute Of(RouteEndpoint endpoint, string method)
    {
        var routeValues = endpoint.RoutePattern.Parameters.Select(p => p.Name).ToList();
        var handler = endpoint.Metadata.GetMetadata<MethodInfo>();
        var query = new List<QueryInput>();
        Type? body = null;
        var raw = false;
        foreach (var parameter in handler?.GetParameters() ?? [])
        {
            var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
            if (routeValues.Contains(parameter.Name!, StringComparer.OrdinalIgnoreCase) || parameter.GetCustomAttributes().Any(a => a is IFromServiceMetadata))
            {
                continue;
            }

            if (type == typeof(HttpRequest))
            {
                raw = true; // reads the body itself
            }
            else if (IsSimple(type))
            {
                var name = parameter.GetCustomAttributes().OfType<IFromQueryMetadata>().FirstOrDefault()?.Name ?? parameter.Name!;
                query.Add(new QueryInput(name, type));
            }
            else if (type.Namespace == typeof(Endpoints.MonitorsApi).Namespace)
            {
                body = type;
            }
        }

        return new ApiRoute(method, Normalise(endpoint), routeValues, query, body, raw);
    }

    private static bool IsSimple(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(DateTimeOffset) || type == typeof(decimal) || type == typeof(Guid);
}
