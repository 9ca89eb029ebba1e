using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using MonitorCore.Checks;

namespace MonitorCore.Monitors.Checks;

/// <summary>What one probe measured: the values its conditions read, the same for the ledger, and why it could not measure, if so.</summary>
internal sealed record ProbeResult(CheckValues Values, JsonObject Measured, string? Failure);

/// <summary>Runs one check of one type and measures what its conditions read. Never throws for a target that is down.</summary>
internal interface IProbe<in TOptions>
    where TOptions : CheckOptions
{
    Task<ProbeResult> RunAsync(TOptions options, CancellationToken timeout);
}

internal static class ProbeText
{
    /// <summary>Bodies and outputs are measured in full up to this size and kept in the ledger up to <see cref="Kept"/>.</summary>
    public const int MaxRead = 1 << 20;

    public const int Kept = 2_000;

    public static string Keep(string text) => text.Length <= Kept ? text : text[..Kept] + $"… ({text.Length} characters)";

    public static double Ms(TimeProvider time, long started) => Math.Round(time.GetElapsedTime(started).TotalMilliseconds, 3);

    public static string Reason(Exception ex) => ex switch
    {
        HttpRequestException { InnerException: SocketException s } => $"unreachable: {s.SocketErrorCode}",
        HttpRequestException { InnerException: System.Security.Authentication.AuthenticationException a } => $"TLS failed: {a.Message}",
        SocketException s => $"unreachable: {s.SocketErrorCode}",
        _ => ex.Message,
    };
}

internal sealed class HttpProbe(IHttpClientFactory clients, TimeProvider time) : IProbe<HttpCheckOptions>
{
    public const string ClientName = "checks";

    public async Task<ProbeResult> RunAsync(HttpCheckOptions options, CancellationToken timeout)
    {
        var values = new CheckValues();
        var measured = new JsonObject { ["url"] = SecretFreeUrl(options.Url), ["method"] = options.Method };
        X509Certificate2? certificate = null;
        var https = options.Url.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
        using var handler = https || !options.FollowRedirects ? OwnHandler(options, c => certificate = c) : null;
        using var ownClient = handler is null ? null : new HttpClient(handler, disposeHandler: false) { Timeout = System.Threading.Timeout.InfiniteTimeSpan };
        var client = ownClient ?? clients.CreateClient(ClientName);

        using var request = new HttpRequestMessage(new HttpMethod(options.Method), options.Url);
        if (options.Body is not null)
        {
            var type = options.Headers.GetValueOrDefault("Content-Type") ?? "application/json";
            request.Content = new StringContent(options.Body, Encoding.UTF8);
            request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(type);
        }

        foreach (var (name, value) in options.Headers)
        {
            if (!name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        var started = time.GetTimestamp();
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout);
            var body = await ReadAsync(response, timeout);
            var ms = ProbeText.Ms(time, started);
            values.Set("CONNECTED", "true").Set("STATUS", (int)response.StatusCode).Set("RESPONSE_TIME", ms).SetDocument("BODY", body);
            foreach (var header in response.Headers.Concat(response.Content.Headers))
            {
                values.SetHeader(header.Key, string.Join(", ", header.Value));
            }

            measured["status"] = (int)response.StatusCode;
            measured["response_time_ms"] = ms;
            measured["body_bytes"] = Encoding.UTF8.GetByteCount(body);
            measured["body"] = ProbeText.Keep(body);
            if (certificate is not null)
            {
                var left = certificate.NotAfter.ToUniversalTime() - time.GetUtcNow().UtcDateTime;
                values.Set("CERTIFICATE_EXPIRATION", Math.Max(0, left.TotalMilliseconds));
                measured["certificate_expires_at"] = certificate.NotAfter.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
                measured["certificate_expiration_hours"] = Math.Round(left.TotalHours, 1);
            }

            return new ProbeResult(values, measured, null);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            measured["response_time_ms"] = ProbeText.Ms(time, started);
            return new ProbeResult(values.Set("CONNECTED", "false"), measured, $"no answer within {options.Timeout.TotalMilliseconds} ms");
        }
        catch (HttpRequestException ex)
        {
            measured["response_time_ms"] = ProbeText.Ms(time, started);
            return new ProbeResult(values.Set("CONNECTED", "false"), measured, ProbeText.Reason(ex));
        }
    }

