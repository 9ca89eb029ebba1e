using System.Net;
using Microsoft.AspNetCore.Routing;
using MonitorCore.Api.Tests.Fuzz;

namespace MonitorCore.Api.Tests;

/// <summary>The OpenAPI document and its reference page.</summary>
public sealed class OpenApiTests
{
    /// <summary>What serves the description itself rather than the API.</summary>
    private static readonly string[] NotDescribed = ["/openapi/{documentName}.json", "/api/docs", "/api/docs/{documentName}"];

    [Fact]
    public async Task The_document_lists_every_mapped_route_with_its_method()
    {
        await using var api = await ApiHost.StartOnSqliteAsync();
        var document = (await api.Client.Get("openapi/v1.json")).Is(HttpStatusCode.OK).Json;
        var paths = document["paths"]!.AsObject();

        var routes = ApiRoute.All(api.App.Services).Where(r => !NotDescribed.Contains(r.Pattern) && !r.Pattern.StartsWith("/api/docs/", StringComparison.Ordinal)).ToList();
        Assert.Contains(routes, r => r.Pattern == "/api/alerts/{id}/snooze" && r.Method == "DELETE");
        Assert.Contains(routes, r => r.Pattern == "/metrics");
        var missing = routes.Where(r => paths[r.Pattern.TrimEnd('/')]?[r.Method.ToLowerInvariant()] is null).Select(r => r.ToString()).ToList();
        Assert.True(missing.Count == 0, "not in the OpenAPI document: " + string.Join(", ", missing));

        var described = paths.SelectMany(p => p.Value!.AsObject().Select(m => $"{m.Key.ToUpperInvariant()} {p.Key}")).ToList();
        Assert.Equal(routes.Count, described.Count);
        Assert.Equal("Monitor Core", (string?)document["info"]!["title"]);
    }

    [Theory]
    [InlineData("v2")]
    [InlineData("V1x")]
    [InlineData("%20")]
    public async Task A_document_that_does_not_exist_is_a_404_problem(string name)
    {
        await using var api = await ApiHost.StartOnSqliteAsync();

        var problem = (await api.Client.Get($"openapi/{name}.json")).Problem(HttpStatusCode.NotFound);

        Assert.Equal("documentName", (string?)problem["field"]);
        Assert.Contains("/openapi/v1.json", (string?)problem["detail"], StringComparison.Ordinal);
        (await api.Client.Get("openapi/V1.json")).Is(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_reference_page_answers_with_its_scripts_and_points_at_the_document()
    {
        await using var api = await ApiHost.StartOnSqliteAsync();

        var page = (await api.Client.Get("api/docs/")).Is(HttpStatusCode.OK);

        Assert.Equal("text/html", page.ContentType);
        Assert.Contains("<title>Monitor Core API</title>", page.Body, StringComparison.Ordinal);
        Assert.Contains("\"url\":\"openapi/v1.json\"", page.Body, StringComparison.Ordinal); // resolved against the site's root by scalar.aspnetcore.js
        foreach (var asset in new[] { "scalar.js", "scalar.aspnetcore.js", "favicon.svg" })
        {
            (await api.Client.Get("api/docs/" + asset)).Is(HttpStatusCode.OK);
        }

        (await api.Client.Get("openapi/v1.json")).Is(HttpStatusCode.OK);
        Assert.Equal(page.Body, (await api.Client.Get("api/docs")).Is(HttpStatusCode.OK).Body);
    }
}
