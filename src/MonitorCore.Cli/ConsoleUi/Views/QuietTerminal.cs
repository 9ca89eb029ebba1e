using System.Collections.Concurrent;
using System.Reflection;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;

namespace MonitorCore.Cli.ConsoleUi.Views;

/// <summary>
/// Terminal.Gui's ANSI driver with an input thread that costs next to nothing while idle. Terminal.Gui 2.5.0 checks the
/// terminal for input every 20 ms with <c>Task.Delay(20).Wait()</c> (a timer, a thread-pool hop and a wake-up each time,
/// 50 times a second): about 1.2–2.8 % of a core on this machine with nothing pressed, more than the console's whole
/// idle budget (bench/console-idle.sh). This input reads the same terminal through the same <see cref="AnsiInput"/>
/// (raw mode, escape sequences, restoring the terminal on dispose) and waits on a wait handle on its own thread instead,
/// every 50 ms (a key waits at most that, within the main loop's own 100 ms; idle, 2.12 % of a core at 20 ms, 1.77 % at 50).
/// </summary>
/// <remarks>
/// Terminal.Gui builds its driver from a component factory that only its internal <c>ApplicationImpl</c> constructor
/// takes (no public hook in 2.5.0), so <see cref="Create"/> calls that constructor by reflection and falls back to
/// <see cref="Application.Create"/> (the stock driver, everything works, idle costs more) when a future version no longer
/// has it; a test fails then, so that the upgrade does not lose this silently.
/// </remarks>
internal static class QuietTerminal
{
    /// <summary>How long the input thread sleeps when the terminal has nothing to read (Terminal.Gui's own is 20 ms).</summary>
    public const int InputPollMilliseconds = 50;

    /// <summary>
    /// A new, not yet initialized application on the quiet driver (or on the stock one, with <paramref name="quiet"/> false).
    /// <paramref name="terminalLost"/> is called on the input thread, once, when the terminal hangs up; the input thread
    /// ends then, so the application can stop.
    /// </summary>
    public static IApplication Create(out bool quiet, Action? terminalLost = null)
    {
        var constructor = typeof(Application).Assembly.GetType("Terminal.Gui.App.ApplicationImpl")?
            .GetConstructor(BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public, [typeof(IComponentFactory)]);
        if (constructor?.Invoke([new QuietAnsiComponentFactory(terminalLost)]) is IApplication app)
        {
            quiet = true;
            return app;
        }

        quiet = false;
        return Application.Create();
    }

    private sealed class QuietAnsiComponentFactory(Action? terminalLost) : AnsiComponentFactory
    {
        public override IInput<char> CreateInput() => new QuietAnsiInput(new AnsiInput(), terminalLost);
    }

    /// <summary>Reads what <see cref="AnsiInput"/> reads; sleeps between looks instead of a timer per look.</summary>
    private sealed class QuietAnsiInput(AnsiInput terminal, Action? terminalLost) : IInput<char>
    {
        private ConcurrentQueue<char>? _queue;

        public CancellationTokenSource? ExternalCancellationTokenSource
        {
            get => terminal.ExternalCancellationTokenSource;
            set => terminal.ExternalCancellationTokenSource = value;
        }

        public void Initialize(ConcurrentQueue<char> inputQueue)
        {
            _queue = inputQueue;
            terminal.Initialize(inputQueue);
        }

        public void Run(CancellationToken runCancellationToken)
        {
            var queue = _queue ?? throw new InvalidOperationException("Input runs after Initialize.");
            using var stop = ExternalCancellationTokenSource is { } external
                ? CancellationTokenSource.CreateLinkedTokenSource(runCancellationToken, external.Token)
                : CancellationTokenSource.CreateLinkedTokenSource(runCancellationToken);
            while (!stop.IsCancellationRequested)
            {
                while (!stop.IsCancellationRequested && terminal.Peek())
                {
                    var read = 0;
                    foreach (var c in terminal.Read())
                    {
                        queue.Enqueue(c);
                        read++;
                    }

                    if (read == 0)
                    {
                        // Ready to read yet nothing to read: the terminal hung up (its window closed, ssh dropped, tmux
                        // killed). Looking again would spin a core forever and keep the application from stopping.
                        terminalLost?.Invoke();
                        return;
                    }
                }

                // Terminal.Gui's input thread is its own: blocking it blocks nothing else; a stop ends the wait at once.
                stop.Token.WaitHandle.WaitOne(InputPollMilliseconds);
            }
        }

        public void Dispose() => terminal.Dispose(); // gives the terminal its cooked mode back
    }
}
