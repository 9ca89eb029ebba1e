using System.Globalization;
using System.Text;

namespace MonitorCore.Cli;

/// <summary>
/// Text for a terminal (docs/behaviour.md §7): control characters (an ANSI escape clears the screen, moves the cursor,
/// retitles the window) and the Unicode bidirectional controls (a right-to-left override shows <c>evil.exe</c> as
/// <c>exe.live</c>) are shown as escapes (<c>\x1B</c>, <c>\u202E</c>), so that a name in an imported file or a snooze's
/// reason never rewrites what the user sees. JSON output is written exact, not through this.
/// </summary>
internal static class TerminalText
{
    public static bool NeedsEscape(char c) =>
        (c < '\u0020' && c is not '\n' and not '\t')
        || c is >= '\u007F' and <= '\u009F'
        || c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    public static string Escape(char c) =>
        c < '\u0100' ? "\\x" + ((int)c).ToString("X2", CultureInfo.InvariantCulture) : "\\u" + ((int)c).ToString("X4", CultureInfo.InvariantCulture);

    /// <summary>The text with every such character escaped; the same string when there is none.</summary>
    public static string Safe(string? text)
    {
        if (text is null || !text.Any(NeedsEscape))
        {
            return text ?? "";
        }

        var safe = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (NeedsEscape(c))
            {
                safe.Append(Escape(c));
            }
            else
            {
                safe.Append(c);
            }
        }

        return safe.ToString();
    }
}

/// <summary>A writer that passes text on with <see cref="TerminalText.Safe"/> applied, while <see cref="Enabled"/> (not for <c>--json</c>).</summary>
internal sealed class TerminalWriter(TextWriter inner) : TextWriter(inner.FormatProvider)
{
    public bool Enabled { get; set; } = true;

    public override Encoding Encoding => inner.Encoding;

    public override void Write(char value)
    {
        if (Enabled && TerminalText.NeedsEscape(value))
        {
            inner.Write(TerminalText.Escape(value));
        }
        else
        {
            inner.Write(value);
        }
    }

    public override void Write(string? value) => inner.Write(Enabled ? TerminalText.Safe(value) : value);

    public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

    public override void WriteLine() => inner.WriteLine();

    public override void WriteLine(string? value) => inner.WriteLine(Enabled ? TerminalText.Safe(value) : value);

    public override Task WriteAsync(char value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteAsync(string? value)
    {
        Write(value);
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync()
    {
        WriteLine();
        return Task.CompletedTask;
    }

    public override Task WriteLineAsync(string? value)
    {
        WriteLine(value);
        return Task.CompletedTask;
    }

    public override void Flush() => inner.Flush();

    public override Task FlushAsync() => inner.FlushAsync();
}
