using System.Diagnostics;
using System.Globalization;

namespace MonitorCore.Cli.Tests.ConsoleUi;

/// <summary>
/// A real pseudo-terminal: a tmux server of its own (a unique socket, so parallel runs and other tmux users never meet)
/// with one 160×50 window running a plain bash with a known prompt. Keys go in with <c>send-keys</c>, the screen comes
/// back with <c>capture-pane</c>; the server is killed on dispose, with whatever still runs in it.
/// </summary>
internal sealed class Tmux : IDisposable
{
    public const string Prompt = "console-test$ ";

    private readonly string _socket = "monitorcore-test-" + Guid.NewGuid().ToString("N")[..12];

    public Tmux(string workingDirectory, int width = 160, int height = 50)
    {
        Run("-f", "/dev/null", "new-session", "-d", "-x", width.ToString(CultureInfo.InvariantCulture), "-y", height.ToString(CultureInfo.InvariantCulture),
            "-c", workingDirectory, "env", "PS1=" + Prompt, "TERM=xterm-256color", "bash", "--norc", "--noprofile");
    }

    /// <summary>Types <paramref name="text"/> as it is (no key names) and, when asked, presses Enter.</summary>
    public void Type(string text, bool enter = false)
    {
        Run("send-keys", "-t", "0", "-l", text);
        if (enter)
        {
            Keys("Enter");
        }
    }

    /// <summary>Presses keys by tmux's names: <c>r</c>, <c>?</c>, <c>Escape</c>, <c>Tab</c>, <c>C-c</c>.</summary>
    public void Keys(params string[] keys) => Run(["send-keys", "-t", "0", .. keys]);

    /// <summary>What the terminal shows now.</summary>
    public string Screen() => Run("capture-pane", "-p", "-t", "0");

    /// <summary>A tmux format about the pane, e.g. <c>#{alternate_on}</c> (1 while a full-screen program holds the alternate screen).</summary>
    public string Display(string format) => Run("display-message", "-p", "-t", "0", format).Trim();

    public void Resize(int width, int height) =>
        Run("resize-window", "-t", "0", "-x", width.ToString(CultureInfo.InvariantCulture), "-y", height.ToString(CultureInfo.InvariantCulture));

    /// <summary>Waits until the screen shows what <paramref name="condition"/> looks for, or fails with the screen.</summary>
    public async Task<string> WaitForAsync(Func<string, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = Stopwatch.StartNew();
        var limit = timeout ?? TimeSpan.FromSeconds(60);
        while (true)
        {
            var screen = Screen();
            if (condition(screen))
            {
                return screen;
            }

            if (deadline.Elapsed > limit)
            {
                Assert.Fail($"The terminal never showed {what} within {limit.TotalSeconds:0} s. It shows:\n{screen}");
            }

            await Task.Delay(100); // tmux tells no one when its screen changes: it is read again (the limit is a ceiling, not a measure)
        }
    }

    public Task<string> WaitForAsync(string text, TimeSpan? timeout = null) =>
        WaitForAsync(s => s.Contains(text, StringComparison.Ordinal), $"'{text}'", timeout);

    public void Dispose()
    {
        try
        {
            Run("kill-server");
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    private string Run(params string[] args)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-L");
        start.ArgumentList.Add(_socket);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("tmux did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tmux {string.Join(' ', args)} exited {process.ExitCode}: {error}");
        }

        return output.Result;
    }
}
