namespace MonitorCore.Notifications.Tests.Twilio;

/// <summary>Configuration pointing the Twilio channels at a local server.</summary>
internal static class TwilioConfiguration
{
    public static Dictionary<string, string?> For(string baseUrl, string token = FakeTwilioServer.AuthToken) => new()
    {
        ["Notifications:Twilio:BaseUrl"] = baseUrl,
        ["Notifications:Twilio:AccountSid"] = FakeTwilioServer.AccountSid,
        ["Notifications:Twilio:AuthToken"] = token,
        ["Notifications:Twilio:FromNumber"] = FakeTwilioServer.FromNumber,
        ["Notifications:Twilio:ToNumber"] = FakeTwilioServer.ToNumber,
    };

    public static IReadOnlyList<string> RequiredKeys =>
    [
        "Notifications:Twilio:AccountSid", "TWILIO_ACCOUNT_SID", "Notifications:Twilio:AuthToken", "TWILIO_AUTH_TOKEN",
        "Notifications:Twilio:FromNumber", "TWILIO_PHONE_NUMBER", "Notifications:Twilio:ToNumber", "MY_PHONE_NUMBER",
    ];

    /// <summary>A server that takes the request and never answers.</summary>
    public static async Task<(LocalHttpServer Server, Task Arrived)> HangingServerAsync()
    {
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = await LocalHttpServer.StartAsync(async context =>
        {
            arrived.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        return (server, arrived.Task);
    }
}
