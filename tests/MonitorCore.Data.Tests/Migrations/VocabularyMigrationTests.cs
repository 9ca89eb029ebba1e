using System.Text.Json.Nodes;
using MonitorCore.Alerts;
using MonitorCore.Data.Migrations;
using MonitorCore.Data.Repositories;
using MonitorCore.Monitors.Market;
using MonitorCore.Notifications;
using MonitorCore.Settings;

namespace MonitorCore.Data.Tests.Migrations;

/// <summary>
/// Migration 0009 (docs/behaviour.md §10): a database written by a version-8 build keeps every row, and
/// its outbox statuses and the enum words inside its stored settings become the vocabulary's words.
/// </summary>
public abstract class VocabularyMigrationTests(ITestDatabaseFactory factory) : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);
    private static readonly string[] OldStatuses = ["pending", "sent", "failed", "dead", "skipped"];

    // As the version-8 build stored them: compact JSON, snake_case keys, lower-case enum words.
    private const string OldSnoozes =
        """[{"id":"a1","scope":"global","target":null,"created_at":"2026-11-24T12:00:00+00:00","until":"2026-11-24T13:00:00+00:00","until_resolved":false,"reason":null},""" +
        """{"id":"b2","scope":"monitor","target":"liquid_monitor","created_at":"2026-11-24T12:00:00+00:00","until":"2026-11-24T14:00:00+00:00","until_resolved":false,"reason":"night"},""" +
        """{"id":"c3","scope":"alert","target":"12","created_at":"2026-11-24T12:00:00+00:00","until":null,"until_resolved":true,"reason":null}]""";

    private const string OldMarketConfig =
        """{"windows":[{"window":"1h","threshold_percent":2,"direction":"down"},{"window":"6h","threshold_percent":4,"direction":"up"},{"window":"24h","threshold_percent":8,"direction":"both"}]""" +
        ""","anchors":{"BTC":{"price":50000,"delta_percent":5,"mode":"single","disarmed":true},"ETH":{"price":3000,"delta_percent":null,"mode":"ladder","disarmed":false},"SOL":{"price":null,"delta_percent":3,"mode":"reset","disarmed":false}}}""";

    // Not an enum setting: left as it is, even where its text looks like one.
    private const string OtherValue = """{"note":"scope","scope":"global","direction":"down"}""";

    private readonly FakeTimeProvider _time = new(T0);
    private TestDatabase _test = null!;
    private Database _database = null!;

    public async Task InitializeAsync()
    {
        _test = await factory.CreateAsync();
        _database = Database.Create(_test.Location);
        if (_test.Location.FilePath is { } path)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        }

        var runner = new MigrationRunner(_database, _time);
        await runner.MigrateAsync(targetVersion: 8, default);
        Assert.Equal(8, await runner.CurrentVersionAsync(default));
        await InsertVersion8RowsAsync();
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        await _test.DisposeAsync();
    }

    private SystemVarRepository Store => new SystemVarRepository(_database, _time);

    [Fact]
    public async Task The_migration_applies_on_a_version_8_database_and_keeps_every_row()
    {
        var report = await new MigrationRunner(_database, _time).MigrateAsync(null, default);

        Assert.Equal(8, report.FromVersion);
        Assert.Contains(report.Applied, m => m is { Version: 9, Name: "vocabulary" });
        Assert.Equal(OldStatuses.Length, await CountAsync("notification_outbox"));
        Assert.Equal(4, await CountAsync("system_vars"));
    }

    [Fact]
    public async Task Outbox_statuses_become_upper_case_and_the_outbox_reads_them()
    {
        await new MigrationRunner(_database, _time).MigrateAsync(null, default);

        Assert.Equal(["PENDING", "SENT", "FAILED", "DEAD", "SKIPPED"], await StoredStatusesAsync());
        var outbox = new NotificationOutbox(_database);
        var rows = await outbox.ListAsync(null, 10, default);
        Assert.Equal(
            [NotificationStatus.Pending, NotificationStatus.Sent, NotificationStatus.Failed, NotificationStatus.Dead, NotificationStatus.Skipped],
            rows.OrderBy(r => r.Id).Select(r => r.Status));
        Assert.Equal("old-pending", Assert.Single(await outbox.ListAsync(NotificationStatus.Pending, 10, default)).IdempotencyKey);
        Assert.Equal("old-dead", Assert.Single(await outbox.ListAsync(NotificationStatus.Dead, 10, default)).IdempotencyKey);

        // The rows waiting before the upgrade are still due after it: the pending one and the failed one.
        var due = await outbox.ClaimDueAsync("test", T0, T0.AddMinutes(1), 10, default);
        Assert.Equal(["old-failed", "old-pending"], due.Select(n => n.IdempotencyKey).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Snooze_scopes_become_upper_case_and_the_snoozes_read_back()
    {
        await new MigrationRunner(_database, _time).MigrateAsync(null, default);

        var stored = JsonNode.Parse((await Store.GetRawAsync("snoozes", default))!)!.AsArray();
        Assert.Equal(["GLOBAL", "MONITOR", "ALERT"], stored.Select(s => (string?)s!["scope"]));
        Assert.Equal([null, "liquid_monitor", "12"], stored.Select(s => (string?)s!["target"]));

        var events = new Events.EventRecorder(
            new EventLogRepository(_database, _time, new Events.EventSignal()), Microsoft.Extensions.Logging.Abstractions.NullLogger<Events.EventRecorder>.Instance);
        using var snoozes = new SnoozeService(new SystemVars(Store), events, _time);
        var active = await snoozes.ActiveAsync();
        Assert.Equal(
            [("a1", SnoozeScope.Global, (string?)null), ("b2", SnoozeScope.Monitor, "liquid_monitor"), ("c3", SnoozeScope.Alert, "12")],
            active.Select(s => (s.Id, s.Scope, s.Target)));
        Assert.Equal(T0.AddHours(1), active[0].Until);
        Assert.Equal("night", active[1].Reason);
        Assert.True(active[2].UntilResolved);
    }

    [Fact]
    public async Task Market_directions_and_anchor_modes_become_upper_case_and_the_config_reads_back()
    {
        await new MigrationRunner(_database, _time).MigrateAsync(null, default);

        var stored = JsonNode.Parse((await Store.GetRawAsync(MarketMonitorConfig.Key.Name, default))!)!;
        Assert.Equal(["DOWN", "UP", "BOTH"], stored["windows"]!.AsArray().Select(w => (string?)w!["direction"]));
        Assert.Equal(
            [("BTC", "SINGLE"), ("ETH", "LADDER"), ("SOL", "RESET")],
            stored["anchors"]!.AsObject().Select(a => (a.Key, (string?)a.Value!["mode"])).OrderBy(a => a.Key, StringComparer.Ordinal));

        var config = (await new SystemVars(Store).GetAsync(MarketMonitorConfig.Key))!;
        Assert.Equal(
            [("1h", 2.0, MoveDirection.Down), ("6h", 4.0, MoveDirection.Up), ("24h", 8.0, MoveDirection.Both)],
            config.Windows.Select(w => (w.Window, w.ThresholdPercent, w.Direction)));
        Assert.Equal((RearmMode?)RearmMode.Single, config.Anchors["BTC"].Mode);
        Assert.True(config.Anchors["BTC"].Disarmed);
        Assert.Equal((50000.0, (double?)null), (config.Anchors["BTC"].Price!.Value, config.Anchors["ETH"].DeltaPercent));
        Assert.Equal((RearmMode?)RearmMode.Ladder, config.Anchors["ETH"].Mode);
        Assert.Equal((RearmMode?)RearmMode.Reset, config.Anchors["SOL"].Mode);
        Assert.Empty(config.Problems());
    }

    [Fact]
    public async Task Other_settings_are_left_as_they_were()
    {
        var before = await Store.GetRawAsync("other_setting", default);

        await new MigrationRunner(_database, _time).MigrateAsync(null, default);

        Assert.Equal(before, await Store.GetRawAsync("other_setting", default));
        Assert.Equal("global", (string?)JsonNode.Parse((await Store.GetRawAsync("other_setting", default))!)!["scope"]);
        Assert.Equal("true", await Store.GetRawAsync("enabled_market", default));
    }

    private async Task InsertVersion8RowsAsync()
    {
        await using var connection = await _database.OpenAsync(default);
        for (var i = 0; i < OldStatuses.Length; i++)
        {
            await using var insert = connection.Command(
                "INSERT INTO notification_outbox (channel, recipient, subject, body, level, alert_ids, idempotency_key, status, attempts, created_at, next_attempt_at) " +
                "VALUES ('sms', '+15550100', 'subject', 'body', 'HIGH', @alert_ids, @key, @status, @attempts, @created_at, @next_attempt_at)");
            _database.AddJson(insert, "@alert_ids", $"[{i + 1}]");
            insert.Add("@key", "old-" + OldStatuses[i]);
            insert.Add("@status", OldStatuses[i]);
            insert.Add("@attempts", OldStatuses[i] == "pending" ? 0 : 1);
            insert.Add("@created_at", _database.ToDb(T0.AddMinutes(-10 + i)));
            insert.Add("@next_attempt_at", _database.ToDb(T0.AddMinutes(-1)));
            await insert.ExecuteNonQueryAsync();
        }

        foreach (var (key, value) in new[] { ("snoozes", OldSnoozes), ("market_monitor_config", OldMarketConfig), ("other_setting", OtherValue), ("enabled_market", "true") })
        {
            await using var insert = connection.Command("INSERT INTO system_vars (key, value, updated_at) VALUES (@key, @value, @updated_at)");
            insert.Add("@key", key);
            _database.AddJson(insert, "@value", value);
            insert.Add("@updated_at", _database.ToDb(T0));
            await insert.ExecuteNonQueryAsync();
        }
    }

    private async Task<List<string>> StoredStatusesAsync()
    {
        await using var connection = await _database.OpenAsync(default);
        await using var select = connection.Command("SELECT status FROM notification_outbox ORDER BY id");
        await using var reader = await select.ExecuteReaderAsync();
        var statuses = new List<string>();
        while (await reader.ReadAsync())
        {
            statuses.Add(reader.GetString(0));
        }

        return statuses;
    }

    private async Task<long> CountAsync(string table)
    {
        await using var connection = await _database.OpenAsync(default);
        await using var count = connection.Command($"SELECT COUNT(*) FROM {table}");
        return Convert.ToInt64(await count.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

public sealed class SqliteVocabularyMigrationTests() : VocabularyMigrationTests(new SqliteDatabaseFactory());

[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresVocabularyMigrationTests(PostgresFixture postgres) : VocabularyMigrationTests(new PostgresDatabaseFactory(postgres));
