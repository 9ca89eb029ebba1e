namespace MonitorCore.Cli.Tests.ConsoleUi;

/// <summary><c>monitorcore console</c>'s refusals, said before any screen is drawn.</summary>
public sealed class ConsoleCommandTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose()
    {
        Data.DatabaseInitializer.ReleaseSqliteFiles();
        _folder.Dispose();
    }

    [Fact]
    public async Task Without_a_terminal_it_exits_2_and_points_to_the_commands_for_scripts()
    {
        // The tests' own output is redirected, as a pipe or a cron job's would be.
        var result = await new Cli(_folder.Path).RunAsync("console", "--demo", "--db", _folder.File("console.db"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("monitorcore console needs a terminal", result.Error, StringComparison.Ordinal);
        Assert.Contains("monitorcore status --json", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1:5000", "is not an http:// or https:// address")]
    [InlineData("not a url", "is not an http:// or https:// address")]
    public async Task A_url_that_is_not_http_exits_2(string url, string said)
    {
        var result = await new Cli(_folder.Path).RunAsync("console", "--url", url);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(said, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--demo")]
    [InlineData("--json")]
    public async Task A_url_with_an_option_of_the_local_database_exits_2(string option)
    {
        var result = await new Cli(_folder.Path).RunAsync("console", "--url", "http://127.0.0.1:5000", option);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--url attaches to a running instance", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_instance_that_needs_an_api_key_is_refused_without_one_exit_2_and_a_wrong_one_is_never_printed()
    {
        await using var service = await RunningService.StartAsync(apiKey: "console-test-key-0123456789");

        var without = await new Cli(_folder.Path).RunAsync("console", "--url", service.Address.ToString());
        var wrong = await new Cli(_folder.Path).RunAsync("console", "--url", service.Address.ToString(), "--api-key", "wrong-key-9876543210");

        Assert.Equal(2, without.ExitCode);
        Assert.Contains("needs an API key: start the console with --api-key KEY", without.Error, StringComparison.Ordinal);
        Assert.Equal(2, wrong.ExitCode);
        Assert.DoesNotContain("wrong-key-9876543210", wrong.Error + wrong.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_right_api_key_the_console_gets_past_the_instance_to_the_terminal_check()
    {
        await using var service = await RunningService.StartAsync(apiKey: "console-test-key-0123456789");
        var cli = new Cli(_folder.Path);
        cli.Environment["MONITORCORE_API_KEY"] = "console-test-key-0123456789";

        var result = await cli.RunAsync("console", "--url", service.Address.ToString());

        // The key was taken (from MONITORCORE_API_KEY): what stops it now is only that the tests have no terminal.
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("monitorcore console needs a terminal", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_url_nobody_answers_at_exits_1_saying_so()
    {
        var url = LocalHttpServer.RefusedUrl();

        var result = await new Cli(_folder.Path).RunAsync("console", "--url", url);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cannot be reached", result.Error, StringComparison.Ordinal);
    }
}
