using System.ComponentModel;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using MonitorCore.Notifications.Channels;

namespace MonitorCore.Notifications.Sound;

/// <summary>
/// <c>sound</c>: runs the configured command (exit code 0 is delivered; any other fails naming the
/// code and the start of its standard error; one still running at the timeout is killed with its
/// children), or rings the terminal bell when none is configured. Always configured.
/// </summary>
internal sealed class SoundChannel : INotificationChannel
{
    private readonly IOptions<SoundOptions> _options;
    private readonly TimeProvider _time;
    private readonly TextWriter _bell;

    public SoundChannel(IOptions<SoundOptions> options, TimeProvider time)
        : this(options, time, Console.Error)
    {
    }

    /// <summary>With the writer the bell rings on (the process's standard error in production).</summary>
    internal SoundChannel(IOptions<SoundOptions> options, TimeProvider time, TextWriter bell)
    {
        _options = options;
        _time = time;
        _bell = bell;
    }

    public string Name => ChannelNames.Sound;

    public string? NotConfiguredReason => null;

    public string DefaultRecipient => string.IsNullOrWhiteSpace(_options.Value.Command) ? "terminal bell" : _options.Value.Command;

    public async Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var settings = _options.Value;
        if (string.IsNullOrWhiteSpace(settings.Command))
        {
            await _bell.WriteAsync('\a');
            await _bell.FlushAsync(cancellationToken);
            return DeliveryResult.Success();
        }

        var start = new ProcessStartInfo(settings.Command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in settings.Arguments)
        {
            start.ArgumentList.Add(Fill(argument, message));
        }

        using var deadline = new CancellationTokenSource(settings.Timeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new Win32Exception("no process was started");
        }
        catch (Win32Exception ex)
        {
            return DeliveryResult.Failure($"sound: could not start '{settings.Command}': {ex.Message}", permanent: true);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            try
            {
                await process.WaitForExitAsync(linked.Token);
                var errors = await stderr.WaitAsync(linked.Token);
                await stdout.WaitAsync(linked.Token);
                return process.ExitCode == 0
                    ? DeliveryResult.Success()
                    : DeliveryResult.Failure($"sound: '{settings.Command}' exited with {process.ExitCode}" + (errors.Length > 0 ? $": {ChannelText.Excerpt(errors)}" : ""));
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
                cancellationToken.ThrowIfCancellationRequested();
                return DeliveryResult.Failure($"sound: '{settings.Command}' did not exit within {ChannelText.Seconds(settings.Timeout)}; killed");
            }
        }
    }

    /// <summary>The argument with <c>{subject}</c>, <c>{body}</c> and <c>{level}</c> replaced.</summary>
    internal static string Fill(string argument, OutgoingMessage message) => argument
        .Replace("{subject}", message.Subject, StringComparison.Ordinal)
        .Replace("{body}", message.Body, StringComparison.Ordinal)
        .Replace("{level}", message.Level.Word(), StringComparison.Ordinal);
}
