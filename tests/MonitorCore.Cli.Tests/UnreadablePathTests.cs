namespace MonitorCore.Cli.Tests;

/// <summary>A path that cannot be used (a folder for a file, a place this user may not read) is exit 2 with a message, never 1 with an exception's name.</summary>
[Trait("Category", "Integration")]
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class UnreadablePathTests : IDisposable
{
    private readonly TempDirectory _folder = new();
    private readonly Cli _cli;

    public UnreadablePathTests() => _cli = new Cli(_folder.Path, new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero)));

    public void Dispose()
    {
        Data.DatabaseInitializer.ReleaseSqliteFiles();
        _folder.Dispose();
    }

    private static void AssertClear(CliResult result, string says)
    {
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(says, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_given_as_the_config_file_or_the_database_is_named_as_a_folder()
    {
        Directory.CreateDirectory(_folder.File("conf"));

        AssertClear(await _cli.RunAsync("status", "--config", "conf"), "is a folder, not a file");
        AssertClear(await _cli.RunAsync("status", "--db", "conf"), "is a folder, not a database file");
        AssertClear(await _cli.RunAsync("run", "all", "--db", "conf"), "is a folder, not a database file");
    }

    [Fact]
    public async Task A_config_file_or_a_database_folder_this_user_may_not_read_is_exit_2_with_a_message()
    {
        var locked = _folder.File("locked");
        Directory.CreateDirectory(locked);
        await File.WriteAllTextAsync(Path.Combine(locked, "monitorcore.json"), "{}");
        await File.WriteAllTextAsync(_folder.File("secret.json"), "{}");
        File.SetUnixFileMode(_folder.File("secret.json"), UnixFileMode.UserRead | UnixFileMode.UserWrite); // 600: root's alone
        File.SetUnixFileMode(locked, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute); // 700

        AssertClear(await CliProcess.RunAsNobodyAsync(_folder.Path, "status", "--config", "secret.json"), "secret.json cannot be read");
        AssertClear(await CliProcess.RunAsNobodyAsync(_folder.Path, "status", "--config", "locked/monitorcore.json"), "cannot be read");
        AssertClear(await CliProcess.RunAsNobodyAsync(_folder.Path, "status", "--db", "locked/monitorcore.db"), "permission denied on its folder");
        AssertClear(await CliProcess.RunAsNobodyAsync(_folder.Path, "run", "all", "--db", "locked/monitorcore.db"), "permission denied on its folder");
    }
}
