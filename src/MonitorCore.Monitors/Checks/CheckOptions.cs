using System.ComponentModel.DataAnnotations;
using MonitorCore.Checks;

namespace MonitorCore.Monitors.Checks;

/// <summary>
/// A declarative check in the manifest (<c>Monitors:&lt;key&gt;</c> with a <c>Type</c>): what every type shares,
/// its schedule, its conditions and the alert a failure raises.
/// </summary>
public abstract class CheckOptions : IValidatableObject
{
    /// <summary>The check's type: <c>http</c>, <c>tcp</c>, <c>command</c> or <c>dns</c>.</summary>
    [Required]
    public string Type { get; set; } = "";

    /// <summary>How often the check runs (hh:mm:ss), outside the cycle.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A run that has not finished after this long fails (hh:mm:ss).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Runs in every cycle instead of on its own interval.</summary>
    public bool InCycle { get; set; }

    /// <summary>Position in <c>run all</c> and in the cycle; lower runs first.</summary>
    [Range(0, 100_000)]
    public int Order { get; set; } = 2000;

    /// <summary>What the check is for, shown by <c>monitorcore list</c>.</summary>
    [StringLength(200)]
    public string Description { get; set; } = "";

    /// <summary>Conditions that must all hold; when empty, the type's default (e.g. <c>[STATUS] &lt; 400</c>).</summary>
    public List<string> Conditions { get; set; } = [];

    /// <summary>The level a failing check fires at: LOW, MEDIUM, HIGH, or NONE for no alert.</summary>
    [RegularExpression("^(?i)(LOW|MEDIUM|HIGH|NONE)$", ErrorMessage = "use LOW, MEDIUM, HIGH or NONE")]
    public string AlertLevel { get; set; } = "LOW";

    /// <summary>The channels of that alert; when empty, the level's default (LOW: email; MEDIUM: sms; HIGH: sms, voice, sound).</summary>
    public List<string> AlertChannels { get; set; } = [];

    /// <summary>The values this type measures, as conditions name them.</summary>
    public abstract IReadOnlyList<string> Placeholders { get; }

    /// <summary>The conditions used when none are given.</summary>
    public abstract IReadOnlyList<string> DefaultConditions { get; }

    /// <summary>The conditions, parsed; <see cref="ConditionException"/> when one is not valid (start-up refuses it first).</summary>
    public IReadOnlyList<Condition> ParsedConditions() =>
        [.. (Conditions.Count > 0 ? Conditions : DefaultConditions).Select(c => Condition.Parse(c, [.. Placeholders]))];

    public virtual IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < Conditions.Count; i++)
        {
            string? problem = null;
            try
            {
                Condition.Parse(Conditions[i], [.. Placeholders]);
            }
            catch (ConditionException ex)
            {
                problem = $"{ex.Message} in \"{Conditions[i]}\"";
            }

            if (problem is not null)
            {
                yield return new ValidationResult(problem, [$"{nameof(Conditions)}:{i}"]);
            }
        }

    }
}

/// <summary><c>"Type": "http"</c>: a request, its answer measured.</summary>
public sealed class HttpCheckOptions : CheckOptions
{
    /// <summary>The address requested: an absolute http:// or https:// URL; its query values are masked in the ledger.</summary>
    [Required]
    public string Url { get; set; } = "";

    /// <summary>The HTTP method.</summary>
    [RegularExpression("^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)$", ErrorMessage = "use GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS")]
    public string Method { get; set; } = "GET";

    /// <summary>Request headers; a secret one (<c>Authorization</c>) is best set from the environment and is always masked.</summary>
    public Dictionary<string, string> Headers { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The request body, sent with <c>Content-Type</c> from <see cref="Headers"/> (default <c>application/json</c>).</summary>
    public string? Body { get; set; }

    /// <summary>Follow redirects (3xx) instead of measuring them.</summary>
    public bool FollowRedirects { get; set; } = true;

    public override IReadOnlyList<string> Placeholders { get; } = ["STATUS", "RESPONSE_TIME", "BODY", "HEADER", "CERTIFICATE_EXPIRATION", "CONNECTED"];

    public override IReadOnlyList<string> DefaultConditions { get; } = ["[STATUS] < 400"];

    public override IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var result in base.Validate(validationContext))
        {
            yield return result;
        }

        if (Url.Length > 0 && !(Uri.TryCreate(Url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            yield return new ValidationResult("must be an absolute http:// or https:// URL", [nameof(Url)]);
        }
    }
}

/// <summary><c>"Type": "tcp"</c>: a connection, optionally a line sent and an answer expected.</summary>
public sealed class TcpCheckOptions : CheckOptions
{
    /// <summary>The host name or address to connect to.</summary>
    [Required]
    public string Host { get; set; } = "";

    /// <summary>The TCP port.</summary>
    [Range(1, 65535)]
    public int Port { get; set; }

    /// <summary>Text sent once connected (<c>\n</c> for a newline).</summary>
    public string? Send { get; set; }

    /// <summary>Text the answer must contain; reading stops when it is seen.</summary>
    public string? Expect { get; set; }

    public override IReadOnlyList<string> Placeholders { get; } = ["CONNECTED", "RESPONSE_TIME", "BODY"];

    public override IReadOnlyList<string> DefaultConditions => Expect is null ? ["[CONNECTED] == true"] : ["[CONNECTED] == true", $"[BODY] == pat(*{Expect}*)"];
}

/// <summary><c>"Type": "command"</c>: a local program run with a timeout, without a shell unless asked.</summary>
public sealed class CommandCheckOptions : CheckOptions
{
    /// <summary>The program to run (a path, or a name found on <c>PATH</c>); with <see cref="Shell"/>, the whole shell command.</summary>
    [Required]
    public string Command { get; set; } = "";

    /// <summary>Its arguments, one per item, passed as they are (no shell, no quoting).</summary>
    public List<string> Arguments { get; set; } = [];

    /// <summary>Run <see cref="Command"/> through <c>/bin/sh -c</c> (pipes, globbing); off by default.</summary>
    public bool Shell { get; set; }

    /// <summary>The folder it runs in; the service's working folder when absent.</summary>
    public string? WorkingDirectory { get; set; }

    public override IReadOnlyList<string> Placeholders { get; } = ["EXIT_CODE", "STDOUT", "STDERR", "RESPONSE_TIME"];

    public override IReadOnlyList<string> DefaultConditions { get; } = ["[EXIT_CODE] == 0"];

    public override IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var result in base.Validate(validationContext))
        {
            yield return result;
        }

        if (Shell && Arguments.Count > 0)
        {
            yield return new ValidationResult("a shell command takes no Arguments: write them in Command", [nameof(Arguments)]);
        }
    }
}

/// <summary><c>"Type": "dns"</c>: a name resolved through the system's resolver.</summary>
public sealed class DnsCheckOptions : CheckOptions
{
    /// <summary>The name to resolve through the system's resolver.</summary>
    [Required]
    [RegularExpression(@"^[A-Za-z0-9.\-]{1,253}$", ErrorMessage = "must be a host name, e.g. api.example.com")]
    public string Host { get; set; } = "";

    public override IReadOnlyList<string> Placeholders { get; } = ["CONNECTED", "RESPONSE_TIME", "IP", "BODY"];

    public override IReadOnlyList<string> DefaultConditions { get; } = ["[CONNECTED] == true"];
}
