using Microsoft.Extensions.DependencyInjection;

namespace MonitorCore.Notifications.Tests;

/// <summary>
/// What every channel does the same way, checked the same way for each (derive and fill in the
/// blanks): unconfigured, it names the keys to set and fails without throwing; the caller's
/// cancellation throws; a provider that takes the request and never answers makes a transient
/// failure once the channel's timeout has passed on the clock, showing no secret.
/// </summary>
public abstract class ChannelConformanceTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>A provider that accepts the request and never answers, and the configuration that points at it.</summary>
    /// <param name="Configuration">The channel's configuration, its timeout included.</param>
    /// <param name="Timeout">The configured timeout.</param>
    /// <param name="Arrived">Completes when the request has reached the provider.</param>
    /// <param name="Provider">Stopped after the test.</param>
    /// <param name="Secrets">Configured values no result may show.</param>
    protected sealed record Hang(IDictionary<string, string?> Configuration, TimeSpan Timeout, Task Arrived, IAsyncDisposable? Provider, IReadOnlyList<string> Secrets);

    protected abstract string ChannelName { get; }

    /// <summary>The keys (and legacy names) the reason names when nothing is configured; empty for a channel that is always configured.</summary>
    protected abstract IReadOnlyList<string> RequiredKeys { get; }

    protected abstract Task<Hang> HangAsync();

    [Fact]
    public async Task Unconfigured_it_names_the_keys_to_set_and_a_send_fails_without_throwing()
    {
        using var harness = new ChannelHarness(new Dictionary<string, string?>());
        var channel = harness.Channel(ChannelName);
        Assert.Contains(channel.Name, harness.Services.GetRequiredService<ChannelCatalog>().Names);
        if (RequiredKeys.Count == 0)
        {
            Assert.Null(channel.NotConfiguredReason);
            return;
        }

        var reason = channel.NotConfiguredReason;
        Assert.NotNull(reason);
        Assert.All(RequiredKeys, key => Assert.Contains(key, reason, StringComparison.Ordinal));

        var result = await channel.SendAsync(ChannelHarness.Message(), CancellationToken.None);

        Assert.False(result.Delivered);
        Assert.True(result.Permanent);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_token_throws()
    {
        var hang = await HangAsync();
        await using var provider = hang.Provider;
        using var harness = new ChannelHarness(hang.Configuration);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => harness.Channel(ChannelName).SendAsync(ChannelHarness.Message(), cancelled.Token));
    }

    [Fact]
    public async Task Cancelling_while_the_provider_hangs_throws()
    {
        var hang = await HangAsync();
        await using var provider = hang.Provider;
        using var harness = new ChannelHarness(hang.Configuration);
        using var cancellation = new CancellationTokenSource();

        var send = harness.Channel(ChannelName).SendAsync(ChannelHarness.Message(), cancellation.Token);
        await hang.Arrived.WaitAsync(Patience);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send.WaitAsync(Patience));
    }

    [Fact]
    public async Task A_provider_that_hangs_makes_a_transient_failure_when_the_timeout_has_passed()
    {
        var hang = await HangAsync();
        await using var provider = hang.Provider;
        using var harness = new ChannelHarness(hang.Configuration);

        var send = harness.Channel(ChannelName).SendAsync(ChannelHarness.Message(), CancellationToken.None);
        await hang.Arrived.WaitAsync(Patience);
        Assert.False(send.IsCompleted);
        harness.Time.Advance(hang.Timeout + TimeSpan.FromMilliseconds(1));
        var result = await send.WaitAsync(Patience);

        Assert.False(result.Delivered);
        Assert.False(result.Permanent);
        Assert.Contains($"within {hang.Timeout.TotalSeconds:0.###} s", result.Error, StringComparison.Ordinal);
        Assert.All(hang.Secrets, secret => Assert.DoesNotContain(secret, result.Error, StringComparison.Ordinal));
        Assert.All(hang.Secrets, secret => Assert.DoesNotContain(harness.Logs.Lines, line => line.Contains(secret, StringComparison.Ordinal)));
    }
}
