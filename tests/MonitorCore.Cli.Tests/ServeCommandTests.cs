namespace MonitorCore.Cli.Tests;

public sealed class ServeCommandTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose()
    {
        Data.DatabaseInitializer.ReleaseSqliteFiles();
        _folder.Dispose();
    }

    [Fact]
    public async Task Serve_runs_until_cancelled_then_stops_cleanly()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = OfflineSources.Environment();
        environment["MONITORCORE_Monitors__latency_monitor__Targets__0__Name"] = "x";
        environment["MONITORCORE_Monitors__latency_monitor__Targets__0__Url"] = LocalHttpServer.RefusedUrl();
        var context = new CliContext(output, error, _folder.Path, environment);
        using var stop = new CancellationTokenSource();

        var serve = CliApp.RunAsync(["serve", "--quiet", "--urls", "http://127.0.0.1:0"], context, stop.Token);
        await stop.CancelAsync();

        Assert.Equal(0, await serve);
        Assert.Contains("Monitor Core serving", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Monitor Core stopped.", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--urls", "http://0.0.0.0:5000")]
    [InlineData("env", "http://0.0.0.0:5000")]
    public async Task Serve_beyond_loopback_without_a_key_exits_2_saying_how_to_set_one(string how, string urls)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var environment = OfflineSources.Environment();
        if (how == "env")
        {
            environment["MONITORCORE_URLS"] = urls;
        }

        var context = new CliContext(output, error, _folder.Path, environment);
        using var stopped = new CancellationTokenSource();
        await stopped.CancelAsync(); // should it serve after all, it stops at once instead of running on

        var code = await CliApp.RunAsync(how == "env" ? ["serve", "--quiet"] : ["serve", "--quiet", "--urls", urls], context, stopped.Token);

        Assert.Equal(2, code);
        Assert.Contains($"The API would listen on {urls}", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("MONITORCORE_Api__Keys__0=", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Monitor Core serving", error.ToString(), StringComparison.Ordinal);
    }
}
