using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace MonitorCore.Api.Tests;

/// <summary>Positions (list, statuses, import from CSV and JSON), prices and their history.</summary>
public abstract class PositionsApiTests(ITestDatabaseFactory factory) : ApiTestBase(factory)
{
    private const string Csv = """
        id,asset_type,position_type,entry_price,liquidation_price,size,collateral,wallet_name
        csv-1,SOL,LONG,180,150,1000,100,desk
        csv-2,BTC,SHORT,97000,120000,2000,400,desk
        csv-3,ETH,LONG,-5,2000,1000,100,desk
        csv-4,ETH,SIDEWAYS,3000,2000,1000,100,desk
        """;

    private async Task<JsonArray> PositionsAsync(string query = "") =>
        (await Client.Get("api/positions" + query)).Is(HttpStatusCode.OK).Json["positions"]!.AsArray();

    [Fact]
    public async Task A_csv_body_imports_the_good_rows_at_the_latest_price_and_names_the_bad_ones_by_line()
    {
        await Client.Post("monitor/price_monitor");
        var sol = await PriceAsync("SOL");

        var result = (await Client.Post("api/positions/import", HttpClientReplies.Text(Csv, "text/csv"))).Is(HttpStatusCode.OK).Json;

        Assert.Equal(2, (int?)result["imported"]);
        Assert.Equal("request.csv", (string?)result["file"]);
        var skipped = result["skipped"]!.AsArray();
        Assert.Equal([4, 5], skipped.Select(s => (int)s!["line"]!));
        Assert.Contains("entry_price", (string?)skipped[0]!["message"], StringComparison.Ordinal);
        Assert.Contains("position_type", (string?)skipped[1]!["message"], StringComparison.Ordinal);

        var positions = await PositionsAsync();
        var one = positions.Single(p => (string?)p!["id"] == "csv-1")!;
        Assert.Equal("LONG", (string?)one["position_type"]);
        Assert.Equal("ACTIVE", (string?)one["status"]);
        Assert.Equal(sol, (double?)one["current_price"]);
        Assert.Equal((sol - 150) / sol * 100, (double)one["liquidation_distance_pct"]!, 6);
        Assert.Contains(positions, p => (string?)p!["id"] == "csv-2");
        Assert.DoesNotContain(positions, p => (string?)p!["id"] == "csv-3");
    }

    [Fact]
    public async Task Replace_closes_the_file_positions_the_body_no_longer_holds_and_a_body_with_a_bad_row_is_refused_whole()
    {
        (await Client.Post("api/positions/import", HttpClientReplies.Text(Csv, "text/csv"))).Is(HttpStatusCode.OK);
        var refused = (await Client.Post("api/positions/import?replace=true", HttpClientReplies.Text(Csv, "text/csv"))).Problem(HttpStatusCode.BadRequest);
        Assert.Contains("line 4: entry_price", (string?)refused["detail"], StringComparison.Ordinal);
        Assert.Equal(2, (await PositionsAsync()).Count);

        var one = "id,asset_type,position_type,entry_price,liquidation_price,size,collateral\ncsv-2,BTC,SHORT,97000,120000,2000,400\n";
        var result = (await Client.Post("api/positions/import?replace=true", HttpClientReplies.Text(one, "text/csv"))).Is(HttpStatusCode.OK).Json;

        Assert.Equal(["csv-1"], result["closed"]!.AsArray().Select(c => (string?)c));
        Assert.Equal(["csv-2"], (await PositionsAsync()).Select(p => (string?)p!["id"]));
        Assert.Equal("STALE_CLOSED", (string?)(await PositionsAsync("?status=stale_closed")).Single()!["status"]);
    }

