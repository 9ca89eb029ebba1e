using System.Collections;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace MonitorCore.Configuration;

/// <summary>One configuration section whose options are checked at start-up.</summary>
/// <param name="Section">The configuration section, e.g. <c>Monitors:latency_monitor</c>.</param>
/// <param name="Resolve">Builds (and so validates) the options of the section.</param>
/// <param name="Check">
/// Binds and validates the section from another configuration (the current one with a change applied),
/// without touching the options in use; returns the problems, empty when the change is valid.
/// </param>
public sealed record OptionsCheck(string Section, Func<IServiceProvider, object> Resolve, Func<IServiceProvider, IConfiguration, IReadOnlyList<string>> Check);

/// <summary>
/// A configuration section and the options type it binds to: what the JSON Schemas and the configuration reference
/// (<c>docs/schemas</c>, <c>docs/configuration.md</c>) are generated from. Every checked section registers one.
/// </summary>
public sealed record DocumentedSection(string Section, Type OptionsType);

/// <summary>
/// Binds options from a configuration section and validates them with data annotations, all the
/// way down, reporting every problem with the full key (<c>Monitors:latency_monitor:SlowThreshold: …</c>).
/// Unknown keys (typos) are errors too.
/// </summary>
public static partial class ConfiguredOptions
{
    /// <summary>
    /// Binds <typeparamref name="T"/> to <paramref name="section"/> as the options named <paramref name="name"/>
    /// (the default options when omitted; a monitor registered under several keys has one set per key),
    /// validated with data annotations all the way down and checked when the host starts.
    /// </summary>
    public static OptionsBuilder<T> AddConfiguredOptions<T>(
        this IServiceCollection services, IConfiguration configuration, string section, string? name = null)
        where T : class =>
        services.AddCheckedOptions<T>(section, name).Bind(configuration.GetSection(section), o => o.ErrorOnUnknownConfiguration = true);

    /// <summary>
    /// The same, bound to the <see cref="IConfiguration"/> of the services (a host's) when the options are
    /// first read: for registrations that have no configuration at hand, such as a plugin's monitor.
    /// </summary>
    public static OptionsBuilder<T> AddConfiguredOptions<T>(this IServiceCollection services, string section, string? name = null)
        where T : class =>
        services.AddCheckedOptions<T>(section, name).BindConfiguration(section, o => o.ErrorOnUnknownConfiguration = true);

    private static OptionsBuilder<T> AddCheckedOptions<T>(this IServiceCollection services, string section, string? name)
        where T : class
    {
        name ??= Options.DefaultName;
        services.AddSingleton<IValidateOptions<T>>(new SectionValidator<T>(section, name));
        services.AddSingleton(new DocumentedSection(section, typeof(T)));
        services.AddSingleton(new OptionsCheck(
            section,
            sp => sp.GetRequiredService<IOptionsMonitor<T>>().Get(name),
            (sp, candidate) => CheckAgainst<T>(sp, candidate, section, name)));
        return services.AddOptions<T>(name).ValidateOnStart();
    }

    private static IReadOnlyList<string> CheckAgainst<T>(IServiceProvider services, IConfiguration candidate, string section, string name)
        where T : class
    {
        T options;
        try
        {
            options = candidate.GetSection(section).Get<T>(o => o.ErrorOnUnknownConfiguration = true) ?? Activator.CreateInstance<T>();
        }
        catch (InvalidOperationException ex)
        {
            return Explain(section, ex);
        }

        return [.. services.GetServices<IValidateOptions<T>>().Select(v => v.Validate(name, options)).Where(r => r.Failed).SelectMany(r => r.Failures ?? [])];
    }

    /// <summary>
    /// A binding failure in words a person can act on: a key the options do not have becomes
    /// <c>Section:Key: no such setting (did you mean …?)</c> instead of the binder's message about its options.
    /// </summary>
    public static IReadOnlyList<string> Explain(string section, InvalidOperationException ex)
    {
        var match = UnknownProperties().Match(ex.Message);
        if (!match.Success)
        {
            return [$"{section}: {ex.Message}"];
        }

        var type = AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(match.Groups[1].Value)).FirstOrDefault(t => t is not null);
        var known = type?.GetProperties().Where(p => p.CanWrite).Select(p => p.Name).ToList() ?? [];
        return [.. Quoted().Matches(match.Groups[2].Value).Select(m => m.Groups[1].Value).Select(key =>
            $"{section}:{key}: no such setting{(Spelling.Nearest(key, known) is { } near ? $" (did you mean {near}?)" : "")}; the settings here are {string.Join(", ", known)}")];
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"not found on the instance of ([\w.+`]+): (.*)$", System.Text.RegularExpressions.RegexOptions.Singleline)]
    private static partial System.Text.RegularExpressions.Regex UnknownProperties();

    [System.Text.RegularExpressions.GeneratedRegex("'([^']*)'")]
    private static partial System.Text.RegularExpressions.Regex Quoted();

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
                problems.AddRange(Explain(check.Section, ex));
            }
        }

        return problems;
    }

    private sealed class SectionValidator<T>(string section, string optionsName) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            if (!string.Equals(name ?? Options.DefaultName, optionsName, StringComparison.Ordinal))
            {
                return ValidateOptionsResult.Skip;
            }

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

        /// <summary>A nested options object of any assembly (a plugin's too); not a string, collection or framework type.</summary>
        private static bool IsOptionsType(Type type) =>
            type.IsClass && type != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(type)
            && !(type.Namespace ?? "").StartsWith("System", StringComparison.Ordinal)
            && !(type.Namespace ?? "").StartsWith("Microsoft", StringComparison.Ordinal);
    }
}
