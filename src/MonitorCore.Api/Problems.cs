using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MonitorCore.Hosting.Operations;

namespace MonitorCore.Api;

/// <summary>
/// Every error is an RFC 7807 problem: a title that says what was wrong, a detail that says what to do,
/// and, when one input is at fault, its name in <c>field</c>. Nothing secret goes into one.
/// </summary>
public static class Problems
{
    public static ProblemHttpResult Of(OperationException ex) => TypedResults.Problem(new ProblemDetails
    {
        Status = StatusOf(ex.Error),
        Title = TitleOf(ex.Error),
        Detail = ex.Message,
        Type = $"https://monitorcore.dev/problems/{ex.Error.ToString().ToLowerInvariant()}",
        Extensions = ex.Field is null ? new Dictionary<string, object?>() : new Dictionary<string, object?> { ["field"] = ex.Field },
    });

    public static ProblemHttpResult BadRequest(string detail, string? field = null) => Of(OperationException.Invalid(detail, field));

    public static int StatusOf(OperationError error) => error switch
    {
        OperationError.Invalid => StatusCodes.Status400BadRequest,
        OperationError.NotFound => StatusCodes.Status404NotFound,
        OperationError.Conflict => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status503ServiceUnavailable,
    };

    private static string TitleOf(OperationError error) => error switch
    {
        OperationError.Invalid => "The request is not valid",
        OperationError.NotFound => "Not found",
        OperationError.Conflict => "It clashes with what is stored",
        _ => "It cannot be done now",
    };

    /// <summary>
    /// Writes a problem for an error answer that has no body yet: a route that does not exist, a method a route does not
    /// take, a body too large to read before its handler ran (the status code pages of <c>UseStatusCodePages</c>).
    /// </summary>
    public static Task ForStatusCodeAsync(StatusCodeContext context)
    {
        var http = context.HttpContext;
        var request = $"{http.Request.Method} {http.Request.Path}";
        var status = http.Response.StatusCode;
        var (title, detail) = status switch
        {
            StatusCodes.Status404NotFound => ("Not found", $"Nothing answers {request}; /openapi/v1.json lists the routes."),
            StatusCodes.Status405MethodNotAllowed => ("Method not allowed", $"{http.Request.Path} does not take {http.Request.Method}; /openapi/v1.json lists the routes."),
            StatusCodes.Status413PayloadTooLarge => ("The request body is too large",
                $"The body is larger than the {http.RequestServices.GetRequiredService<IOptions<ApiOptions>>().Value.MaxBodyBytes} bytes Api:MaxBodyBytes allows."),
            StatusCodes.Status415UnsupportedMediaType => ("Unsupported media type", "Send the body as JSON (Content-Type: application/json)."),
            _ => (ReasonPhrases.GetReasonPhrase(status), $"{request} could not be handled as sent."),
        };
        return WriteAsync(http, status, title, detail);
    }

    /// <summary>Writes a problem outside an endpoint (middleware).</summary>
    public static Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(
            new ProblemDetails { Status = status, Title = title, Detail = detail },
            options: null,
            contentType: "application/problem+json");
    }
}
