using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using MonitorCore.Configuration;
using MonitorCore.Monitoring;
using MonitorCore.Notifications;

namespace MonitorCore.Monitors.Checks;

/// <summary>
/// The manifest's declarative checks: every <c>Monitors:&lt;key&gt;</c> entry with a <c>Type</c> becomes a monitor
/// under that key, with its own options, schedule and alert. An unknown type, a key that is not a valid
/// monitor name or that a built-in monitor holds, and bad options are start-up problems naming the key.
/// </summary>
public static class ChecksServiceCollectionExtensions
{
    /// <summary>The check types a manifest entry can name.</summary>
    public static readonly IReadOnlyList<string> Types = ["http", "tcp", "command", "dns"];

    public static IServiceCollection AddDeclarativeChecks(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpClient(HttpProbe.ClientName, client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.TryAddSingleton<IProbe<HttpCheckOptions>, HttpProbe>();
        services.TryAddSingleton<IProbe<TcpCheckOptions>, TcpProbe>();
        services.TryAddSingleton<IProbe<CommandCheckOptions>, CommandProbe>();
        services.TryAddSingleton<IProbe<DnsCheckOptions>, DnsProbe>();

        var builtIn = services.Where(d => d.ServiceType == typeof(MonitorRegistration) && d.ImplementationInstance is MonitorRegistration)
            .Select(d => ((MonitorRegistration)d.ImplementationInstance!).Name)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var entry in configuration.GetSection("Monitors").GetChildren())
        {
            var type = entry["Type"];
            if (type is null)
            {
                continue;
            }

            var section = MonitorServiceCollectionExtensions.SectionOf(entry.Key);
            string? problem = null;
            if (builtIn.Contains(entry.Key))
            {
                problem = $"{section}:Type: {entry.Key} is a built-in monitor; give the check a key of its own";
            }
            else
            {
                try
                {
                    switch (type.Trim().ToLowerInvariant())
                    {
                        case "http":
                            services.AddCheck<HttpCheckOptions>(entry);
                            break;
                        case "tcp":
                            services.AddCheck<TcpCheckOptions>(entry);
                            break;
                        case "command":
                            services.AddCheck<CommandCheckOptions>(entry);
                            break;
                        case "dns":
                            services.AddCheck<DnsCheckOptions>(entry);
                            break;
                        default:
                            var near = Spelling.Nearest(type, Types);
                            problem = $"{section}:Type: '{type}' is not a check type{(near is null ? "" : $" (did you mean {near}?)")}; use {string.Join(", ", Types)}";
                            break;
                    }
                }
                catch (ArgumentException ex)
                {
                    problem = $"{section}: {(ex.ParamName is null ? ex.Message : ex.Message.Replace($" (Parameter '{ex.ParamName}')", "", StringComparison.Ordinal))}";
                }
            }

            if (problem is not null)
            {
                services.AddSingleton(new OptionsCheck(
                    section,
                    _ => throw new OptionsValidationException(section, typeof(CheckOptions), [problem]),
                    (_, _) => [problem]));
            }
        }

        return services;
    }

    private static void AddCheck<TOptions>(this IServiceCollection services, IConfigurationSection entry)
        where TOptions : CheckOptions, new()
    {
        TOptions schedule;
        try
        {
            schedule = entry.Get<TOptions>() ?? new TOptions();
        }
        catch (InvalidOperationException)
        {
            schedule = new TOptions(); // start-up reports the bad value with its key
        }

        var registration = new MonitorRegistration(entry.Key, sp => sp.GetRequiredService<CheckMonitor<TOptions>>());
        services.AddConfiguredOptions<TOptions>(MonitorServiceCollectionExtensions.SectionOf(entry.Key), entry.Key);
        services.TryAddTransient<CheckMonitor<TOptions>>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, CheckChannelsValidator<TOptions>>());
        services.AddSingleton(registration with
        {
            Interval = schedule.InCycle ? registration.Interval : schedule.Interval,
            InCycle = schedule.InCycle,
            Order = schedule.Order,
            // The probe has its own timeout; the runner's is a backstop a little beyond it.
            Timeout = schedule.Timeout + TimeSpan.FromSeconds(5),
            Origin = $"manifest ({schedule.Type.ToLowerInvariant()})",
            Description = schedule.Description.Length > 0 ? schedule.Description : $"{schedule.Type.ToLowerInvariant()} check (manifest)",
        });
    }

    private sealed class CheckChannelsValidator<TOptions>(ChannelCatalog channels) : IValidateOptions<TOptions>
        where TOptions : CheckOptions
    {
        public ValidateOptionsResult Validate(string? name, TOptions options) =>
            options.AlertChannels.Count > 0 && channels.Problem(string.Join(',', options.AlertChannels)) is { } problem
                ? ValidateOptionsResult.Fail($"{MonitorServiceCollectionExtensions.SectionOf(name ?? "")}:{nameof(CheckOptions.AlertChannels)}: {problem}")
                : ValidateOptionsResult.Success;
    }
}
