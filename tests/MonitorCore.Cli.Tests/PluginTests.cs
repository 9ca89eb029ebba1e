using System.Diagnostics;

namespace MonitorCore.Cli.Tests;

/// <summary>A plugin built from the repository's sample, dropped into <c>plugins/</c>, listed with its origin and run; a broken one reported while the rest start.</summary>
[Trait("Category", "Integration")]
public sealed class PluginTests : IDisposable
{
    private const string Sample = "MonitorCore.SamplePlugin";
    private readonly TempDirectory _folder = new();

    public void Dispose()
    {
        Data.DatabaseInitializer.ReleaseSqliteFiles();
        _folder.Dispose();
    }

    private static string Repository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MonitorCore.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("the repository (MonitorCore.sln) is not above the test's folder");
    }

    private static async Task BuildSampleAsync(string output)
    {
        var project = Path.Combine(Repository(), "samples", Sample, Sample + ".csproj");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "build", project, "-c", "Release", "-nologo", "-v", "q", "-o", output })
        {
            start.ArgumentList.Add(arg);
        }

        using var build = Process.Start(start)!;
        var stdout = build.StandardOutput.ReadToEndAsync();
        var stderr = build.StandardError.ReadToEndAsync();
        await build.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(10));
        Assert.True(build.ExitCode == 0, $"dotnet build of the sample failed: {await stdout}{await stderr}");
    }

    [Fact]
    public async Task The_sample_plugin_dropped_into_plugins_is_listed_with_its_origin_and_runs_while_a_broken_one_is_reported()
    {
        await BuildSampleAsync(_folder.File($"plugins/{Sample}"));
        Directory.CreateDirectory(_folder.File("plugins/broken"));
        File.WriteAllText(_folder.File("plugins/broken/broken.dll"), "not an assembly");
        var cli = new Cli(_folder.Path);
        cli.WriteConfig(new { Monitors = new { file_age_monitor = new { Path = _folder.File("bot-heartbeat.txt"), MaxAge = "00:01:00" } } });

        var list = await cli.RunAsync("list", "--json");

        Assert.Equal(0, list.ExitCode);
        var monitor = Assert.Single(list.Json["monitors"]!.AsArray(), m => (string?)m!["name"] == "file_age_monitor");
        Assert.Equal("plugin MonitorCore.SamplePlugin 1.2.0", (string?)monitor!["origin"]);
        var plugins = list.Json["plugins"]!.AsArray();
        Assert.Equal(["file_age_monitor"], plugins.Single(p => (string?)p!["name"] == Sample)!["monitors"]!.AsArray().Select(m => (string)m!));
        Assert.StartsWith("BadImageFormatException", (string?)plugins.Single(p => (string?)p!["name"] == "broken")!["error"], StringComparison.Ordinal);
        Assert.Contains("plugin plugins/broken not loaded: BadImageFormatException", (await cli.RunAsync("list")).Error, StringComparison.Ordinal);

        var missing = await cli.RunAsync("run", "file_age_monitor", "--json");
        Assert.Equal(1, missing.ExitCode);
        Assert.Equal($"{_folder.File("bot-heartbeat.txt")} does not exist", (string?)missing.Json["metadata"]!["error"]);

        File.WriteAllText(_folder.File("bot-heartbeat.txt"), "alive");
        var fresh = await cli.RunAsync("run", "file_age_monitor", "--json");
        Assert.Equal(0, fresh.ExitCode);
        Assert.Equal("Success", (string?)fresh.Json["status"]);
        Assert.Equal(60, (double)fresh.Json["metadata"]!["max_age_seconds"]!);
    }
}
