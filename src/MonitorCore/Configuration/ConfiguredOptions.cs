using System.Collections;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MonitorCore.Configuration;

/// <summary>One configuration section whose options are checked at start-up.</summary>
public sealed record OptionsCheck(string Section, Func<IServiceProvider, object> Resolve);

/// <summary>
/// Binds options from a configuration section and validates them with data annotations, all the
/// way down, reporting every problem with the full key (<c>Monitors:latency_monitor:SlowThreshold: …</c>).
/// Unknown keys (typos) are errors too.
/// </summary>
public static class ConfiguredOptions
{
    public static OptionsBuilder<T> AddConfiguredOptions<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class
    {
        services.AddSingleton<IValidateOptions<T>>(new SectionValidator<T>(section));
        services.AddSingleton(new OptionsCheck(section, sp => sp.GetRequiredService<IOptions<T>>().Value));
        return services.AddOptions<T>().Bind(configuration.GetSection(section), o => o.ErrorOnUnknownConfiguration = true);
    }

    /// <summary>Builds and validates every checked section; returns the problems, empty when all is well.</summary>
    public static IReadOnlyList<string> Validate(IServiceProvider services)
    {
        var problems = new List<string>();
        foreach (var check in services.GetServices<OptionsCheck>())
        {
            try
            {
                check.Resolve(services);
            }
            catch (OptionsValidationException ex)
            {
                problems.AddRange(ex.Failures);
            }
            catch (InvalidOperationException ex)
            {
                problems.Add($"{check.Section}: {ex.Message}");
            }
        }

        return problems;
    }

    private sealed class SectionValidator<T>(string section) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var errors = new List<string>();
            Walk(options, section, errors);
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }

        private static void Walk(object value, string path, List<string> errors)
        {
            var results = new List<ValidationResult>();
            Validator.TryValidateObject(value, new ValidationContext(value), results, validateAllProperties: true);
            foreach (var result in results)
            {
                var members = result.MemberNames.Any() ? result.MemberNames : [""];
                errors.AddRange(members.Select(m => $"{path}:{m}: {result.ErrorMessage}"));
            }

            foreach (var property in value.GetType().GetProperties())
            {
                if (property.GetIndexParameters().Length > 0 || property.GetValue(value) is not { } child || !IsOptionsType(child.GetType()))
                {
                    if (property.GetValue(value) is IEnumerable items and not string and not IDictionary)
                    {
                        var index = 0;
                        foreach (var item in items)
                        {
                            if (item is not null && IsOptionsType(item.GetType()))
                            {
                                Walk(item, $"{path}:{property.Name}:{index}", errors);
                            }

                            index++;
                        }
                    }

                    continue;
                }

                Walk(child, $"{path}:{property.Name}", errors);
            }
        }

        private static bool IsOptionsType(Type type) =>
            type.IsClass && type != typeof(string) && (type.Namespace?.StartsWith("MonitorCore", StringComparison.Ordinal) ?? false);
    }
}
