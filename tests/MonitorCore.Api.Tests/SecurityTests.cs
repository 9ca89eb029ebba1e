using System.Net;
using MonitorCore.Hosting.Configuration;

namespace MonitorCore.Api.Tests;

/// <summary>API keys, read-only keys, the open probes, and the refusal to listen beyond loopback without a key.</summary>
public sealed class SecurityTests
{
    private const string FullKey = "full-9b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e";
    private const string ReadKey = "read-0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d";

    private static readonly Dictionary<string, string?> Keys = new()
    {
        ["Sources:Mode"] = "Demo",
        ["Api:Keys:0"] = FullKey,
        ["Api:ReadOnlyKeys:0"] = ReadKey,
    };

    [Fact]
    public async Task On_loopback_without_keys_every_route_answers_without_one()
    {
        await using var api = await ApiHost.StartOnSqliteAsync(new Dictionary<string, string?> { ["Sources:Mode"] = "Demo" });

        (await api.Client.Get("monitors")).Is(HttpStatusCode.OK);
        (await api.Client.Post("monitor/price_monitor")).Is(HttpStatusCode.OK);
        (await api.Client.Put("api/settings/theme_mode", new { value = "light" })).Is(HttpStatusCode.OK);
        (await api.Client.Delete("api/settings/theme_mode")).Is(HttpStatusCode.OK);
        (await api.Client.Get("metrics")).Is(HttpStatusCode.OK);
        (await api.Client.Get("openapi/v1.json")).Is(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("GET", "monitors")]
    [InlineData("POST", "monitor/price_monitor")]
    [InlineData("GET", "api/config")]
    [InlineData("GET", "metrics")]
    [InlineData("GET", "openapi/v1.json")]
    [InlineData("PUT", "api/settings/theme_mode")]
    public async Task With_keys_a_request_without_one_is_a_401_problem_saying_what_to_send(string method, string path)
    {
        await using var api = await ApiHost.StartOnSqliteAsync(Keys);

        var reply = await api.Client.Send(new HttpMethod(method), path, method == "GET" ? null : new { value = "light" });

        var problem = reply.Problem(HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer realm=\"monitorcore\"", Assert.Single(reply.Headers.WwwAuthenticate).ToString());
        Assert.Contains("Authorization: Bearer <key>", (string?)problem["detail"], StringComparison.Ordinal);
        Assert.Empty((await api.Client.Get("api/ledger", FullKey)).Json["entries"]!.AsArray());
        Assert.Equal("dark", (string?)(await api.Client.Get("api/settings/theme_mode", FullKey)).Json["value"]);
    }

    [Theory]
    [InlineData("Bearer wrong-key")]
    [InlineData("Bearer " + FullKey + "x")]
    [InlineData("Bearer " + "full-9b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5")]
    [InlineData("Basic " + FullKey)]
    [InlineData(FullKey)]
    [InlineData("Bearer ")]
    public async Task A_wrong_key_is_a_401_problem(string authorization)
    {
        await using var api = await ApiHost.StartOnSqliteAsync(Keys);
        using var request = new HttpRequestMessage(HttpMethod.Get, "monitors");
        request.Headers.TryAddWithoutValidation("Authorization", authorization);

        var reply = await api.Client.SendRaw(request);

        reply.Problem(HttpStatusCode.Unauthorized);
        Assert.NotEmpty(reply.Headers.WwwAuthenticate);
    }

    [Fact]
    public async Task A_read_only_key_reads_and_every_change_with_it_is_a_403_problem_that_changes_nothing()
    {
        await using var api = await ApiHost.StartOnSqliteAsync(Keys);
        var client = api.Client;

        (await client.Get("monitors", ReadKey)).Is(HttpStatusCode.OK);
        (await client.Get("api/settings", ReadKey)).Is(HttpStatusCode.OK);
        var refused = new[]
        {
            await client.Post("monitor/price_monitor", key: ReadKey),
            await client.Post("monitor/all", key: ReadKey),
            await client.Put("api/settings/theme_mode", new { value = "light" }, ReadKey),
            await client.Delete("api/timers/latency_monitor", ReadKey),
            await client.Post("api/wallets", new { name = "desk-1", address = "9xQeWvG816bUx9EPjHmaT23yvVM2ZWbrrpZb9PusVFin" }, ReadKey),
            await client.Patch("api/wallets/desk-1", new { enabled = false }, ReadKey),
        };

        Assert.All(refused, r => Assert.Contains("read-only key", (string?)r.Problem(HttpStatusCode.Forbidden)["detail"], StringComparison.Ordinal));
        Assert.Empty((await client.Get("api/ledger", ReadKey)).Json["entries"]!.AsArray());
        Assert.Equal("dark", (string?)(await client.Get("api/settings/theme_mode", ReadKey)).Json["value"]);
        Assert.Empty((await client.Get("api/wallets", ReadKey)).Json["wallets"]!.AsArray());

        (await client.Post("monitor/price_monitor", key: FullKey)).Is(HttpStatusCode.OK);
        (await client.Put("api/settings/theme_mode", new { value = "light" }, FullKey)).Is(HttpStatusCode.OK);
        Assert.Equal("light", (string?)(await client.Get("api/settings/theme_mode", ReadKey)).Json["value"]);
    }

    [Fact]
    public async Task The_probes_answer_without_a_key()
    {
        await using var api = await ApiHost.StartOnSqliteAsync(Keys);

        (await api.Client.Get("healthz")).Is(HttpStatusCode.OK);
        (await api.Client.Get("readyz")).Is(HttpStatusCode.ServiceUnavailable); // no cycle yet: not ready, but not refused
        await api.RunCycleAsync();
        (await api.Client.Get("readyz")).Is(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://*:0")]
    [InlineData("http://127.0.0.1:0;http://[::]:0")]
    public void Listening_beyond_loopback_without_a_key_is_refused_saying_how_to_set_one(string urls)
    {
        using var folder = new TempDirectory();
        var settings = ApiHost.BaseSettings();
        settings["Api:Urls"] = urls;

        var ex = Assert.Throws<ConfigurationErrorException>(() => ApiHost.Build(folder.Path, null, settings));

        Assert.Contains($"The API would listen on {urls}", ex.Message, StringComparison.Ordinal);
        Assert.Contains("MONITORCORE_Api__Keys__0=", ex.Message, StringComparison.Ordinal);
        Assert.Contains("--urls http://127.0.0.1:5000", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://0.0.0.0:0", "Api:Keys:0")]
    [InlineData("http://0.0.0.0:0", "Api:ReadOnlyKeys:0")]
    [InlineData("http://localhost:0", null)]
    [InlineData("http://[::1]:0", null)]
    public async Task Beyond_loopback_with_a_key_or_on_loopback_without_one_it_builds(string urls, string? key)
    {
        using var folder = new TempDirectory();
        var settings = ApiHost.BaseSettings();
        settings["Api:Urls"] = urls;
        if (key is not null)
        {
            settings[key] = FullKey;
        }

        await ApiHost.Build(folder.Path, null, settings).DisposeAsync();
    }
}
