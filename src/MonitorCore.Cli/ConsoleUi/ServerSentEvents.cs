using System.Runtime.CompilerServices;
using System.Text;

namespace MonitorCore.Cli.ConsoleUi;

/// <summary>One message of a server-sent event stream: its id, its event type and its data lines joined.</summary>
internal sealed record ServerSentEvent(string? Id, string Type, string Data);

/// <summary>Reads the WHATWG <c>text/event-stream</c> format: fields, comments (keep-alives), blank lines ending a message.</summary>
internal static class ServerSentEvents
{
    public static async IAsyncEnumerable<ServerSentEvent> ReadAsync(Stream body, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(body, Encoding.UTF8);
        string? id = null;
        var type = "";
        var data = new List<string>();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Count > 0)
                {
                    yield return new ServerSentEvent(id, type.Length == 0 ? "message" : type, string.Join('\n', data));
                }

                type = "";
                data.Clear();
                continue;
            }

            if (line[0] == ':')
            {
                continue; // a comment: keep-alive
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..];
            if (value.StartsWith(' '))
            {
                value = value[1..];
            }

            switch (field)
            {
                case "event":
                    type = value;
                    break;
                case "data":
                    data.Add(value);
                    break;
                case "id" when !value.Contains('\0', StringComparison.Ordinal):
                    id = value;
                    break;
            }
        }
    }
}
