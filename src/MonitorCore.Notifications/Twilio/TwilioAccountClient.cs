using MonitorCore.Notifications.Channels;

namespace MonitorCore.Notifications.Twilio;

/// <summary>What Twilio says about the configured account.</summary>
/// <param name="Verified">Twilio accepted the credentials and answered with the account.</param>
/// <param name="Status">The account's status as Twilio names it (<c>active</c>, <c>suspended</c>, <c>closed</c>).</param>
/// <param name="FriendlyName">The account's name.</param>
/// <param name="Error">Why it could not be verified: not configured, authentication failed, unreachable…</param>
public sealed record TwilioAccountCheck(bool Verified, string? Status, string? FriendlyName, string? Error)
{
    /// <summary>Verified and <c>active</c>: messages and calls can go out.</summary>
    public bool IsActive => Verified && string.Equals(Status, "active", StringComparison.OrdinalIgnoreCase);

    public static TwilioAccountCheck Failed(string error) => new(false, null, null, error);
}

/// <summary>
/// Reads the account (<c>GET /2010-04-01/Accounts/{sid}.json</c>) to prove the credentials work,
/// for <c>twilio_monitor</c>. Every failure comes back as a result; only cancellation throws.
/// </summary>
public sealed class TwilioAccountClient
{
    private readonly TwilioApi _twilio;
    private readonly IHttpClientFactory _httpClients;
    private readonly TimeProvider _time;

    internal TwilioAccountClient(TwilioApi twilio, IHttpClientFactory httpClients, TimeProvider time)
    {
        _twilio = twilio;
        _httpClients = httpClients;
        _time = time;
    }

    public async Task<TwilioAccountCheck> CheckAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var settings = _twilio.Options;
        if (ChannelText.NotConfigured(
            RequiredKey.Of(TwilioOptions.Section + ":AccountSid", "TWILIO_ACCOUNT_SID", settings.AccountSid),
            RequiredKey.Of(TwilioOptions.Section + ":AuthToken", "TWILIO_AUTH_TOKEN", settings.AuthToken)) is { } reason)
        {
            return TwilioAccountCheck.Failed($"Twilio is not configured: {reason}");
        }

        using var request = _twilio.Request(HttpMethod.Get, $"Accounts/{Uri.EscapeDataString(settings.AccountSid!)}.json");
        return await ChannelHttp.SendAsync(
            _httpClients.CreateClient(TwilioApi.HttpClientName), request, settings.Timeout, _time, Read,
            reason => TwilioAccountCheck.Failed($"Twilio: {reason}"), cancellationToken);
    }

    private TwilioAccountCheck Read(HttpAnswer answer) => answer.Status switch
    {
        200 => new TwilioAccountCheck(true, TwilioApi.Field(answer.Body, "status"), TwilioApi.Field(answer.Body, "friendly_name"), null),
        401 => TwilioAccountCheck.Failed($"Twilio authentication failed ({_twilio.Error(answer)}): check {TwilioOptions.Section}:AccountSid and AuthToken"),
        _ => TwilioAccountCheck.Failed($"Twilio answered {_twilio.Error(answer)}"),
    };
}
