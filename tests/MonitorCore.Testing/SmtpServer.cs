using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace MonitorCore.Testing;

/// <summary>How the test SMTP server speaks TLS.</summary>
public enum SmtpServerTls
{
    None,
    StartTls,
    Implicit,
}

/// <summary>One message the SMTP server accepted: its envelope, whether TLS and AUTH were used, and the raw content.</summary>
public sealed record ReceivedMail(string QueueId, string MailFrom, IReadOnlyList<string> RcptTos, bool Tls, string? Login, string Content);

/// <summary>
/// A real SMTP server (Debian's <c>python3-aiosmtpd</c>, <c>SmtpServer.py</c>) on a free loopback
/// port, optionally requiring AUTH LOGIN/PLAIN with one user and password and speaking STARTTLS or
/// implicit TLS with a self-signed certificate made for it. Accepted messages are files in a temp
/// folder, read back with <see cref="Messages"/>. <c>nobody@…</c> is refused with 550, <c>busy@…</c>
/// with 451. Stopped and removed on dispose.
/// </summary>
public sealed class SmtpServer : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";
    private const int StartAttempts = 5;
    private const string AddressInUse = "address in use"; // what SmtpServer.py says when its port is taken
    private readonly TempDirectory _folder;
    private readonly Process _process;

    private SmtpServer(TempDirectory folder, Process process, int port)
    {
        _folder = folder;
        _process = process;
        Port = port;
    }

    public string Host { get; } = "127.0.0.1";

    public int Port { get; }

    private string Inbox => _folder.File("inbox");

    public static async Task<SmtpServer> StartAsync(string? user = null, string? password = null, SmtpServerTls tls = SmtpServerTls.None)
    {
        var folder = new TempDirectory();
        Directory.CreateDirectory(folder.File("inbox"));
        await using (var script = typeof(SmtpServer).Assembly.GetManifestResourceStream("MonitorCore.Testing.SmtpServer.py")!)
        await using (var file = File.Create(folder.File("smtp_server.py")))
        {
            await script.CopyToAsync(file);
        }

        if (tls != SmtpServerTls.None)
        {
            WriteSelfSignedCertificate(folder.File("cert.pem"), folder.File("key.pem"));
        }

        for (var attempt = 1; ; attempt++)
        {
            // The script takes its port on the command line; another process may take a free port
            // before the script binds it, and then the script says so and starts on another.
            var port = LoopbackPorts.Candidate();
            var process = Start(folder, port, user, password, tls);
            var said = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            if (said == "ready" && await AcceptsAsync(port))
            {
                return new SmtpServer(folder, process, port);
            }

            process.Kill(entireProcessTree: true);
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            process.Dispose();
            if (said != AddressInUse || attempt == StartAttempts)
            {
                folder.Dispose();
                throw new InvalidOperationException(said == AddressInUse
                    ? $"The test SMTP server found its port taken {StartAttempts} times in a row."
                    : $"The test SMTP server did not start (it needs Debian's python3-aiosmtpd for {Python}):\n{errors}");
            }
        }
    }

    /// <summary>The messages accepted so far, oldest first.</summary>
    public IReadOnlyList<ReceivedMail> Messages() =>
        Directory.GetFiles(Inbox, "*.json").Order(StringComparer.Ordinal)
            .Select(path => JsonSerializer.Deserialize<ReceivedMail>(File.ReadAllText(path), JsonOptions)!)
            .ToList();

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        try
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _folder.Dispose();
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private static Process Start(TempDirectory folder, int port, string? user, string? password, SmtpServerTls tls)
    {
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder.Path,
        };
        string[] arguments = [folder.File("smtp_server.py"), "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--dir", folder.File("inbox"),
            "--tls", tls.ToString().ToLowerInvariant(), "--cert", folder.File("cert.pem"), "--key", folder.File("key.pem")];
        foreach (var argument in arguments.Concat(user is null ? [] : ["--user", user, "--password", password ?? ""]))
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start)!;
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, port).WaitAsync(TimeSpan.FromSeconds(10));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>A certificate for <c>localhost</c> and 127.0.0.1, valid a day either side of now, as PEM files.</summary>
    private static void WriteSelfSignedCertificate(string certificatePath, string keyPath)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));
        File.WriteAllText(certificatePath, certificate.ExportCertificatePem());
        File.WriteAllText(keyPath, key.ExportPkcs8PrivateKeyPem());
    }
}
