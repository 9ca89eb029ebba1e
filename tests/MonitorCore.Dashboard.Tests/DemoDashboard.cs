namespace MonitorCore.Dashboard.Tests;

/// <summary>One demo server for a test class: its first cycle has stored the demo positions, prices and alerts.</summary>
public sealed class DemoDashboard : IAsyncLifetime
{
    public DashboardServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await DashboardServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
