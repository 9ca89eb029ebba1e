using System.Text.Json.Nodes;
using MonitorCore.Monitoring;

namespace MonitorCore.Notifications.Twilio;

/// <summary>
/// <c>twilio_monitor</c>: verifies the Twilio credentials by fetching the account; no call or message
/// is placed. Error when the credentials are refused or the account is not active; Skipped when
/// Twilio is not configured.
/// </summary>
internal sealed class TwilioMonitor(TwilioAccountClient account, ChannelCatalog channels) : IMonitor
{
    public const string Name = "twilio_monitor";

    public async Task<MonitorResult> RunAsync(MonitorContext context, CancellationToken cancellationToken)
    {
        if (channels.Find(ChannelNames.Sms)?.NotConfiguredReason is { } reason)
        {
            return MonitorResult.Skipped($"Twilio is not configured: {reason}");
        }

        var check = await account.CheckAsync(cancellationToken);
        var metadata = new JsonObject { ["account_status"] = check.Status, ["friendly_name"] = check.FriendlyName };
        if (!check.Verified)
        {
            return MonitorResult.Error($"Twilio credentials not verified: {check.Error}", metadata);
        }

        return check.IsActive
            ? MonitorResult.Success(metadata)
            : MonitorResult.Error($"the Twilio account is {check.Status}, not active: calls and SMS will fail", metadata);
    }
}
