using System.Net;
using System.Net.Sockets;
using MonitorCore.SelfTest;

namespace MonitorCore.Notifications.Channels;

/// <summary>
/// A webhook channel (<c>slack</c>, <c>webhook</c>), for the self-test: its URL is an absolute http(s) URL and
/// its host resolves; nothing is posted (a post would be a message). Required when the channel is configured.
/// The URL is a secret: only its host is named.
/// </summary>
internal sealed class WebhookHostCheck(string name, Func<string?> url, Func<string?> notConfiguredReason) : ISelfCheck
{
    public string Name => name;

    public bool Required => true;

    public string? NotConfiguredReason => notConfiguredReason();

    public async Task<SelfCheckOutcome> CheckAsync(CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return SelfCheckOutcome.Fail($"the {name} URL is not an absolute http or https URL");
        }

        if (IPAddress.TryParse(uri.DnsSafeHost, out _))
        {
            return SelfCheckOutcome.Pass($"URL well formed, host {uri.Host} is an address; nothing posted");
        }

        try
        {
            var addresses = await Dns.GetHostAddressesAsync(uri.DnsSafeHost, cancellationToken);
            return addresses.Length > 0
                ? SelfCheckOutcome.Pass($"URL well formed, {uri.Host} resolves; nothing posted")
                : SelfCheckOutcome.Fail($"the host {uri.Host} resolves to no address");
        }
        catch (SocketException ex)
        {
            return SelfCheckOutcome.Fail($"the host {uri.Host} does not resolve ({ex.SocketErrorCode})");
        }
    }
}
