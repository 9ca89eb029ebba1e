using System.Runtime.InteropServices;
using MonitorCore.Cli.ConsoleUi.Views;
using Terminal.Gui.App;
using Terminal.Gui.Input;

namespace MonitorCore.Cli.ConsoleUi;

/// <summary>
/// Runs the console full-screen in the terminal (Terminal.Gui v2) until q, Ctrl+C, SIGTERM or a lost terminal, and
/// always gives the terminal back as it found it (Terminal.Gui restores it when the application is disposed, whatever
/// ended the run), then says what happened. A resize redraws and says so; a lost connection is said on the screen
/// while the console reconnects.
/// </summary>
internal static class ConsoleHost
{
    /// <summary>
    /// How often Terminal.Gui's main loop looks for keys, timers and things to draw (its default is 25): a key shows
    /// within 100 ms, and the loop costs less than half as much while nothing happens (bench/console-idle.sh).
    /// </summary>
    public const ushort IterationsPerSecond = 10;

    /// <summary>The screen is drawn again every second even when nothing was read: ages and countdowns move on.</summary>
    public static readonly TimeSpan RedrawEvery = TimeSpan.FromSeconds(1);

    public static async Task<int> RunAsync(IConsoleClient client, ConsoleOptions options, TimeProvider time, TextWriter output, TextWriter error)
    {
        if (Console.IsInputRedirected || Console.IsOutputRedirected)
        {
            await error.WriteLineAsync("monitorcore console needs a terminal (its input or output is redirected); for scripts use the other commands, e.g. 'monitorcore status --json'.");
            return ExitCodes.Usage;
        }

        await using var controller = new ConsoleController(client, time);
        var context = SynchronizationContext.Current;
        var reason = "quit";
        Exception? crash = null;
        IApplication? app = null;
        try
        {
            Application.MaximumIterationsPerSecond = IterationsPerSecond;
            app = QuietTerminal.Create(out _).Init();
            using var window = new ConsoleWindow(controller, options);
            window.ListenTo(app);
            void Stop(string why) => app.Invoke(() =>
            {
                reason = why;
                app.RequestStop();
            });

            // Ctrl+C is a key in the terminal's raw mode: it stops the console wherever the focus is (a prompt's copy included).
            app.Keyboard.KeyDown += (_, key) =>
            {
                if (key == Key.C.WithCtrl)
                {
                    key.Handled = true;
                    reason = "stopped with Ctrl+C";
                    app.RequestStop();
                }
            };
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, c => { c.Cancel = true; Stop("stopped with Ctrl+C"); });
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, c => { c.Cancel = true; Stop("stopped by SIGTERM"); });
            using var hangup = PosixSignalRegistration.Create(PosixSignal.SIGHUP, c => { c.Cancel = true; Stop("the terminal went away (SIGHUP)"); });
            app.Driver!.SizeChanged += (_, e) =>
            {
                if (e.Size is { } size)
                {
                    controller.Say($"Resized to {size.Width}×{size.Height}: redrawn.");
                }
            };

            var queued = 0;
            controller.Changed += () =>
            {
                if (Interlocked.Exchange(ref queued, 1) == 0)
                {
                    app.Invoke(() =>
                    {
                        Volatile.Write(ref queued, 0);
                        window.Render();
                    });
                }
            };
            app.AddTimeout(RedrawEvery, () =>
            {
                window.Render(); // ages and countdowns
                return true;
            });
            controller.Start();
            window.Render();
            app.Run(window);
        }
        catch (Exception ex)
        {
            crash = ex;
        }
        finally
        {
            app?.Dispose(); // gives the terminal back: main screen, cursor, echo, cooked mode
            SynchronizationContext.SetSynchronizationContext(context); // Terminal.Gui's own ran continuations on its main loop, which is gone
        }

        if (crash is not null)
        {
            await error.WriteLineAsync($"monitorcore console stopped: {crash.GetType().Name}: {crash.Message} (the terminal was restored).");
            return ExitCodes.Failed;
        }

        await output.WriteLineAsync($"monitorcore console: {reason}.");
        return ExitCodes.Ok;
    }
}
