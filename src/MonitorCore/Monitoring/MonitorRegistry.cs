namespace MonitorCore.Monitoring;

/// <summary>
/// Every registered monitor by key, in run-all order. Duplicate keys fail at start-up, naming the key.
/// </summary>
public sealed class MonitorRegistry
{
    private readonly Dictionary<string, MonitorRegistration> _byName;

    public MonitorRegistry(IEnumerable<MonitorRegistration> registrations)
    {
        var ordered = registrations
            .Select((registration, index) => (registration, index))
            .OrderBy(pair => pair.registration.Order)
            .ThenBy(pair => pair.index)
            .Select(pair => pair.registration)
            .ToList();

        var duplicates = ordered.GroupBy(r => r.Name).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            throw new InvalidOperationException(
                $"Duplicate monitor registrations: {string.Join(", ", duplicates)}. Each monitor key must be registered once.");
        }

        All = ordered;
        _byName = ordered.ToDictionary(r => r.Name, StringComparer.Ordinal);
    }

    /// <summary>All registrations, in run-all order.</summary>
    public IReadOnlyList<MonitorRegistration> All { get; }

    public IEnumerable<string> Names => All.Select(r => r.Name);

    public bool TryGet(string name, out MonitorRegistration registration) =>
        _byName.TryGetValue(name, out registration!);

    /// <summary>The registration for <paramref name="name"/>, or <see cref="UnknownMonitorException"/>.</summary>
    public MonitorRegistration Get(string name) =>
        TryGet(name, out var registration) ? registration : throw new UnknownMonitorException(name, [.. Names]);
}
