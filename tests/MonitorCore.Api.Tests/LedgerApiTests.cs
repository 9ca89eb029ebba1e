using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace MonitorCore.Api.Tests;

/// <summary><c>GET /api/ledger</c>: filters, cursor paging, refusals.</summary>
public abstract class LedgerApiTests(ITestDatabaseFactory factory) : ApiTestBase(factory)
{
    /// <summary>Five rounds a minute apart of price_monitor (Success) and risk_monitor (Disabled), several rows per timestamp.</summary>
    private async Task SeedAsync()
    {
        for (var round = 0; round < 5; round++)
        {
            (await Client.Post("monitor/price_monitor")).Is(HttpStatusCode.OK);
            (await Client.Post("monitor/risk_monitor")).Is(HttpStatusCode.OK);
            (await Client.Post("monitor/profit_monitor")).Is(HttpStatusCode.OK);
            Api.Time.Advance(TimeSpan.FromMinutes(1));
        }
    }

    private async Task<JsonArray> EntriesAsync(string query) =>
        (await Client.Get("api/ledger" + query)).Is(HttpStatusCode.OK).Json["entries"]!.AsArray();

    [Fact]
    public async Task Rows_come_newest_first_and_filter_by_monitor_and_by_status_in_any_casing()
    {
        await SeedAsync();

        var all = await EntriesAsync("?limit=1000");
        Assert.Equal(15, all.Count);
        var order = all.Select(e => (Time(e!), (long)e!["id"]!)).ToList();
        Assert.Equal(order.OrderByDescending(o => o.Item1).ThenByDescending(o => o.Item2), order);

        var price = await EntriesAsync("?monitor=price_monitor&limit=1000");
        Assert.Equal(5, price.Count);
        Assert.All(price, e => Assert.Equal("price_monitor", (string?)e!["monitor_name"]));

        var disabled = await EntriesAsync("?status=disabled&limit=1000");
        Assert.Equal(5, disabled.Count);
        Assert.All(disabled, e => Assert.Equal("risk_monitor", (string?)e!["monitor_name"]));
        Assert.Empty(await EntriesAsync("?status=Error"));
        Assert.Empty(await EntriesAsync("?monitor=nope"));
    }

    [Fact]
    public async Task Since_is_inclusive_and_until_exclusive()
    {
        await SeedAsync();
        var since = ApiHost.T0.AddMinutes(1);
        var until = ApiHost.T0.AddMinutes(3);

        var window = await EntriesAsync($"?since={Escape(since)}&until={Escape(until)}&limit=1000");

        Assert.Equal(6, window.Count);
        Assert.All(window, e => Assert.InRange(Time(e!), since, until.AddTicks(-1)));
        Assert.Equal(3, (await EntriesAsync($"?since={Escape(ApiHost.T0.AddMinutes(4))}")).Count);
        Assert.Equal(ApiHost.T0, Time(Assert.Single(await EntriesAsync($"?until={Escape(since)}&monitor=price_monitor"))!));
    }