    private static SocketsHttpHandler OwnHandler(HttpCheckOptions options, Action<X509Certificate2> seen) => new()
    {
        AllowAutoRedirect = options.FollowRedirects,
        PooledConnectionLifetime = TimeSpan.Zero,
        SslOptions = new SslClientAuthenticationOptions
        {
            RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (certificate is not null)
                {
                    seen(new X509Certificate2(certificate));
                }

                return errors == SslPolicyErrors.None;
            },
        },
    };

    private static async Task<string> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[ProbeText.MaxRead];
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(total), cancellationToken)) > 0)
        {
            total += read;
        }

        return Encoding.UTF8.GetString(buffer, 0, total);
    }

    /// <summary>The URL without its query's values (a token in <c>?key=</c> never reaches the ledger).</summary>
    private static string SecretFreeUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Query.Length > 1
            ? uri.GetLeftPart(UriPartial.Path) + "?" + string.Join("&", uri.Query[1..].Split('&').Select(p => p.Split('=')[0] + "=***"))
            : url;
}

internal sealed class TcpProbe(TimeProvider time) : IProbe<TcpCheckOptions>
{
    public async Task<ProbeResult> RunAsync(TcpCheckOptions options, CancellationToken timeout)
    {
        var values = new CheckValues();
        var measured = new JsonObject { ["host"] = options.Host, ["port"] = options.Port };
        var started = time.GetTimestamp();
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(options.Host, options.Port, timeout);
            var connectMs = ProbeText.Ms(time, started);
            measured["connect_ms"] = connectMs;
            var received = "";
            if (options.Send is not null || options.Expect is not null)
            {
                var stream = client.GetStream();
                if (options.Send is not null)
                {
                    await stream.WriteAsync(Encoding.UTF8.GetBytes(options.Send.Replace("\\n", "\n", StringComparison.Ordinal)), timeout);
                }

                received = await ReadAsync(stream, options.Expect, timeout);
                measured["body"] = ProbeText.Keep(received);
            }

            var ms = ProbeText.Ms(time, started);
            measured["response_time_ms"] = ms;
            return new ProbeResult(values.Set("CONNECTED", "true").Set("RESPONSE_TIME", ms).SetDocument("BODY", received), measured, null);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            measured["response_time_ms"] = ProbeText.Ms(time, started);
            var connected = client.Connected;
            return new ProbeResult(values.Set("CONNECTED", connected ? "true" : "false"), measured,
                connected ? $"no expected answer within {options.Timeout.TotalMilliseconds} ms" : $"no connection within {options.Timeout.TotalMilliseconds} ms");
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            measured["response_time_ms"] = ProbeText.Ms(time, started);
            return new ProbeResult(values.Set("CONNECTED", "false"), measured, ProbeText.Reason(ex is IOException { InnerException: SocketException s } ? s : ex));
        }
    }

    /// <summary>Reads until <paramref name="expect"/> is seen, the peer closes, or the size limit.</summary>
    private static async Task<string> ReadAsync(NetworkStream stream, string? expect, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        var buffer = new byte[8192];
        var decoder = Encoding.UTF8.GetDecoder();
        var chars = new char[Encoding.UTF8.GetMaxCharCount(buffer.Length)];
        while (text.Length < ProbeText.MaxRead)
        {
            var read = await stream.ReadAsync(buffer, cancellationToken);
            if (read == 0)
            {
                break;
            }

            var count = decoder.GetChars(buffer, 0, read, chars, 0);
            text.Append(chars, 0, count);
            if (expect is not null && text.ToString().Contains(expect, StringComparison.Ordinal))
            {
                break;
            }
        }

        return text.ToString();
    }
}

