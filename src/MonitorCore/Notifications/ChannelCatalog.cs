namespace MonitorCore.Notifications;

/// <summary>
/// The notification channels there are: whatever registered an <see cref="INotificationChannel"/>
/// (the built-in ones and any plugin's), by name. Names typed by a person are checked here, with a
/// "did you mean" for a typo, so that a misspelt channel never silently drops a warning.
/// </summary>
public sealed class ChannelCatalog(IEnumerable<INotificationChannel> channels)
{
    private readonly Dictionary<string, INotificationChannel> _byName =
        channels.GroupBy(c => c.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

    /// <summary>The registered channel names, sorted.</summary>
    public IReadOnlyList<string> Names => [.. _byName.Keys.Order(StringComparer.Ordinal)];

    public IReadOnlyCollection<INotificationChannel> All => _byName.Values;

    public INotificationChannel? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>Says what is wrong with a comma-separated channel list (unknown names, with suggestions); null when every name exists.</summary>
    /// <param name="list">The list as typed, e.g. <c>sms,voice</c>.</param>
    /// <param name="allowNone">Accept <c>none</c> (no channel).</param>
    public string? Problem(string? list, bool allowNone = false)
    {
        var unknown = Split(list).Where(c => !(allowNone && c == "none") && !_byName.ContainsKey(c)).ToList();
        if (unknown.Count == 0)
        {
            return null;
        }

        var what = string.Join("; ", unknown.Select(u => Suggest(u) is { } near ? $"'{u}' (did you mean '{near}'?)" : $"'{u}'"));
        return $"unknown channel {what}; the channels are {string.Join(", ", Names)}" + (allowNone ? ", or none" : "");
    }

    /// <summary>The nearest registered name to a misspelt one, or null when none is close.</summary>
    public string? Suggest(string name) => Spelling.Nearest(name, _byName.Keys);

    /// <summary><c>sms, Voice</c> → [sms, voice].</summary>
    public static IReadOnlyList<string> Split(string? list) =>
        [.. (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => c.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)];
}
