using System.ComponentModel.DataAnnotations;

namespace MonitorCore.Alerts;

/// <summary>The <c>Notifications:Alerting</c> section: how alerts become notifications.</summary>
public sealed class AlertingOptions
{
    public const string Section = "Notifications:Alerting";

    /// <summary>After a voice call, no call for another alert until this has passed (<c>phone_relax_seconds</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan PhoneRelax { get; set; } = TimeSpan.FromSeconds(900);

    /// <summary>An unacknowledged HIGH alert repeats its call this often (<c>escalation_interval</c>).</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan EscalationInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The fraction of a rule's band a value must move back before its level is left.</summary>
    [Range(0.0, 1.0)]
    public double Hysteresis { get; set; } = 0.1;

    /// <summary>Announce resolves (by the level's channels, without calls or sounds).</summary>
    public bool NotifyOnResolve { get; set; } = true;
}
