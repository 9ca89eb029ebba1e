using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;

namespace MonitorCore.Cli.Tests;

/// <summary>What one command printed and returned.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public JsonNode Json => JsonNode.Parse(Out) ?? throw new InvalidOperationException("no JSON output");
}

/// <summary>Runs <c>monitorcore</c> commands in-process in a working folder, with a given environment and clock.</summary>
public sealed class Cli(string workingDirectory, FakeTimeProvider? time = null)
{
    /// <summary>The command's environment; offline sources unless a test points them elsewhere.</summary>
    public Dictionary<string, string?> Environment { get; } = new(OfflineSources.Environment(), StringComparer.Ordinal);

    public string WorkingDirectory => workingDirectory;

    /// <summary>More changes to the composed services (a plugin's registrations, say).</summary>
    public Action<IServiceCollection>? Services { get; set; }

    public async Task<CliResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(output, error, workingDirectory, Environment, services =>
        {
            if (time is not null)
            {
                services.AddSingleton<TimeProvider>(time);
            }

            Services?.Invoke(services);
        });
        var code = await CliApp.RunAsync(args, context);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public void WriteConfig(object config) =>
        File.WriteAllText(Path.Combine(workingDirectory, "monitorcore.json"), JsonSerializer.Serialize(config));
}
