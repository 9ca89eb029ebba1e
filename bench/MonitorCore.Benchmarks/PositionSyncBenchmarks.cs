using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Data;
using MonitorCore.Data.Repositories;
using MonitorCore.Hosting;
using MonitorCore.Hosting.Configuration;
using MonitorCore.Ledger;
using MonitorCore.Monitoring;
using MonitorCore.Monitors.Positions;
using MonitorCore.Monitors.Sources;
using MonitorCore.Positions;
using MonitorCore.Prices;
using MonitorCore.Wallets;

namespace MonitorCore.Benchmarks;

/// <summary>
/// A full <c>position_monitor</c> sync of one wallet holding <see cref="Positions"/> positions, through
/// HTTP and the database: a local Kestrel server plays Jupiter, the host is the product's
/// (<see cref="MonitorCoreApp"/>, SQLite file, production migrations and HTTP pipeline), and
/// every call goes through <see cref="MonitorRunner.RunByNameAsync"/> (the runner, the
/// monitor, one ledger row). Mean is the time of one sync; Positions/s is <see cref="Positions"/> / Mean.
/// The other benchmarks time parts of the sync on their own: the Jupiter side (HTTP and parsing, then
/// mapping and enrichment) and the database side (reading the stored positions, writing them back).
/// </summary>
[Config(typeof(PositionsPerSecondConfig))]
[MemoryDiagnoser]
public class PositionSyncBenchmarks
{
    public const string WalletAddress = "5Egu5iBD5TvXPR7i5QazQi6JT51LZrq8P3dYRcM3wHz6";
    private const string Monitor = "position_monitor";

    private JupiterStubServer _server = null!;
    private string _folder = null!;
    private MonitorCoreApp _host = null!;
    private AsyncServiceScope _scope;
    private MonitorRunner _controller = null!;
    private JupiterClient _jupiter = null!;
    private IPositionStore _positions = null!;
    private IReadOnlyList<Position> _stored = [];
    private readonly HeatIndexWeights _weights = new();

    /// <summary>The positions of the wallet: 1,000 is the target; 10,000 shows whether the cost grows linearly.</summary>
    [Params(1_000, 10_000)]
    public int Positions { get; set; }

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _server = await JupiterStubServer.StartAsync(WalletAddress, JupiterBook.Body(Positions, WalletAddress));
        _folder = BenchData.NewTempFolder("sync");
        var refused = JupiterStubServer.RefusedUrl();
        _host = MonitorCoreApp.Build(new HostSettings(
            _folder,
            new Dictionary<string, string?>(),
            Overrides: new Dictionary<string, string?>
            {
                ["Sources:Jupiter:BaseUrl"] = _server.BaseUrl,
                ["Sources:CoinGecko:BaseUrl"] = refused,
                ["Sources:Yahoo:BaseUrl"] = refused,
            }));
        await _host.InitializeDatabaseAsync(CancellationToken.None);
        _controller = _host.Runner;
        _scope = _host.Services.CreateAsyncScope();
        _jupiter = _scope.ServiceProvider.GetRequiredService<JupiterClient>();
        _positions = _scope.ServiceProvider.GetRequiredService<IPositionStore>();

        var now = DateTimeOffset.UtcNow;
        await _scope.ServiceProvider.GetRequiredService<IWalletStore>()
            .AddAsync(new Wallet("bench", WalletAddress, true, now), CancellationToken.None);
        // As if price_monitor had run: the enrichment uses the newest stored price of each asset.
        await _scope.ServiceProvider.GetRequiredService<IPriceStore>().AddAsync(
            [.. JupiterBook.Markets.Select(m => new PriceQuote(m.Asset, m.Price, "coingecko", now))], CancellationToken.None);

        Check(await SyncKnown(), imported: Positions, updated: 0);
        Check(await SyncKnown(), imported: 0, updated: Positions);
        _stored = (await _positions.ReadAsync(null, CancellationToken.None)).Positions;
        var fetched = await FetchMapAndEnrich();
        if (_stored.Count != Positions || fetched.Length != Positions || _server.PositionRequests != 3)
        {
            throw new InvalidOperationException(
                $"Expected {Positions} stored and fetched positions after 3 requests, got {_stored.Count} and {fetched.Length} after {_server.PositionRequests}.");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _scope.DisposeAsync();
        await _host.DisposeAsync();
        await _server.DisposeAsync();
        BenchData.DeleteFolder(_folder);
    }

    /// <summary>The steady state: all positions already stored, so every one takes the update path.</summary>
    [Benchmark]
    public Task<LedgerEntry> SyncKnown() => _controller.RunByNameAsync(Monitor, null, CancellationToken.None);

    [IterationSetup(Target = nameof(SyncIntoEmptyTable))]
    public void ClearPositions()
    {
        using var connection = _host.Services.GetRequiredService<Database>().OpenAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM positions";
        command.ExecuteNonQuery();
    }

    /// <summary>The first import: the positions table is emptied before each (single-call) iteration.</summary>
    [Benchmark]
    public Task<LedgerEntry> SyncIntoEmptyTable() => _controller.RunByNameAsync(Monitor, null, CancellationToken.None);

    /// <summary>Part of the sync: the HTTP request and parsing the answer (<c>JupiterClient.GetPositionsAsync</c>).</summary>
    [Benchmark]
    public Task<IReadOnlyList<JsonNode?>> FetchFromJupiter() => _jupiter.GetPositionsAsync(WalletAddress, CancellationToken.None);

    /// <summary>
    /// Part of the sync: the Jupiter side, <see cref="FetchFromJupiter"/> then mapping the items to positions
    /// and enriching them (<c>JupiterPositionMapper.Map</c>, <c>PositionMath.Enrich</c>). The items must be
    /// freshly parsed: <c>JsonNode</c> builds an object's properties on first access, and that is part of the cost.
    /// </summary>
    [Benchmark]
    public async Task<Position[]> FetchMapAndEnrich()
    {
        var items = await FetchFromJupiter();
        var now = DateTimeOffset.UtcNow;
        var result = new Position[items.Count];
        for (var i = 0; i < result.Length; i++)
        {
            var position = JupiterPositionMapper.Map(items[i], "bench", JupiterClient.Name, now).Position!;
            result[i] = PositionMath.Enrich(position, position.CurrentPrice, _weights);
        }

        return result;
    }

    /// <summary>Part of the sync: reading every stored position (<c>PositionRepository.ReadAsync</c>).</summary>
    [Benchmark]
    public Task<PositionReadResult> ReadStoredPositions() => _positions.ReadAsync(null, CancellationToken.None);

    /// <summary>Part of the sync: writing back every known position in one transaction (<c>PositionRepository.UpsertAsync</c>).</summary>
    [Benchmark]
    public Task UpsertKnownPositions() => _positions.UpsertAsync(_stored, CancellationToken.None);

    private void Check(LedgerEntry entry, int imported, int updated)
    {
        var metadata = entry.Metadata;
        if (entry.Status != MonitorStatus.Success
            || (int?)metadata["imported"] != imported
            || (int?)metadata["updated"] != updated
            || (int?)metadata["active"] != Positions)
        {
            throw new InvalidOperationException($"The sync did not do what the benchmark measures: {entry.Status} {metadata.ToJsonString()}");
        }
    }
}
