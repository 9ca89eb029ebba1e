using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MonitorCore.Configuration;
using MonitorCore.Data.Files;
using MonitorCore.SelfTest;

namespace MonitorCore.Hosting.Configuration;

/// <summary>
/// The configuration, for the self-test: every options section bound and validated again from the
/// configuration as it is now (the runtime settings included), no key that nothing reads, and a readable
/// timer file. Required: start-up checked it, but a runtime setting or the timer file can change after.
/// </summary>
internal sealed class ConfigurationCheck(IServiceProvider services, IConfiguration configuration, TimerConfig timers) : ISelfCheck
{
    public string Name => "configuration";

    public bool Required => true;

    public string? NotConfiguredReason => null;

    public async Task<SelfCheckOutcome> CheckAsync(CancellationToken cancellationToken)
    {
        var checks = services.GetServices<OptionsCheck>().ToList();
        var problems = checks.SelectMany(c => c.Check(services, configuration)).ToList();
        if (configuration is IConfigurationRoot root)
        {
            problems.AddRange(UnknownSettings.Find(root, checks));
        }

        await timers.GetOverridesAsync(cancellationToken);
        if (timers.LastProblem is { } timerProblem)
        {
            problems.Add(timerProblem);
        }

        return problems.Count == 0
            ? SelfCheckOutcome.Pass($"{checks.Select(c => c.Section).Distinct(StringComparer.OrdinalIgnoreCase).Count()} sections valid, timer file readable")
            : SelfCheckOutcome.Fail(string.Join("; ", problems.Distinct(StringComparer.Ordinal)));
    }
}
