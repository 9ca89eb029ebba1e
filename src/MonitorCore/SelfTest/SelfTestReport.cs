using System.Globalization;
using System.Text.Json.Nodes;
using MonitorCore.Monitoring;

namespace MonitorCore.SelfTest;

/// <summary>One check as it ran: passed or not, how long it took, and what it found or why it failed.</summary>
public sealed record SelfCheckResult(string Name, bool Ok, bool Required, double Ms, string? Detail, string? Error);

/// <summary>
/// What the self-test found: every check that ran, and the checks that had nothing to check (a provider not
/// configured) with the keys to set. It is also the metadata of an <c>operations_monitor</c> row:
/// <c>checks{name:{ok, ms, required, detail?, error?}}</c>, <c>not_configured{name: reason}</c>, <c>failed[]</c>.
/// </summary>
public sealed record SelfTestReport(IReadOnlyList<SelfCheckResult> Checks, IReadOnlyDictionary<string, string> NotConfigured)
{
    /// <summary>Some check failed, required or not (<c>monitorcore selftest</c> exits 1).</summary>
    public bool Failed => Checks.Any(c => !c.Ok);

    /// <summary>Error when a required check failed, Warning when only optional ones did, else Success.</summary>
    public MonitorStatus Status =>
        Checks.Any(c => !c.Ok && c.Required) ? MonitorStatus.Error : Failed ? MonitorStatus.Warning : MonitorStatus.Success;

    /// <summary>The report as the monitor's result: its status, the failed checks named in <c>error</c> or <c>warning</c>.</summary>
    public MonitorResult ToResult()
    {
        var metadata = ToMetadata();
        var required = Checks.Where(c => !c.Ok && c.Required).Select(c => c.Name).ToList();
        var optional = Checks.Where(c => !c.Ok && !c.Required).Select(c => c.Name).ToList();
        return Status switch
        {
            MonitorStatus.Error => MonitorResult.Error(
                $"checks failed: {string.Join(", ", required.Concat(optional))}" + (optional.Count > 0 ? $" (optional: {string.Join(", ", optional)})" : ""), metadata),
            MonitorStatus.Warning => MonitorResult.Warning($"optional checks failed: {string.Join(", ", optional)}", metadata),
            _ => MonitorResult.Success(metadata),
        };
    }

    public JsonObject ToMetadata()
    {
        var checks = new JsonObject();
        foreach (var check in Checks)
        {
            var line = new JsonObject { ["ok"] = check.Ok, ["ms"] = check.Ms, ["required"] = check.Required };
            if (check.Detail is not null)
            {
                line["detail"] = check.Detail;
            }

            if (check.Error is not null)
            {
                line["error"] = check.Error;
            }

            checks[check.Name] = line;
        }

        var notConfigured = new JsonObject();
        foreach (var (name, reason) in NotConfigured)
        {
            notConfigured[name] = reason;
        }

        return new JsonObject
        {
            ["checks"] = checks,
            ["not_configured"] = notConfigured,
            ["failed"] = new JsonArray([.. Checks.Where(c => !c.Ok).Select(c => (JsonNode?)c.Name)]),
        };
    }

    /// <summary>The report read back from an <c>operations_monitor</c> row's metadata; what it cannot read is left out.</summary>
    public static SelfTestReport FromMetadata(JsonObject? metadata)
    {
        var checks = new List<SelfCheckResult>();
        if (metadata?["checks"] is JsonObject lines)
        {
            foreach (var (name, node) in lines)
            {
                if (node is JsonObject line)
                {
                    checks.Add(new SelfCheckResult(
                        name,
                        line["ok"] is JsonValue ok && ok.TryGetValue<bool>(out var passed) && passed,
                        line["required"] is JsonValue required && required.TryGetValue<bool>(out var isRequired) && isRequired,
                        line["ms"] is JsonValue ms && double.TryParse(ms.ToString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : 0,
                        (string?)(line["detail"] as JsonValue),
                        (string?)(line["error"] as JsonValue)));
                }
            }
        }

        var notConfigured = new Dictionary<string, string>(StringComparer.Ordinal);
        if (metadata?["not_configured"] is JsonObject skipped)
        {
            foreach (var (name, node) in skipped)
            {
                notConfigured[name] = node is JsonValue reason && reason.TryGetValue<string>(out var text) ? text : "";
            }
        }

        return new SelfTestReport(checks, notConfigured);
    }
}
