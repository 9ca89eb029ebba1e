using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Logging;
using MonitorCore.Hosting.Operations;

namespace MonitorCore.Api;

/// <summary>
/// Turns what a handler throws into a problem: an operation's refusal with its status and message; a request
/// that cannot be read (bad JSON, a query value of the wrong type) as 400 saying what was wrong; anything
/// else as 500 without internals (logged here with its stack trace at Debug).
/// </summary>
public sealed partial class ApiExceptionHandler(IProblemDetailsService problems, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            OperationException ex => Problems.Of(ex).ProblemDetails,
            BadHttpRequestException ex => new ProblemDetails
            {
                Status = ex.StatusCode,
                Title = ex.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is too large" : "The request could not be read",
                Detail = Describe(ex),
            },
            OperationCanceledException when httpContext.RequestAborted.IsCancellationRequested => null,
            _ => Unexpected(httpContext, exception),
        };
        if (problem is null)
        {
            return true;
        }

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status500InternalServerError;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = httpContext, ProblemDetails = problem, Exception = exception });
    }

    private ProblemDetails Unexpected(HttpContext context, Exception exception)
    {
        LogUnexpected(logger, exception, context.Request.Method, context.Request.Path);
        return new ProblemDetails
        {
            Status = StatusCodes.Status500InternalServerError,
            Title = "Something went wrong",
            Detail = "The request failed on the server; the service's log has the details. Nothing was changed by a read; a change may or may not have been stored: read it back.",
        };
    }

    /// <summary>The runtime's message, with the JSON reader's reason (path and position) when there is one.</summary>
    private static string Describe(BadHttpRequestException ex) =>
        ex.InnerException is System.Text.Json.JsonException json ? $"{ex.Message} {json.Message}" : ex.Message;

    [LoggerMessage(EventId = 4000, Level = LogLevel.Error, Message = "{Method} {Path} failed")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, string path);
}
