using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace MonitorCore.Api;

/// <summary>
/// The <c>Api</c> section. Keys are lists, so <c>MONITORCORE_Api__Keys__0=…</c> sets one. When any key
/// is set, every route but <c>/healthz</c> and <c>/readyz</c> needs <c>Authorization: Bearer &lt;key&gt;</c>;
/// with none, the API answers only on loopback (<c>serve</c> refuses to listen elsewhere).
/// </summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    public const string DefaultUrls = "http://127.0.0.1:5000";

    /// <summary>Where the API listens; <c>--urls</c> and <c>MONITORCORE_URLS</c> set it too.</summary>
    [Required]
    public string Urls { get; set; } = DefaultUrls;

    /// <summary>Keys that may do everything.</summary>
    public List<string> Keys { get; set; } = [];

    /// <summary>Keys that may only read (GET): a mutation with one is refused with 403.</summary>
    public List<string> ReadOnlyKeys { get; set; } = [];

    /// <summary>Origins allowed to call the API from a browser page of another origin; none by default.</summary>
    public List<string> CorsOrigins { get; set; } = [];

    /// <summary>The largest request body accepted (a positions file for import is the largest).</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public long MaxBodyBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>Mutations (POST, PUT, PATCH, DELETE) allowed per client address and minute.</summary>
    [Range(1, 100_000)]
    public int MutationsPerMinute { get; set; } = 120;

    /// <summary>Readiness fails when the oldest due notification has waited longer than this.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan OutboxStuckAfter { get; set; } = TimeSpan.FromMinutes(10);

    [JsonIgnore]
    public bool HasKeys => Keys.Count > 0 || ReadOnlyKeys.Count > 0;
}
