using Microsoft.AspNetCore.Http;

namespace MonitorCore.Api.Security;

/// <summary>
/// Refuses a request without a valid key (401, with the header to send) and a mutation with a
/// read-only key (403), as problem details. The health probes are always open.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, ApiKeys keys)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (ApiKeys.IsOpen(context.Request.Path))
        {
            await next(context);
            return;
        }

        switch (keys.Of(context.Request))
        {
            case Access.None:
                context.Response.Headers.WWWAuthenticate = $"{ApiKeys.Scheme} realm=\"monitorcore\"";
                await Problems.WriteAsync(context, StatusCodes.Status401Unauthorized, "An API key is needed",
                    "Send 'Authorization: Bearer <key>' with a key from Api:Keys (or Api:ReadOnlyKeys to read).");
                return;
            case Access.Read when !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method):
                await Problems.WriteAsync(context, StatusCodes.Status403Forbidden, "This key may only read",
                    "The key is a read-only key (Api:ReadOnlyKeys): use a key from Api:Keys to change anything.");
                return;
            default:
                await next(context);
                return;
        }
    }
}
