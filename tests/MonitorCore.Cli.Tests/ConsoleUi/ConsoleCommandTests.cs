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
    public async Task A_url_nobody_answers_at_exits_1_saying_so()
    {
        var url = LocalHttpServer.RefusedUrl();

        var result = await new Cli(_folder.Path).RunAsync("console", "--url", url);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("cannot be reached", result.Error, StringComparison.Ordinal);
    }
}
