using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace MonitorCore.Testing;

/// <summary>
/// A loopback TCP port that accepts connections and never says a word: a server that hangs (an
/// SMTP server that sends no greeting, for instance). <see cref="Accepted"/> completes with the
/// first connection.
/// </summary>
public sealed class SilentTcpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentBag<TcpClient> _clients = [];
    private readonly TaskCompletionSource _accepted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public SilentTcpServer()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = AcceptAsync();
    }

    public int Port { get; }

    public Task Accepted => _accepted.Task;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                _clients.Add(await _listener.AcceptTcpClientAsync(_stop.Token));
                _accepted.TrySetResult();
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }
}
