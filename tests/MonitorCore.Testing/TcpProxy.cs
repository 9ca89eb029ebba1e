using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MonitorCore.Testing;

/// <summary>
/// A TCP proxy on a free loopback port that forwards every connection to a server: the network between a client
/// (a browser, the console) and the service, which a test can break. <see cref="Sever"/> resets every open
/// connection, as a dropped network or a restarting service would, and for a moment resets new ones at once.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly ConcurrentDictionary<Connection, byte> _open = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _refuseUntil;
    private int _forwarded;

    /// <param name="target">The server's address (its host must be a loopback IP, as the tests' servers are).</param>
    public TcpProxy(Uri target)
    {
        _target = new IPEndPoint(IPAddress.Parse(target.Host), target.Port);
        _listener.Start();
        Address = new UriBuilder(target) { Port = ((IPEndPoint)_listener.LocalEndpoint).Port }.Uri;
        _loop = AcceptAsync();
    }

    /// <summary>The server's address through the proxy (same scheme, host and path; the proxy's port).</summary>
    public Uri Address { get; }

    /// <summary>How many connections are open through the proxy now.</summary>
    public int OpenConnections => _open.Count;

    /// <summary>How many connections the proxy has accepted and forwarded so far.</summary>
    public int Forwarded => Volatile.Read(ref _forwarded);

    /// <summary>
    /// Resets every open connection, and for <paramref name="refuseFor"/> resets each new one as soon as it is
    /// accepted (the client sees its connection fail), then forwards again.
    /// </summary>
    public void Sever(TimeSpan refuseFor)
    {
        Interlocked.Exchange(ref _refuseUntil, Stopwatch.GetTimestamp() + (long)(refuseFor.TotalSeconds * Stopwatch.Frequency));
        foreach (var connection in _open.Keys)
        {
            connection.Reset();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        foreach (var connection in _open.Keys)
        {
            connection.Reset();
        }

        _stop.Dispose();
    }

    private bool Refusing => Stopwatch.GetTimestamp() < Interlocked.Read(ref _refuseUntil);

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var client = await _listener.AcceptSocketAsync(_stop.Token);
                if (Refusing)
                {
                    Abort(client);
                    continue;
                }

                _ = ForwardAsync(client);
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }

    private async Task ForwardAsync(Socket client)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        try
        {
            await server.ConnectAsync(_target, _stop.Token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            Abort(client);
            Abort(server);
            return;
        }

        var connection = new Connection(client, server);
        _open[connection] = 0;
        Interlocked.Increment(ref _forwarded);
        try
        {
            // Either direction ending (or failing) ends the connection: HTTP clients here never half-close.
            await Task.WhenAny(PumpAsync(client, server), PumpAsync(server, client));
        }
        finally
        {
            _open.TryRemove(connection, out _);
            connection.Close();
        }
    }

    private static async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None);
                if (read == 0)
                {
                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // The other side, or Sever, closed it.
        }
    }

    /// <summary>Closes with a reset (RST), not a graceful close: the peer's next read or write fails.</summary>
    private static void Abort(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }

        socket.Dispose();
    }

    private sealed class Connection(Socket client, Socket server)
    {
        public void Reset()
        {
            Abort(client);
            Abort(server);
        }

        public void Close()
        {
            client.Dispose();
            server.Dispose();
        }
    }
}
