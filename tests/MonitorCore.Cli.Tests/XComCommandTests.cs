namespace MonitorCore.Cli.Tests;

[Trait("Category", "Integration")]
public sealed class XComCommandTests : IAsyncLifetime
{
    private readonly TempDirectory _folder = new();
    private SmtpServer _smtp = null!;
    private Cli _cli = null!;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpServer.StartAsync("monitor", "s3cret-pass");
        _cli = new Cli(_folder.Path, new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero)));
        // The spec's legacy names configure the e-mail channel.
        _cli.Environment["SMTP_SERVER"] = _smtp.Host;
        _cli.Environment["SMTP_PORT"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _cli.Environment["SMTP_USERNAME"] = "monitor";
        _cli.Environment["SMTP_PASSWORD"] = "s3cret-pass";
        _cli.Environment["SMTP_DEFAULT_RECIPIENT"] = "trader@example.com";
        _cli.Environment["MONITORCORE_Notifications__Smtp__Security"] = "None";
    }

    public async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        Data.DatabaseInitializer.ReleaseSqliteFiles();
        _folder.Dispose();
    }

    [Fact]
    public async Task Xcom_test_by_email_is_delivered_and_the_outbox_and_ledger_show_it()
    {
        var test = await _cli.RunAsync("xcom", "test", "--channel", "email");

        Assert.Equal(0, test.ExitCode);
        Assert.Contains("email: sent (notification 1)", test.Out, StringComparison.Ordinal);
        var mail = Assert.Single(_smtp.Messages());
        Assert.Equal(["trader@example.com"], mail.RcptTos);
        Assert.Equal("monitor", mail.Login);
        Assert.Contains("Subject: [LOW] Monitor Core test notification", mail.Content, StringComparison.Ordinal);

        var outbox = Assert.Single((await _cli.RunAsync("notifications", "--json")).Json["notifications"]!.AsArray());
        Assert.Equal(("email", "SENT", 1), ((string)outbox!["channel"]!, (string)outbox["status"]!, (int)outbox["attempts"]!));
        var ledger = Assert.Single((await _cli.RunAsync("ledger", "--monitor", "xcom_monitor", "--json")).Json["entries"]!.AsArray());
        Assert.Equal("Success", (string?)ledger!["status"]);
        Assert.Equal("SENT", (string?)ledger["metadata"]!["channels"]!["email"]!["status"]);

        var config = await _cli.RunAsync("config", "show");
        Assert.DoesNotContain("s3cret-pass", config.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_for_good_and_says_so()
    {
        _cli.Environment["SMTP_PASSWORD"] = "hunter2-wrong";

        var test = await _cli.RunAsync("xcom", "test", "--channel", "email", "--json");

        Assert.Equal(1, test.ExitCode);
        Assert.Equal("DEAD", (string?)test.Json["status"]);
        Assert.DoesNotContain("hunter2", (string?)test.Json["error"], StringComparison.Ordinal);
        Assert.Empty(_smtp.Messages());
    }
}
