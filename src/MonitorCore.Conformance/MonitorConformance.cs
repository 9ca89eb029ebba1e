using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Hosting;
using MonitorCore.Hosting.Configuration;
using MonitorCore.Ledger;
using MonitorCore.Monitoring;
using MonitorCore.Plugins;
using Xunit;

namespace MonitorCore.Conformance;

/// <summary>
/// What every monitor of Monitor Core does, checked on the real host (SQLite in a temporary folder, production
/// migrations, the real runner): derive a test class from it in a plugin's test project, say which plugin and which
/// monitor key, and give the settings and files a run needs. Each test builds a fresh host, so the tests are independent.
/// <list type="bullet">
/// <item>It registers under a valid key, with a description and a timeout the runner can hold it to, and its options
/// section (if it has options) is checked at start-up and appears in the configuration schema.</item>
/// <item>A run through the runner writes exactly one <c>monitor_ledger</c> row, with the run's status and a JSON
/// object of what it measured, and a second run writes a second row.</item>
/// <item>Given a cancelled token it ends (throws <see cref="OperationCanceledException"/> or returns) instead of hanging.</item>
/// <item>Its options are validated: a value outside its limits stops the start with the key named.</item>
/// </list>
/// </summary>
public abstract class MonitorConformance : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("monitorcore-conformance-").FullName;

    /// <summary>The plugin under test, whose <see cref="IMonitorCorePlugin.Register"/> adds the monitor.</summary>
    protected abstract IMonitorCorePlugin Plugin { get; }

    /// <summary>The key the monitor registers under (<c>file_age_monitor</c>).</summary>
    protected abstract string MonitorName { get; }

    /// <summary>The expected status of a run with <see cref="Settings"/> after <see cref="ArrangeAsync"/>.</summary>
    protected virtual MonitorStatus ExpectedStatus => MonitorStatus.Success;

    /// <summary>
    /// A setting of the monitor's options and a value outside its limits (<c>("MaxAge", "00:00:00")</c>), to check that
    /// the start refuses it; null when the monitor has no limited option.
    /// </summary>
    protected virtual (string Key, string Value)? InvalidSetting => null;

    /// <summary>A temporary folder for this test's files and database; deleted afterwards.</summary>
    protected string Folder => _folder;

    /// <summary>The configuration a working run needs (<c>Monitors:&lt;key&gt;:Path</c>), over offline defaults.</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>Prepares what the monitor watches (writes a file, starts a local server).</summary>
    protected virtual Task ArrangeAsync() => Task.CompletedTask;

    public Task InitializeAsync() => ArrangeAsync();

    public virtual Task DisposeAsync()
    {
        Data.DatabaseInitializer.ReleaseSqliteFiles();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow machine: the temporary folder is the system's to clean.
        }

        return Task.CompletedTask;
    }

    /// <summary>Monitor Core with the plugin registered, on a SQLite database in <see cref="Folder"/>.</summary>
    protected MonitorCoreApp BuildHost(IReadOnlyDictionary<string, string?>? extra = null)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Database:Connection"] = Path.Combine(_folder, "conformance.db"),
            // No market data source is reached: the built-in monitors are not what is tested.
            ["Sources:Mode"] = "Demo",
        };
        foreach (var (key, value) in Settings.Concat(extra ?? new Dictionary<string, string?>()))
        {
            overrides[key] = value;
        }

        return MonitorCoreApp.Build(
            new HostSettings(_folder, new Dictionary<string, string?>(), Overrides: overrides),
            configureHost: builder => Plugin.Register(builder.Services, builder.Configuration));
    }

    [Fact]
    public async Task Registers_under_a_valid_key_with_a_description_a_timeout_and_its_options_in_the_schema()
    {
        await using var app = BuildHost();
        await app.InitializeDatabaseAsync(default);

        var registration = app.Registry.Get(MonitorName);
        Assert.Matches("^[a-z][a-z0-9_]*$", registration.Name);
        Assert.False(string.IsNullOrWhiteSpace(registration.Description), $"{MonitorName} has no description for `monitorcore list`");
        Assert.InRange(registration.Timeout, TimeSpan.FromMilliseconds(1), TimeSpan.FromHours(1));
        var listed = (await app.Operations.Monitors.ListAsync(default)).Monitors.Single(m => m.Name == MonitorName);
        Assert.Equal(registration.Description, listed.Description);

        var sections = app.Services.GetServices<MonitorCore.Configuration.DocumentedSection>()
            .Where(s => s.Section.Equals("Monitors:" + MonitorName, StringComparison.OrdinalIgnoreCase)).ToList();
        if (sections.Count > 0)
        {
            var schema = app.Operations.Schemas.Get(ConfigurationSchemas.ConfigName);
            Assert.NotNull(schema["properties"]?["Monitors"]?["properties"]?[MonitorName]);
        }
    }

    [Fact]
    public async Task A_run_writes_one_ledger_row_with_its_status_and_what_it_measured()
    {
        await using var app = BuildHost();
        await app.InitializeDatabaseAsync(default);

        var first = await app.Operations.Monitors.RunAsync(MonitorName, deliver: false, default);
        var run = Assert.Single(first.Runs);
        Assert.Equal(MonitorName, run.MonitorName);
        Assert.True(run.Status == ExpectedStatus, $"{MonitorName} ran {run.Status}, not {ExpectedStatus}: {run.Metadata.ToJsonString()}");
        Assert.IsType<JsonObject>(run.Metadata);

        var rows = await Rows(app);
        var row = Assert.Single(rows);
        Assert.Equal(run.Id, row.Id);
        Assert.Equal(run.Status, row.Status);
        Assert.Equal(run.Metadata.ToJsonString(), row.Metadata.ToJsonString());

        await app.Operations.Monitors.RunAsync(MonitorName, deliver: false, default);
        Assert.Equal(2, (await Rows(app)).Count);
    }

    [Fact]
    public async Task Given_a_cancelled_token_it_ends_instead_of_hanging()
    {
        await using var app = BuildHost();
        await app.InitializeDatabaseAsync(default);
        var registration = app.Registry.Get(MonitorName);
        await using var scope = app.Services.CreateAsyncScope();
        var monitor = registration.Factory(scope.ServiceProvider);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var running = monitor.RunAsync(new MonitorContext(MonitorName, null, app.Services.GetRequiredService<TimeProvider>().GetUtcNow(), scope.ServiceProvider), cancelled.Token);

        // A bound, not a measurement: a monitor that ignores its token would never end here.
        try
        {
            await running.WaitAsync(registration.Timeout + TimeSpan.FromSeconds(30));
        }
        catch (OperationCanceledException)
        {
            // Ending by throwing the cancellation is what most monitors do.
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{MonitorName} did not end within its timeout after its token was cancelled");
        }
    }

    [Fact]
    public void A_setting_outside_its_limits_stops_the_start_naming_the_key()
    {
        if (InvalidSetting is not { } invalid)
        {
            Assert.Null(InvalidSetting);
            return;
        }

        var key = $"Monitors:{MonitorName}:{invalid.Key}";
        var refused = Assert.Throws<ConfigurationErrorException>(() => BuildHost(new Dictionary<string, string?> { [key] = invalid.Value }));
        Assert.Contains(refused.Problems, p => p.StartsWith(key + ":", StringComparison.OrdinalIgnoreCase));
    }

    private async Task<IReadOnlyList<LedgerEntry>> Rows(MonitorCoreApp app) =>
        (await app.Operations.Ledger.QueryAsync(new LedgerQuery(MonitorName, Limit: 10), default)).Entries;
}
