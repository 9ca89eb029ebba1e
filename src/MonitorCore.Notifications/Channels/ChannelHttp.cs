using System.Net.Sockets;

namespace MonitorCore.Notifications.Channels;

/// <summary>A provider's HTTP answer: status, body and the wait it asked for (Retry-After).</summary>
internal sealed record HttpAnswer(int Status, string Body, TimeSpan? RetryAfter)
{
    public bool IsSuccess => Status is >= 200 and < 300;
}

/// <summary>
/// Sends one request for a channel with its own deadline on the injected clock. The answer, whatever
/// its status, goes to <c>read</c>; no answer (refused, unreachable, too slow) goes to <c>failed</c>
/// with a reason that names neither the URL nor the credentials. Only the caller's cancellation throws.
/// </summary>
internal static class ChannelHttp
{
    public static async Task<T> SendAsync<T>(
        HttpClient client,
        HttpRequestMessage request,
        TimeSpan timeout,
        TimeProvider time,
        Func<HttpAnswer, T> read,
        Func<string, T> failed,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var body = await response.Content.ReadAsStringAsync(linked.Token);
            return read(new HttpAnswer((int)response.StatusCode, body, RetryAfter(response, time)));
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException
            && deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return failed($"no answer within {ChannelText.Seconds(timeout)}");
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException("the send was cancelled", ex, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            var reason = ex.InnerException is SocketException socket ? socket.SocketErrorCode.ToString() : ex.HttpRequestError.ToString();
            return failed($"unreachable: {reason}");
        }
    }

    /// <summary>Retry-After as a delay (seconds or an HTTP date); null when absent.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time)
    {
        var header = response.Headers.RetryAfter;
        if (header?.Delta is { } delta)
        {
            return delta;
        }

        if (header?.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        return null;
    }
}
