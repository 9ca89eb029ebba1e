using Microsoft.Extensions.Options;
using MonitorCore.SelfTest;

namespace MonitorCore.Notifications.Twilio;

/// <summary>
/// Twilio, for the self-test: the account fetched with the configured sid and token
/// (<c>GET /2010-04-01/Accounts/{sid}.json</c>), no call or message placed. Required when <c>sms</c> or
/// <c>voice</c> is configured; fails when the credentials are refused or the account is not active.
/// </summary>
internal sealed class TwilioCheck(TwilioAccountClient account, IOptions<TwilioOptions> options) : ISelfCheck
{
    public string Name => "twilio";

    public bool Required => true;

    public string? NotConfiguredReason => options.Value.NotConfiguredReason;

    public async Task<SelfCheckOutcome> CheckAsync(CancellationToken cancellationToken)
    {
        var check = await account.CheckAsync(cancellationToken);
        if (!check.Verified)
        {
            return SelfCheckOutcome.Fail(check.Error ?? "Twilio credentials not verified");
        }

        return check.IsActive
            ? SelfCheckOutcome.Pass($"credentials accepted, account '{check.FriendlyName}' is active; nothing sent")
            : SelfCheckOutcome.Fail($"the Twilio account is {check.Status}, not active: calls and SMS will fail");
    }
}
