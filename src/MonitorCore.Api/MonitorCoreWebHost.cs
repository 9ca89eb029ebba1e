using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using MonitorCore.Hosting;
using MonitorCore.Hosting.Configuration;

namespace MonitorCore.Api;

/// <summary>
/// The service with its API: a web host (Kestrel) with Monitor Core on it and every route mapped. It refuses to
/// listen beyond this machine without an API key.
/// </summary>
public static class MonitorCoreWebHost
{
    /// <param name="settings">The working directory, environment and command-line settings (<c>Api:Urls</c> among them).</param>
    /// <param name="shutdownTimeout">How long a stop waits for the cycle and the dispatcher.</param>
    /// <param name="configureServices">Changes to the services (tests swap the clock).</param>
    /// <param name="configureHost">Changes to the host builder (the CLI adds logging).</param>
    public static MonitorCoreApp Build(
        HostSettings settings, TimeSpan shutdownTimeout, Action<IServiceCollection>? configureServices = null, Action<IHostApplicationBuilder>? configureHost = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = "monitorcore",
            ContentRootPath = settings.BaseDirectory,
            Args = [],
        });
        builder.Configuration.Sources.Clear(); // Monitor Core's own sources, the same as every command's
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = shutdownTimeout);
        return MonitorCoreApp.Build(
            builder,
            b =>
            {
                var app = b.Build();
                app.MapMonitorCore();
                return app;
            },
            settings,
            configureServices,
            host =>
            {
                configureHost?.Invoke(host);
                var web = (WebApplicationBuilder)host;
                web.AddMonitorCoreApi();
                var api = web.Configuration.GetSection(ApiOptions.Section).Get<ApiOptions>() ?? new ApiOptions();
                if (ListeningProblem(api) is { } problem)
                {
                    throw new ConfigurationErrorException(problem);
                }

                web.WebHost.UseUrls(api.Urls);
            });
    }

    /// <summary>Why the API must not listen as configured (beyond loopback without a key), or null.</summary>
    public static string? ListeningProblem(ApiOptions api) =>
        api.HasKeys || MonitorCoreApiExtensions.IsLoopbackOnly(api.Urls)
            ? null
            : $"The API would listen on {api.Urls}, which other machines can reach, without an API key. Set one, e.g. " +
              "MONITORCORE_Api__Keys__0=<a long random string> (or Api:Keys in the config file; Api:ReadOnlyKeys for keys that may only read), " +
              $"or listen on this machine only (--urls {ApiOptions.DefaultUrls}).";
}
