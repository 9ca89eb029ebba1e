using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace MonitorCore.Monitors.Sources;

/// <summary>Jupiter Perps API: <c>/v1/positions?walletAddress=…</c>, items in <c>dataList</c>.</summary>
public sealed class JupiterClient(IHttpClientFactory httpClients, IOptions<SourcesOptions> sources)
{
    public const string Name = "jupiter";

    /// <summary>The raw position items of a wallet; the caller maps and validates them.</summary>
    public async Task<IReadOnlyList<JsonNode?>> GetPositionsAsync(string walletAddress, CancellationToken cancellationToken)
    {
        var url = $"{sources.Value.Jupiter.BaseUrl.TrimEnd('/')}/v1/positions?walletAddress={Uri.EscapeDataString(walletAddress)}&showTpslRequests=true";
        var root = await FeedHttp.GetJsonAsync(httpClients.CreateClient(Name), url, Name, cancellationToken);
        return root["dataList"] as JsonArray is { } items
            ? [.. items]
            : throw new FeedException(Name, "unexpected shape: no 'dataList' array", null, FeedHttp.Excerpt(root.ToJsonString()));
    }
}
