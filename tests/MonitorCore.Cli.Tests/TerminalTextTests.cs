namespace MonitorCore.Cli.Tests;

/// <summary>What a file or a person stored never rewrites the terminal: escapes and bidirectional overrides are shown as escapes; JSON stays exact.</summary>
public sealed class TerminalTextTests : IDisposable
{
    private const string Clear = "\u001b[2J\u001b[H";
    private const string RightToLeft = "\u202Egnp.exe";

    private readonly TempDirectory _folder = new();
    private readonly Cli _cli;

    public TerminalTextTests() => _cli = new Cli(_folder.Path, new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero)));

    public void Dispose()
    {
        Data.DatabaseInitializer.ReleaseSqliteFiles();
        _folder.Dispose();
    }

    private static void AssertSafe(string text)
    {
        Assert.DoesNotContain('\u001b', text);
        Assert.DoesNotContain('\u202E', text);
        Assert.DoesNotContain('\u0007', text);
    }

    [Fact]
    public async Task An_imported_name_with_escapes_reads_as_escapes_in_text_and_exactly_in_json()
    {
        await File.WriteAllTextAsync(_folder.File("mine.csv"),
            $"id,asset_type,position_type,entry_price,liquidation_price,size,collateral,wallet_name\n{Clear}pos,SOL,LONG,180,150,1000,100,{RightToLeft}\nbad{Clear},SOL,SIDEWAYS,1,1,1,1,x\n");

        var import = await _cli.RunAsync("positions", "import", "mine.csv");
        var text = await _cli.RunAsync("positions");
        var json = await _cli.RunAsync("positions", "--json");

        AssertSafe(import.Out + import.Error);
        AssertSafe(text.Out + text.Error);
        Assert.Contains("\\x1B[2J\\x1B[Hpos", text.Out, StringComparison.Ordinal);
        Assert.Contains("\\u202Egnp.exe", text.Out, StringComparison.Ordinal);
        Assert.Contains("position_type must be LONG or SHORT", import.Error, StringComparison.Ordinal);
        var position = Assert.Single(json.Json["positions"]!.AsArray())!;
        Assert.Equal(Clear + "pos", (string?)position["id"]);
        Assert.Equal(RightToLeft, (string?)position["wallet_name"]);
    }

    [Fact]
    public async Task A_snooze_reason_with_escapes_reads_as_escapes_in_text_and_exactly_in_json()
    {
        var reason = "\u001b]0;owned\u0007 on it \u202Etxt.exe";
        Assert.Equal(0, (await _cli.RunAsync("alerts", "snooze", "all", "--for", "30m", "--reason", reason)).ExitCode);

        var snoozes = await _cli.RunAsync("alerts", "snoozes");
        var status = await _cli.RunAsync("status");
        var json = await _cli.RunAsync("alerts", "snoozes", "--json");

        AssertSafe(snoozes.Out);
        AssertSafe(status.Out);
        Assert.Contains("\\x1B]0;owned\\x07 on it \\u202Etxt.exe", snoozes.Out, StringComparison.Ordinal);
        Assert.Equal(reason, (string?)Assert.Single(json.Json["snoozes"]!.AsArray())!["reason"]);
    }

    [Fact]
    public async Task An_argument_with_escapes_in_an_error_message_reads_as_escapes()
    {
        var unknown = await _cli.RunAsync("run", Clear + "monitor");
        var parse = await _cli.RunAsync("statu\u001b[31ms");

        Assert.Equal((2, 2), (unknown.ExitCode, parse.ExitCode));
        AssertSafe(unknown.Error + parse.Error);
        Assert.Contains("\\x1B[2J", unknown.Error, StringComparison.Ordinal);
    }
}
