using MonitorCore.Alerts;
using MonitorCore.Data.Repositories;
using MonitorCore.Ledger;
using MonitorCore.Notifications.Dispatch;
using MonitorCore.Positions;
using MonitorCore.Notifications;

namespace MonitorCore.Notifications.Tests.Scenarios;

/// <summary>
/// A SOL long walking towards liquidation, evaluated by liquid_monitor on a fake clock and delivered
/// through a real SMTP server and a local server that speaks Twilio's protocol.
/// </summary>
[Trait("Category", "Integration")]
public sealed class LiquidationScenarioTests : IAsyncLifetime
{
    private SmtpServer _smtp = null!;
    private FakeTwilioServer _twilio = null!;
    private TestHost _host = null!;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpServer.StartAsync();
        _twilio = await FakeTwilioServer.StartAsync();
        _host = await TestHost.StartAsync(new Dictionary<string, string?>
        {
            ["Notifications:Smtp:Host"] = _smtp.Host,
            ["Notifications:Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications:Smtp:Security"] = "None",
            ["Notifications:Smtp:To"] = "trader@example.com",
            ["Notifications:Smtp:From"] = "monitor@example.com",
            ["Notifications:Twilio:BaseUrl"] = _twilio.BaseUrl,
            ["Notifications:Twilio:AccountSid"] = FakeTwilioServer.AccountSid,
            ["Notifications:Twilio:AuthToken"] = FakeTwilioServer.AuthToken,
            ["Notifications:Twilio:FromNumber"] = FakeTwilioServer.FromNumber,
            ["Notifications:Twilio:ToNumber"] = FakeTwilioServer.ToNumber,
            ["Notifications:Sound:Command"] = "true",
        });
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _twilio.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    /// <summary>Sets the SOL long's price, runs liquid_monitor as a cycle would, and delivers what it queued.</summary>
    private async Task<LedgerEntry> TickAsync(double price)
    {
        var position = PositionMath.Enrich(new Position
        {
            Id = "sol-long", AssetType = "SOL", PositionType = PositionType.Long, EntryPrice = 182.5, LiquidationPrice = 170,
            Size = 1500, Collateral = 115, LastUpdated = _host.Time.GetUtcNow(), WalletName = "main",
        }, price, new HeatIndexWeights());
        await _host.Get<IPositionStore>().UpsertAsync([position], default);
        var run = await _host.RunAsync("liquid_monitor");
        await _host.Get<NotificationDispatcher>().DispatchDueAsync(default);
        _host.Time.Advance(TimeSpan.FromMinutes(1));
        return run;
    }

    private IReadOnlyList<string> Calls() => [.. _twilio.Requests.Where(r => r.PathAndQuery.EndsWith("/Calls.json", StringComparison.Ordinal)).Select(r => FakeTwilioServer.Form(r)["Twiml"])];

    private IReadOnlyList<string> Texts() => [.. _twilio.Requests.Where(r => r.PathAndQuery.EndsWith("/Messages.json", StringComparison.Ordinal)).Select(r => FakeTwilioServer.Form(r)["Body"])];

    [Fact]
    public async Task Low_then_medium_then_high_with_sms_and_a_call_then_one_resolve()
    {
        // Distance from 170: 200 → 15 %, 188 → 9.6 % (LOW), 183 → 7.1 % (MEDIUM), 178 → 4.5 % (HIGH), back to 200.
        foreach (var price in new[] { 200.0, 188, 187.5, 183, 182.8, 178, 177, 185, 192, 200, 201 })
        {
            await TickAsync(price);
        }

        var mail = Assert.Single(_smtp.Messages());
        Assert.Contains("Subject: [LOW] liquid_monitor: SOL LONG", mail.Content, StringComparison.Ordinal);
        Assert.Equal(["trader@example.com"], mail.RcptTos);

        var texts = Texts();
        Assert.Equal(3, texts.Count); // MEDIUM, HIGH, and the resolve, told where the HIGH went (but never by a call)
        Assert.Contains("[MEDIUM]", texts[0], StringComparison.Ordinal);
        Assert.Contains("[HIGH]", texts[1], StringComparison.Ordinal);
        Assert.Contains("[RESOLVED]", texts[2], StringComparison.Ordinal);
        var call = Assert.Single(Calls());
        Assert.StartsWith("<Response><Say>", call, StringComparison.Ordinal);
        Assert.Contains("from liquidation", call, StringComparison.Ordinal);

        var alert = Assert.Single(await _host.Get<IAlertStore>().ListAsync(false, 10, default));
        Assert.Equal(AlertState.Resolved, alert.State);
        Assert.All(await _host.Get<INotificationOutbox>().ListAsync(null, 100, default), n => Assert.Equal(NotificationStatus.Sent, n.Status));
    }

    [Fact]
    public async Task A_distance_hovering_at_a_line_does_not_flap()
    {
        foreach (var price in new[] { 188.9, 188.85, 189.0, 188.7, 189.1, 188.8, 189.05 }) // 10.0 % ± 0.1
        {
            await TickAsync(price);
        }

        Assert.Single(_smtp.Messages());
        Assert.Single(await _host.Get<IAlertStore>().ListAsync(false, 10, default));
    }

    [Fact]
    public async Task A_snooze_stops_the_sends_but_not_the_ledger()
    {
        await _host.Get<SnoozeService>().AddAsync(SnoozeScope.Global, null, TimeSpan.FromHours(1), false, "test");

        var run = await TickAsync(176);

        Assert.Equal("HIGH", (string?)run.Metadata["level"]);
        Assert.Single(run.Metadata["alert_ids"]!.AsArray());
        Assert.Contains("snoozed (global)", run.Metadata["notes"]![0]!.ToString(), StringComparison.Ordinal);
        Assert.Empty(_twilio.Requests);
        Assert.Empty(_smtp.Messages());
        var ledger = await _host.Get<IMonitorLedger>().QueryAsync(new LedgerQuery("liquid_monitor"), default);
        Assert.Equal(1, (int)Assert.Single(ledger).Metadata["danger_count"]!);
    }

    [Fact]
    public async Task Acknowledging_stops_the_repeated_calls()
    {
        var first = await TickAsync(176);
        for (var minute = 0; minute < 12; minute++)
        {
            await TickAsync(176);
        }

        Assert.Equal(2, Calls().Count); // the first call and one repeat after 10 minutes
        var id = (long)first.Metadata["alert_ids"]![0]!;
        Assert.True(await _host.Get<IAlertStore>().AcknowledgeAsync(id, _host.Time.GetUtcNow(), default));
        for (var minute = 0; minute < 25; minute++)
        {
            await TickAsync(176);
        }

        Assert.Equal(2, Calls().Count);
    }

    [Fact]
    public async Task The_voice_cooldown_holds_for_another_position()
    {
        await TickAsync(176);
        var other = PositionMath.Enrich(new Position
        {
            Id = "eth-long", AssetType = "ETH", PositionType = PositionType.Long, EntryPrice = 3300, LiquidationPrice = 3000,
            Size = 1500, Collateral = 115, LastUpdated = _host.Time.GetUtcNow(),
        }, 3100, new HeatIndexWeights());
        await _host.Get<IPositionStore>().UpsertAsync([other], default);

        var run = await TickAsync(176);

        Assert.Contains(run.Metadata["notes"]!.AsArray(), n => n!.ToString().Contains("phone relax", StringComparison.Ordinal));
        Assert.Single(Calls());
        Assert.Equal(2, Texts().Count);
    }
}
