using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MonitorCore.Cli.Tests;

/// <summary>
/// Seeded fuzzing of the command line (issue 12's acceptance): random argument strings for every command of the tree
/// <see cref="CliApp.CreateRootCommand"/> builds, and random and truncated CSV and JSON files for <c>positions import</c>
/// and <c>ledger import-json</c>. No exception type or stack trace reaches the user, every exit code is 0, 1 or 2, and a
/// refused input (exit 2) leaves every stored row and file as it was.
/// </summary>
public sealed partial class CliFuzzTests : IAsyncLifetime
{
    private const int Seed = 20261124;

    /// <summary>The service runs until stopped: it is started by its own tests, not here.</summary>
    private static readonly HashSet<string> NotFuzzed = new(StringComparer.Ordinal) { "monitorcore serve" };

    private static readonly string[] Pool =
    [
        "", " ", "all", "status", "Profit", "Position", "profit", "LiquidationDistance", "Portfolio", "liquid_monitor", "latency_monitor",
        "price_monitor", "nobody", "near", "safe", "1", "0", "-1", "2.5", "1e309", "-5e300", "NaN", "Infinity", "99999999999999999999",
        "30m", "2h", "1d", "30", "-30m", "99999999999d", "00:30:00", "sms", "voce,sms", "email", "pigeon", "HIGH", "low", "ABOVE", "SIDEWAYS",
        "active", "all", "closed", "Error", "Success", "enabled_risk", "sonic_interval_seconds", "theme_mode", "light", "true", "false",
        "Monitors:liquid_monitor:ThresholdPercent", "Notifcations:Sms:To", "main", "5Egu5iBD5TvXPR7i5QazQi6JT51LZrq8P3dYRcM3wHz6", "0xnotsolana",
        "mine.csv", "notes.txt", "missing.json", ".", "data", "legacy", "\u001b[31mred\u001b[0m", "\u202Eevil", "a\0b", "--", "-", "--json",
        "--help", "--db", "--config", "--demo", "--limit", "--for", "--status", "--low", "--nope", new string('x', 3000), "é✓🚀", "'", "\"",
    ];

    /// <summary>Values near the right ones, by argument or option name: half the values come from here, so that the commands go past parsing into the operations.</summary>
    private static readonly Dictionary<string, string[]> ByName = new(StringComparer.Ordinal)
    {
        ["name"] = ["all", "latency_monitor", "liquid_monitor", "price_monitor", "main", "nobody"],
        ["monitor"] = ["latency_monitor", "liquid_monitor", "nobody", ""],
        ["target"] = ["all", "liquid_monitor", "1", "2"],
        ["id"] = ["1", "2", "near", "safe", "nea", "99"],
        ["type"] = ["Profit", "LiquidationDistance", "Proft", "PriceMove"],
        ["class"] = ["Position", "Portfolio", "Postion"],
        ["key"] = ["sonic_interval_seconds", "enabled_risk", "theme_mode", "Monitors:liquid_monitor:ThresholdPercent", "Notifcations:Sms:To"],
        ["value"] = ["30", "true", "light", "8", "-1", "30m", "HIGH"],
        ["seconds"] = ["60", "0", "1e309", "NaN", "604801"],
        ["file"] = ["mine.csv", "notes.txt", "missing.json", ".", ""],
        ["path"] = ["legacy", ".", "notes.txt", "missing"],
        ["address"] = ["5Egu5iBD5TvXPR7i5QazQi6JT51LZrq8P3dYRcM3wHz6", "0xnotsolana"],
        ["--for"] = ["30m", "2h", "30", "99999999999d"],
        ["--status"] = ["active", "all", "Error", "pending", "sideways"],
        ["--limit"] = ["1", "0", "100000", "-5"],
        ["--channel"] = ["email", "sms", "pigeon"],
        ["--level"] = ["HIGH", "low", "LOUD"],
        ["--monitor"] = ["latency_monitor", "nobody"],
        ["--low"] = ["1", "NaN", "50"],
        ["--medium"] = ["2", "25"],
        ["--high"] = ["3", "10"],
        ["--condition"] = ["ABOVE", "below", "SIDEWAYS"],
        ["--high-notify"] = ["sms,voice", "voce"],
        ["--config"] = ["missing.json", "notes.txt", ".", ""],
    };