internal sealed class DnsProbe(TimeProvider time) : IProbe<DnsCheckOptions>
{
    public async Task<ProbeResult> RunAsync(DnsCheckOptions options, CancellationToken timeout)
    {
        var values = new CheckValues();
        var measured = new JsonObject { ["host"] = options.Host };
        var started = time.GetTimestamp();
        try
        {
            var addresses = await Dns.GetHostAddressesAsync(options.Host, timeout);
            var ms = ProbeText.Ms(time, started);
            var list = addresses.Select(a => a.ToString()).ToList();
            measured["addresses"] = new JsonArray([.. list.Select(a => JsonValue.Create(a))]);
            measured["response_time_ms"] = ms;
            values.Set("CONNECTED", list.Count > 0 ? "true" : "false").Set("RESPONSE_TIME", ms)
                .Set("IP", list.FirstOrDefault()).SetDocument("BODY", new JsonArray([.. list.Select(a => JsonValue.Create(a))]).ToJsonString());
            return new ProbeResult(values, measured, list.Count > 0 ? null : "the name has no address");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return new ProbeResult(values.Set("CONNECTED", "false"), measured, $"no answer within {options.Timeout.TotalMilliseconds} ms");
        }
        catch (SocketException ex)
        {
            return new ProbeResult(values.Set("CONNECTED", "false"), measured, $"not resolved: {ex.SocketErrorCode}");
        }
    }
}

internal sealed class CommandProbe(TimeProvider time) : IProbe<CommandCheckOptions>
{
    public async Task<ProbeResult> RunAsync(CommandCheckOptions options, CancellationToken timeout)
    {
        var values = new CheckValues();
        var start = new ProcessStartInfo
        {
            FileName = options.Shell ? "/bin/sh" : options.Command,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = options.WorkingDirectory ?? "",
        };
        if (options.Shell)
        {
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(options.Command);
        }
        else
        {
            options.Arguments.ForEach(start.ArgumentList.Add);
        }

        var measured = new JsonObject { ["command"] = options.Command, ["shell"] = options.Shell };
        var started = time.GetTimestamp();
        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Exception ex) when (ex is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return new ProbeResult(values, measured, $"could not start '{options.Command}': {ex.Message}");
        }

        process.StandardInput.Close();
        var stdout = ReadLimitedAsync(process.StandardOutput);
        var stderr = ReadLimitedAsync(process.StandardError);
        try
        {
            await process.WaitForExitAsync(timeout);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            measured["response_time_ms"] = ProbeText.Ms(time, started);
            measured["stdout"] = ProbeText.Keep(await stdout);
            return new ProbeResult(values, measured, $"still running after {options.Timeout.TotalMilliseconds} ms: stopped");
        }

        var ms = ProbeText.Ms(time, started);
        var output = (await stdout).TrimEnd('\n', '\r');
        var errors = (await stderr).TrimEnd('\n', '\r');
        measured["exit_code"] = process.ExitCode;
        measured["response_time_ms"] = ms;
        measured["stdout"] = ProbeText.Keep(output);
        if (errors.Length > 0)
        {
            measured["stderr"] = ProbeText.Keep(errors);
        }

        values.Set("EXIT_CODE", process.ExitCode).Set("RESPONSE_TIME", ms).SetDocument("STDOUT", output).Set("STDERR", errors);
        return new ProbeResult(values, measured, null);
    }

    private static async Task<string> ReadLimitedAsync(StreamReader reader)
    {
        var buffer = new char[ProbeText.MaxRead];
        var total = 0;
        int read;
        while ((read = await reader.ReadAsync(buffer.AsMemory(total, buffer.Length - total))) > 0)
        {
            total += read;
            if (total == buffer.Length)
            {
                // Drain the rest so the program is never blocked on a full pipe.
                var sink = new char[8192];
                while (await reader.ReadAsync(sink) > 0)
                {
                }

                break;
            }
        }

        return new string(buffer, 0, total);
    }
}
