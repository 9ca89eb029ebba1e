using System.Net;
using System.Net.Sockets;

namespace MonitorCore.Testing;

/// <summary>
/// Loopback ports for the tests. A server that can bind port 0 and report the port it got (Kestrel,
/// <see cref="TcpListener"/>) does so and needs nothing from here.
/// </summary>
public static class LoopbackPorts
{
    private static readonly Socket Held = Hold();

    /// <summary>
    /// A port on which connections are refused at once. A socket of this process holds it bound,
    /// never listening, for as long as the tests run, so the system gives it to no other server
    /// (a port found free and then released could be).
    /// </summary>
    public static int Refused => ((IPEndPoint)Held.LocalEndPoint!).Port;

    /// <summary>
    /// A port free at this instant, for a server that takes its port on the command line (PostgreSQL,
    /// the python SMTP server). Another process may take it before the server binds it, so the caller
    /// starts the server again on a new candidate when the bind fails with "address in use".
    /// </summary>
    public static int Candidate()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Socket Hold()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return socket;
    }
}
