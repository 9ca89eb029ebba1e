using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using MonitorCore.Hosting.Operations;

namespace MonitorCore.Api.Endpoints;

/// <summary>The JSON Schemas of the configuration file, the manifest and the check types, as <c>docs/schemas</c> holds them.</summary>
public static class SchemasApi
{
    public const string ContentType = "application/schema+json";

    public static IEndpointRouteBuilder MapSchemasApi(this IEndpointRouteBuilder app)
    {
        var schemas = app.MapGroup("/api/schemas").WithTags("settings");
        schemas.MapGet("", List).WithName("ListSchemas").WithSummary("The JSON Schemas there are: the configuration file, the manifest and each check type.");
        schemas.MapGet("/{name}", Get).WithName("GetSchema")
            .WithSummary("One JSON Schema (draft 2020-12), generated from the options of this installation; 404 with the known names for an unknown one.")
            .Produces(StatusCodes.Status200OK, contentType: ContentType);
        return app;
    }

    public static Ok<SchemaList> List(MonitorCoreOperations operations) => TypedResults.Ok(operations.Schemas.List());

    public static ContentHttpResult Get(string name, MonitorCoreOperations operations) =>
        TypedResults.Text(Hosting.Configuration.ConfigurationSchemas.Text(operations.Schemas.Get(name)), ContentType);
}
