using Microsoft.Extensions.Options;
using MonitorCore.Notifications;

namespace MonitorCore.Monitors.Market;

/// <summary>The market alerts' notify lists name registered channels (or <c>none</c>); a typo stops start-up with a suggestion.</summary>
internal sealed class MarketChannelsValidator(ChannelCatalog channels) : IValidateOptions<MarketMonitorOptions>
{
    public ValidateOptionsResult Validate(string? name, MarketMonitorOptions options)
    {
        var section = Monitoring.MonitorServiceCollectionExtensions.SectionOf(name ?? MarketMonitor.Name);
        var failures = new List<string>();
        foreach (var (key, list) in new[]
                 {
                     (nameof(MarketMonitorOptions.LowNotify), options.LowNotify),
                     (nameof(MarketMonitorOptions.MediumNotify), options.MediumNotify),
                     (nameof(MarketMonitorOptions.HighNotify), options.HighNotify),
                 })
        {
            if (channels.Problem(list, allowNone: true) is { } problem)
            {
                failures.Add($"{section}:{key}: {problem}");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
