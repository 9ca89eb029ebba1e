using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace MonitorCore.Api.Security;

/// <summary>What a request may do.</summary>
public enum Access
{
    /// <summary>No valid key (or none sent).</summary>
    None,

    /// <summary>A read-only key: GET and HEAD.</summary>
    Read,

    /// <summary>A full key, or no key needed.</summary>
    Full,
}

/// <summary>
/// The API keys (<c>Api:Keys</c>, <c>Api:ReadOnlyKeys</c>): a request's <c>Authorization: Bearer</c> key
/// is compared with each in constant time. Health probes never need one.
/// </summary>
public sealed class ApiKeys(IOptions<ApiOptions> options)
{
    public const string Scheme = "Bearer";

    /// <summary>Routes anyone may call: a load balancer's or an orchestrator's probes.</summary>
    public static bool IsOpen(PathString path) => path.Equals("/healthz", StringComparison.Ordinal) || path.Equals("/readyz", StringComparison.Ordinal);

    /// <summary>What the request's key allows; <see cref="Access.Full"/> when no key is configured.</summary>
    public Access Of(HttpRequest request)
    {
        var settings = options.Value;
        if (!settings.HasKeys)
        {
            return Access.Full;
        }

        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith(Scheme + " ", StringComparison.OrdinalIgnoreCase))
        {
            return Access.None;
        }

        var sent = Encoding.UTF8.GetBytes(header[(Scheme.Length + 1)..].Trim());
        var full = settings.Keys.Aggregate(false, (found, key) => Matches(sent, key) | found);
        var read = settings.ReadOnlyKeys.Aggregate(false, (found, key) => Matches(sent, key) | found);
        return full ? Access.Full : read ? Access.Read : Access.None;
    }

    /// <summary>Constant time for keys of the same length; every key is compared, whatever matched before.</summary>
    private static bool Matches(byte[] sent, string key) =>
        CryptographicOperations.FixedTimeEquals(sent, Encoding.UTF8.GetBytes(key));
}
