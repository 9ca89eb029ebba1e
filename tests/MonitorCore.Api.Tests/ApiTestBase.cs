namespace MonitorCore.Api.Tests;

/// <summary>
/// A test class that runs against the API on a fresh database of one kind. Each class derives once for SQLite and
/// once for PostgreSQL (the PostgreSQL twin in the <c>postgres</c> collection, of the Integration category).
/// </summary>
public abstract class ApiTestBase(ITestDatabaseFactory factory) : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _owned = [];
    private ApiHost? _api;

    protected string Kind => factory.Kind;

    protected ApiHost Api => _api ?? throw new InvalidOperationException("The API has not started.");

    protected HttpClient Client => Api.Client;

    /// <summary>The settings of this class's hosts over <see cref="ApiHost.BaseSettings"/>; the demo market by default.</summary>
    protected virtual Dictionary<string, string?> Settings => new() { ["Sources:Mode"] = "Demo" };

    public async Task InitializeAsync() => _api = await StartHostAsync(Settings);

    /// <summary>Another service with its API on a fresh database of this class's kind; stopped with the test.</summary>
    protected async Task<ApiHost> StartHostAsync(Dictionary<string, string?> settings)
    {
        var database = await factory.CreateAsync();
        _owned.Add(database);
        var api = await ApiHost.StartAsync(database, settings);
        _owned.Add(api);
        return api;
    }

    public async Task DisposeAsync()
    {
        for (var i = _owned.Count - 1; i >= 0; i--)
        {
            await _owned[i].DisposeAsync();
        }
    }
}
