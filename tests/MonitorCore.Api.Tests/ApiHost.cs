using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MonitorCore.Hosting;
using MonitorCore.Hosting.Configuration;
using MonitorCore.Hosting.Scheduling;
using MonitorCore.Leases;
using MonitorCore.Notifications;

namespace MonitorCore.Api.Tests;

/// <summary>
/// The service with its API, started as <c>monitorcore serve</c> starts it: <see cref="MonitorCoreWebHost.Build"/>,
/// the database made ready, the host started (Kestrel on a loopback port the system picks, the hosted services
/// running), and an <see cref="HttpClient"/> to it. Sources are offline (or the in-process demo market), the clock
/// is fake, so nothing runs on a timer until the test moves it; and the scheduler's lease is held by "another
/// instance" (<see cref="HoldScheduler"/>), so the scheduler stands by and a test runs monitors through the API.
/// </summary>
public sealed class ApiHost : IAsyncDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Who holds the scheduler's lease while a test runs the monitors itself.</summary>
    public const string OtherInstance = "another-instance:tests";

    private readonly TempDirectory _folder;
    private TestDatabase? _ownDatabase;

    private ApiHost(MonitorCoreApp app, TempDirectory folder, FakeTimeProvider time, ErrorLog errors, OutboxWatch outbox, Uri address)
    {
        App = app;
        _folder = folder;
        Time = time;
        Errors = errors;
        Outbox = outbox;
        Address = address;
        Client = NewClient();
    }

    public MonitorCoreApp App { get; }

    public FakeTimeProvider Time { get; }

    /// <summary>What the service logged at Error and above (an unexpected 500 is logged with its exception).</summary>
    public ErrorLog Errors { get; }

    /// <summary>Signals when the dispatcher records a delivery.</summary>
    public OutboxWatch Outbox { get; }

    public Uri Address { get; }

    public HttpClient Client { get; }

    /// <summary>The working directory (the timer file lives under it).</summary>
    public string Folder => _folder.Path;

    /// <summary>The settings every test host gets: offline sources and a port the system picks on loopback.</summary>
    public static Dictionary<string, string?> BaseSettings()
    {
        var settings = OfflineSources.Settings();
        settings["Api:Urls"] = "http://127.0.0.1:0";
        return settings;
    }

    /// <param name="database">The database it runs on (a SQLite file or a PostgreSQL database).</param>
    /// <param name="settings">Settings by key over <see cref="BaseSettings"/>, as the command line gives them.</param>
    /// <param name="holdScheduler">Keep the scheduler standing by (the default); false lets it lead and run the cycle.</param>
    public static async Task<ApiHost> StartAsync(TestDatabase database, IDictionary<string, string?>? settings = null, bool holdScheduler = true)
    {
        var all = BaseSettings();
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var folder = new TempDirectory();
        var time = new FakeTimeProvider(T0);
        var errors = new ErrorLog();
        var outbox = new OutboxWatch();
        MonitorCoreApp? app = null;
        try
        {
            app = Build(folder.Path, database.Connection, all, time, errors, services => OutboxWatch.Install(services, outbox));
            await app.InitializeDatabaseAsync(CancellationToken.None);
            if (holdScheduler)
            {
                await HoldScheduler(app, time);
            }

            // The dispatcher's first round looks at the outbox and then waits: once it has looked, it is idle until a
            // signal or the clock wakes it, so what a test queues stays as it is until the test settles the outbox.
            var dispatcherIdle = outbox.NextDueLook;
            await app.StartAsync(CancellationToken.None);
            await dispatcherIdle.WaitAsync(TimeSpan.FromSeconds(60));
            var server = app.Services.GetRequiredService<IServer>();
            var address = server.Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
            return new ApiHost(app, folder, time, errors, outbox, new Uri(address + "/"));
        }
        catch
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            folder.Dispose();
            throw;
        }
    }

    /// <summary>A service with its API on a SQLite file of its own, removed with it (for tests that are not about storage).</summary>
    public static async Task<ApiHost> StartOnSqliteAsync(IDictionary<string, string?>? settings = null)
    {
        var database = await new SqliteDatabaseFactory().CreateAsync();
        try
        {
            var api = await StartAsync(database, settings);
            api._ownDatabase = database;
            return api;
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }
    }

    /// <summary>Builds the web host as <c>serve</c> does, with the fake clock and a log that keeps the errors.</summary>
    public static MonitorCoreApp Build(
        string folder, string? database, IDictionary<string, string?> settings, TimeProvider? time = null, ErrorLog? errors = null, Action<IServiceCollection>? services = null) =>
        MonitorCoreWebHost.Build(
            new HostSettings(folder, new Dictionary<string, string?>(), Database: database, Overrides: new Dictionary<string, string?>(settings)),
            TimeSpan.FromSeconds(4),
            registrations =>
            {
                if (time is not null)
                {
                    registrations.AddSingleton<TimeProvider>(time);
                }

                services?.Invoke(registrations);
            },
            host =>
            {
                host.Logging.ClearProviders();
                if (errors is not null)
                {
                    host.Logging.AddProvider(errors);
                }
            });

    /// <summary>Takes the scheduler's lease for another instance: this one's scheduler stands by and runs nothing.</summary>
    private static async Task HoldScheduler(MonitorCoreApp app, TimeProvider time)
    {
        var leases = app.Services.GetRequiredService<ILeaseStore>();
        if (!await leases.TryAcquireAsync(MonitorScheduler.LeaseName, OtherInstance, time.GetUtcNow(), TimeSpan.FromDays(3650), CancellationToken.None))
        {
            throw new InvalidOperationException("The scheduler's lease could not be taken for the test.");
        }
    }

    /// <summary>A new client to this host (another caller: other headers).</summary>
    public HttpClient NewClient() => new() { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(100) };

    public T Get<T>() where T : notnull => App.Services.GetRequiredService<T>();

    /// <summary>One sonic cycle, as the scheduler runs it (every in-cycle monitor, then the heartbeat).</summary>
    public Task<CycleOutcome> RunCycleAsync() => Get<SonicCycle>().RunAsync(CancellationToken.None);

    /// <summary>
    /// Wakes the service's dispatcher and waits until no notification is due any more (each sent, skipped, or failed
    /// and due later): after it, nothing changes the outbox until the clock moves or something new is queued.
    /// </summary>
    public async Task SettleOutboxAsync()
    {
        var outbox = Get<INotificationOutbox>();
        var signal = Get<NotificationSignal>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var changed = Outbox.NextChange;
            if ((await outbox.DueAsync(Time.GetUtcNow(), timeout.Token)).Due == 0)
            {
                // Nothing is due, but the dispatcher may still be between marking the last delivery and recording its
                // event: wake it and wait until it has looked for the next due time, which it does after both.
                var looked = Outbox.NextDueLook;
                signal.Notify();
                await looked.WaitAsync(timeout.Token);
                return;
            }

            signal.Notify();
            await changed.WaitAsync(timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        try
        {
            await App.StopAsync(CancellationToken.None);
        }
        finally
        {
            await App.DisposeAsync();
            _folder.Dispose();
            if (_ownDatabase is not null)
            {
                await _ownDatabase.DisposeAsync();
            }
        }
    }
}

/// <summary>Keeps what is logged at Error and above, with the exception, so that a test can show why a request failed.</summary>
public sealed class ErrorLog : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();

    public IReadOnlyCollection<string> Entries => _entries;

    public override string ToString() => string.Join(Environment.NewLine, _entries);

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                entries.Enqueue($"{category}: {formatter(state, exception)} {exception}");
            }
        }
    }
}
