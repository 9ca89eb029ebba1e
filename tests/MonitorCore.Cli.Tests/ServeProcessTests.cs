using System.Diagnostics;
using System.Text;

namespace MonitorCore.Cli.Tests;

/// <summary><c>monitorcore serve</c> as a real process under the generic host: a stop signal ends it cleanly.</summary>
[Trait("Category", "Integration")]
public sealed class ServeProcessTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose()
    {
        Data.DatabaseInitializer.ReleaseSqliteFiles();
        _folder.Dispose();
    }

    [Theory]
    [InlineData("--urls=http://127.0.0.1:0")] // the web host with the API
    [InlineData("--no-api")] // the generic host, the engine alone
    public async Task Sigterm_stops_the_service_with_exit_code_0_after_its_cycle_ran(string host)
    {
        var start = CliProcess.StartInfo(_folder.Path, "serve", "--demo", host, "--db", _folder.File("demo.db"));

        var error = new StringBuilder();
        var cycled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var process = new Process { StartInfo = start };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (error)
            {
                error.AppendLine(e.Data);
            }

            if (e.Data?.Contains("Monitor sonic_monitor finished", StringComparison.Ordinal) == true)
            {
                cycled.TrySetResult();
            }
        };
        process.Start();
        process.BeginErrorReadLine();
        try
        {
            await cycled.Task.WaitAsync(TimeSpan.FromSeconds(60));

            using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
            {
                await kill.WaitForExitAsync();
            }

            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        Assert.Equal(0, process.ExitCode);
        lock (error)
        {
            Assert.Contains("Monitor Core stopped.", error.ToString(), StringComparison.Ordinal);
        }
    }
}
