using System.Text.RegularExpressions;

namespace MonitorCore.Cli.Tests.ConsoleUi;

/// <summary>
/// <c>monitorcore console --demo</c> driven as a person would, in a real pseudo-terminal (tmux): the built CLI as its own
/// process, on a new database in a temporary folder; keys pressed, the screen read back.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class ConsolePtyTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose()
    {
        Data.DatabaseInitializer.ReleaseSqliteFiles();
        _folder.Dispose();
    }

    [Fact]
    public async Task In_a_terminal_r_runs_a_monitor_a_acknowledges_question_mark_lists_the_keys_and_ctrl_c_gives_the_terminal_back()
    {
        var database = _folder.File("console.db");
        using var tmux = new Tmux(_folder.Path);
        await tmux.WaitForAsync(Tmux.Prompt.TrimEnd()); // capture-pane drops trailing blanks

        tmux.Type(Command("console", "--demo", "--db", database) + "; echo \"exit=$?\"", enter: true);

        // The live table: every monitor, none run yet, on the alternate screen.
        var first = await tmux.WaitForAsync(s => s.Contains("Monitors (", StringComparison.Ordinal) && s.Contains("never run", StringComparison.Ordinal), "the monitor table");
        Assert.Contains("demo market", first, StringComparison.Ordinal);
        Assert.Contains("price_monitor", first, StringComparison.Ordinal);
        Assert.Contains("Ledger, newest first (0)", first, StringComparison.Ordinal);
        Assert.Equal("1", tmux.Display("#{alternate_on}"));

        // r runs the selected monitor (the first one): its row appears in the ledger.
        tmux.Keys("r");
        var ran = await tmux.WaitForAsync(
            s => s.Contains("Ledger, newest first (1)", StringComparison.Ordinal) && s.Contains("price_monitor: Success", StringComparison.Ordinal),
            "the new ledger row and the run's outcome");
        Assert.Matches(@"│1 +\d\d:\d\d:\d\dZ price_monitor +Success", ran);

        // R runs them all: the demo wallet fires alerts; a acknowledges the selected one.
        tmux.Keys("R");
        var all = await tmux.WaitForAsync("run all: ran");
        Assert.Matches(AlertRow(), all);
        tmux.Keys("a");
        var acknowledged = await tmux.WaitForAsync(s => Acknowledged().IsMatch(s), "an alert acknowledged");
        var id = Acknowledged().Match(acknowledged).Groups["id"].Value;
        Assert.Matches($@"│{id} +(LOW|MEDIUM|HIGH) +\w+ +\S+ +\S+ +yes ", acknowledged);

        // ? lists the keys; Esc closes the list.
        tmux.Keys("?");
        var help = await tmux.WaitForAsync("Keys · Esc closes");
        foreach (var line in new[] { "run the selected monitor", "run all monitors", "acknowledge the selected alert", "filter every table", "command line" })
        {
            Assert.Contains(line, help, StringComparison.Ordinal);
        }

        tmux.Keys("Escape");
        await tmux.WaitForAsync(s => !s.Contains("Keys · Esc closes", StringComparison.Ordinal), "the key list closed");

        // A resize redraws the whole screen at the new size and says so.
        tmux.Resize(120, 40);
        var resized = await tmux.WaitForAsync("Resized to 120×40: redrawn.");
        Assert.All(resized.TrimEnd('\n').Split('\n'), line => Assert.True(line.Length <= 120, line));

        // Ctrl+C: the console stops, the terminal is back as it was (main screen, echo, line editing) and says why.
        tmux.Keys("C-c");
        var after = await tmux.WaitForAsync(s => s.Contains("exit=", StringComparison.Ordinal) && s.TrimEnd().EndsWith(Tmux.Prompt.TrimEnd(), StringComparison.Ordinal), "the shell prompt again");
        Assert.Contains("monitorcore console: stopped with Ctrl+C.", after, StringComparison.Ordinal);
        Assert.Contains("exit=0", after, StringComparison.Ordinal);
        Assert.Equal("0", tmux.Display("#{alternate_on}"));
        Assert.Equal("1", tmux.Display("#{cursor_flag}"));
        tmux.Type("stty -a", enter: true);
        var stty = await tmux.WaitForAsync("icanon");
        Assert.Matches(@"\sicanon\s", stty);
        Assert.Matches(@"\secho\s", stty);
        Assert.Matches(@"\sisig\s", stty);
        Assert.DoesNotContain("-icanon", stty, StringComparison.Ordinal);
        Assert.DoesNotContain(" -echo ", stty, StringComparison.Ordinal);
        Assert.DoesNotContain(" -isig", stty, StringComparison.Ordinal);

        // What the console did is in the database.
        var cli = new Cli(_folder.Path);
        var alerts = (await cli.RunAsync("alerts", "--db", database, "--json")).Json["alerts"]!.AsArray();
        Assert.NotNull(alerts.Single(a => a!["id"]!.ToString() == id)!["acknowledged_at"]);
        var ledger = (await cli.RunAsync("ledger", "--db", database, "--json", "--monitor", "price_monitor")).Json;
        Assert.True(ledger["entries"]!.AsArray().Count >= 2); // r, then R
    }

    [Fact]
    public async Task Attached_with_url_in_a_terminal_it_shows_a_run_posted_to_the_api_and_says_when_the_service_goes_away()
    {
        await using var service = await RunningService.StartAsync();
        using var tmux = new Tmux(_folder.Path);
        await tmux.WaitForAsync(Tmux.Prompt.TrimEnd());

        tmux.Type(Command("console", "--url", service.Address.ToString()) + "; echo \"exit=$?\"", enter: true);
        var first = await tmux.WaitForAsync(s => s.Contains("· live", StringComparison.Ordinal) && s.Contains("Ledger, newest first (", StringComparison.Ordinal), "the live tables");
        Assert.Contains(service.Address.ToString().TrimEnd('/'), first, StringComparison.Ordinal);
        Assert.Contains("sonic_monitor", first, StringComparison.Ordinal); // the service's first cycle

        var id = await service.RunAsync("price_monitor");
        await tmux.WaitForAsync(s => Regex.IsMatch(s, $@"│{id} +\d\d:\d\d:\d\dZ price_monitor "), $"ledger row #{id}");

        await service.StopAsync();
        var lost = await tmux.WaitForAsync("LIVE UPDATES LOST");
        Assert.Contains("Live updates lost", lost, StringComparison.Ordinal);
        Assert.Contains("reconnecting every 2 s", lost, StringComparison.Ordinal);

        tmux.Keys("q");
        var after = await tmux.WaitForAsync("exit=0");
        Assert.Contains("monitorcore console: quit.", after, StringComparison.Ordinal);
        Assert.Equal("0", tmux.Display("#{alternate_on}"));
    }

    /// <summary>A shell command line for the built CLI (as <see cref="CliProcess"/> starts it) with offline sources.</summary>
    private static string Command(params string[] args)
    {
        var start = CliProcess.StartInfo(Path.GetTempPath(), args);
        var environment = OfflineSources.Environment().Select(p => $"{p.Key}={Quote(p.Value ?? "")}");
        return $"env -u DisableRealDriverIO {string.Join(' ', environment)} {Quote(start.FileName)} {string.Join(' ', start.ArgumentList.Select(Quote))}";
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex(@"│(?<id>\d+) +(LOW|MEDIUM|HIGH) ")]
    private static partial Regex AlertRow();

    [GeneratedRegex(@"Alert (?<id>\d+) acknowledged")]
    private static partial Regex Acknowledged();
}
