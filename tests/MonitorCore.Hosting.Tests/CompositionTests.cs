using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Hosting.Configuration;
using MonitorCore.Ledger;
using MonitorCore.Monitoring;

namespace MonitorCore.Hosting.Tests;

public sealed class CompositionTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_composition_root_builds_and_every_option_validates_with_defaults()
    {
        await using var host = MonitorCoreApp.Build(new HostSettings(_folder.Path, new Dictionary<string, string?>()));
        Assert.Contains("latency_monitor", host.Registry.Names);
        Assert.Equal(_folder.File("data/monitorcore.db"), host.Services.GetRequiredService<Data.Database>().Location.FilePath);
        Assert.Empty(host.Services.GetRequiredService<IEnumerable<ILedgerMirror>>());
        Assert.False(File.Exists(_folder.File("data/monitorcore.db")));
    }

    [Fact]
    public void Bad_configuration_stops_start_up_naming_every_bad_key()
    {
        var environment = new Dictionary<string, string?>
        {
            ["MONITORCORE_Ledger__RetentionDays"] = "0",
            ["MONITORCORE_Database__Synchronous"] = "Sometimes",
        };
        var ex = Assert.Throws<ConfigurationErrorException>(() => MonitorCoreApp.Build(new HostSettings(_folder.Path, environment)));
        Assert.Contains(ex.Problems, p => p.StartsWith("Ledger:RetentionDays:", StringComparison.Ordinal));
        Assert.Contains(ex.Problems, p => p.Contains("Database", StringComparison.Ordinal) && p.Contains("Synchronous", StringComparison.Ordinal));
    }

    [Fact]
    public void Duplicate_monitor_names_stop_start_up()
    {
        var ex = Assert.Throws<ConfigurationErrorException>(() =>
            MonitorCoreApp.Build(new HostSettings(_folder.Path, new Dictionary<string, string?>(), Overrides: OfflineSources.Settings()), services =>
                services.AddMonitor<Monitoring.SucceedingMonitor>("latency_monitor")));
        Assert.Contains("latency_monitor", Assert.Single(ex.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_ledgers_are_written_when_enabled()
    {
        var environment = new Dictionary<string, string?>
        {
            ["MONITORCORE_Ledger__WriteJsonLedgers"] = "true",
            ["MONITORCORE_Ledger__JsonLedgerFolder"] = "legacy",
        };
        await using var host = MonitorCoreApp.Build(new HostSettings(_folder.Path, environment), services =>
            services.AddMonitor<Monitoring.SucceedingMonitor>("ok_monitor"));
        await host.InitializeDatabaseAsync(default);

        await host.Runner.RunByNameAsync("ok_monitor", null, default);

        var line = Assert.Single(await File.ReadAllLinesAsync(_folder.File("legacy/ok_monitor_ledger.json")));
        Assert.Contains("\"monitor_name\":\"ok_monitor\"", line, StringComparison.Ordinal);
    }
}
