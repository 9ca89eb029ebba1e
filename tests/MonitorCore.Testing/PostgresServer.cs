using System.Diagnostics;
using Npgsql;

namespace MonitorCore.Testing;

/// <summary>
/// A real PostgreSQL server from Debian's packages, started for the tests with <c>initdb</c> and
/// <c>pg_ctl</c> in a temporary folder on a free loopback port, and removed afterwards. As root it
/// runs as the <c>postgres</c> user (the server refuses root). Each test gets its own database.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const int StartAttempts = 5;
    private readonly string _binDirectory;
    private readonly string _dataDirectory;
    private int _databases;

    private PostgresServer(string binDirectory, string dataDirectory)
    {
        _binDirectory = binDirectory;
        _dataDirectory = dataDirectory;
    }

    public int Port { get; private set; }

    /// <summary>The <c>postgres</c> database, pooled.</summary>
    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Timeout=30";

    public string AdminConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=false;Timeout=30";

    /// <summary>
    /// Starts a server. Tests skip the disk flushes (<c>fsync=off</c>) for speed; a benchmark asks for
    /// <paramref name="durable"/> settings so that a commit costs what it costs in production.
    /// </summary>
    public static async Task<PostgresServer> StartAsync(bool durable = false)
    {
        var bin = FindBinDirectory();
        var root = Path.Combine(Path.GetTempPath(), "monitorcore-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(root);
        var data = Path.Combine(root, "data");
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", root]);
        }

        var server = new PostgresServer(bin, data);
        await server.RunPgAsync("initdb", ["-D", data, "-U", "postgres", "--auth=trust", .. (durable ? Array.Empty<string>() : ["--no-sync"]), "-E", "UTF8", "--locale=C"]);
        var settings = durable
            ? "-c shared_buffers=256MB"
            : "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
        for (var attempt = 1; !await server.TryStartAsync(root, settings); attempt++)
        {
            if (attempt == StartAttempts)
            {
                throw new InvalidOperationException($"PostgreSQL found its port taken {StartAttempts} times in a row.");
            }
        }

        return server;
    }

    /// <summary>
    /// Starts the server on a candidate port. PostgreSQL takes its port on the command line, so another
    /// process may take the port before the server binds it: then this returns false and the caller
    /// tries another port. Any other failure throws, with the server's log.
    /// </summary>
    private async Task<bool> TryStartAsync(string root, string settings)
    {
        Port = LoopbackPorts.Candidate();
        var log = Path.Combine(root, "server.log");
        var (exitCode, output) = await TryRunPgAsync("pg_ctl", [
            "-D", _dataDirectory, "-l", log, "-w", "-t", "60",
            "-o", $"-p {Port} -k {root} -c listen_addresses=127.0.0.1 {settings}",
            "start",
        ]);
        if (exitCode == 0)
        {
            return true;
        }

        var serverLog = File.Exists(log) ? await File.ReadAllTextAsync(log) : "";
        if (serverLog.Contains("Address already in use", StringComparison.Ordinal))
        {
            File.Delete(log);
            return false;
        }

        throw new InvalidOperationException($"PostgreSQL did not start on port {Port}:\n{output}\n{serverLog}");
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"t{Interlocked.Increment(ref _databases)}_{Guid.NewGuid():N}"[..30];
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name} TEMPLATE template0", connection);
        await command.ExecuteNonQueryAsync();
        return $"Host=127.0.0.1;Port={Port};Username=postgres;Database={name};Timeout=30";
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunPgAsync("pg_ctl", ["-D", _dataDirectory, "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(_dataDirectory)!, recursive: true);
        }
    }

    private async Task RunPgAsync(string tool, string[] arguments) => Succeeded(await TryRunPgAsync(tool, arguments), tool, arguments);

    private Task<(int ExitCode, string Output)> TryRunPgAsync(string tool, string[] arguments)
    {
        var path = Path.Combine(_binDirectory, tool);
        return Environment.UserName == "root"
            ? TryRunAsync("runuser", ["-u", "postgres", "--", path, .. arguments])
            : TryRunAsync(path, arguments);
    }

    private static async Task RunAsync(string file, string[] arguments) => Succeeded(await TryRunAsync(file, arguments), file, arguments);

    private static void Succeeded((int ExitCode, string Output) run, string file, string[] arguments)
    {
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {run.ExitCode}:\n{run.Output}");
        }
    }

    private static async Task<(int ExitCode, string Output)> TryRunAsync(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, $"{await stdout}\n{await stderr}");
    }

    private static string FindBinDirectory()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
            : [];
        return candidates.OrderDescending(StringComparer.Ordinal).FirstOrDefault()
            ?? throw new InvalidOperationException(
                "PostgreSQL is not installed: the integration tests need Debian's 'postgresql' package. Run scripts/test.sh, which installs it.");
    }
}