    [Fact]
    public async Task Close_closes_a_position_and_an_unknown_id_is_a_404_problem()
    {
        (await Client.Post("api/positions/import", HttpClientReplies.Text(Csv, "text/csv"))).Is(HttpStatusCode.OK);

        var closed = (await Client.Post("api/positions/csv-1/close")).Is(HttpStatusCode.OK).Json;

        Assert.Equal(("CLOSED", "ACTIVE"), ((string?)closed["position"]!["status"], (string?)closed["was"]));
        Assert.Equal(["csv-2"], (await PositionsAsync()).Select(p => (string?)p!["id"]));
        (await Client.Post("api/positions/nothing-like-it/close")).Problem(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_json_body_imports_an_array_or_an_object_with_positions_and_names_bad_items_by_line()
    {
        var body = """
            {"positions": [
              {"id": "json-1", "assetType": "ETH", "positionType": "long", "entryPrice": 3000, "liquidationPrice": 2500, "size": 1500, "collateral": 300},
              {"id": "json-2", "asset_type": "ETH", "position_type": "LONG", "entry_price": 3000, "size": 1500, "collateral": 300}
            ]}
            """;

        var result = (await Client.Post("api/positions/import", HttpClientReplies.Text(body, "application/json"))).Is(HttpStatusCode.OK).Json;

        Assert.Equal(1, (int?)result["imported"]);
        var bad = Assert.Single(result["skipped"]!.AsArray())!;
        Assert.Equal(3, (int?)bad["line"]);
        Assert.Contains("liquidation_price is missing", (string?)bad["message"], StringComparison.Ordinal);
        Assert.Equal("ETH", (string?)Assert.Single(await PositionsAsync())!["asset_type"]);

        var array = """[{"id": "json-3", "asset_type": "SOL", "position_type": "SHORT", "entry_price": 190, "liquidation_price": 230, "size": 800, "collateral": 90}]""";
        Assert.Equal(1, (int?)(await Client.Post("api/positions/import", HttpClientReplies.Text(array, "application/json"))).Is(HttpStatusCode.OK).Json["imported"]);
        Assert.Equal(2, (await PositionsAsync()).Count);
    }

    [Fact]
    public async Task Json_that_does_not_parse_is_named_by_line_and_imports_nothing()
    {
        var result = (await Client.Post("api/positions/import", HttpClientReplies.Text("[\n{\"id\": \"x\",\n", "application/json"))).Is(HttpStatusCode.OK).Json;

        Assert.Equal(0, (int?)result["imported"]);
        Assert.Contains("not valid JSON", (string?)Assert.Single(result["skipped"]!.AsArray())!["message"], StringComparison.Ordinal);
        Assert.Empty(await PositionsAsync("?status=all"));
    }

    [Theory]
    [InlineData("""[{"id": "a", "id": "b", "asset_type": "SOL", "position_type": "LONG", "entry_price": 180, "liquidation_price": 150, "size": 1000, "collateral": 100}""", "id is given twice")]
    [InlineData("""[{"id": "a", "entryPrice": 180, "entry_price": 181, "asset_type": "SOL", "position_type": "LONG", "liquidation_price": 150, "size": 1000, "collateral": 100}""", "entry_price is given twice")]
    public async Task A_json_row_with_a_field_given_twice_is_named_by_line_and_the_others_are_imported(string first, string problem)
    {
        var body = first + """
            ,
            {"id": "good-1", "asset_type": "SOL", "position_type": "LONG", "entry_price": 180, "liquidation_price": 150, "size": 1000, "collateral": 100}]
            """;

        var result = (await Client.Post("api/positions/import", HttpClientReplies.Text(body, "application/json"))).Is(HttpStatusCode.OK).Json;

        Assert.Equal(1, (int?)result["imported"]);
        var bad = Assert.Single(result["skipped"]!.AsArray())!;
        Assert.Equal(1, (int?)bad["line"]);
        Assert.Equal(problem, (string?)bad["message"]);
        Assert.Equal("good-1", (string?)Assert.Single(await PositionsAsync())!["id"]);
    }

    [Theory]
    [InlineData("bad\0id,SOL", "id")]
    [InlineData("bad-1,S\0L", "asset_type")]
    public async Task A_row_with_a_nul_character_is_named_by_line_and_the_others_are_imported(string start, string field)
    {
        var csv = $"id,asset_type,position_type,entry_price,liquidation_price,size,collateral\ngood-1,SOL,LONG,180,150,1000,100\n{start},LONG,180,150,1000,100\n";

        var result = (await Client.Post("api/positions/import", HttpClientReplies.Text(csv, "text/csv"))).Is(HttpStatusCode.OK).Json;

        Assert.Equal(1, (int?)result["imported"]);
        var bad = Assert.Single(result["skipped"]!.AsArray())!;
        Assert.Equal(3, (int?)bad["line"]);
        Assert.Equal($"{field} contains a NUL character (U+0000)", (string?)bad["message"]);
        Assert.Equal("good-1", (string?)Assert.Single(await PositionsAsync("?status=all"))!["id"]);
    }

    [Fact]
    public async Task A_csv_header_with_a_column_twice_is_named_and_nothing_is_imported()
    {
        const string csv = "id,asset_type,position_type,entry_price,liquidation_price,size,collateral,Entry Price\ncsv-1,SOL,LONG,180,150,1000,100,181\n";

        var result = (await Client.Post("api/positions/import", HttpClientReplies.Text(csv, "text/csv"))).Is(HttpStatusCode.OK).Json;

        Assert.Equal(0, (int?)result["imported"]);
        var bad = Assert.Single(result["skipped"]!.AsArray())!;
        Assert.Equal(1, (int?)bad["line"]);
        Assert.Contains("column 'entry_price' is in the header twice", (string?)bad["message"], StringComparison.Ordinal);
        Assert.Empty(await PositionsAsync("?status=all"));
    }

    [Fact]
    public async Task An_empty_body_is_a_400_problem_naming_the_body()
    {
        var problem = (await Client.Post("api/positions/import", HttpClientReplies.Text("  \n", "text/csv"))).Problem(HttpStatusCode.BadRequest);
        Assert.Equal("body", (string?)problem["field"]);
    }

    [Fact]
    public async Task Positions_list_by_status_with_totals_of_the_active_ones()
    {
        await Client.Post("monitor/price_monitor");
        await Client.Post("monitor/position_monitor"); // the demo wallet's three positions
        await Client.Post("api/positions/import", HttpClientReplies.Text(Csv, "text/csv"));

        var reply = (await Client.Get("api/positions")).Is(HttpStatusCode.OK).Json;
        Assert.Equal(5, reply["positions"]!.AsArray().Count);
        Assert.Equal(5, (int?)reply["totals"]!["count"]);
        Assert.Equal(1000 + 2000 + 1500 + 5000 + 2000, (double?)reply["totals"]!["total_size"]);
        Assert.Equal(5, (await PositionsAsync("?status=ALL")).Count);
        Assert.Equal(5, (await PositionsAsync("?status=active")).Count);
        Assert.Empty(await PositionsAsync("?status=closed"));
        Assert.Empty(await PositionsAsync("?status=stale_closed"));
        Assert.Equal("status", (string?)(await Client.Get("api/positions?status=open")).Problem(HttpStatusCode.BadRequest)["field"]);
    }

    [Fact]
    public async Task Prices_show_the_latest_of_each_asset_and_the_history_thinned_to_the_points_asked()
    {
        for (var hour = 0; hour < 3; hour++)
        {
            (await Client.Post("monitor/price_monitor")).Is(HttpStatusCode.OK);
            Api.Time.Advance(TimeSpan.FromHours(1));
        }

        var prices = (await Client.Get("api/prices")).Is(HttpStatusCode.OK).Json["prices"]!.AsArray();
        Assert.Equal(["BTC", "ETH", "SOL", "SPX"], prices.Select(p => (string)p!["asset_type"]!).Order(StringComparer.Ordinal));
        Assert.All(prices, p => Assert.Equal("demo", (string?)p!["source"]));
        Assert.All(prices, p => Assert.Equal(ApiHost.T0.AddHours(2), DateTimeOffset.Parse((string)p!["last_update_time"]!, CultureInfo.InvariantCulture)));

        var history = (await Client.Get("api/prices/btc/history")).Is(HttpStatusCode.OK).Json;
        Assert.Equal("BTC", (string?)history["asset"]);
        Assert.Equal(3, (int?)history["stored"]);
        var times = history["points"]!.AsArray().Select(p => DateTimeOffset.Parse((string)p!["last_update_time"]!, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal([ApiHost.T0, ApiHost.T0.AddHours(1), ApiHost.T0.AddHours(2)], times);

        var thinned = (await Client.Get("api/prices/BTC/history?points=2")).Json;
        Assert.Equal(
            [ApiHost.T0, ApiHost.T0.AddHours(2)],
            thinned["points"]!.AsArray().Select(p => DateTimeOffset.Parse((string)p!["last_update_time"]!, CultureInfo.InvariantCulture)));
        Assert.Equal(2, (int?)(await Client.Get("api/prices/BTC/history?hours=2.5")).Json["stored"]);
        Assert.Equal(0, (int?)(await Client.Get("api/prices/DOGE/history")).Is(HttpStatusCode.OK).Json["stored"]);
    }

    [Theory]
    [InlineData("?hours=0", "hours")]
    [InlineData("?hours=-1", "hours")]
    [InlineData("?hours=NaN", "hours")]
    [InlineData("?hours=1e308", "hours")]
    [InlineData("?points=1", "points")]
    [InlineData("?points=100001", "points")]
    public async Task A_bad_history_window_is_a_400_problem_naming_it(string query, string field) =>
        Assert.Equal(field, (string?)(await Client.Get("api/prices/BTC/history" + query)).Problem(HttpStatusCode.BadRequest)["field"]);

    private async Task<double> PriceAsync(string asset) =>
        (double)(await Client.Get("api/prices")).Json["prices"]!.AsArray().Single(p => (string?)p!["asset_type"] == asset)!["current_price"]!;
}

public sealed class SqlitePositionsApiTests() : PositionsApiTests(new SqliteDatabaseFactory());

[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresPositionsApiTests(PostgresFixture postgres) : PositionsApiTests(new PostgresDatabaseFactory(postgres));
