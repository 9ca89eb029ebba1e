using System.Collections.Concurrent;
using MonitorCore.Cli.ConsoleUi;
using MonitorCore.Cli.ConsoleUi.Views;
using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;

namespace MonitorCore.Cli.Tests.ConsoleUi;

/// <summary>
/// The console's window on Terminal.Gui's own ANSI driver with no terminal behind it (<c>DisableRealDriverIO</c>, as
/// Terminal.Gui's tests run it): 160×50 cells drawn into the driver's buffer, read back as text; keys go in through
/// Terminal.Gui's input injector, so they reach the window as a pressed key would. Everything Terminal.Gui does happens
/// on one thread of its own, as in the console (Terminal.Gui takes a key from another thread as one to queue for its
/// main loop, and installs a synchronization context for that loop on the thread it starts on). The data comes from a
/// real client.
/// </summary>
internal sealed class ConsoleScreen : IAsyncDisposable
{
    private readonly BlockingCollection<Action> _work = [];
    private readonly Thread _ui;
    private IApplication _app = null!;
    private SessionToken? _session;

    static ConsoleScreen() => Environment.SetEnvironmentVariable("DisableRealDriverIO", "1");

    private ConsoleScreen(IConsoleClient client, TimeProvider time)
    {
        Controller = new ConsoleController(client, time);
        _ui = new Thread(() =>
        {
            foreach (var work in _work.GetConsumingEnumerable())
            {
                work();
            }
        })
        { IsBackground = true, Name = "Terminal.Gui (test)" };
        _ui.Start();
    }

    public ConsoleController Controller { get; }

    public ConsoleWindow Window { get; private set; } = null!;

    /// <summary>Starts the console on <paramref name="client"/>: everything read once, the event stream followed.</summary>
    public static async Task<ConsoleScreen> StartAsync(IConsoleClient client, TimeProvider time, bool readOnly = false, ConsoleCommandLine? commands = null)
    {
        var screen = new ConsoleScreen(client, time);
        await screen.OnUiAsync(() =>
        {
            screen._app = Application.Create().Init(Terminal.Gui.Drivers.DriverRegistry.Names.ANSI);
            screen._app.Driver!.SetScreenSize(160, 50);
            screen.Window = new ConsoleWindow(screen.Controller, new ConsoleOptions(readOnly, commands));
            screen.Window.ListenTo(screen._app);
            screen._session = screen._app.Begin(screen.Window);
        });
        screen.Controller.Changed += () => screen.OnUiAsync(screen.Window.Render); // as the console does: drawn again when the data changed
        screen.Controller.Start();
        await screen.Controller.WhenIdleAsync();
        await screen.TextAsync();
        return screen;
    }

    /// <summary>What the terminal shows now, one line per row.</summary>
    public Task<string> TextAsync() => OnUiAsync(() =>
    {
        Window.Render();
        _app.LayoutAndDraw(true);
        return _app.Driver!.ToString()!;
    });

    /// <summary>Fails unless the screen shows <paramref name="expected"/>, printing the whole screen when it does not.</summary>
    public async Task<string> ShowsAsync(string expected)
    {
        var text = await TextAsync();
        Assert.True(text.Contains(expected, StringComparison.Ordinal), $"The console does not show '{expected}'. It shows:\n{text}");
        return text;
    }

    /// <summary>The screen's row that contains <paramref name="text"/>, or null.</summary>
    public async Task<string?> RowAsync(string text) =>
        (await TextAsync()).Split('\n').FirstOrDefault(line => line.Contains(text, StringComparison.Ordinal));

    /// <summary>Presses keys as a person would, then waits for what they started (reads, an action) to finish.</summary>
    public async Task PressAsync(params Key[] keys)
    {
        foreach (var key in keys)
        {
            await OnUiAsync(() => _app.InjectKey(key));
        }

        await Controller.WhenIdleAsync();
        await TextAsync();
    }

    /// <summary>Types <paramref name="text"/> one key at a time.</summary>
    public Task TypeAsync(string text) => PressAsync([.. text.Select(c => new Key(c))]);

    /// <summary>Waits until the screen shows <paramref name="condition"/> (work on other threads: the event stream), or fails.</summary>
    public async Task<string> WaitForAsync(Func<string, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (true)
        {
            await Controller.WhenIdleAsync();
            var text = await TextAsync();
            if (condition(text))
            {
                return await TextAsync(); // drawn again: a condition on the data may have come true after the screen above was drawn
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The console never showed {what}. It shows:\n{text}");
            }

            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Controller.DisposeAsync();
        await OnUiAsync(() =>
        {
            if (_session is not null)
            {
                _app.End(_session);
            }

            Window.Dispose();
            _app.Dispose();
        });
        _work.CompleteAdding();
        _ui.Join();
        _work.Dispose();
    }

    private Task<int> OnUiAsync(Action call) => OnUiAsync(() =>
    {
        call();
        return 0;
    });

    private Task<T> OnUiAsync<T>(Func<T> call)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            try
            {
                done.SetResult(call());
            }
            catch (Exception ex)
            {
                done.SetException(ex);
            }
        });
        return done.Task;
    }
}
