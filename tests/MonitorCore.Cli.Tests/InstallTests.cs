using System.Diagnostics;

namespace MonitorCore.Cli.Tests;

/// <summary>
/// monitorcore installed like a .NET service: the packed tool installed from its artifact into a tool path and run,
/// and serve under a parent that speaks systemd's notify protocol.
/// </summary>
[Trait("Category", "Integration")]
public sealed class InstallTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose()
    {
        Data.DatabaseInitializer.ReleaseSqliteFiles();
        _folder.Dispose();
    }

    /// <summary>The checkout: the tests run from tests/MonitorCore.Cli.Tests/bin/Release/net10.0.</summary>
    private static string RepositoryRoot =>
        Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", ".."));

    private static async Task<(int Code, string Out, string Error)> RunAsync(string file, string workingDirectory, TimeSpan timeout, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in OfflineSources.Environment())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not end within {timeout}:\n{await output}\n{await error}");
        }

        return (process.ExitCode, await output, await error);
    }

    [Fact]
    public async Task The_packed_tool_installs_into_a_tool_path_and_runs_version_and_run_all_demo()
    {
        var artifacts = _folder.File("artifacts");
        var pack = await RunAsync("dotnet", RepositoryRoot, TimeSpan.FromMinutes(15),
            "pack", Path.Combine(RepositoryRoot, "src", "MonitorCore.Cli"), "-c", "Release", "-o", artifacts, "-nologo", "-v", "q");
        Assert.True(pack.Code == 0, pack.Out + pack.Error);
        Assert.Single(Directory.GetFiles(artifacts, "MonitorCore.*.nupkg"));

        var tools = _folder.File("tools");
        var install = await RunAsync("dotnet", _folder.Path, TimeSpan.FromMinutes(10),
            "tool", "install", "--tool-path", tools, "--add-source", artifacts, "--ignore-failed-sources", "MonitorCore");
        Assert.True(install.Code == 0, install.Out + install.Error);

        var monitorcore = Path.Combine(tools, "monitorcore");
        var version = await RunAsync(monitorcore, _folder.Path, TimeSpan.FromMinutes(2), "--version");
        Assert.Equal(0, version.Code);
        Assert.StartsWith("1.0.0", version.Out.Trim(), StringComparison.Ordinal);

        var run = await RunAsync(monitorcore, _folder.Path, TimeSpan.FromMinutes(3), "run", "all", "--demo", "--db", _folder.File("demo.db"));
        Assert.True(run.Code == 0, run.Out + run.Error);
        Assert.Matches(@"(?m)^price_monitor +Success ", run.Out);
        Assert.Matches(@"(?m)^operations_monitor +Success ", run.Out);
    }

    [Fact]
    public async Task Under_systemd_serve_says_ready_once_started_and_logs_in_the_journal_format()
    {
        // systemd is recognised by the parent's name: a python3 named "systemd" listens on the notify socket.
        var parent = _folder.File("systemd");
        File.CreateSymbolicLink(parent, "/usr/bin/python3");
        var script = _folder.File("notify.py");
        await File.WriteAllTextAsync(script, """
            import os, signal, socket, sqlite3, subprocess, sys, time
            path, db, cmd = sys.argv[1], sys.argv[2], sys.argv[3:]
            listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
            listener.bind(path)
            listener.settimeout(120)
            child = subprocess.Popen(cmd, env=dict(os.environ, NOTIFY_SOCKET=path))
            try:
                while True:
                    said = listener.recv(4096).decode()
                    print("notify: " + said.replace("\n", " "), flush=True)
                    if "READY=1" in said:
                        break
                # Ready is said once the host started; the scheduler takes the lease just after: stop once a cycle ran.
                deadline = time.monotonic() + 120
                while time.monotonic() < deadline:
                    try:
                        with sqlite3.connect("file:%s?mode=ro" % db, uri=True) as c:
                            if c.execute("select count(*) from monitor_ledger where monitor_name = 'sonic_monitor'").fetchone()[0] > 0:
                                break
                    except sqlite3.Error:
                        pass
                    time.sleep(0.2)
            finally:
                child.send_signal(signal.SIGTERM)
                print("exit: %d" % child.wait(), flush=True)
                listener.settimeout(1)
                try:
                    print("notify: " + listener.recv(4096).decode().replace("\n", " "), flush=True)
                except socket.timeout:
                    pass
            """);
        var cli = CliProcess.StartInfo(_folder.Path, "serve", "--demo", "--no-api", "--db", _folder.File("demo.db"));

        var run = await RunAsync(parent, _folder.Path, TimeSpan.FromMinutes(3), [script, _folder.File("notify.sock"), _folder.File("demo.db"), cli.FileName, .. cli.ArgumentList]);

        Assert.Equal(0, run.Code);
        var said = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("notify: READY=1", said);
        Assert.Contains("exit: 0", said);
        Assert.Contains(said, l => l.StartsWith("notify: STOPPING=1", StringComparison.Ordinal));
        // The journal's format: the level as a priority prefix, no colours, one line each.
        Assert.Contains(run.Error.Split('\n'), l => l.StartsWith("<6>MonitorCore.Hosting.Scheduling.MonitorScheduler[2102]", StringComparison.Ordinal));
    }
}
