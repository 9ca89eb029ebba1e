namespace MonitorCore.Monitoring;

/// <summary>Whether the market data is the demo's; shown wherever the data shows (ledger metadata, status, price sources).</summary>
public sealed record MarketMode(bool Demo)
{
    public string Label => Demo ? "demo" : "live";
}
