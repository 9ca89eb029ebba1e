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
}
