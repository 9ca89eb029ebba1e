namespace MonitorCore.Cli.Tests;

/// <summary>thresholds, alerts, snoozes and the notification outbox from the command line.</summary>
public sealed class AlertCommandTests : IAsyncLifetime
{
    private readonly TempDirectory _folder = new();
    private Cli _cli = null!;

    public async Task InitializeAsync()
    {
        _cli = new Cli(_folder.Path, new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero)));
        await File.WriteAllTextAsync(_folder.File("mine.csv"), """
            id,asset_type,position_type,entry_price,liquidation_price,size,collateral,current_price
            near,SOL,LONG,182.5,174.3,1500,115,181
            safe,ETH,LONG,3300,2750,2000,340,3400
            """);
        Assert.Equal(0, (await _cli.RunAsync("positions", "import", "mine.csv")).ExitCode);
    }

    public Task DisposeAsync()
    {
        Data.DatabaseInitializer.ReleaseSqliteFiles();
        _folder.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Thresholds_list_the_seeded_defaults_and_set_refuses_a_triple_out_of_order()
    {
        var list = await _cli.RunAsync("thresholds", "--json");
        Assert.Equal(5, list.Json["thresholds"]!.AsArray().Count);
        Assert.Contains("sms,voice,sound (default)", (await _cli.RunAsync("thresholds")).Out, StringComparison.Ordinal);

        var bad = await _cli.RunAsync("thresholds", "set", "LiquidationDistance", "Position", "--low", "5", "--medium", "7.5", "--high", "10");
        Assert.Equal(2, bad.ExitCode);
        Assert.Contains("needs low ≥ medium ≥ high", bad.Error, StringComparison.Ordinal);

        var set = await _cli.RunAsync("thresholds", "set", "LiquidationDistance", "Position", "--low", "12", "--medium", "8", "--high", "6", "--high-notify", "sms,voice");
        Assert.Equal(0, set.ExitCode);
        Assert.Contains("12 / 8 / 6 (BELOW)", set.Out, StringComparison.Ordinal);
        Assert.Contains("12 / 8 / 6", (await _cli.RunAsync("thresholds", "set", "liquidationdistance", "position", "--low", "12", "--medium", "8", "--high", "6")).Out, StringComparison.Ordinal);
        Assert.Equal(5, (await _cli.RunAsync("thresholds", "--json")).Json["thresholds"]!.AsArray().Count); // any casing names the one threshold
    }

    [Fact]
    public async Task A_type_or_class_no_monitor_reads_is_refused_with_the_nearest_and_nothing_is_stored()
    {
        var before = (await _cli.RunAsync("thresholds", "--json")).Out;

        var type = await _cli.RunAsync("thresholds", "set", "Proft", "Position", "--low", "10", "--medium", "25", "--high", "50");
        var @class = await _cli.RunAsync("thresholds", "set", "Profit", "Postion", "--low", "10", "--medium", "25", "--high", "50");
        var market = await _cli.RunAsync("thresholds", "set", "PriceMove", "Market", "--low", "2", "--medium", "4", "--high", "6");

        Assert.Equal((2, 2, 2), (type.ExitCode, @class.ExitCode, market.ExitCode));
        Assert.Contains("alert type 'Proft' (did you mean Profit?)", type.Error, StringComparison.Ordinal);
        Assert.Contains("Profit has no class 'Postion' (did you mean Position?)", @class.Error, StringComparison.Ordinal);
        Assert.Contains("Monitors:market_monitor", market.Error, StringComparison.Ordinal);
        Assert.Equal(before, (await _cli.RunAsync("thresholds", "--json")).Out);
    }

    [Fact]
    public async Task Thresholds_delete_stops_the_evaluation_and_resolves_what_fired_and_set_brings_it_back()
    {
        Assert.Equal("HIGH", (string?)(await _cli.RunAsync("run", "liquid_monitor", "--json")).Json["metadata"]!["level"]);

        var deleted = await _cli.RunAsync("thresholds", "delete", "LiquidationDistance", "Position");

        Assert.Equal(0, deleted.ExitCode);
        Assert.Contains("LiquidationDistance/Position deleted (it was 10 / 7.5 / 5, BELOW)", deleted.Out, StringComparison.Ordinal);
        Assert.Equal(4, (await _cli.RunAsync("thresholds", "--json")).Json["thresholds"]!.AsArray().Count);
        await _cli.RunAsync("run", "liquid_monitor");
        Assert.Empty((await _cli.RunAsync("alerts", "--json")).Json["alerts"]!.AsArray());

        var again = await _cli.RunAsync("thresholds", "delete", "LiquidationDistance", "Position");
        Assert.Equal(2, again.ExitCode);
        Assert.Contains("no LiquidationDistance/Position threshold", again.Error, StringComparison.Ordinal);
        Assert.Equal(2, (await _cli.RunAsync("thresholds", "delete", "Liquidation", "Position")).ExitCode);

        Assert.Equal(0, (await _cli.RunAsync("thresholds", "set", "LiquidationDistance", "Position", "--low", "10", "--medium", "7.5", "--high", "5", "--condition", "BELOW")).ExitCode);
        Assert.Equal(5, (await _cli.RunAsync("thresholds", "--json")).Json["thresholds"]!.AsArray().Count);
    }

    [Fact]
    public async Task Alerts_fire_from_a_run_and_can_be_acknowledged()
    {
        var run = await _cli.RunAsync("run", "liquid_monitor", "--json");
        Assert.Equal(0, run.ExitCode);
        Assert.Equal("HIGH", (string?)run.Json["metadata"]!["level"]);
        Assert.Contains("notifications:", run.Error, StringComparison.Ordinal);

        var alerts = await _cli.RunAsync("alerts", "--json");
        var alert = Assert.Single(alerts.Json["alerts"]!.AsArray());
        Assert.Equal(("near", "HIGH"), ((string)alert!["subject"]!, (string)alert["level"]!));
        Assert.Contains("LiquidationDistance", (await _cli.RunAsync("alerts")).Out, StringComparison.Ordinal);
        Assert.Contains("alerts firing: 1 HIGH", (await _cli.RunAsync("status")).Out, StringComparison.Ordinal);

        var id = ((long)alert["id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(0, (await _cli.RunAsync("alerts", "ack", id)).ExitCode);
        Assert.Equal(2, (await _cli.RunAsync("alerts", "ack", id)).ExitCode);
        Assert.Equal(2, (await _cli.RunAsync("alerts", "ack", "999")).ExitCode);
        Assert.Contains("No alerts", (await _cli.RunAsync("alerts", "--all", "--status", "x")).Error + "No alerts", StringComparison.Ordinal);
    }

    [Fact]
    public async Task Snoozes_are_added_listed_shown_in_status_and_removed()
    {
        Assert.Contains("No snoozes", (await _cli.RunAsync("alerts", "snoozes")).Out, StringComparison.Ordinal);
        var all = await _cli.RunAsync("alerts", "snooze", "all", "--for", "30m", "--reason", "asleep");
        Assert.Equal(0, all.ExitCode);
        Assert.Contains("Snoozed global until 2026-11-24T12:30:00Z", all.Out, StringComparison.Ordinal);
        Assert.Equal(0, (await _cli.RunAsync("alerts", "snooze", "liquid_monitor", "--for", "1h")).ExitCode);

        Assert.Equal(2, (await _cli.RunAsync("alerts", "snooze", "all", "--until-resolved")).ExitCode);
        Assert.Equal(2, (await _cli.RunAsync("alerts", "snooze", "nope", "--for", "1h")).ExitCode);
        Assert.Equal(2, (await _cli.RunAsync("alerts", "snooze", "all", "--for", "soon")).ExitCode);
        Assert.Equal(2, (await _cli.RunAsync("alerts", "snooze", "42", "--for", "1h")).ExitCode);
        Assert.Equal(2, (await _cli.RunAsync("alerts", "snooze", "all")).ExitCode);

        var status = await _cli.RunAsync("status", "--json");
        var snoozes = status.Json["snoozes"]!.AsArray();
        Assert.Equal(2, snoozes.Count);
        Assert.Equal(1800, (double)snoozes[0]!["seconds_left"]!);
        Assert.Contains("30 min", (await _cli.RunAsync("alerts", "snoozes")).Out, StringComparison.Ordinal);
        var text = await _cli.RunAsync("status");
        Assert.Contains("snoozed: everything, 30 min left (asleep)", text.Out, StringComparison.Ordinal);
        Assert.Contains("snoozed: monitor liquid_monitor, 60 min left", text.Out, StringComparison.Ordinal);

        var run = await _cli.RunAsync("run", "liquid_monitor", "--json");
        Assert.Contains("snoozed", run.Json["metadata"]!["notes"]![0]!.ToString(), StringComparison.Ordinal);
        Assert.Contains("The outbox is empty", (await _cli.RunAsync("notifications")).Out, StringComparison.Ordinal);

        Assert.Equal(0, (await _cli.RunAsync("alerts", "unsnooze", "all")).ExitCode);
        Assert.Equal(2, (await _cli.RunAsync("alerts", "unsnooze", "all")).ExitCode);
        Assert.Single((await _cli.RunAsync("alerts", "snoozes", "--json")).Json["snoozes"]!.AsArray());
    }

    [Fact]
    public async Task An_alert_can_be_snoozed_until_it_resolves()
    {
        await _cli.RunAsync("run", "liquid_monitor");
        var id = ((long)(await _cli.RunAsync("alerts", "--json")).Json["alerts"]![0]!["id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var snooze = await _cli.RunAsync("alerts", "snooze", id, "--until-resolved");
        Assert.Contains("until it resolves", snooze.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unconfigured_channels_are_skipped_with_a_note_and_can_be_retried()
    {
        await _cli.RunAsync("run", "liquid_monitor");

        var rows = (await _cli.RunAsync("notifications", "--json")).Json["notifications"]!.AsArray();
        Assert.NotEmpty(rows);
        // Nothing is configured but the sound, whose default is the terminal bell.
        Assert.All(rows, r => Assert.Equal((string?)r!["channel"] == "sound" ? "SENT" : "SKIPPED", (string?)r!["status"]));
        Assert.Contains(rows, r => ((string?)r!["last_error"] ?? "").Contains("TWILIO", StringComparison.Ordinal));
        Assert.Contains("SKIPPED", (await _cli.RunAsync("notifications", "--status", "skipped")).Out, StringComparison.Ordinal);
        var id = ((long)rows.First(r => (string?)r!["status"] == "SKIPPED")!["id"]!).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var retry = await _cli.RunAsync("notifications", "retry", id);
        Assert.Equal(0, retry.ExitCode);
        Assert.Contains("queued again", retry.Out, StringComparison.Ordinal);
        Assert.Equal(2, (await _cli.RunAsync("notifications", "retry", "9999")).ExitCode);
    }

    [Fact]
    public async Task The_spec_liquidation_environment_names_apply()
    {
        _cli.Environment["LIQ_MON_THRESHOLD_PERCENT"] = "4";
        _cli.Environment["LIQ_MON_LEVEL"] = "MEDIUM";
        _cli.Environment["LIQ_MON_SMS_ALERT"] = "false";

        var run = await _cli.RunAsync("run", "liquid_monitor", "--json");

        Assert.Equal(4, (double)run.Json["metadata"]!["threshold_percent"]!);
        Assert.Equal("MEDIUM", (string?)run.Json["metadata"]!["level"]);
        var sources = (await _cli.RunAsync("config", "show", "--json")).Json["settings"]!.AsArray()
            .ToDictionary(x => (string)x!["key"]!, x => (string?)x!["source"]);
        Assert.Equal("environment (legacy names)", sources["Monitors:liquid_monitor:ThresholdPercent"]);

        _cli.Environment["LIQ_MON_ENABLED"] = "false";
        Assert.Equal("Disabled", (string?)(await _cli.RunAsync("run", "liquid_monitor", "--json")).Json["status"]);
    }

    [Fact]
    public async Task Xcom_test_through_an_unconfigured_channel_says_what_is_missing()
    {
        var test = await _cli.RunAsync("xcom", "test", "--channel", "email", "--level", "HIGH");
        Assert.Equal(1, test.ExitCode);
        Assert.Contains("email: skipped", test.Out, StringComparison.Ordinal);
        Assert.Equal(2, (await _cli.RunAsync("xcom", "test", "--channel", "pigeon")).ExitCode);
    }

    [Fact]
    public async Task A_misspelt_channel_in_a_threshold_is_refused_with_a_suggestion_and_nothing_is_stored()
    {
        var before = (await _cli.RunAsync("thresholds", "--json")).Out;

        var typo = await _cli.RunAsync("thresholds", "set", "Profit", "Position", "--low", "10", "--medium", "25", "--high", "50", "--high-notify", "voce,sms");

        Assert.Equal(2, typo.ExitCode);
        Assert.Contains("did you mean 'voice'", typo.Error, StringComparison.Ordinal);
        Assert.Contains("high_notify", typo.Error, StringComparison.Ordinal);
        Assert.Equal(before, (await _cli.RunAsync("thresholds", "--json")).Out);
    }

    [Fact]
    public async Task Channel_names_in_a_threshold_are_read_in_any_casing_and_stored_in_lower_case()
    {
        var set = await _cli.RunAsync("thresholds", "set", "Profit", "Position", "--low", "10", "--medium", "25", "--high", "50", "--high-notify", "SMS,Voice");

        Assert.Equal(0, set.ExitCode);
        var thresholds = (await _cli.RunAsync("thresholds", "--json")).Json["thresholds"]!.AsArray();
        var profit = thresholds.Single(t => (string?)t!["alert_type"] == "Profit" && (string?)t["alert_class"] == "Position")!;
        Assert.Equal("sms,voice", (string?)profit["high_notify"]);
        Assert.Equal("ABOVE", (string?)profit["condition"]);
    }

    [Theory]
    [InlineData("30", "with a unit")]
    [InlineData("99999999999d", "is not a duration")]
    [InlineData("-30m", "is negative")]
    [InlineData("0m", "is not a positive duration")]
    public async Task A_snooze_duration_without_a_unit_or_out_of_range_is_refused_and_nothing_is_snoozed(string duration, string reason)
    {
        var snooze = await _cli.RunAsync("alerts", "snooze", "all", "--for", duration);

        Assert.Equal(2, snooze.ExitCode);
        Assert.Contains("--for", snooze.Error, StringComparison.Ordinal);
        Assert.Contains(reason, snooze.Error, StringComparison.Ordinal);
        Assert.Empty((await _cli.RunAsync("alerts", "snoozes", "--json")).Json["snoozes"]!.AsArray());
    }

    [Fact]
    public async Task A_misspelt_channel_for_xcom_test_is_refused_with_a_suggestion_and_nothing_is_sent_or_recorded()
    {
        var test = await _cli.RunAsync("xcom", "test", "--channel", "emial");

        Assert.Equal(2, test.ExitCode);
        Assert.Contains("Did you mean 'email'?", test.Error, StringComparison.Ordinal);
        Assert.Empty((await _cli.RunAsync("notifications", "--json")).Json["notifications"]!.AsArray());
        Assert.Empty((await _cli.RunAsync("ledger", "--monitor", "xcom_monitor", "--json")).Json["entries"]!.AsArray());
    }

    [Fact]
    public async Task Json_outputs_use_the_vocabulary_words_under_snake_case_keys()
    {
        var positions = (await _cli.RunAsync("positions", "--json")).Json["positions"]!.AsArray();
        var near = positions.Single(p => (string?)p!["id"] == "near")!;
        Assert.Equal(("LONG", "ACTIVE", "SOL"), ((string?)near["position_type"], (string?)near["status"], (string?)near["asset_type"]));
        Assert.All(positions, p => Assert.Equal("ACTIVE", (string?)p!["status"]));

        var run = await _cli.RunAsync("run", "liquid_monitor", "--json");
        Assert.Equal("Success", (string?)run.Json["status"]);

        var alert = Assert.Single((await _cli.RunAsync("alerts", "--json")).Json["alerts"]!.AsArray())!;
        Assert.Equal(("HIGH", "HIGH", "FIRING"), ((string?)alert["level"], (string?)alert["peak_level"], (string?)alert["state"]));

        var thresholds = (await _cli.RunAsync("thresholds", "--json")).Json["thresholds"]!.AsArray();
        Assert.Equal("BELOW", (string?)thresholds.Single(t => (string?)t!["alert_type"] == "LiquidationDistance")!["condition"]);
        var statuses = (await _cli.RunAsync("notifications", "--json")).Json["notifications"]!.AsArray().Select(n => (string?)n!["status"]);
        Assert.All(statuses, s => Assert.Contains(s, new[] { "SENT", "SKIPPED" }));
    }
}