    [Fact]
    public async Task Next_cursor_paging_walks_every_row_exactly_once_with_the_filters_kept()
    {
        await SeedAsync();
        var everything = (await EntriesAsync("?limit=1000")).Select(e => (long)e!["id"]!).ToList();

        var seen = new List<long>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = (await Client.Get("api/ledger?limit=4" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)))).Is(HttpStatusCode.OK).Json;
            var ids = page["entries"]!.AsArray().Select(e => (long)e!["id"]!).ToList();
            Assert.InRange(ids.Count, 1, 4);
            seen.AddRange(ids);
            cursor = (string?)page["next_cursor"];
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(everything, seen);
        Assert.Equal(4, pages); // 15 rows, 4 a page: the last page has 3 and no cursor

        var filtered = new List<long>();
        cursor = null;
        do
        {
            var page = (await Client.Get("api/ledger?limit=2&monitor=price_monitor" + (cursor is null ? "" : "&cursor=" + Uri.EscapeDataString(cursor)))).Json;
            filtered.AddRange(page["entries"]!.AsArray().Select(e => (long)e!["id"]!));
            cursor = (string?)page["next_cursor"];
        }
        while (cursor is not null);

        Assert.Equal((await EntriesAsync("?monitor=price_monitor&limit=1000")).Select(e => (long)e!["id"]!), filtered);
    }

    [Fact]
    public async Task An_exact_last_page_has_no_cursor()
    {
        await SeedAsync();
        var page = (await Client.Get("api/ledger?limit=15")).Json;
        Assert.Equal(15, page["entries"]!.AsArray().Count);
        Assert.Null((string?)page["next_cursor"]);
    }

    [Theory]
    [InlineData("?cursor=not-a-cursor", "cursor")]
    [InlineData("?cursor=12.x", "cursor")]
    [InlineData("?status=sideways", "status")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=100001", "limit")]
    [InlineData("?since=2026-11-24T13:00:00Z&until=2026-11-24T12:00:00Z", "until")]
    public async Task A_bad_filter_is_a_400_problem_naming_it(string query, string field)
    {
        var problem = (await Client.Get("api/ledger" + query)).Problem(HttpStatusCode.BadRequest);
        Assert.Equal(field, (string?)problem["field"]);
    }

    [Fact]
    public async Task Daily_counts_each_monitors_runs_by_status_from_the_rollups_of_pruned_rows_and_the_kept_rows()
    {
        await SeedAsync(); // today's rows, kept
        var ledger = Api.Get<MonitorCore.Ledger.IMonitorLedger>();
        var yesterday = ApiHost.T0.AddDays(-1);
        await ledger.AppendBatchAsync(
        [
            new MonitorCore.Ledger.LedgerEntry(0, "price_monitor", yesterday, MonitorCore.Monitoring.MonitorStatus.Success, [], 10, null),
            new MonitorCore.Ledger.LedgerEntry(0, "price_monitor", yesterday.AddMinutes(1), MonitorCore.Monitoring.MonitorStatus.Error, [], 30, null),
        ], default);
        Assert.Equal(2, await ledger.PruneAsync(yesterday.AddHours(1), default)); // as retention does

        var daily = (await Client.Get("api/ledger/daily?days=2&monitor=price_monitor")).Is(HttpStatusCode.OK).Json;

        Assert.Equal(2, (int)daily["days"]!);
        var rows = daily["rows"]!.AsArray();
        Assert.Equal([("2026-11-23", 2L), ("2026-11-24", 5L)], rows.Select(r => ((string)r!["day"]!, (long)r!["runs"]!)));
        Assert.All(rows, r => Assert.Equal("price_monitor", (string?)r!["monitor"]));
        Assert.Equal((1L, 1L, 10.0, 20.0, 30.0), ((long)rows[0]!["by_status"]!["Success"]!, (long)rows[0]!["by_status"]!["Error"]!,
            (double)rows[0]!["min_ms"]!, (double)rows[0]!["avg_ms"]!, (double)rows[0]!["max_ms"]!));
        Assert.Equal(5L, (long)rows[1]!["by_status"]!["Success"]!);
        var all = (await Client.Get("api/ledger/daily")).Is(HttpStatusCode.OK).Json["rows"]!.AsArray();
        Assert.Equal(5L, (long)all.Single(r => (string?)r!["monitor"] == "risk_monitor")!["by_status"]!["Disabled"]!);
        Assert.DoesNotContain(all, r => (string?)r!["day"] == "2026-11-23" && (string?)r!["monitor"] != "price_monitor");
        Assert.All((await Client.Get("api/ledger/daily?days=1")).Json["rows"]!.AsArray(), r => Assert.Equal("2026-11-24", (string?)r!["day"]));
    }

    [Theory]
    [InlineData("?days=0")]
    [InlineData("?days=36501")]
    public async Task Daily_over_a_bad_number_of_days_is_a_400_problem_naming_days(string query)
    {
        var problem = (await Client.Get("api/ledger/daily" + query)).Problem(HttpStatusCode.BadRequest);
        Assert.Equal("days", (string?)problem["field"]);
    }

    [Fact]
    public async Task A_monitor_name_with_a_nul_character_is_a_400_problem_on_every_database()
    {
        await SeedAsync();

        var problem = (await Client.Get("api/ledger?monitor=price_monitor%00")).Problem(HttpStatusCode.BadRequest);

        Assert.Equal("monitor", (string?)problem["field"]);
        Assert.Contains("NUL character", (string?)problem["detail"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?since=yesterday", "since")]
    [InlineData("?until=2026-13-01", "until")]
    [InlineData("?limit=ten", "limit")]
    [InlineData("?limit=99999999999999", "limit")]
    public async Task A_value_of_the_wrong_type_is_a_400_problem_naming_the_parameter(string query, string parameter) =>
        Assert.Contains(parameter, (await Client.Get("api/ledger" + query)).Problem(HttpStatusCode.BadRequest)["detail"]!.ToString(), StringComparison.Ordinal);

    private static DateTimeOffset Time(JsonNode entry) => DateTimeOffset.Parse((string)entry["timestamp"]!, CultureInfo.InvariantCulture);

    private static string Escape(DateTimeOffset time) => Uri.EscapeDataString(time.ToString("O", CultureInfo.InvariantCulture));
}

public sealed class SqliteLedgerApiTests() : LedgerApiTests(new SqliteDatabaseFactory());

[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresLedgerApiTests(PostgresFixture postgres) : LedgerApiTests(new PostgresDatabaseFactory(postgres));
