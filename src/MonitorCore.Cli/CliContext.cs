using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Hosting.Configuration;

namespace MonitorCore.Cli;

/// <summary>Where a command reads and writes: the process's console and environment, or a test's.</summary>
/// <param name="Out">Standard output: results.</param>
/// <param name="Error">Standard error: problems and notices.</param>
/// <param name="BaseDirectory">The working directory; relative paths start here.</param>
/// <param name="Environment">Environment variables.</param>
/// <param name="ConfigureServices">Changes to the composed services (tests swap the clock here).</param>
public sealed record CliContext(
    TextWriter Out,
    TextWriter Error,
    string BaseDirectory,
    IReadOnlyDictionary<string, string?> Environment,
    Action<IServiceCollection>? ConfigureServices = null)
{
    public static CliContext FromProcess() =>
        new(Console.Out, Console.Error, Directory.GetCurrentDirectory(), HostSettings.ReadEnvironment());
}
