using MonitorCore.Monitoring;

namespace MonitorCore.Tests.Monitoring;

public class MonitorRegistryTests
{
    private sealed class Nothing : IMonitor
    {
        public Task<MonitorResult> RunAsync(MonitorContext context, CancellationToken cancellationToken) =>
            Task.FromResult(MonitorResult.Success());
    }

    private static MonitorRegistration Reg(string name, int order = 1000) => new(name, _ => new Nothing()) { Order = order };

    [Fact]
    public void Keeps_registration_order_within_the_same_order_value()
    {
        var registry = new MonitorRegistry([Reg("b_monitor"), Reg("a_monitor"), Reg("first", order: 1)]);
        Assert.Equal(["first", "b_monitor", "a_monitor"], registry.Names);
    }

    [Fact]
    public void Duplicate_names_fail_naming_the_key()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new MonitorRegistry([Reg("price_monitor"), Reg("price_monitor")]));
        Assert.Contains("price_monitor", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_name_lists_the_known_ones()
    {
        var registry = new MonitorRegistry([Reg("price_monitor"), Reg("latency_monitor")]);
        var ex = Assert.Throws<UnknownMonitorException>(() => registry.Get("nope"));
        Assert.Equal("nope", ex.Name);
        Assert.Equal(["price_monitor", "latency_monitor"], ex.Known);
        Assert.Contains("price_monitor, latency_monitor", ex.Message, StringComparison.Ordinal);
        Assert.True(registry.TryGet("latency_monitor", out var found));
        Assert.Equal("latency_monitor", found.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Price")]
    [InlineData("1monitor")]
    [InlineData("has space")]
    public void Bad_names_are_refused(string name) =>
        Assert.Throws<ArgumentException>(() => Reg(name));
}
