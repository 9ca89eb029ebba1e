using System.Diagnostics;

namespace MonitorCore.Cli.Tests;

/// <summary>
/// Starts <c>monitorcore</c> as a real process from the tests' output folder, with the tests' runtime
/// configuration and dependency file (the folder holds the assemblies resolved for the test project).
/// </summary>
internal static class CliProcess
{
    public static ProcessStartInfo StartInfo(string workingDirectory, params string[] args)
    {
        var folder = AppContext.BaseDirectory;
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (var arg in new[]
                 {
                     "exec",
                     "--runtimeconfig", Path.Combine(folder, "MonitorCore.Cli.Tests.runtimeconfig.json"),
                     "--depsfile", Path.Combine(folder, "MonitorCore.Cli.Tests.deps.json"),
                     Path.Combine(folder, "MonitorCore.Cli.dll"),
                 }.Concat(args))
        {
            start.ArgumentList.Add(arg);
        }

        return start;
    }

    /// <summary>
    /// Runs a command to its end as user <c>nobody</c> (uid 65534, through <c>setpriv</c>; the tests run as root): a user
    /// who may read what root made but not write it, which root itself can never be. Sources are offline.
    /// </summary>
    public static async Task<CliResult> RunAsNobodyAsync(string workingDirectory, params string[] args)
    {
        var start = StartInfo(workingDirectory, args);
        start.FileName = "setpriv";
        foreach (var (i, arg) in new[] { "--reuid=65534", "--regid=65534", "--clear-groups", "--", "dotnet" }.Index())
        {
            start.ArgumentList.Insert(i, arg);
        }

        foreach (var (key, value) in OfflineSources.Environment())
        {
            start.Environment[key] = value;
        }

        start.Environment["HOME"] = workingDirectory;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await output, await error);
    }
}
