using System.Net;
using System.Text.Json.Nodes;

namespace MonitorCore.Api.Tests;

/// <summary><c>/api/wallets</c>: list, add, enable and disable.</summary>
public abstract class WalletsApiTests(ITestDatabaseFactory factory) : ApiTestBase(factory)
{
    private const string Address = "9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin";

    private async Task<JsonArray> WalletsAsync() => (await Client.Get("api/wallets")).Is(HttpStatusCode.OK).Json["wallets"]!.AsArray();

    [Fact]
    public async Task Adding_a_wallet_answers_201_with_where_it_is_and_lists_it_enabled()
    {
        var reply = (await Client.Post("api/wallets", new { name = "desk-1", address = Address })).Is(HttpStatusCode.Created);

        Assert.Equal("/api/wallets/desk-1", reply.Headers.Location?.OriginalString);
        Assert.Equal("desk-1", (string?)reply.Json["name"]);
        Assert.True((bool?)reply.Json["enabled"]);
        var wallet = Assert.Single(await WalletsAsync())!;
        Assert.Equal(Address, (string?)wallet["address"]);
        Assert.Equal(ApiHost.T0, DateTimeOffset.Parse((string)wallet["created_at"]!, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_wallet_of_a_name_that_exists_is_a_409_problem()
    {
        (await Client.Post("api/wallets", new { name = "desk-1", address = Address })).Is(HttpStatusCode.Created);

        var problem = (await Client.Post("api/wallets", new { name = "desk-1", address = "So11111111111111111111111111111111111111112" })).Problem(HttpStatusCode.Conflict);

        Assert.Contains("desk-1", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Equal(Address, (string?)Assert.Single(await WalletsAsync())!["address"]);
    }

    [Theory]
    [InlineData("desk-1", "0xNotASolanaAddress", "address")]
    [InlineData("desk-1", "", "address")]
    [InlineData("desk 1", Address, "name")]
    [InlineData("", Address, "name")]
    [InlineData(null, Address, "name")]
    [InlineData("desk-1", null, "address")]
    public async Task A_bad_wallet_is_a_400_problem_naming_the_field_and_nothing_is_added(string? name, string? address, string field)
    {
        var problem = (await Client.Post("api/wallets", new { name, address })).Problem(HttpStatusCode.BadRequest);

        Assert.Equal(field, (string?)problem["field"]);
        Assert.Empty(await WalletsAsync());
    }

    [Fact]
    public async Task Patch_turns_a_wallet_off_and_on()
    {
        (await Client.Post("api/wallets", new { name = "desk-1", address = Address })).Is(HttpStatusCode.Created);

        var off = (await Client.Patch("api/wallets/desk-1", new { enabled = false })).Is(HttpStatusCode.OK).Json;
        Assert.Equal("desk-1", (string?)off["name"]);
        Assert.False((bool?)off["enabled"]);
        Assert.False((bool?)Assert.Single(await WalletsAsync())!["enabled"]);

        (await Client.Patch("api/wallets/desk-1", new { enabled = true })).Is(HttpStatusCode.OK);
        Assert.True((bool?)Assert.Single(await WalletsAsync())!["enabled"]);
    }

    [Fact]
    public async Task Patching_an_unknown_wallet_or_without_enabled_is_refused()
    {
        Assert.Equal("name", (string?)(await Client.Patch("api/wallets/nope", new { enabled = false })).Problem(HttpStatusCode.NotFound)["field"]);
        (await Client.Post("api/wallets", new { name = "desk-1", address = Address })).Is(HttpStatusCode.Created);
        Assert.Equal("enabled", (string?)(await Client.Patch("api/wallets/desk-1", new { })).Problem(HttpStatusCode.BadRequest)["field"]);
        (await Client.Patch("api/wallets/desk-1", HttpClientReplies.Text("""{"enabled": "nah"}""", "application/json"))).Problem(HttpStatusCode.BadRequest);
        Assert.True((bool?)Assert.Single(await WalletsAsync())!["enabled"]);
    }
}

public sealed class SqliteWalletsApiTests() : WalletsApiTests(new SqliteDatabaseFactory());

[Collection(PostgresCollection.Name)]
[Trait("Category", "Integration")]
public sealed class PostgresWalletsApiTests(PostgresFixture postgres) : WalletsApiTests(new PostgresDatabaseFactory(postgres));
