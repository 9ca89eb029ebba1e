using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MonitorCore.Configuration;
using MonitorCore.Positions;

namespace MonitorCore.Tests.Positions;

public class HeatIndexWeightsTests
{
    [Fact]
    public void The_defaults_are_the_specs()
    {
        var w = new HeatIndexWeights();

        Assert.Equal((0.6, 0.3, 0.1, 5.0, 75.0), (w.DistanceExponent, w.LeverageExponent, w.CollateralExponent, w.Min, w.Max));
        Assert.Null(HeatIndexWeights.Problem(w));
    }

    [Fact]
    public void Broken_weights_are_named()
    {
        Assert.Contains("finite", HeatIndexWeights.Problem(new HeatIndexWeights { LeverageExponent = double.NaN }), StringComparison.Ordinal);
        Assert.Contains("finite", HeatIndexWeights.Problem(new HeatIndexWeights { Max = double.PositiveInfinity }), StringComparison.Ordinal);
        Assert.Contains("negative", HeatIndexWeights.Problem(new HeatIndexWeights { CollateralExponent = -0.1 }), StringComparison.Ordinal);
        Assert.Contains("min ≤ max", HeatIndexWeights.Problem(new HeatIndexWeights { Min = 80 }), StringComparison.Ordinal);
        Assert.Null(HeatIndexWeights.Problem(new HeatIndexWeights { Min = 20, Max = 20 }));
    }

    private static ServiceProvider Bind(Dictionary<string, string?> values)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddConfiguredOptions<HeatIndexWeights>(configuration, HeatIndexWeights.Section);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void The_section_binds_and_validates_at_start_up()
    {
        var good = Bind(new() { ["Positions:HeatIndex:DistanceExponent"] = "0.5", ["Positions:HeatIndex:Max"] = "90" });
        Assert.Empty(ConfiguredOptions.Validate(good));
        var w = good.GetRequiredService<IOptions<HeatIndexWeights>>().Value;
        Assert.Equal((0.5, 0.3, 90.0), (w.DistanceExponent, w.LeverageExponent, w.Max));

        var bad = ConfiguredOptions.Validate(Bind(new() { ["Positions:HeatIndex:LeverageExponent"] = "-1", ["Positions:HeatIndex:Max"] = "101" }));
        Assert.Contains(bad, p => p.StartsWith("Positions:HeatIndex:LeverageExponent:", StringComparison.Ordinal));
        Assert.Contains(bad, p => p.StartsWith("Positions:HeatIndex:Max:", StringComparison.Ordinal));

        var crossed = ConfiguredOptions.Validate(Bind(new() { ["Positions:HeatIndex:Min"] = "50", ["Positions:HeatIndex:Max"] = "40" }));
        Assert.Equal("Positions:HeatIndex:Max: heat index needs min ≤ max, got 50 / 40", Assert.Single(crossed));
    }
}
