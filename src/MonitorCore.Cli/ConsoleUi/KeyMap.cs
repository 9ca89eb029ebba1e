using Terminal.Gui.Input;

namespace MonitorCore.Cli.ConsoleUi;

/// <summary>One key and what it does.</summary>
/// <param name="Keys">How the key reads in the help, e.g. <c>r</c> or <c>Ctrl+R</c>.</param>
/// <param name="Does">What it does.</param>
/// <param name="Matches">Whether a pressed key is this one.</param>
/// <param name="Run">The action (null: the key is handled elsewhere, listed for the help only).</param>
/// <param name="Changes">It changes something (hidden with <c>--read-only</c>).</param>
internal sealed record KeyAction(string Keys, string Does, Func<Key, bool> Matches, Action? Run, bool Changes = false)
{
    /// <summary>A printable key: <c>r</c>, <c>R</c>, <c>?</c>, <c>/</c>, <c>:</c>.</summary>
    public static Func<Key, bool> Char(char c) => key => key.AsRune.Value == c && !key.IsCtrl && !key.IsAlt;

    public static Func<Key, bool> Is(Key expected) => key => key == expected;
}

/// <summary>The console's keys: every action one key away, the help built from the same list.</summary>
internal static class KeyMap
{
    /// <summary>The keys that are not actions of the console but of its views, for the help.</summary>
    public static readonly IReadOnlyList<(string Keys, string Does)> Navigation =
    [
        ("Tab, Shift+Tab", "move between the tables"),
        ("↑ ↓ PgUp PgDn", "move in a table (the selected row is what r, a, s and u act on)"),
        ("Esc", "clear the filter, close a panel or a prompt"),
        ("Ctrl+C", "quit (the terminal is restored)"),
    ];

    /// <summary>The keys in force: with <c>--read-only</c>, none that changes something.</summary>
    public static IReadOnlyList<KeyAction> InForce(IEnumerable<KeyAction> keys, bool readOnly) => [.. keys.Where(k => !(readOnly && k.Changes))];

    /// <summary>The help text: the keys in force, then moving around.</summary>
    public static string Help(IReadOnlyList<KeyAction> keys, bool readOnly, bool local)
    {
        var lines = keys.Select(k => $"  {k.Keys,-16}{k.Does}").ToList();
        lines.Add("");
        lines.AddRange(Navigation.Select(n => $"  {n.Keys,-16}{n.Does}"));
        if (readOnly)
        {
            lines.Add("");
            lines.Add("  Read-only (--read-only): the keys that change something are off.");
        }

        if (!local)
        {
            lines.Add("");
            lines.Add("  Attached to a running instance (--url): ':' runs CLI commands in this process, on the local database only.");
        }

        return string.Join('\n', lines);
    }
}