    private static readonly string[] DbValues = ["data/monitorcore.db", "notes.txt", ".", "other.db", "data", "Host=127.0.0.1;Port=1;Timeout=1;Username=x", ""];

    private readonly TempDirectory _folder = new();
    private Cli _cli = null!;

    private string Db => _folder.File("data/monitorcore.db");

    public async Task InitializeAsync()
    {
        _cli = new Cli(_folder.Path, new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero)));
        _cli.Environment["MONITORCORE_Monitors__latency_monitor__Targets__0__Name"] = "dead";
        _cli.Environment["MONITORCORE_Monitors__latency_monitor__Targets__0__Url"] = LocalHttpServer.RefusedUrl();
        await File.WriteAllTextAsync(_folder.File("mine.csv"), GoodCsv);
        await File.WriteAllTextAsync(_folder.File("notes.txt"), "buy low, sell high\n");
        Directory.CreateDirectory(_folder.File("legacy"));
        await File.WriteAllTextAsync(_folder.File("legacy/price_ledger.json"), GoodLedger);
        Assert.Equal(0, (await _cli.RunAsync("positions", "import", "mine.csv")).ExitCode);
        Assert.Equal(0, (await _cli.RunAsync("run", "liquid_monitor")).ExitCode);
        Assert.Equal(0, (await _cli.RunAsync("ledger", "import-json", "legacy")).ExitCode);
    }

    public Task DisposeAsync()
    {
        Data.DatabaseInitializer.ReleaseSqliteFiles();
        _folder.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Random_arguments_to_every_command_never_show_an_exception_and_a_refusal_changes_nothing()
    {
        var random = new Random(Seed);
        var commands = Leaves(CliApp.CreateRootCommand(new CliContext(TextWriter.Null, TextWriter.Null, _folder.Path, new Dictionary<string, string?>())), "")
            .Where(c => !NotFuzzed.Contains(c.Path))
            .ToList();
        Assert.True(commands.Count >= 30, $"only {commands.Count} commands found");

        // Every command twice in well-formed shapes first (the likeliest values, then near ones), so that each goes past
        // parsing into its operation; then random argument strings.
        for (var i = 0; i < 300; i++)
        {
            var pass = i / commands.Count;
            var (path, command) = commands[pass < 2 ? i % commands.Count : random.Next(commands.Count)];
            var args = new List<string>(path.Split(' ').Skip(1));
            foreach (var argument in command.Arguments)
            {
                if (pass < 2 || random.Next(8) > 0)
                {
                    args.Add(pass == 0 ? Likeliest(argument.Name, random) : Pick(random, argument.Name));
                }
            }

            foreach (var option in command.Options.Concat(GlobalOptionsOf(command)).Where(o => pass == 0 ? o.Required : random.Next(3) == 0))
            {
                args.Add(option.Name);
                if (option.Name == "--db")
                {
                    args.Add(DbValues[random.Next(DbValues.Length)]);
                }
                else if (option.ValueType != typeof(bool) && (pass < 2 || random.Next(6) > 0))
                {
                    args.Add(pass == 0 ? Likeliest(option.Name, random) : Pick(random, option.Name));
                }
            }

            for (var extra = pass >= 2 && random.Next(4) == 0 ? random.Next(1, 3) : 0; extra > 0; extra--)
            {
                args.Insert(random.Next(args.Count + 1), Pick(random));
            }

            if (args.Contains("serve", StringComparer.Ordinal))
            {
                continue;
            }

            await CheckAsync(args.ToArray());
        }
    }

    [Fact]
    public async Task Random_and_truncated_positions_files_never_show_an_exception_and_a_refusal_changes_nothing()
    {
        var random = new Random(Seed + 1);
        for (var i = 0; i < 60; i++)
        {
            var json = random.Next(2) == 0;
            var name = $"fuzz-{i}.{(json ? "json" : "csv")}";
            await File.WriteAllTextAsync(_folder.File(name), Mangle(json ? GoodJson : GoodCsv, random));
            await CheckAsync(random.Next(3) == 0 ? ["positions", "import", name, "--replace"] : ["positions", "import", name, "--json"]);
        }
    }

    [Fact]
    public async Task Random_and_truncated_ledger_files_never_show_an_exception_and_a_refusal_changes_nothing()
    {
        var random = new Random(Seed + 2);
        for (var i = 0; i < 60; i++)
        {
            var name = $"fuzz{i}_ledger.json";
            await File.WriteAllTextAsync(_folder.File(name), Mangle(GoodLedger, random));
            await CheckAsync(["ledger", "import-json", name]);
        }
    }

    /// <summary>Runs one command line; checks the exit code, the output, and that a refusal (exit 2) changed nothing.</summary>
    private async Task CheckAsync(string[] args)
    {
        var before = Snapshot();
        CliResult result;
        try
        {
            result = await _cli.RunAsync(args);
        }
        catch (Exception ex)
        {
            Assert.Fail($"monitorcore {Shown(args)} threw {ex.GetType().Name}: {ex.Message}");
            throw;
        }

        Assert.True(result.ExitCode is 0 or 1 or 2, $"monitorcore {Shown(args)} exited {result.ExitCode}: {result.Error}");
        foreach (var text in new[] { result.Error, result.Out })
        {
            Assert.False(ExceptionName().IsMatch(text) || text.Contains("   at ", StringComparison.Ordinal) || text.Contains("failed unexpectedly", StringComparison.Ordinal) || text.Contains("Please report it", StringComparison.Ordinal),
                $"monitorcore {Shown(args)} showed an exception (exit {result.ExitCode}):\n{text}");
        }

        if (result.ExitCode == 2)
        {
            Assert.True(before == Snapshot(), $"monitorcore {Shown(args)} was refused (exit 2: {result.Error.Trim()}) but changed what is stored");
        }
    }

    /// <summary>The main database's rows and the files the commands may write (the timer file).</summary>
    private string Snapshot()
    {
        var timers = _folder.File("config/timer_config.json");
        return (File.Exists(Db) ? SqliteRows.Of(Db) : "no database") + "\n" + (File.Exists(timers) ? File.ReadAllText(timers) : "no timers");
    }

    private static IEnumerable<(string Path, Command Command)> Leaves(Command command, string prefix)
    {
        var path = (prefix + " " + command.Name).Trim();
        if (command.Action is not null)
        {
            yield return (path, command);
        }

        foreach (var child in command.Subcommands.SelectMany(c => Leaves(c, path)))
        {
            yield return child;
        }
    }

    /// <summary>The root's options that every command takes (recursive).</summary>
    private static IEnumerable<Option> GlobalOptionsOf(Command command)
    {
        var root = command;
        while (root.Parents.OfType<Command>().FirstOrDefault() is { } parent)
        {
            root = parent;
        }

        return root == command ? [] : root.Options.Where(o => o.Recursive);
    }

    private static string Likeliest(string name, Random random) => ByName.TryGetValue(name, out var near) ? near[0] : Pool[random.Next(Pool.Length)];

    private static string Pick(Random random, string? name = null) =>
        name is not null && ByName.TryGetValue(name, out var near) && random.Next(2) == 0 ? near[random.Next(near.Length)]
        : random.Next(10) == 0 ? RandomText(random, random.Next(1, 40))
        : Pool[random.Next(Pool.Length)];

    private static string RandomText(Random random, int length)
    {
        var text = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            text.Append(random.Next(4) == 0 ? (char)random.Next(1, 0x3000) : (char)random.Next(32, 127));
        }

        return text.ToString();
    }

    /// <summary>A good file truncated, with bytes changed, numbers made absurd, lines doubled or cut, or garbage.</summary>
    private static string Mangle(string good, Random random)
    {
        var text = good;
        for (var changes = random.Next(1, 4); changes > 0; changes--)
        {
            text = random.Next(7) switch
            {
                0 => text[..random.Next(text.Length + 1)],
                1 => Replace(text, random, ["NaN", "Infinity", "-5e300", "1e309", "-1", "0", "1e-320", "\"\"", "null", "[]", "{}", "\u001b[2J", "\u202E"]),
                2 => Insert(text, random, [",", "\"", "\n", "{", "]", ":", "\0", "\\", "entry_price", "\u00e9"]),
                3 => string.Join('\n', text.Split('\n').SelectMany(line => random.Next(4) == 0 ? [line, line] : new[] { line })),
                4 => text.Replace("entry_price", random.Next(2) == 0 ? "entryPrice" : "entry_price,entryPrice", StringComparison.Ordinal),
                5 => RandomText(random, random.Next(0, 300)),
                _ => Insert(text, random, [RandomText(random, random.Next(1, 20))]),
            };
        }

        return text;
    }

    private static string Replace(string text, Random random, string[] with)
    {
        var numbers = NumberPattern().Matches(text);
        if (numbers.Count == 0)
        {
            return text;
        }

        var match = numbers[random.Next(numbers.Count)];
        return string.Concat(text.AsSpan(0, match.Index), with[random.Next(with.Length)], text.AsSpan(match.Index + match.Length));
    }

    private static string Insert(string text, Random random, string[] what)
    {
        var at = random.Next(text.Length + 1);
        return string.Concat(text.AsSpan(0, at), what[random.Next(what.Length)], text.AsSpan(at));
    }

    private static string Shown(string[] args) =>
        string.Join(' ', args.Select(a => a.Length > 60 ? a[..60] + "…" : a)).Replace("\0", "\\0", StringComparison.Ordinal).Replace("\u001b", "\\e", StringComparison.Ordinal);

    private const string GoodCsv = """
        id,asset_type,position_type,entry_price,liquidation_price,size,collateral,current_price
        near,SOL,LONG,182.5,174.3,1500,115,181
        safe,ETH,LONG,3300,2750,2000,340,3400
        short,BTC,SHORT,95100,110000,5000,520,96000
        """;

    private const string GoodJson = """
        [
          {"id": "near", "asset_type": "SOL", "position_type": "LONG", "entry_price": 182.5, "liquidation_price": 174.3, "size": 1500, "collateral": 115},
          {"id": "j-2", "assetType": "ETH", "positionType": "short", "entryPrice": 3300, "liquidationPrice": 3900, "size": 2000, "collateral": 340, "pnl_after_fees_usd": -12.5}
        ]
        """;

    private const string GoodLedger = """
        {"timestamp": "2026-11-24T11:00:00Z", "status": "Success", "metadata": {"fetched": 4}, "duration_ms": 120.5}
        {"timestamp": "2026-11-24T11:01:00+00:00", "status": "failed", "metadata": {"error": "timeout"}, "duration_ms": 90000}
        {"monitor_name": "latency_monitor", "timestamp": "2026-11-24T11:02:00", "status": "ok", "cycle_id": "20261124T110200Z-1a2b3c4d"}
        """;

    [GeneratedRegex(@"\b[A-Z][A-Za-z]*Exception\b")]
    private static partial Regex ExceptionName();

    [GeneratedRegex(@"-?\d+(\.\d+)?")]
    private static partial Regex NumberPattern();
}
