using System.Text.Json.Nodes;
using MonitorCore.Monitoring;

namespace MonitorCore.Tests.Monitoring;

public class MonitorResultTests
{
    [Fact]
    public void Each_factory_sets_its_status_and_reason()
    {
        Assert.Equal(MonitorStatus.Success, MonitorResult.Success().Status);
        var warning = MonitorResult.Warning("slow", new JsonObject { ["a"] = 1 });
        Assert.Equal(MonitorStatus.Warning, warning.Status);
        Assert.Equal("slow", (string?)warning.Metadata["warning"]);
        Assert.Equal(1, (int?)warning.Metadata["a"]);
        Assert.Equal("boom", (string?)MonitorResult.Error("boom").Metadata["error"]);
        Assert.Equal(MonitorStatus.Skipped, MonitorResult.Skipped("fresh").Status);
        Assert.Equal("toggle off", (string?)MonitorResult.Disabled("toggle off").Metadata["reason"]);
    }
}
