using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace MonitorCore.Benchmarks;

/// <summary>
/// The event stream's clients for <see cref="ApiLoad"/>, in a process of their own (so that the server's memory is measured
/// alone): <c>sse-clients --url URL --clients N</c>. Opens N connections to the stream, each reading as a browser does (an
/// event is received at the blank line that ends it), and writes to stdout: <c>connected N</c> once every client has the
/// server's <c>: connected</c>; then, for each event every client has read, <c>got ID TYPE FIRST LAST</c> (the
/// <see cref="Stopwatch"/> timestamps of the first and the last client's receipt). Stops at <c>stop</c> or the end of stdin.
/// </summary>
internal static class SseClients
{
    public const string Command = "sse-clients";

    public static async Task<int> RunAsync(string[] args)
    {
        var url = args[Array.IndexOf(args, "--url") + 1];
        var clients = int.Parse(args[Array.IndexOf(args, "--clients") + 1], CultureInfo.InvariantCulture);
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients + 10, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        using var stop = new CancellationTokenSource();
        var receipts = new ConcurrentDictionary<long, Receipt>();
        var output = TextWriter.Synchronized(Console.Out);
        var connected = 0;
        var allConnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async Task ReadAsync()
        {
            HttpResponseMessage? response = null;
            for (var attempt = 1; response is null; attempt++)
            {
                try
                {
                    response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, stop.Token);
                    response.EnsureSuccessStatusCode();
                }
                catch (HttpRequestException) when (attempt < 10)
                {
                    response?.Dispose();
                    response = null;
                    await Task.Delay(100 * attempt, stop.Token);
                }
            }

            using (response)
            {
                using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop.Token));
                long? id = null;
                string? type = null;
                while (await reader.ReadLineAsync(stop.Token) is { } line)
                {
                    if (line.Length == 0)
                    {
                        if (id is { } got)
                        {
                            var now = Stopwatch.GetTimestamp();
                            var receipt = receipts.GetOrAdd(got, _ => new Receipt(type ?? "message"));
                            if (receipt.Add(now) == clients)
                            {
                                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"got {got} {receipt.Type} {receipt.First} {receipt.Last}"));
                            }
                        }

                        id = null;
                        type = null;
                    }
                    else if (line.StartsWith("id: ", StringComparison.Ordinal))
                    {
                        id = long.Parse(line.AsSpan(4), CultureInfo.InvariantCulture);
                    }
                    else if (line.StartsWith("event: ", StringComparison.Ordinal))
                    {
                        type = line[7..];
                    }
                    else if (line == ": connected" && Interlocked.Increment(ref connected) == clients)
                    {
                        allConnected.TrySetResult();
                    }
                }
            }

            output.WriteLine("ended: a stream was closed by the server");
        }

        var readers = Enumerable.Range(0, clients).Select(_ => Task.Run(ReadAsync)).ToList();
        var failed = Task.WhenAny(readers);
        if (await Task.WhenAny(allConnected.Task, failed) == failed && !allConnected.Task.IsCompleted)
        {
            await output.WriteLineAsync($"failed: {(await failed).Exception?.GetBaseException().Message}");
            return 1;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"connected {clients}"));
        while (await Console.In.ReadLineAsync() is { } command && command != "stop")
        {
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers.Select(r => r.ContinueWith(_ => { }, TaskScheduler.Default)));
        return 0;
    }

    private sealed class Receipt(string type)
    {
        private readonly Lock _lock = new();
        private int _count;

        public string Type { get; } = type;

        public long First { get; private set; } = long.MaxValue;

        public long Last { get; private set; }

        /// <summary>Counts one client's receipt at <paramref name="at"/>; returns how many clients have it.</summary>
        public int Add(long at)
        {
            lock (_lock)
            {
                First = Math.Min(First, at);
                Last = Math.Max(Last, at);
                return ++_count;
            }
        }
    }
}
