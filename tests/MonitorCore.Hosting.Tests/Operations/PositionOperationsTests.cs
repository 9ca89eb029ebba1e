using MonitorCore.Alerts;
using MonitorCore.Hosting.Operations;
using MonitorCore.Positions;

namespace MonitorCore.Hosting.Tests.Operations;

/// <summary>Positions from a file can be closed: by hand, or by a file that is the whole set (docs/behaviour.md §4).</summary>
public sealed class PositionOperationsTests : IAsyncLifetime
{
    /// <summary>Two SOL LONGs inside the liquidation breach line (current 181, liquidation 174.3: 3.7 %), one ETH far from it.</summary>
    private const string Three = """
        id,asset_type,position_type,entry_price,liquidation_price,size,collateral,current_price
        near-1,SOL,LONG,182.5,174.3,1500,115,181
        near-2,SOL,LONG,182.5,174.3,1500,115,181
        safe,ETH,LONG,3300,2750,2000,340,3400
        """;

    private TestHost _host = null!;

    private PositionOperations Positions => _host.Host.Operations.Positions;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync(new Dictionary<string, string?>());

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private async Task<Dictionary<string, PositionStatus>> StatusesAsync() =>
        (await Positions.ListAsync(null, default)).Positions.ToDictionary(p => p.Id, p => p.Status);

    private async Task<List<string>> FiringAsync() =>
        [.. (await _host.Host.Operations.Alerts.ListAsync(all: false, 100, default)).Alerts.Select(a => a.Subject).Order(StringComparer.Ordinal)];

    [Fact]
    public async Task Close_makes_a_position_closed_and_its_alert_resolves_at_the_next_run()
    {
        await Positions.ImportTextAsync(Three, "mine.csv", replace: false, default);
        await _host.RunAsync("liquid_monitor");
        Assert.Equal(["near-1", "near-2"], await FiringAsync());

        var closed = await Positions.CloseAsync("near-1", default);

        Assert.Equal((PositionStatus.Closed, PositionStatus.Active), (closed.Position.Status, closed.Was));
        Assert.Equal(PositionStatus.Closed, (await StatusesAsync())["near-1"]);
        await _host.RunAsync("liquid_monitor");
        Assert.Equal(["near-2"], await FiringAsync());
        Assert.Equal(PositionStatus.Closed, (await Positions.CloseAsync("near-1", default)).Was); // again: nothing changes
    }

    [Fact]
    public async Task Close_takes_the_start_of_an_id_that_names_one_position_and_refuses_others()
    {
        await Positions.ImportTextAsync(Three, "mine.csv", replace: false, default);

        Assert.Equal("safe", (await Positions.CloseAsync("saf", default)).Position.Id);
        var ambiguous = await Assert.ThrowsAsync<OperationException>(() => Positions.CloseAsync("near", default));
        var missing = await Assert.ThrowsAsync<OperationException>(() => Positions.CloseAsync("nearr-1", default));

        Assert.Equal(OperationError.Invalid, ambiguous.Error);
        Assert.Contains("near-1, near-2", ambiguous.Message, StringComparison.Ordinal);
        Assert.Equal(OperationError.NotFound, missing.Error);
        Assert.Contains("did you mean near-1?", missing.Message, StringComparison.Ordinal);
        Assert.Equal(PositionStatus.Active, (await StatusesAsync())["near-1"]);
    }

    [Fact]
    public async Task Replace_closes_the_file_positions_missing_from_the_file_and_their_alerts_resolve()
    {
        await Positions.ImportTextAsync(Three, "mine.csv", replace: false, default);
        await _host.RunAsync("liquid_monitor");

        var result = await Positions.ImportTextAsync(
            "id,asset_type,position_type,entry_price,liquidation_price,size,collateral,current_price\nnear-2,SOL,LONG,182.5,174.3,1500,115,181\n",
            "mine.csv", replace: true, default);

        Assert.Equal(1, result.Imported);
        Assert.Equal(["near-1", "safe"], result.Closed.Order(StringComparer.Ordinal));
        var statuses = await StatusesAsync();
        Assert.Equal((PositionStatus.StaleClosed, PositionStatus.Active, PositionStatus.StaleClosed), (statuses["near-1"], statuses["near-2"], statuses["safe"]));
        await _host.RunAsync("liquid_monitor");
        Assert.Equal(["near-2"], await FiringAsync());
    }

    [Fact]
    public async Task Replace_leaves_positions_of_other_sources_alone()
    {
        await Positions.ImportTextAsync(Three, "mine.csv", replace: false, default);
        var jupiter = (await Positions.ListAsync(null, default)).Positions.Single(p => p.Id == "safe") with { Id = "wallet-pos", Source = "jupiter", WalletName = "main" };
        await _host.Get<IPositionStore>().UpsertAsync([jupiter], default);

        var result = await Positions.ImportTextAsync(Three, "mine.csv", replace: true, default);

        Assert.Empty(result.Closed);
        Assert.Equal(PositionStatus.Active, (await StatusesAsync())["wallet-pos"]);
    }

    [Theory]
    [InlineData("id,asset_type,position_type,entry_price,liquidation_price,size,collateral\nnear-2,SOL,LONG,182.5,174.3,1500,115\nbad,SOL,LONG,-1,174.3,1500,115\n", "line 3: entry_price")]
    [InlineData("id,asset_type,position_type,entry_price,liquidation_price,size,collateral\n", "holds no positions")]
    [InlineData("[]", "holds no positions")]
    public async Task Replace_with_a_file_that_cannot_say_which_positions_exist_is_refused_whole(string file, string reason)
    {
        await Positions.ImportTextAsync(Three, "mine.csv", replace: false, default);
        var before = await StatusesAsync();

        var refused = await Assert.ThrowsAsync<OperationException>(() => Positions.ImportTextAsync(file, file.StartsWith('[') ? "mine.json" : "mine.csv", replace: true, default));

        Assert.Equal(OperationError.Invalid, refused.Error);
        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await StatusesAsync());
    }
}
